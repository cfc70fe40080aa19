import { z } from 'zod';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import {
  graphViewSchema,
  groupsReportSchema,
  idParamsSchema,
  inspectReportSchema,
  modelDtoSchema,
  projectParamsSchema,
} from '@whittle/shared';
import { sendArtifact } from '../http/download.ts';
import { errorResponses } from '../http/openapi-responses.ts';
import { AnalysisCache } from '../models/analysis-cache.ts';
import { callerOf } from '../plugins/auth.ts';
import { ownedModel, ownedProject } from '../owned.ts';
import { modelDto } from '../dto.ts';

const binary = z.string().meta({ format: 'binary' });

/**
 * Uploaded models: list, read, the stored analysis (graph view, dependency groups, inspect report) and the bytes.
 * @public
 */
export const modelRoutes: FastifyPluginCallbackZod = (app, _options, done) => {
  const analyses = new AnalysisCache(app.artifacts);
  const { models, variants } = app.repos;

  app.get(
    '/api/projects/:projectId/models',
    {
      schema: {
        summary: "A project's models, oldest first",
        tags: ['models'],
        params: projectParamsSchema,
        response: { 200: z.array(modelDtoSchema), ...errorResponses(400, 401, 404) },
      },
    },
    async (request) => {
      const project = await ownedProject(app, callerOf(request), request.params.projectId);
      const list = await models.listForProject(project.id);
      return Promise.all(list.map(async (model) => modelDto(model, (await variants.originalOf(model.id))?.id ?? null)));
    },
  );

  app.get(
    '/api/models/:id',
    {
      schema: {
        summary: 'One model, with its original variant once ready',
        tags: ['models'],
        params: idParamsSchema,
        response: { 200: modelDtoSchema, ...errorResponses(400, 401, 404) },
      },
    },
    async (request) => {
      const model = await ownedModel(app, callerOf(request), request.params.id);
      return modelDto(model, (await variants.originalOf(model.id))?.id ?? null);
    },
  );

  app.get(
    '/api/models/:id/graph',
    {
      schema: {
        summary: "The model's graph view (nodes, edges, blocks, costs)",
        description: '409 while the model is validating, or when validation failed (the message says why).',
        tags: ['models'],
        params: idParamsSchema,
        response: { 200: graphViewSchema, ...errorResponses(400, 401, 404, 409) },
      },
    },
    async (request, reply) => {
      const model = await ownedModel(app, callerOf(request), request.params.id);
      const analysis = await analyses.get(model);
      return reply.header('cache-control', 'private, max-age=300').send(analysis.graph);
    },
  );

  app.get(
    '/api/models/:id/groups',
    {
      schema: {
        summary: "The model's dependency groups and removable residual blocks",
        description: '409 while the model is validating, or when validation failed.',
        tags: ['models'],
        params: idParamsSchema,
        response: { 200: groupsReportSchema, ...errorResponses(400, 401, 404, 409) },
      },
    },
    async (request, reply) => {
      const model = await ownedModel(app, callerOf(request), request.params.id);
      const analysis = await analyses.get(model);
      return reply.header('cache-control', 'private, max-age=300').send(analysis.groups);
    },
  );

  app.get(
    '/api/models/:id/inspect',
    {
      schema: {
        summary: "The model's inspect report (facts and static cost estimates)",
        description: '409 while the model is validating, or when validation failed.',
        tags: ['models'],
        params: idParamsSchema,
        response: { 200: inspectReportSchema, ...errorResponses(400, 401, 404, 409) },
      },
    },
    async (request, reply) => {
      const model = await ownedModel(app, callerOf(request), request.params.id);
      const analysis = await analyses.get(model);
      return reply.header('cache-control', 'private, max-age=300').send(analysis.inspect);
    },
  );

  app.get(
    '/api/models/:id/download',
    {
      schema: {
        summary: 'The uploaded ONNX file, as an attachment',
        tags: ['models'],
        params: idParamsSchema,
        produces: ['application/octet-stream'],
        response: {
          200: { description: 'The model bytes', content: { 'application/octet-stream': { schema: binary } } },
          ...errorResponses(400, 401, 404),
        },
      },
    },
    async (request, reply) => {
      const model = await ownedModel(app, callerOf(request), request.params.id);
      return sendArtifact(reply, app.artifacts, { key: model.artifactKey, sha256: model.sha256 }, {
        name: model.displayName,
        extension: '.onnx',
        contentType: 'application/octet-stream',
      });
    },
  );
  done();
};
