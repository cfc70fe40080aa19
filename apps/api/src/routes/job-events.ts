import { z } from 'zod';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { idParamsSchema } from '@whittle/shared';
import { ApiError, ApiErrorCode } from '../http/api-error.ts';
import { errorResponses } from '../http/openapi-responses.ts';
import { JobEventStream } from '../jobs/job-event-stream.ts';
import { callerOf } from '../plugins/auth.ts';
import { ownedJob } from '../owned.ts';

const eventsQuerySchema = z.strictObject({
  /** Resume after this log seq (the `Last-Event-ID` header wins when both are sent). */
  after: z.coerce.number().int().min(0).max(2 ** 31).optional(),
});

const eventsHeadersSchema = z.looseObject({
  'last-event-id': z
    .string()
    .regex(/^\d{1,10}$/, 'must be a log seq')
    .optional(),
});

/**
 * `GET /api/jobs/:id/events`: Server-Sent Events of a job (see {@link JobEventStream}). Each user may hold a few
 * streams at once; every stream stops when its client goes away and when the server closes.
 * @public
 */
export const jobEventRoutes: FastifyPluginCallbackZod = (app, _options, done) => {
  const { pollMs, heartbeatMs, maxStreamsPerUser } = app.config.events;
  const open = new Map<string, Set<JobEventStream>>();

  // Streams never end by themselves while a job runs: end them, or close() would wait for them.
  app.addHook('preClose', (hookDone) => {
    for (const streams of open.values()) for (const stream of streams) stream.stop();
    hookDone();
  });

  app.get(
    '/api/jobs/:id/events',
    {
      schema: {
        summary: "A job's progress and logs as Server-Sent Events",
        description:
          '`event: job` (a JobDto) when status, attempt or progress changes; `event: log` (a JobLogDto, `id:` = its seq) ' +
          'per log line; `event: end` after the terminal state and its last lines, then the stream closes. Resume with ' +
          '`Last-Event-ID` or `?after=<seq>`. Comment lines every 15 s keep the connection alive.',
        tags: ['jobs'],
        params: idParamsSchema,
        querystring: eventsQuerySchema,
        headers: eventsHeadersSchema,
        produces: ['text/event-stream'],
        response: {
          200: { description: 'The event stream', content: { 'text/event-stream': { schema: z.string() } } },
          ...errorResponses(400, 401, 404, 429),
        },
      },
    },
    async (request, reply) => {
      const user = callerOf(request);
      const job = await ownedJob(app, user, request.params.id);
      const mine = open.get(user.id) ?? new Set<JobEventStream>();
      if (mine.size >= maxStreamsPerUser) {
        throw new ApiError(429, ApiErrorCode.RateLimited, `At most ${maxStreamsPerUser} event streams may be open at once`, { 'retry-after': '5' });
      }
      const resumeHeader = request.headers['last-event-id'];
      const after = resumeHeader === undefined ? (request.query.after ?? 0) : Number(resumeHeader);
      const stream = new JobEventStream(job.id, after, { jobs: app.repos.jobs, logs: app.repos.jobLogs, log: request.log, pollMs, heartbeatMs });

      mine.add(stream);
      open.set(user.id, mine);
      stream.onStop(() => {
        mine.delete(stream);
        if (mine.size === 0 && open.get(user.id) === mine) open.delete(user.id);
      });
      // The client went away (or the response ended): stop polling at once.
      reply.raw.once('close', () => {
        stream.stop();
      });
      stream.start();
      return reply
        .header('content-type', 'text/event-stream; charset=utf-8')
        .header('cache-control', 'no-cache, no-transform')
        .header('x-accel-buffering', 'no')
        // The docs call the 200 body a string (text/event-stream); it is sent as a stream.
        .send(stream.body as unknown as string);
    },
  );
  done();
};
