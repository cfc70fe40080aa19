import { describe } from 'vitest';
import { postgresHarness } from './harness.ts';
import { defineDbSuite } from './suite.ts';

describe('metadata on PostgreSQL', () => {
  defineDbSuite(postgresHarness);
});
