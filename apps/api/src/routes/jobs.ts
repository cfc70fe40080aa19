import { z } from 'zod';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import {
  createJobBodySchema,
  idParamsSchema,
  jobDtoSchema,
  jobLogDtoSchema,
  projectParamsSchema,
} from '@whittle/shared';
import { conflict, invalid, notFound } from '../http/api-error.ts';
import { idempotencyHeadersSchema } from '../http/idempotency.ts';
import { errorResponses } from '../http/openapi-responses.ts';
import { JOB_CANCELLED } from '../jobs/job-codes.ts';
import { callerOf } from '../plugins/auth.ts';
import { ownedJob, ownedProject } from '../owned.ts';
import { jobDto, jobLogDto } from '../dto.ts';

const logsQuerySchema = z.strictObject({
  /** Lines after this seq (0: from the start). */
  after: z.coerce.number().int().min(0).max(2 ** 31).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
});

/**
 * Jobs: create (prune, benchmark, recipe — `analyze` is created by uploads), list, read, cancel, retry, logs. The
 * database row is the truth; Redis only delivers `{ jobId }`, and a failed enqueue leaves the row `queued` for the
 * worker's reconciler (an outbox), so these routes answer even while Redis is down.
 * @public
 */
export const jobRoutes: FastifyPluginCallbackZod = (app, _options, done) => {
  const { jobs, jobLogs, variants } = app.repos;

  app.post(
    '/api/projects/:projectId/jobs',
    {
      schema: {
        summary: 'Create a prune, benchmark or recipe job on a ready variant of the project',
        description:
          'The same `Idempotency-Key` header (or body `idempotencyKey`) in a project returns the first job (200) instead of ' +
          'creating another (201). Parameters are validated here and again by the worker; unknown keys are refused.',
        tags: ['jobs'],
        params: projectParamsSchema,
        headers: idempotencyHeadersSchema,
        body: createJobBodySchema,
        response: { 200: jobDtoSchema, 201: jobDtoSchema, ...errorResponses(400, 401, 403, 404, 409, 415) },
      },
    },
    async (request, reply) => {
      const user = callerOf(request);
      const project = await ownedProject(app, user, request.params.projectId);
      const body = request.body;
      const headerKey = request.headers['idempotency-key'];
      if (headerKey !== undefined && body.idempotencyKey !== undefined && headerKey !== body.idempotencyKey) {
        throw invalid('headers/idempotency-key: differs from body/idempotencyKey; send one of them');
      }
      // The source must be a ready variant of this very project; another owner's variant reads as missing.
      const source = await variants.getForOwner(body.params.variantId, user.id);
      if (source === undefined || source.projectId !== project.id) throw notFound('variant');
      if (source.status !== 'ready') throw conflict(`The source variant is ${source.status}; jobs need a ready variant`);

      const { job, created } = await jobs.create({
        projectId: project.id,
        kind: body.kind,
        payload: body.params,
        idempotencyKey: headerKey ?? body.idempotencyKey ?? null,
      });
      if (created) {
        await app.jobQueues.enqueue(job);
        request.log.info({ jobId: job.id, kind: job.kind }, 'job created');
      }
      return reply.code(created ? 201 : 200).send(jobDto(job));
    },
  );

  app.get(
    '/api/projects/:projectId/jobs',
    {
      schema: {
        summary: "A project's jobs, newest first (at most 100)",
        tags: ['jobs'],
        params: projectParamsSchema,
        response: { 200: z.array(jobDtoSchema), ...errorResponses(400, 401, 404) },
      },
    },
    async (request) => {
      const project = await ownedProject(app, callerOf(request), request.params.projectId);
      return (await jobs.listForProject(project.id)).map(jobDto);
    },
  );

  app.get(
    '/api/jobs/:id',
    {
      schema: {
        summary: 'One job: status, attempt, progress, result or error',
        tags: ['jobs'],
        params: idParamsSchema,
        response: { 200: jobDtoSchema, ...errorResponses(400, 401, 404) },
      },
    },
    async (request) => jobDto(await ownedJob(app, callerOf(request), request.params.id)),
  );

  app.post(
    '/api/jobs/:id/cancel',
    {
      schema: {
        summary: 'Cancel a queued or running job',
        description: 'The row moves to cancelled at once; running workers are told over Redis (best effort: they also stop at their next progress write). 409 once the job has ended.',
        tags: ['jobs'],
        params: idParamsSchema,
        response: { 200: jobDtoSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const job = await ownedJob(app, callerOf(request), request.params.id);
      const changed = await jobs.transition(job.id, { from: ['queued', 'running'], to: 'cancelled', error: JOB_CANCELLED });
      const current = (await jobs.get(job.id)) ?? job;
      if (!changed) throw conflict(`The job is ${current.status}; only a queued or running job can be cancelled`);
      await Promise.all([app.jobQueues.publishCancel(job.id), app.jobQueues.remove(job)]);
      request.log.info({ jobId: job.id }, 'job cancelled');
      return jobDto(current);
    },
  );

  app.post(
    '/api/jobs/:id/retry',
    {
      schema: {
        summary: 'Run a failed or cancelled job again',
        description: 'The row goes back to queued (attempt history is kept) and the job is enqueued under the same id. 409 unless failed or cancelled.',
        tags: ['jobs'],
        params: idParamsSchema,
        response: { 200: jobDtoSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const job = await ownedJob(app, callerOf(request), request.params.id);
      const changed = await jobs.transition(job.id, { from: ['failed', 'cancelled'], to: 'queued' });
      const current = (await jobs.get(job.id)) ?? job;
      if (!changed) throw conflict(`The job is ${current.status}; only a failed or cancelled job can be retried`);
      // A finished BullMQ job with this id would make the add a no-op; it is normally gone already (removeOnFail).
      await app.jobQueues.remove(job);
      await app.jobQueues.enqueue(current);
      request.log.info({ jobId: job.id }, 'job retried');
      return jobDto(current);
    },
  );

  app.get(
    '/api/jobs/:id/logs',
    {
      schema: {
        summary: "A job's log lines after a seq",
        tags: ['jobs'],
        params: idParamsSchema,
        querystring: logsQuerySchema,
        response: { 200: z.array(jobLogDtoSchema), ...errorResponses(400, 401, 404) },
      },
    },
    async (request) => {
      const job = await ownedJob(app, callerOf(request), request.params.id);
      return (await jobLogs.listSince(job.id, request.query.after, request.query.limit)).map(jobLogDto);
    },
  );
  done();
};
