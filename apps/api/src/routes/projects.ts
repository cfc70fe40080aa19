import { z } from 'zod';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { createProjectBodySchema, projectDtoSchema, projectParamsSchema } from '@whittle/shared';
import { errorResponses } from '../http/openapi-responses.ts';
import { callerOf } from '../plugins/auth.ts';
import { ownedProject } from '../owned.ts';
import { projectDto } from '../dto.ts';

/**
 * Projects, the unit of ownership: create, list the caller's, read one.
 * @public
 */
export const projectRoutes: FastifyPluginCallbackZod = (app, _options, done) => {
  app.post(
    '/api/projects',
    {
      schema: {
        summary: 'Create a project',
        tags: ['projects'],
        body: createProjectBodySchema,
        response: { 201: projectDtoSchema, ...errorResponses(400, 401, 403, 415) },
      },
    },
    async (request, reply) => {
      const project = await app.repos.projects.create({ ownerId: callerOf(request).id, name: request.body.name });
      return reply.code(201).send(projectDto(project));
    },
  );

  app.get(
    '/api/projects',
    {
      schema: {
        summary: "The caller's projects, oldest first",
        tags: ['projects'],
        response: { 200: z.array(projectDtoSchema), ...errorResponses(401) },
      },
    },
    async (request) => (await app.repos.projects.listForOwner(callerOf(request).id)).map(projectDto),
  );

  app.get(
    '/api/projects/:projectId',
    {
      schema: {
        summary: 'One project',
        tags: ['projects'],
        params: projectParamsSchema,
        response: { 200: projectDtoSchema, ...errorResponses(400, 401, 404) },
      },
    },
    async (request) => projectDto(await ownedProject(app, callerOf(request), request.params.projectId)),
  );
  done();
};
