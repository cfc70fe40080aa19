/** The processor suite on SQLite in the worker's temp data dir (the default deployment). */
import { sqliteDatabase } from '../support/databases.ts';
import { defineProcessorSuite } from './suite.ts';

defineProcessorSuite((dataDir) => sqliteDatabase(dataDir));
