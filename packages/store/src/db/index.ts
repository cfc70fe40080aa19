/**
 * The metadata layer: one async query layer over SQLite and PostgreSQL, migrations, and small repositories.
 * @packageDocumentation
 */
export type { Db, Dialect, SqlValue } from './db.ts';
export { DbError, DbErrorCode } from './db-error.ts';
export { openDb, SQLITE_FILE_NAME, type DbConfig } from './open-db.ts';
export { openPostgresDb, type PostgresOptions } from './postgres-db.ts';
export { openSqliteDb } from './sqlite-db.ts';
export { migrate, type MigrateResult } from './migrate.ts';
export { MIGRATIONS, type Migration } from './migrations.ts';
export { UsersRepo, type IssuedToken, type TokenInfo, type User } from './users-repo.ts';
export { ProjectsRepo, type Project } from './projects-repo.ts';
export { ModelsRepo, type Model, type ModelStatus, type NewModel } from './models-repo.ts';
export { VariantsRepo, type NewVariant, type Variant, type VariantStatus } from './variants-repo.ts';
export { JobsRepo, type Job, type JobStatus, type JobTransition, type NewJob } from './jobs-repo.ts';
export { JobLogsRepo, type JobLogEntry, type LogLevel } from './job-logs-repo.ts';
export { BenchmarksRepo, type Benchmark } from './benchmarks-repo.ts';
export { SessionsRepo, type IssuedSession } from './sessions-repo.ts';
export { DatasetsRepo, type Dataset } from './datasets-repo.ts';
