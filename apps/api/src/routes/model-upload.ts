import multipart from '@fastify/multipart';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sniffModelBytes } from '@whittle/engine';
import { displayNameSchema, jobDtoSchema, modelDtoSchema, projectParamsSchema } from '@whittle/shared';
import type { PutResult } from '@whittle/store';
import { ApiError, ApiErrorCode } from '../http/api-error.ts';
import { idempotencyHeadersSchema } from '../http/idempotency.ts';
import { errorResponses } from '../http/openapi-responses.ts';
import { callerOf } from '../plugins/auth.ts';
import { perMinute } from '../plugins/rate-limit.ts';
import { recordUpload } from '../models/record-upload.ts';
import { CommitGate } from '../uploads/commit-gate.ts';
import { displayNameFromFileName } from '../uploads/display-name.ts';
import { guardedPart, type PartGuard } from '../uploads/guarded-part.ts';
import { assertMultipartUpload, clientGoneSignal, closeUnreadRefusals } from '../uploads/multipart-request.ts';
import { multipartDocsBody, skipBodyValidation } from '../uploads/multipart-docs.ts';
import { tooLarge, uploadFailure } from '../uploads/upload-failure.ts';
import { ownedProject } from '../owned.ts';
import { jobDto, modelDto } from '../dto.ts';

/** Enough for every signature the engine's sniffer knows and its text check (64 bytes). */
const SNIFF_BYTES = 64;

const uploadQuerySchema = z.strictObject({
  /** Display name; the file name is used (sanitized) when absent. */
  name: displayNameSchema.optional(),
});

const uploadAnswerSchema = z.object({ model: modelDtoSchema, job: jobDtoSchema });

/**
 * `POST /api/projects/:projectId/models`: one multipart file part, the ONNX model. The first bytes are sniffed
 * (images, HTML, ZIP/PyTorch, pickle… → 415, nothing stored), the file streams into the artifact store (size cap,
 * sha256, removed on abort), then the model row (`validating`) and its `analyze` job are created together and the job
 * is enqueued. 202 `{ model, job }`. The model is never parsed here: the worker validates it in a sandbox.
 * @public
 */
export const modelUploadRoutes: FastifyPluginAsyncZod = async (app) => {
  const maxBytes = app.config.maxModelBytes;
  // Limits set explicitly, in this context only (catalogue §2, a.1 rows 1–5): one file, two small fields at most.
  await app.register(multipart, {
    limits: { fileSize: maxBytes, files: 1, fields: 2, parts: 3, fieldNameSize: 100, fieldSize: 1000, headerPairs: 100 },
    throwFileSizeLimit: true,
  });
  // Uploads take multipart only: JSON sent here is 415, not parsed.
  app.removeContentTypeParser('application/json');
  closeUnreadRefusals(app);

  const guard: PartGuard = {
    needed: () => SNIFF_BYTES,
    inspect: (head) => {
      sniffModelBytes(head);
    },
    tooLarge: () => tooLarge(maxBytes),
  };

  app.post(
    '/api/projects/:projectId/models',
    {
      config: { rateLimit: perMinute(app.config.rateLimits.uploadsPerMin) },
      validatorCompiler: skipBodyValidation,
      schema: {
        summary: 'Upload an ONNX model (multipart, one file part); answers the model and its analyze job',
        description:
          'The model is validated by the `analyze` job in a sandboxed worker; poll the job or watch its events. Send ' +
          '`Idempotency-Key` to make a retry return the first upload. Limits: one file of at most WHITTLE_MAX_MODEL_MB.',
        tags: ['models'],
        consumes: ['multipart/form-data'],
        params: projectParamsSchema,
        querystring: uploadQuerySchema,
        headers: idempotencyHeadersSchema,
        body: multipartDocsBody('The ONNX model file'),
        response: { 202: uploadAnswerSchema, ...errorResponses(400, 401, 403, 404, 409, 413, 415, 429) },
      },
    },
    async (request, reply) => {
      const project = await ownedProject(app, callerOf(request), request.params.projectId);
      assertMultipartUpload(request, 'one ONNX file part');
      const signal = clientGoneSignal(reply);
      const gate = new CommitGate();
      let stored: PutResult;
      let fileName: string | undefined;
      let put: Promise<PutResult> | undefined;
      try {
        for await (const part of request.parts()) {
          if (part.type !== 'file') continue;
          fileName = part.filename;
          let consumed!: () => void;
          const read = new Promise<void>((resolve) => (consumed = resolve));
          put = app.artifacts.put(guardedPart(part.file, guard, gate, consumed), { maxBytes, signal });
          put.catch(() => undefined);
          // On to the next part once this one is read; a refusal of this one ends the upload.
          await Promise.race([read, put]);
        }
        if (put === undefined) throw new ApiError(400, ApiErrorCode.BadRequest, 'The body has no file part: send the model as one multipart file');
        gate.open();
        stored = await put;
      } catch (error) {
        await gate.discard(error, put === undefined ? [] : [put]);
        throw uploadFailure(error, maxBytes);
      }

      const recorded = await recordUpload(app.db, {
        projectId: project.id,
        displayName: request.query.name ?? displayNameFromFileName(fileName, 'model.onnx'),
        artifactKey: stored.key,
        sha256: stored.sha256,
        sizeBytes: stored.size,
        idempotencyKey: request.headers['idempotency-key'],
      });
      // After the commit: if Redis is down the row stays queued and the worker's reconciler delivers it.
      if (recorded.created) await app.jobQueues.enqueue(recorded.job);
      request.log.info({ modelId: recorded.model.id, jobId: recorded.job.id, size: stored.size }, 'model uploaded');
      const original = await app.repos.variants.originalOf(recorded.model.id);
      return reply.code(202).send({ model: modelDto(recorded.model, original?.id ?? null), job: jobDto(recorded.job) });
    },
  );
};
