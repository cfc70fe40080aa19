import { z } from 'zod';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { benchmarkDtoSchema, benchmarkResultsSchema, displayNameSchema, idParamsSchema, projectParamsSchema } from '@whittle/shared';
import { conflict } from '../http/api-error.ts';
import { errorResponses } from '../http/openapi-responses.ts';
import { callerOf } from '../plugins/auth.ts';
import { ownedProject, ownedVariant } from '../owned.ts';
import { benchmarkDto } from '../dto.ts';

/** Results measured in the user's browser (onnxruntime-web) for a variant it downloaded. */
const browserBenchmarkBodySchema = z.strictObject({
  /** The device's label, as the user or the browser names it. */
  device: displayNameSchema,
  runtime: z.string().trim().min(1).max(100),
  results: benchmarkResultsSchema,
});

/**
 * Benchmarks: a variant's, a project's (the comparison view), and results measured in the browser.
 * @public
 */
export const benchmarkRoutes: FastifyPluginCallbackZod = (app, _options, done) => {
  const { benchmarks } = app.repos;

  app.get(
    '/api/variants/:id/benchmarks',
    {
      schema: {
        summary: "A variant's benchmarks, oldest first",
        tags: ['benchmarks'],
        params: idParamsSchema,
        response: { 200: z.array(benchmarkDtoSchema), ...errorResponses(400, 401, 404) },
      },
    },
    async (request) => {
      const variant = await ownedVariant(app, callerOf(request), request.params.id);
      return (await benchmarks.listForVariant(variant.id)).map(benchmarkDto);
    },
  );

  app.get(
    '/api/projects/:projectId/benchmarks',
    {
      schema: {
        summary: "Every benchmark of a project's variants, oldest first",
        tags: ['benchmarks'],
        params: projectParamsSchema,
        response: { 200: z.array(benchmarkDtoSchema), ...errorResponses(400, 401, 404) },
      },
    },
    async (request) => {
      const project = await ownedProject(app, callerOf(request), request.params.projectId);
      return (await benchmarks.listForProject(project.id)).map(benchmarkDto);
    },
  );

  app.post(
    '/api/variants/:id/benchmarks',
    {
      schema: {
        summary: 'Store benchmark results measured in the browser for a ready variant',
        tags: ['benchmarks'],
        params: idParamsSchema,
        body: browserBenchmarkBodySchema,
        response: { 201: benchmarkDtoSchema, ...errorResponses(400, 401, 403, 404, 409, 415) },
      },
    },
    async (request, reply) => {
      const variant = await ownedVariant(app, callerOf(request), request.params.id);
      if (variant.status !== 'ready') throw conflict(`The variant is ${variant.status}; only a ready variant can be benchmarked`);
      const { device, runtime, results } = request.body;
      const stored = await benchmarks.create({ variantId: variant.id, device, runtime, results });
      return reply.code(201).send(benchmarkDto(stored));
    },
  );
  done();
};
