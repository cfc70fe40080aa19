import { randomUUID } from 'node:crypto';
import type { Db } from './db.ts';

/**
 * A project: the unit of ownership. Every model, dataset, variant and job belongs to one.
 * @public
 */
export interface Project {
  readonly id: string;
  readonly ownerId: string;
  readonly name: string;
  readonly createdAt: number;
}

interface ProjectRow {
  id: string;
  owner_id: string;
  name: string;
  created_at: number;
}

const COLUMNS = 'id, owner_id, name, created_at';

function toProject(row: ProjectRow): Project {
  return { id: row.id, ownerId: row.owner_id, name: row.name, createdAt: row.created_at };
}

/**
 * Projects, always read through their owner so another user's project is indistinguishable from a missing one.
 * @public
 */
export class ProjectsRepo {
  constructor(private readonly db: Db) {}

  async create(input: { readonly ownerId: string; readonly name: string }): Promise<Project> {
    const row: ProjectRow = { id: randomUUID(), owner_id: input.ownerId, name: input.name, created_at: Date.now() };
    await this.db.exec(`INSERT INTO projects (${COLUMNS}) VALUES ($1, $2, $3, $4)`, [
      row.id,
      row.owner_id,
      row.name,
      row.created_at,
    ]);
    return toProject(row);
  }

  /** The owner's projects, oldest first. */
  async listForOwner(ownerId: string): Promise<Project[]> {
    const rows = await this.db.query<ProjectRow>(
      `SELECT ${COLUMNS} FROM projects WHERE owner_id = $1 ORDER BY created_at, id`,
      [ownerId],
    );
    return rows.map(toProject);
  }

  /** The project when `ownerId` owns it; `undefined` when it is missing or someone else's (the API answers 404). */
  async getForOwner(id: string, ownerId: string): Promise<Project | undefined> {
    const row = await this.db.one<ProjectRow>(`SELECT ${COLUMNS} FROM projects WHERE id = $1 AND owner_id = $2`, [
      id,
      ownerId,
    ]);
    return row === undefined ? undefined : toProject(row);
  }
}
