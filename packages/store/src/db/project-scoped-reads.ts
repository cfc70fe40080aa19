import type { Db } from './db.ts';

/** How one project-owned table is read: its name, alias, selected columns and row mapping. */
export interface ProjectScopedTable<Row extends object, T> {
  readonly table: string;
  /** The alias `columns` are qualified with (`m` in `m.id, m.project_id`). */
  readonly alias: string;
  readonly columns: string;
  readonly toValue: (row: Row) => T;
  /** ORDER BY of `listForProject`, using the alias. */
  readonly listOrder: string;
}

/**
 * The reads every project-owned table (models, variants, jobs) needs: by id for workers, by id for an owner — the
 * ownership check lives here once, as a join on `projects`, and another owner's row reads as absent (the API answers
 * 404, never 403, so ids do not leak) — and a project's rows in the table's order.
 */
export class ProjectScopedReads<Row extends object, T> {
  constructor(
    private readonly db: Db,
    private readonly spec: ProjectScopedTable<Row, T>,
  ) {}

  /** The row by id, without an owner check (workers, reconciler). */
  async get(id: string): Promise<T | undefined> {
    const { table, alias, columns, toValue } = this.spec;
    const row = await this.db.one<Row>(`SELECT ${columns} FROM ${table} ${alias} WHERE ${alias}.id = $1`, [id]);
    return row === undefined ? undefined : toValue(row);
  }

  /** The row when its project belongs to `ownerId`; otherwise `undefined`. */
  async getForOwner(id: string, ownerId: string): Promise<T | undefined> {
    const { table, alias, columns, toValue } = this.spec;
    const row = await this.db.one<Row>(
      `SELECT ${columns} FROM ${table} ${alias} JOIN projects p ON p.id = ${alias}.project_id WHERE ${alias}.id = $1 AND p.owner_id = $2`,
      [id, ownerId],
    );
    return row === undefined ? undefined : toValue(row);
  }

  /** The project's rows in `listOrder`, at most `limit` when given. Callers check project ownership first. */
  async listForProject(projectId: string, limit?: number): Promise<T[]> {
    const { table, alias, columns, toValue, listOrder } = this.spec;
    const rows =
      limit === undefined
        ? await this.db.query<Row>(`SELECT ${columns} FROM ${table} ${alias} WHERE ${alias}.project_id = $1 ORDER BY ${listOrder}`, [projectId])
        : await this.db.query<Row>(`SELECT ${columns} FROM ${table} ${alias} WHERE ${alias}.project_id = $1 ORDER BY ${listOrder} LIMIT $2`, [projectId, limit]);
    return rows.map(toValue);
  }
}
