/** The processor suite on PostgreSQL (DATABASE_URL deployments): one fresh schema for this file, dropped afterwards. */
import { postgresDatabase } from '../support/databases.ts';
import { defineProcessorSuite } from './suite.ts';

defineProcessorSuite(() => postgresDatabase());
