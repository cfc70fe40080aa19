import { z } from 'zod';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { displayNameSchema, userDtoSchema } from '@whittle/shared';
import { ApiError, ApiErrorCode } from '../http/api-error.ts';
import { errorResponses } from '../http/openapi-responses.ts';
import { callerOf } from '../plugins/auth.ts';
import { userDto } from '../dto.ts';

const createUserBodySchema = z.strictObject({ name: displayNameSchema });

const createdUserSchema = z.object({
  user: userDtoSchema,
  /** The new user's first API token, shown once. */
  token: z.string(),
});

/**
 * `POST /api/users`: an admin creates a user and gets that user's first token (shown once).
 * @public
 */
export const userRoutes: FastifyPluginCallbackZod = (app, _options, done) => {
  app.post(
    '/api/users',
    {
      schema: {
        summary: 'Create a user (admin only); answers the user and their first API token',
        tags: ['auth'],
        body: createUserBodySchema,
        response: { 201: createdUserSchema, ...errorResponses(400, 401, 403, 415) },
      },
    },
    async (request, reply) => {
      const caller = callerOf(request);
      if (!caller.isAdmin) {
        request.log.warn({ userId: caller.id }, 'non-admin tried to create a user');
        throw new ApiError(403, ApiErrorCode.Forbidden, 'Only an admin can create users');
      }
      const user = await app.repos.users.createUser({ name: request.body.name });
      const { token } = await app.repos.users.issueToken(user.id, 'first token');
      return reply.code(201).header('cache-control', 'no-store').send({ user: userDto(user), token });
    },
  );
  done();
};
