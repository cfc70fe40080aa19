import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BenchmarksRepo,
  DatasetsRepo,
  SessionsRepo,
  DbErrorCode,
  JobLogsRepo,
  JobsRepo,
  MIGRATIONS,
  ModelsRepo,
  ProjectsRepo,
  UsersRepo,
  VariantsRepo,
  migrate,
  type Db,
  type DbError,
} from '../../src/index.ts';
import type { Harness } from './harness.ts';

/** Rejects unless the promise fails with a {@link DbError} carrying `code`. */
async function expectDbError(promise: Promise<unknown>, code: DbErrorCode): Promise<void> {
  await expect(promise).rejects.toMatchObject({ name: 'DbError', code } satisfies Partial<DbError>);
}

/** A user, a project and a model: the parents most rows need. */
async function seed(db: Db, name = 'ada'): Promise<{ userId: string; projectId: string; modelId: string }> {
  const user = await new UsersRepo(db).createUser({ name });
  const project = await new ProjectsRepo(db).create({ ownerId: user.id, name: `${name}'s project` });
  const model = await new ModelsRepo(db).create({
    projectId: project.id,
    displayName: 'det.onnx',
    sha256: 'a'.repeat(64),
    sizeBytes: 5_000_000_000,
    artifactKey: 'b'.repeat(64),
  });
  return { userId: user.id, projectId: project.id, modelId: model.id };
}

/**
 * The metadata-layer suite. Each dialect's test file runs it unchanged against a real database, so SQL that
 * works on one dialect only fails here.
 */
export function defineDbSuite(makeHarness: () => Harness): void {
  const harness = makeHarness();
  /** A migrated database shared by the tests that do not need an empty one; they create their own users. */
  let db: Db;

  beforeAll(async () => {
    db = await harness.fresh();
    await migrate(db);
  });
  afterAll(() => harness.cleanup());

  describe('migrations', () => {
    it('apply once, record the version and are idempotent on restart', async () => {
      const fresh = await harness.fresh();
      expect(await migrate(fresh)).toEqual({ applied: [1, 2], version: 2 });
      expect(await migrate(fresh)).toEqual({ applied: [], version: 2 });
      const restarted = await harness.sibling(fresh);
      expect(await migrate(restarted)).toEqual({ applied: [], version: 2 });
      const rows = await fresh.query<{ version: number; name: string }>('SELECT version, name FROM schema_migrations ORDER BY version');
      expect(rows).toEqual([
        { version: 1, name: 'initial-schema' },
        { version: 2, name: 'studio-server' },
      ]);
    });

    it('take turns when two processes start at once', async () => {
      const first = await harness.fresh();
      const second = await harness.sibling(first);
      const results = await Promise.all([migrate(first), migrate(second)]);
      expect(results.flatMap((result) => result.applied)).toEqual([1, 2]);
    });

    it('refuse a schema newer than the code knows', async () => {
      const fresh = await harness.fresh();
      await migrate(fresh);
      await fresh.exec('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [MIGRATIONS.length + 1, 'from-the-future', 0]);
      await expectDbError(migrate(fresh), DbErrorCode.SchemaTooNew);
    });

    it('roll back entirely when a migration fails', async () => {
      const fresh = await harness.fresh();
      await migrate(fresh);
      const broken = [
        ...MIGRATIONS,
        { version: MIGRATIONS.length + 1, name: 'half-done', sql: 'CREATE TABLE half_done (a INTEGER); SELECT no_such_column FROM users;' },
      ];
      await expectDbError(migrate(fresh, broken), DbErrorCode.MigrationFailed);
      const versions = await fresh.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
      expect(versions).toEqual(MIGRATIONS.map((m) => ({ version: m.version })));
      await expect(fresh.query('SELECT * FROM half_done')).rejects.toThrow();
    });
  });

  describe('query layer', () => {
    it('rolls back a failed transaction and keeps savepoint rollbacks local', async () => {
      const users = new UsersRepo(db);
      await expect(
        db.transaction(async (tx) => {
          await new UsersRepo(tx).createUser({ name: 'ghost' });
          throw new Error('abort');
        }),
      ).rejects.toThrow('abort');
      const kept = await db.transaction(async (tx) => {
        const outer = await new UsersRepo(tx).createUser({ name: 'kept' });
        await tx
          .transaction(async (inner) => {
            await new UsersRepo(inner).createUser({ name: 'inner-ghost' });
            throw new Error('inner abort');
          })
          .catch(() => undefined);
        return outer;
      });
      expect(await users.getUser(kept.id)).toEqual(kept);
      const ghosts = await db.query('SELECT id FROM users WHERE name IN ($1, $2)', ['ghost', 'inner-ghost']);
      expect(ghosts).toEqual([]);
    });

    it('returns BIGINT timestamps and sizes as numbers, booleans as booleans', async () => {
      const { userId, modelId } = await seed(db, 'types');
      const model = await new ModelsRepo(db).get(modelId);
      expect(model?.sizeBytes).toBe(5_000_000_000);
      expect(typeof model?.createdAt).toBe('number');
      const admin = await new UsersRepo(db).createUser({ name: 'root', isAdmin: true });
      expect(admin.isAdmin).toBe(true);
      expect((await new UsersRepo(db).getUser(admin.id))?.isAdmin).toBe(true);
      expect((await new UsersRepo(db).getUser(userId))?.isAdmin).toBe(false);
      const count = await db.one<{ n: number }>('SELECT COUNT(*) AS n FROM users WHERE id = $1 OR id = $1', [userId]);
      expect(count).toEqual({ n: 1 });
    });
  });

  describe('users and tokens', () => {
    it('stores only the hash, verifies, and stops verifying after revocation', async () => {
      const users = new UsersRepo(db);
      const alice = await users.createUser({ name: 'alice' });
      const bob = await users.createUser({ name: 'bob' });
      const issued = await users.issueToken(alice.id, 'laptop');
      expect(issued.token).toMatch(/^wht_[A-Za-z0-9_-]{43}$/);

      const stored = await db.query<Record<string, unknown>>('SELECT * FROM api_tokens WHERE id = $1', [issued.id]);
      expect(stored[0]?.['token_hash']).toBe(createHash('sha256').update(issued.token).digest('hex'));
      expect(JSON.stringify(stored)).not.toContain(issued.token.slice(4));

      expect(await users.verifyToken(issued.token)).toEqual(alice);
      expect(await users.verifyToken(`${issued.token.slice(0, -1)}${issued.token.endsWith('A') ? 'B' : 'A'}`)).toBeUndefined();
      expect(await users.verifyToken('')).toBeUndefined();

      expect(await users.revokeToken(issued.id, bob.id)).toBe(false);
      expect(await users.verifyToken(issued.token)).toEqual(alice);
      expect(await users.revokeToken(issued.id, alice.id)).toBe(true);
      expect(await users.verifyToken(issued.token)).toBeUndefined();
      expect(await users.revokeToken(issued.id, alice.id)).toBe(false);
      const listed = await users.listTokens(alice.id);
      expect(listed).toHaveLength(1);
      expect(listed[0]?.revokedAt).toEqual(expect.any(Number));
    });
  });

  describe('ownership', () => {
    it("hides another user's project, model, variant and job", async () => {
      const { userId: ownerId, projectId, modelId } = await seed(db, 'owner');
      const intruder = await new UsersRepo(db).createUser({ name: 'intruder' });
      const projects = new ProjectsRepo(db);
      expect((await projects.getForOwner(projectId, ownerId))?.id).toBe(projectId);
      expect(await projects.getForOwner(projectId, intruder.id)).toBeUndefined();
      expect(await projects.listForOwner(intruder.id)).toEqual([]);
      expect((await projects.listForOwner(ownerId)).map((project) => project.id)).toEqual([projectId]);

      const models = new ModelsRepo(db);
      expect((await models.getForOwner(modelId, ownerId))?.id).toBe(modelId);
      expect(await models.getForOwner(modelId, intruder.id)).toBeUndefined();

      const { variant } = await new VariantsRepo(db).create({ projectId, modelId, step: 0, recipe: [], engineVersion: '0.1.0' });
      expect(await new VariantsRepo(db).getForOwner(variant.id, intruder.id)).toBeUndefined();
      const { job } = await new JobsRepo(db).create({ projectId, kind: 'analyze', payload: {} });
      expect(await new JobsRepo(db).getForOwner(job.id, intruder.id)).toBeUndefined();
      expect((await new JobsRepo(db).getForOwner(job.id, ownerId))?.id).toBe(job.id);
    });
  });

  describe('models', () => {
    it('leave validating exactly once', async () => {
      const { modelId } = await seed(db, 'validator');
      const models = new ModelsRepo(db);
      expect((await models.get(modelId))?.status).toBe('validating');
      expect(await models.markFailed(modelId, { code: 'ENGINE_ERR_X', message: 'not ONNX' })).toBe(true);
      expect(await models.markReady(modelId)).toBe(false);
      expect(await models.get(modelId)).toMatchObject({ status: 'failed', errorCode: 'ENGINE_ERR_X', errorMessage: 'not ONNX' });
    });
  });

  describe('jobs', () => {
    it('let exactly one of two concurrent deliveries start a job', async () => {
      const { projectId } = await seed(db, 'racer');
      const jobs = new JobsRepo(db);
      const other = new JobsRepo(await harness.sibling(db));
      for (let round = 0; round < 5; round += 1) {
        const { job } = await jobs.create({ projectId, kind: 'prune', payload: { round } });
        expect(job.id).not.toContain(':');
        const outcomes = await Promise.all([
          jobs.transition(job.id, { from: ['queued'], to: 'running', attempt: 1 }),
          other.transition(job.id, { from: ['queued'], to: 'running', attempt: 1 }),
        ]);
        expect(outcomes.filter(Boolean)).toHaveLength(1);
        const started = await jobs.get(job.id);
        expect(started).toMatchObject({ status: 'running', attempt: 1 });
        expect(typeof started?.startedAt).toBe('number');
      }
    });

    it('ignore a stale attempt, record outcomes and allow a retry', async () => {
      const { projectId } = await seed(db, 'retrier');
      const jobs = new JobsRepo(db);
      const { job } = await jobs.create({ projectId, kind: 'quantize', payload: { bits: 8 } });
      expect(job).toMatchObject({ status: 'queued', attempt: 0, progress: 0, result: null, startedAt: null });
      expect(await jobs.transition(job.id, { from: ['queued'], to: 'running', attempt: 1 })).toBe(true);
      expect(await jobs.setProgress(job.id, 0.5, 1)).toBe(true);
      expect(await jobs.setProgress(job.id, 0.6, 2)).toBe(false);
      expect((await jobs.get(job.id))?.progress).toBe(0.5);
      await expect(jobs.setProgress(job.id, 1.5)).rejects.toThrow(RangeError);

      const failure = { code: 'ENGINE_ERR_OOM', message: 'out of memory' };
      expect(await jobs.transition(job.id, { from: ['running'], to: 'failed', ifAttempt: 2, error: failure })).toBe(false);
      expect(await jobs.transition(job.id, { from: ['running'], to: 'failed', ifAttempt: 1, error: failure })).toBe(true);
      const failed = await jobs.get(job.id);
      expect(failed).toMatchObject({ status: 'failed', errorCode: 'ENGINE_ERR_OOM', errorMessage: 'out of memory' });
      expect(typeof failed?.finishedAt).toBe('number');
      expect(await jobs.transition(job.id, { from: ['queued'], to: 'running', attempt: 2 })).toBe(false);

      expect(await jobs.transition(job.id, { from: ['failed', 'cancelled'], to: 'queued' })).toBe(true);
      expect(await jobs.get(job.id)).toMatchObject({ status: 'queued', errorCode: null, finishedAt: null, progress: 0 });
      expect(await jobs.transition(job.id, { from: ['queued'], to: 'running', attempt: 2 })).toBe(true);
      const result = { variantIds: ['v1'], bytesSaved: 1234, ratio: 0.25, note: 'ünïcode ✓', nested: { ok: true, none: null } };
      expect(await jobs.transition(job.id, { from: ['running'], to: 'succeeded', ifAttempt: 2, result })).toBe(true);
      expect(await jobs.get(job.id)).toMatchObject({ status: 'succeeded', attempt: 2, progress: 1, result });
      expect((await jobs.listByStatus(['queued', 'running'])).map((row) => row.id)).not.toContain(job.id);
      expect((await jobs.listByStatus(['succeeded'])).map((row) => row.id)).toContain(job.id);
    });

    it('dedupe by idempotency key within a project only', async () => {
      const { projectId } = await seed(db, 'idem');
      const { projectId: otherProject } = await seed(db, 'idem-other');
      const jobs = new JobsRepo(db);
      const first = await jobs.create({ projectId, kind: 'prune', payload: { a: 1 }, idempotencyKey: 'k1' });
      const again = await jobs.create({ projectId, kind: 'prune', payload: { a: 2 }, idempotencyKey: 'k1' });
      expect(first.created).toBe(true);
      expect(again).toEqual({ job: first.job, created: false });
      expect((await jobs.create({ projectId: otherProject, kind: 'prune', payload: {}, idempotencyKey: 'k1' })).created).toBe(true);
      const unkeyed = await Promise.all([1, 2].map(() => jobs.create({ projectId, kind: 'prune', payload: {} })));
      expect(unkeyed.every((outcome) => outcome.created)).toBe(true);
      expect((await jobs.listForProject(projectId)).length).toBe(3);
    });
  });

  describe('job logs', () => {
    it('number lines 1, 2, 3… per job even under concurrent appends and page by seq', async () => {
      const { projectId } = await seed(db, 'logger');
      const jobs = new JobsRepo(db);
      const logs = new JobLogsRepo(db);
      const { job } = await jobs.create({ projectId, kind: 'benchmark', payload: {} });
      const { job: otherJob } = await jobs.create({ projectId, kind: 'benchmark', payload: {} });
      expect(await logs.append(job.id, 'info', 'first')).toBe(1);
      expect(await logs.append(otherJob.id, 'info', 'other first')).toBe(1);
      expect(await logs.append(job.id, 'warn', 'second')).toBe(2);
      const other = new JobLogsRepo(await harness.sibling(db));
      const concurrent = await Promise.all(
        Array.from({ length: 10 }, (_, index) => (index % 2 === 0 ? logs : other).append(job.id, 'debug', `line ${index}`)),
      );
      expect([...concurrent].sort((a, b) => a - b)).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);

      const all = await logs.listSince(job.id);
      expect(all.map((entry) => entry.seq)).toEqual(Array.from({ length: 12 }, (_, index) => index + 1));
      expect(all.slice(0, 2).map((entry) => [entry.level, entry.message])).toEqual([
        ['info', 'first'],
        ['warn', 'second'],
      ]);
      expect((await logs.listSince(job.id, 10)).map((entry) => entry.seq)).toEqual([11, 12]);
      expect((await logs.listSince(job.id, 0, 3)).map((entry) => entry.seq)).toEqual([1, 2, 3]);
      await expect(logs.append('no-such-job', 'info', 'x')).rejects.toThrow('does not exist');
    });
  });

  describe('variants and benchmarks', () => {
    it('keep lineage, create once per job step and round-trip JSON', async () => {
      const { projectId, modelId } = await seed(db, 'lineage');
      const { job } = await new JobsRepo(db).create({ projectId, kind: 'recipe', payload: {} });
      const variants = new VariantsRepo(db);
      const recipe = [{ op: 'prune', ratio: 0.3, groups: ['conv1', 'conv2'] }, { op: 'quantize', bits: 8 }];
      const base = await variants.create({ projectId, modelId, jobId: job.id, step: 0, recipe, engineVersion: '0.1.0' });
      const input = {
        projectId,
        modelId,
        parentVariantId: base.variant.id,
        jobId: job.id,
        step: 1,
        recipe,
        datasetSha256: 'c'.repeat(64),
        engineVersion: '0.1.0',
      };
      const child = await variants.create(input);
      const redelivered = await variants.create(input);
      expect(child.created).toBe(true);
      expect(redelivered).toEqual({ variant: child.variant, created: false });
      expect(child.variant).toMatchObject({ parentVariantId: base.variant.id, step: 1, recipe, status: 'building', sha256: null });

      const metrics = { top1: 0.7512, latencyMs: { p50: 1.5, p99: 3.25 }, labels: ['ä', '日本'] };
      const ready = { artifactKey: 'd'.repeat(64), sha256: 'e'.repeat(64), metrics };
      expect(await variants.markReady(child.variant.id, ready)).toBe(true);
      expect(await variants.markReady(child.variant.id, ready)).toBe(false);
      expect(await variants.get(child.variant.id)).toMatchObject({ status: 'ready', metrics, sha256: 'e'.repeat(64) });
      expect(await variants.markFailed(base.variant.id)).toBe(true);
      expect((await variants.listForProject(projectId)).map((variant) => variant.id).sort()).toEqual(
        [base.variant.id, child.variant.id].sort(),
      );

      const benchmarks = new BenchmarksRepo(db);
      const results = { threads: [1, 4], p50: 1.2, p90: 1.4, p99: 2, throughput: 812.5, cpu: 'x86 ✓', cuda: false };
      const created = await benchmarks.create({ variantId: child.variant.id, device: 'cpu-0', runtime: 'ort 1.22', results });
      expect(await benchmarks.listForVariant(child.variant.id)).toEqual([created]);
      expect(created.results).toEqual(results);
    });
  });
  describe('studio server additions (migration 2)', () => {
    it('record the analysis artifact when a model becomes ready, and find its original variant', async () => {
      const { projectId, modelId } = await seed(db, 'analyst');
      const models = new ModelsRepo(db);
      expect(await models.markReady(modelId, { analysisKey: 'c'.repeat(64) })).toBe(true);
      expect(await models.get(modelId)).toMatchObject({ status: 'ready', analysisKey: 'c'.repeat(64) });
      const variants = new VariantsRepo(db);
      expect(await variants.originalOf(modelId)).toBeUndefined();
      const original = await variants.create({ projectId, modelId, step: 0, recipe: [], engineVersion: 'test' });
      const child = await variants.create({ projectId, modelId, parentVariantId: original.variant.id, step: 0, recipe: {}, engineVersion: 'test' });
      expect((await variants.originalOf(modelId))?.id).toBe(original.variant.id);
      expect((await variants.listForModel(modelId)).map((v) => v.id).sort()).toEqual([original.variant.id, child.variant.id].sort());
    });

    it('verify sessions until they expire or are deleted, and never accept an API token as a session', async () => {
      const { userId } = await seed(db, 'browser');
      const sessions = new SessionsRepo(db);
      const live = await sessions.create(userId, 60_000);
      expect(live.token).toMatch(/^whs_/);
      expect((await sessions.verify(live.token))?.id).toBe(userId);
      const stored = await db.query<{ token_hash: string }>('SELECT token_hash FROM sessions WHERE id = $1', [live.id]);
      expect(stored[0]?.token_hash).toBe(createHash('sha256').update(live.token).digest('hex'));
      const expired = await sessions.create(userId, -1);
      expect(await sessions.verify(expired.token)).toBeUndefined();
      expect(await sessions.deleteExpired()).toBeGreaterThanOrEqual(1);
      const { token } = await new UsersRepo(db).issueToken(userId, 'cli');
      expect(await sessions.verify(token)).toBeUndefined();
      expect(await sessions.delete(live.token)).toBe(true);
      expect(await sessions.verify(live.token)).toBeUndefined();
      expect(await sessions.delete(live.token)).toBe(false);
    });

    it('scope datasets to their project owner', async () => {
      const { projectId } = await seed(db, 'curator');
      const intruder = await new UsersRepo(db).createUser({ name: 'intruder-d' });
      const datasets = new DatasetsRepo(db);
      const created = await datasets.create({
        projectId,
        displayName: 'calib',
        sha256: 'd'.repeat(64),
        artifactKey: 'd'.repeat(64),
        kind: 'npy-inputs',
        sizeBytes: 1234,
      });
      expect(await datasets.get(created.id)).toEqual(created);
      expect(await datasets.getForOwner(created.id, intruder.id)).toBeUndefined();
      expect(await datasets.listForProject(projectId)).toEqual([created]);
    });

    it('store one benchmark per (job, step) across redeliveries, and list a project\'s benchmarks', async () => {
      const { projectId, modelId } = await seed(db, 'bencher');
      const { variant } = await new VariantsRepo(db).create({ projectId, modelId, step: 0, recipe: [], engineVersion: 'test' });
      const { job } = await new JobsRepo(db).create({ projectId, kind: 'benchmark', payload: {} });
      const benchmarks = new BenchmarksRepo(db);
      const input = { variantId: variant.id, device: 'cpu', runtime: 'ort', results: { p50: 1 }, jobId: job.id, step: 0 };
      const first = await benchmarks.create(input);
      const again = await benchmarks.create({ ...input, results: { p50: 2 } });
      expect(again).toEqual(first);
      const browser1 = await benchmarks.create({ variantId: variant.id, device: 'browser', runtime: 'ort-web', results: {} });
      const browser2 = await benchmarks.create({ variantId: variant.id, device: 'browser', runtime: 'ort-web', results: {} });
      expect(browser1.id).not.toBe(browser2.id);
      expect((await benchmarks.listForProject(projectId)).map((b) => b.id).sort()).toEqual([first.id, browser1.id, browser2.id].sort());
      expect(await benchmarks.get(first.id)).toEqual(first);
    });
  });
}
