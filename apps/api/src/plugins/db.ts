import fp from 'fastify-plugin';
import {
  BenchmarksRepo,
  DatasetsRepo,
  JobLogsRepo,
  JobsRepo,
  migrate,
  ModelsRepo,
  openDb,
  ProjectsRepo,
  SessionsRepo,
  UsersRepo,
  VariantsRepo,
  type Db,
} from '@whittle/store';

/** The repositories over one database handle. @public */
export interface Repos {
  readonly users: UsersRepo;
  readonly sessions: SessionsRepo;
  readonly projects: ProjectsRepo;
  readonly models: ModelsRepo;
  readonly variants: VariantsRepo;
  readonly jobs: JobsRepo;
  readonly jobLogs: JobLogsRepo;
  readonly benchmarks: BenchmarksRepo;
  readonly datasets: DatasetsRepo;
}

/** Repositories bound to `db` (or to a transaction's handle). @public */
export function reposOf(db: Db): Repos {
  return {
    users: new UsersRepo(db),
    sessions: new SessionsRepo(db),
    projects: new ProjectsRepo(db),
    models: new ModelsRepo(db),
    variants: new VariantsRepo(db),
    jobs: new JobsRepo(db),
    jobLogs: new JobLogsRepo(db),
    benchmarks: new BenchmarksRepo(db),
    datasets: new DatasetsRepo(db),
  };
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The metadata database (SQLite or PostgreSQL), migrated at start-up. */
    readonly db: Db;
    readonly repos: Repos;
  }
}

/**
 * Opens the metadata database named by the config, brings its schema up to date before the first request, and
 * closes it with the app.
 * @public
 */
export const dbPlugin = fp(
  async (app) => {
    const db = openDb(app.config.database);
    try {
      await migrate(db);
    } catch (error) {
      await db.close();
      throw error;
    }
    app.decorate('db', db);
    app.decorate('repos', reposOf(db));
    app.addHook('onClose', () => db.close());
  },
  { name: 'whittle-db', dependencies: ['whittle-config'] },
);
