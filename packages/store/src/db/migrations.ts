/**
 * One schema change. `sql` is a script that runs unchanged on SQLite and PostgreSQL: TEXT ids (UUIDs), BIGINT
 * epoch-millisecond timestamps, INTEGER 0/1 booleans, JSON as TEXT (`*_json` columns).
 * @public
 */
export interface Migration {
  /** Position in the sequence, starting at 1 with no gaps. Never reused or edited once released. */
  readonly version: number;
  /** A short name for the `schema_migrations` table and error messages. */
  readonly name: string;
  readonly sql: string;
}

const initialSchema = `
CREATE TABLE users (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  is_admin INTEGER NOT NULL DEFAULT 0 CHECK (is_admin IN (0, 1)),
  created_at BIGINT NOT NULL
);

CREATE TABLE api_tokens (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  token_hash TEXT NOT NULL UNIQUE,
  label TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  revoked_at BIGINT
);
CREATE INDEX api_tokens_user_idx ON api_tokens (user_id);

CREATE TABLE projects (
  id TEXT PRIMARY KEY,
  owner_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX projects_owner_idx ON projects (owner_id, created_at);

CREATE TABLE models (
  id TEXT PRIMARY KEY,
  project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  display_name TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  size_bytes BIGINT NOT NULL,
  artifact_key TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('validating', 'ready', 'failed')),
  error_code TEXT,
  error_message TEXT,
  created_at BIGINT NOT NULL
);
CREATE INDEX models_project_idx ON models (project_id, created_at);

CREATE TABLE datasets (
  id TEXT PRIMARY KEY,
  project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  display_name TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  artifact_key TEXT NOT NULL,
  kind TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX datasets_project_idx ON datasets (project_id, created_at);

CREATE TABLE jobs (
  id TEXT PRIMARY KEY CHECK (id NOT LIKE '%:%'),
  project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  payload_json TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
  attempt INTEGER NOT NULL DEFAULT 0,
  progress DOUBLE PRECISION NOT NULL DEFAULT 0 CHECK (progress >= 0 AND progress <= 1),
  result_json TEXT,
  error_code TEXT,
  error_message TEXT,
  created_at BIGINT NOT NULL,
  started_at BIGINT,
  finished_at BIGINT,
  idempotency_key TEXT,
  log_seq INTEGER NOT NULL DEFAULT 0,
  UNIQUE (project_id, idempotency_key)
);
CREATE INDEX jobs_project_idx ON jobs (project_id, created_at);
CREATE INDEX jobs_status_idx ON jobs (status);

CREATE TABLE job_logs (
  job_id TEXT NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  at BIGINT NOT NULL,
  level TEXT NOT NULL CHECK (level IN ('debug', 'info', 'warn', 'error')),
  message TEXT NOT NULL,
  PRIMARY KEY (job_id, seq)
);

CREATE TABLE variants (
  id TEXT PRIMARY KEY,
  project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  model_id TEXT NOT NULL REFERENCES models (id) ON DELETE CASCADE,
  parent_variant_id TEXT REFERENCES variants (id),
  job_id TEXT REFERENCES jobs (id) ON DELETE SET NULL,
  step INTEGER NOT NULL,
  recipe_json TEXT NOT NULL,
  dataset_sha256 TEXT,
  engine_version TEXT NOT NULL,
  metrics_json TEXT NOT NULL,
  artifact_key TEXT,
  sha256 TEXT,
  status TEXT NOT NULL CHECK (status IN ('building', 'ready', 'failed')),
  created_at BIGINT NOT NULL,
  UNIQUE (job_id, step)
);
CREATE INDEX variants_project_idx ON variants (project_id, created_at);
CREATE INDEX variants_model_idx ON variants (model_id);

CREATE TABLE benchmarks (
  id TEXT PRIMARY KEY,
  variant_id TEXT NOT NULL REFERENCES variants (id) ON DELETE CASCADE,
  device TEXT NOT NULL,
  runtime TEXT NOT NULL,
  results_json TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX benchmarks_variant_idx ON benchmarks (variant_id, created_at);
`;

/** The studio server (W3): model analyses, browser sessions, dataset sizes. */
const studioServer = `
ALTER TABLE models ADD COLUMN analysis_key TEXT;
ALTER TABLE variants ADD COLUMN report_json TEXT;

CREATE TABLE sessions (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  token_hash TEXT NOT NULL UNIQUE,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

ALTER TABLE datasets ADD COLUMN size_bytes BIGINT NOT NULL DEFAULT 0;

ALTER TABLE benchmarks ADD COLUMN job_id TEXT;
ALTER TABLE benchmarks ADD COLUMN step INTEGER;
CREATE UNIQUE INDEX benchmarks_job_step_idx ON benchmarks (job_id, step);
`;

/**
 * The migrations this release knows, in order. Append only.
 * @public
 */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'initial-schema', sql: initialSchema },
  { version: 2, name: 'studio-server', sql: studioServer },
];
