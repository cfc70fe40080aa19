import multipart from '@fastify/multipart';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { NpyDtype } from '@whittle/engine';
import { datasetDtoSchema, displayNameSchema, idParamsSchema, projectParamsSchema } from '@whittle/shared';
import type { PutResult } from '@whittle/store';
import { ApiError, ApiErrorCode, invalid } from '../http/api-error.ts';
import { errorResponses } from '../http/openapi-responses.ts';
import { callerOf } from '../plugins/auth.ts';
import { perMinute } from '../plugins/rate-limit.ts';
import { CommitGate } from '../uploads/commit-gate.ts';
import { guardedPart, type PartGuard } from '../uploads/guarded-part.ts';
import { assertMultipartUpload, clientGoneSignal, closeUnreadRefusals } from '../uploads/multipart-request.ts';
import { multipartDocsBody, skipBodyValidation } from '../uploads/multipart-docs.ts';
import { checkNpySize, npyHeadLength, readNpyHead, type NpyHead } from '../uploads/npy-head.ts';
import { tooLarge, uploadFailure } from '../uploads/upload-failure.ts';
import { ownedDataset, ownedProject } from '../owned.ts';
import { datasetDto } from '../dto.ts';

/** Model inputs per dataset. */
const MAX_INPUTS = 16;

const ZIP_MAGIC = [0x50, 0x4b] as const;

/** An input name as ONNX models spell them: printable, no control characters. */
const INPUT_NAME = /^[^\p{Cc}\p{Cf}]{1,256}$/u;

const uploadQuerySchema = z.strictObject({ name: displayNameSchema.optional() });

/** The dataset artifact: which `.npy` artifact feeds which model input. @public */
export interface NpyInputsManifest {
  readonly version: 1;
  readonly kind: 'npy-inputs';
  readonly inputs: Record<string, { readonly key: string; readonly sha256: string; readonly dtype: NpyDtype; readonly dims: readonly number[] }>;
}

/**
 * Datasets (until W6 defines formats: `.npy` arrays, one per model input, first axis = batch). The upload takes up to
 * 16 file parts; each part's field name is the input it feeds. Every header is checked by the engine's NPY reader as
 * it streams in and every size against its header before anything is committed; archives are refused.
 * @public
 */
export const datasetRoutes: FastifyPluginAsyncZod = async (app) => {
  const maxBytes = app.config.maxDatasetBytes;
  // Files only; a field name one character over the input-name limit is refused below instead of silently truncated.
  await app.register(multipart, {
    limits: { fileSize: maxBytes, files: MAX_INPUTS, fields: 0, parts: MAX_INPUTS, fieldNameSize: 257, fieldSize: 0, headerPairs: 100 },
    throwFileSizeLimit: true,
  });
  app.removeContentTypeParser('application/json');
  closeUnreadRefusals(app);

  /** Checks one `.npy` part: not an archive, a valid header, a size that matches it. */
  function npyGuard(onHead: (head: NpyHead) => void): PartGuard {
    let parsed: NpyHead | undefined;
    return {
      needed: npyHeadLength,
      inspect: (head) => {
        if (ZIP_MAGIC.every((byte, i) => head[i] === byte)) {
          throw new ApiError(415, ApiErrorCode.UnsupportedMedia, 'Archives (.npz, .zip) are not accepted: upload one .npy file per model input');
        }
        parsed = readNpyHead(head, maxBytes);
        onHead(parsed);
      },
      finish: (size) => {
        if (parsed !== undefined) checkNpySize(parsed, size);
      },
      tooLarge: () => tooLarge(maxBytes),
    };
  }

  app.post(
    '/api/projects/:projectId/datasets',
    {
      config: { rateLimit: perMinute(app.config.rateLimits.uploadsPerMin) },
      validatorCompiler: skipBodyValidation,
      schema: {
        summary: 'Upload a dataset: one .npy file part per model input (the field name is the input name)',
        description: `Up to ${MAX_INPUTS} parts; float32, float64, int64, int32 or uint8 arrays in C order, first axis = batch. Archives are refused.`,
        tags: ['datasets'],
        consumes: ['multipart/form-data'],
        params: projectParamsSchema,
        querystring: uploadQuerySchema,
        body: multipartDocsBody('An .npy array; the field name is the model input it feeds', '<input name>'),
        response: { 201: datasetDtoSchema, ...errorResponses(400, 401, 403, 404, 413, 415, 429) },
      },
    },
    async (request, reply) => {
      const project = await ownedProject(app, callerOf(request), request.params.projectId);
      assertMultipartUpload(request, `up to ${MAX_INPUTS} .npy file parts`);
      const signal = clientGoneSignal(reply);
      const gate = new CommitGate();
      const inputs: { name: string; put: Promise<PutResult>; head: () => NpyHead | undefined }[] = [];
      let stored: PutResult[];
      try {
        let total = 0;
        for await (const part of request.parts()) {
          if (part.type !== 'file') continue;
          const name = part.fieldname;
          if (!INPUT_NAME.test(name)) throw invalid('Each part’s field name must be the model input’s name (1-256 printable characters)');
          if (inputs.some((input) => input.name === name)) throw invalid(`Input "${name}" appears twice`);
          let head: NpyHead | undefined;
          let consumed!: () => void;
          const read = new Promise<void>((resolve) => (consumed = resolve));
          const source = guardedPart(part.file, npyGuard((h) => (head = h)), gate, consumed);
          // The limit covers the whole dataset: each part may use what the earlier ones left.
          const put = app.artifacts.put(source, { maxBytes: maxBytes - total, signal });
          put.catch(() => undefined);
          inputs.push({ name, put, head: () => head });
          await Promise.race([read, put]);
          total += (head?.dataOffset ?? 0) + (head?.dataBytes ?? 0);
        }
        if (inputs.length === 0) throw new ApiError(400, ApiErrorCode.BadRequest, 'The body has no file part: send one .npy file per model input');
        gate.open();
        stored = await Promise.all(inputs.map((input) => input.put));
      } catch (error) {
        await gate.discard(error, inputs.map((input) => input.put));
        throw uploadFailure(error, maxBytes);
      }

      const manifest: NpyInputsManifest = {
        version: 1,
        kind: 'npy-inputs',
        inputs: Object.fromEntries(
          inputs.map((input, i) => {
            const result = stored[i];
            const head = input.head();
            if (result === undefined || head === undefined) throw new Error('a stored input lost its header');
            return [input.name, { key: result.key, sha256: result.sha256, dtype: head.dtype, dims: head.dims }];
          }),
        ),
      };
      const manifestStored = await app.artifacts.put(Buffer.from(JSON.stringify(manifest), 'utf8'));
      const dataset = await app.repos.datasets.create({
        projectId: project.id,
        displayName: request.query.name ?? 'dataset',
        sha256: manifestStored.sha256,
        artifactKey: manifestStored.key,
        kind: 'npy-inputs',
        sizeBytes: stored.reduce((sum, result) => sum + result.size, 0),
      });
      request.log.info({ datasetId: dataset.id, inputs: inputs.length }, 'dataset uploaded');
      return reply.code(201).send(datasetDto(dataset));
    },
  );

  app.get(
    '/api/projects/:projectId/datasets',
    {
      schema: {
        summary: "A project's datasets, oldest first",
        tags: ['datasets'],
        params: projectParamsSchema,
        response: { 200: z.array(datasetDtoSchema), ...errorResponses(400, 401, 404) },
      },
    },
    async (request) => {
      const project = await ownedProject(app, callerOf(request), request.params.projectId);
      return (await app.repos.datasets.listForProject(project.id)).map(datasetDto);
    },
  );

  app.get(
    '/api/datasets/:id',
    {
      schema: {
        summary: 'One dataset',
        tags: ['datasets'],
        params: idParamsSchema,
        response: { 200: datasetDtoSchema, ...errorResponses(400, 401, 404) },
      },
    },
    async (request) => datasetDto(await ownedDataset(app, callerOf(request), request.params.id)),
  );
};
