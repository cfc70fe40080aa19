import { randomUUID } from 'node:crypto';
import type { Db } from './db.ts';
import { ProjectScopedReads } from './project-scoped-reads.ts';

/**
 * A stored dataset: until W6 defines formats, `kind` is `npy-inputs` (a JSON manifest artifact naming one `.npy`
 * artifact per model input). `artifactKey` is the manifest's key.
 * @public
 */
export interface Dataset {
  readonly id: string;
  readonly projectId: string;
  readonly displayName: string;
  readonly sha256: string;
  readonly artifactKey: string;
  readonly kind: string;
  readonly sizeBytes: number;
  readonly createdAt: number;
}

interface DatasetRow {
  id: string;
  project_id: string;
  display_name: string;
  sha256: string;
  artifact_key: string;
  kind: string;
  size_bytes: number;
  created_at: number;
}

const NAMES = ['id', 'project_id', 'display_name', 'sha256', 'artifact_key', 'kind', 'size_bytes', 'created_at'] as const;
const COLUMNS = NAMES.map((name) => `d.${name}`).join(', ');
const RETURNED = NAMES.join(', ');

function toDataset(row: DatasetRow): Dataset {
  return {
    id: row.id,
    projectId: row.project_id,
    displayName: row.display_name,
    sha256: row.sha256,
    artifactKey: row.artifact_key,
    kind: row.kind,
    sizeBytes: row.size_bytes,
    createdAt: row.created_at,
  };
}

/** Datasets. @public */
export class DatasetsRepo {
  readonly #reads: ProjectScopedReads<DatasetRow, Dataset>;

  constructor(private readonly db: Db) {
    this.#reads = new ProjectScopedReads(db, { table: 'datasets', alias: 'd', columns: COLUMNS, toValue: toDataset, listOrder: 'd.created_at, d.id' });
  }

  get(id: string): Promise<Dataset | undefined> {
    return this.#reads.get(id);
  }

  getForOwner(id: string, ownerId: string): Promise<Dataset | undefined> {
    return this.#reads.getForOwner(id, ownerId);
  }

  listForProject(projectId: string): Promise<Dataset[]> {
    return this.#reads.listForProject(projectId);
  }

  async create(input: Omit<Dataset, 'id' | 'createdAt'>): Promise<Dataset> {
    const row = await this.db.one<DatasetRow>(
      `INSERT INTO datasets (id, project_id, display_name, sha256, artifact_key, kind, size_bytes, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${RETURNED}`,
      [randomUUID(), input.projectId, input.displayName, input.sha256, input.artifactKey, input.kind, input.sizeBytes, Date.now()],
    );
    if (row === undefined) throw new Error('INSERT … RETURNING returned no row');
    return toDataset(row);
  }
}
