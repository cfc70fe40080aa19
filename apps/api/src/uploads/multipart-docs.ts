import { z } from 'zod';
import type { FastifySchemaCompiler } from 'fastify';
import { validatorCompiler } from 'fastify-type-provider-zod';

/**
 * The OpenAPI description of a multipart body with file parts. Documentation only: the route reads the parts as a
 * stream ({@link skipBodyValidation}).
 * @public
 */
export function multipartDocsBody(description: string, field = 'file'): z.ZodType {
  return z.object({ [field]: z.string().meta({ format: 'binary', description }) });
}

/**
 * Validates params, query and headers with zod as usual, and leaves the body alone: a multipart body is streamed by
 * the handler, never parsed into `request.body`.
 * @public
 */
export function skipBodyValidation<S>(route: Parameters<FastifySchemaCompiler<S>>[0]): ReturnType<FastifySchemaCompiler<S>> {
  if (route.httpPart === 'body') return () => ({ value: undefined });
  // The route's other schemas are zod schemas, as everywhere in this app.
  return validatorCompiler(route as unknown as Parameters<typeof validatorCompiler>[0]);
}
