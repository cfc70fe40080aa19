/** The bounds of JobReporter on a real SQLite database: log cap, line truncation, message throttling, lost rows. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobLogsRepo, JobsRepo, migrate } from '@whittle/store';
import { JobReporter, MAX_LOG_LINES, MAX_LOG_LINE_CHARS } from '../../src/jobs/job-reporter.ts';
import { silentLogger } from '../../src/logger.ts';
import { pathRedactor } from '../../src/redact.ts';
import { sqliteDatabase, type TestDatabase } from '../support/databases.ts';
import { Studio, randomPrefix, removeDir, tempDataDir } from '../support/harness.ts';

let dataDir: string;
let database: TestDatabase;
let studio: Studio;
let projectId: string;

beforeAll(async () => {
  dataDir = tempDataDir('reporter');
  database = sqliteDatabase(dataDir);
  await migrate(database.db);
  studio = new Studio(database.db, dataDir, randomPrefix());
  projectId = await studio.project();
});

afterAll(async () => {
  await studio.close();
  await database.cleanup();
  await removeDir(dataDir);
});

async function runningJob(): Promise<string> {
  const job = await studio.createJob(projectId, 'benchmark', {}, false);
  await studio.jobs.transition(job.id, { from: ['queued'], to: 'running', attempt: 1 });
  return job.id;
}

function reporter(jobId: string, onLost = (): void => undefined): JobReporter {
  const redact = pathRedactor([dataDir]);
  return new JobReporter({ jobs: new JobsRepo(database.db), logs: new JobLogsRepo(database.db), jobId, attempt: 1, logger: silentLogger, onLost, redact });
}

describe('JobReporter', () => {
  it('caps the lines of a delivery, says so once, truncates long lines and removes host paths', async () => {
    const jobId = await runningJob();
    const report = reporter(jobId);
    report.log('info', `read ${dataDir}/work/model.onnx`);
    report.log('warn', 'x'.repeat(MAX_LOG_LINE_CHARS + 500));
    for (let i = 0; i < MAX_LOG_LINES + 200; i++) report.log('info', `line ${String(i)}`);
    await report.flush();
    const lines = await studio.logs.listSince(jobId, 0, 5000);
    expect(lines).toHaveLength(MAX_LOG_LINES + 1);
    expect(lines[0]?.message).toBe('read <path>/work/model.onnx');
    expect(lines[1]?.message).toHaveLength(MAX_LOG_LINE_CHARS + 1);
    expect(lines.at(-1)?.message).toMatch(/more log lines were dropped/);
  });

  it('logs a new kind of progress message at once and a ticking counter rarely; writes the latest progress', async () => {
    const jobId = await runningJob();
    const report = reporter(jobId);
    report.progress(0.1, 'decoding');
    for (let i = 1; i <= 300; i++) report.progress(0.1 + i / 1000, `run ${String(i)}`);
    report.progress(0.5, 'measuring memory');
    report.progress(0.4);
    await report.flush();
    expect((await studio.logs.listSince(jobId)).map((line) => line.message)).toEqual(['decoding', 'run 1', 'measuring memory']);
    expect((await studio.jobs.get(jobId))?.progress).toBe(0.5);
  });

  it('calls onLost once when the row is no longer this attempt\'s running job', async () => {
    const jobId = await runningJob();
    let lost = 0;
    const report = reporter(jobId, () => {
      lost += 1;
    });
    await studio.cancel(jobId);
    report.progress(0.2);
    report.progress(0.9);
    await report.flush();
    expect(lost).toBe(1);
    expect((await studio.jobs.get(jobId))?.status).toBe('cancelled');
  });
});
