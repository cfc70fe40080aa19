import { describe } from 'vitest';
import { defineCoreRouteSuite } from './core/core-suite.ts';
import { sqliteDatabases } from './helpers/databases.ts';

describe('core routes on SQLite', () => {
  defineCoreRouteSuite(sqliteDatabases);
});
