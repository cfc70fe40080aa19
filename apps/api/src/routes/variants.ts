import { z } from 'zod';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { idParamsSchema, projectParamsSchema, variantDtoSchema } from '@whittle/shared';
import { conflict, notFound } from '../http/api-error.ts';
import { sendArtifact } from '../http/download.ts';
import { errorResponses } from '../http/openapi-responses.ts';
import { callerOf } from '../plugins/auth.ts';
import { buildVariantReport, variantReportCsv, variantReportSchema } from '../reports/variant-report.ts';
import { attachmentFileName } from '../uploads/display-name.ts';
import { ownedProject, ownedVariant } from '../owned.ts';
import { variantDto } from '../dto.ts';

/** A model's display name without its `.onnx`, to build other file names from. */
function stem(name: string): string {
  return name.replace(/\.onnx$/i, '');
}

const reportQuerySchema = z.strictObject({ format: z.enum(['json', 'csv']).default('json') });

/**
 * Variants (the original upload and everything jobs made from it): list, read, download as ONNX, report.
 * @public
 */
export const variantRoutes: FastifyPluginCallbackZod = (app, _options, done) => {
  app.get(
    '/api/projects/:projectId/variants',
    {
      schema: {
        summary: "A project's variants, oldest first",
        tags: ['variants'],
        params: projectParamsSchema,
        response: { 200: z.array(variantDtoSchema), ...errorResponses(400, 401, 404) },
      },
    },
    async (request) => {
      const project = await ownedProject(app, callerOf(request), request.params.projectId);
      return (await app.repos.variants.listForProject(project.id)).map(variantDto);
    },
  );

  app.get(
    '/api/variants/:id',
    {
      schema: {
        summary: 'One variant with its lineage fields and metrics',
        tags: ['variants'],
        params: idParamsSchema,
        response: { 200: variantDtoSchema, ...errorResponses(400, 401, 404) },
      },
    },
    async (request) => variantDto(await ownedVariant(app, callerOf(request), request.params.id)),
  );

  app.get(
    '/api/variants/:id/model',
    {
      schema: {
        summary: "The variant's ONNX file, as an attachment",
        description: '409 unless the variant is ready.',
        tags: ['variants'],
        params: idParamsSchema,
        produces: ['application/octet-stream'],
        response: {
          200: { description: 'The ONNX bytes', content: { 'application/octet-stream': { schema: z.string().meta({ format: 'binary' }) } } },
          ...errorResponses(400, 401, 404, 409),
        },
      },
    },
    async (request, reply) => {
      const variant = await ownedVariant(app, callerOf(request), request.params.id);
      if (variant.status !== 'ready' || variant.artifactKey === null || variant.sha256 === null) {
        throw conflict(`The variant is ${variant.status}; only a ready variant can be downloaded`);
      }
      const model = await app.repos.models.get(variant.modelId);
      return sendArtifact(reply, app.artifacts, { key: variant.artifactKey, sha256: variant.sha256 }, {
        name: `${stem(model?.displayName ?? 'model')}-step${variant.step}-${variant.id.slice(0, 8)}`,
        extension: '.onnx',
        contentType: 'application/octet-stream',
      });
    },
  );

  app.get(
    '/api/variants/:id/report',
    {
      schema: {
        summary: 'Report of a variant: lineage to the original, metrics, step reports, benchmarks (JSON or CSV)',
        tags: ['variants'],
        params: idParamsSchema,
        querystring: reportQuerySchema,
        produces: ['application/json', 'text/csv'],
        response: {
          200: {
            description: 'The report',
            content: {
              'application/json': { schema: variantReportSchema },
              'text/csv': { schema: z.string().describe('A header row, then one row per lineage variant and benchmark series') },
            },
          },
          ...errorResponses(400, 401, 404),
        },
      },
    },
    async (request, reply) => {
      const variant = await ownedVariant(app, callerOf(request), request.params.id);
      const model = await app.repos.models.get(variant.modelId);
      if (model === undefined) throw notFound('variant');
      const report = await buildVariantReport(app.repos, model, variant);
      const name = attachmentFileName(`${stem(model.displayName)}-step${variant.step}-report`, request.query.format === 'csv' ? '.csv' : '.json');
      reply.header('content-disposition', `attachment; filename="${name}"`);
      if (request.query.format === 'csv') return reply.type('text/csv; charset=utf-8').send(variantReportCsv(report));
      return reply.type('application/json; charset=utf-8').send(report);
    },
  );
  done();
};
