import { z } from 'zod';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { createTokenBodySchema, idParamsSchema, issuedTokenDtoSchema, tokenDtoSchema } from '@whittle/shared';
import { notFound } from '../http/api-error.ts';
import { errorResponses } from '../http/openapi-responses.ts';
import { callerOf } from '../plugins/auth.ts';
import { tokenDto } from '../dto.ts';

/**
 * The caller's API tokens: list (never the secret), issue (the secret is shown once), revoke.
 * @public
 */
export const tokenRoutes: FastifyPluginCallbackZod = (app, _options, done) => {
  const { users } = app.repos;

  app.get(
    '/api/tokens',
    {
      schema: {
        summary: "The caller's API tokens (without secrets)",
        tags: ['auth'],
        response: { 200: z.array(tokenDtoSchema), ...errorResponses(401) },
      },
    },
    async (request) => (await users.listTokens(callerOf(request).id)).map(tokenDto),
  );

  app.post(
    '/api/tokens',
    {
      schema: {
        summary: 'Issue an API token; its secret is in this answer only',
        tags: ['auth'],
        body: createTokenBodySchema,
        response: { 201: issuedTokenDtoSchema, ...errorResponses(400, 401, 403, 415) },
      },
    },
    async (request, reply) => {
      const { id, token } = await users.issueToken(callerOf(request).id, request.body.label);
      return reply.code(201).header('cache-control', 'no-store').send({ id, label: request.body.label, token });
    },
  );

  app.delete(
    '/api/tokens/:id',
    {
      schema: {
        summary: 'Revoke one of the caller’s tokens',
        tags: ['auth'],
        params: idParamsSchema,
        response: { 204: z.null().describe('Revoked'), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      if (!(await users.revokeToken(request.params.id, callerOf(request).id))) throw notFound('token');
      return reply.code(204).send(null);
    },
  );
  done();
};
