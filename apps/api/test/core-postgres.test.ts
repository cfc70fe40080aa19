import { describe } from 'vitest';
import { defineCoreRouteSuite } from './core/core-suite.ts';
import { postgresDatabases } from './helpers/databases.ts';

describe('core routes on PostgreSQL', () => {
  defineCoreRouteSuite(postgresDatabases);
});
