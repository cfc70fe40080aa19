import type { FastifyInstance } from 'fastify';
import { modelAnalysisSchema, type ModelAnalysis, type VariantMetrics } from '@whittle/shared';
import type { Job, Model, Variant } from '@whittle/store';
import { readPaddleCls } from './paddle.ts';

/** Static figures of a variant (the shape the worker stores). */
export function metrics(fileBytes: number, params = 134_000): VariantMetrics {
  return { params, macs: null, weightBytes: params * 4, fileBytes, estimated: ['params', 'macs', 'weightBytes'], measured: ['fileBytes'] };
}

const zeroCost = { total: 0, known: 0, unknownNodes: 0 } as const;

/** The smallest analysis the schemas accept: one Relu between an input and an output. */
export function tinyAnalysis(file: string): ModelAnalysis {
  const slot = { value: 'x', dtype: 'float32', shape: [1, 3], constant: false, parameter: false };
  const port = (id: string, name: string) => ({ id, name, dtype: 'float32', shape: [1, 3], declaredShape: [1, 3] });
  return modelAnalysisSchema.parse({
    inspect: {
      file,
      sizeBytes: 100,
      externalDataFiles: [],
      irVersion: 8,
      opsets: { 'ai.onnx': 17 },
      producer: { name: 'test', version: '1' },
      graphName: 'g',
      nodeCount: 1,
      opCounts: { Relu: 1 },
      initializerCount: 0,
      params: 0,
      paramBytes: 0,
      paramBytesByDtype: {},
      macs: 0,
      macsKnown: 0,
      macsUnknownNodes: 0,
      otherOps: 3,
      inputs: [{ name: 'x', dtype: 'float32', shape: [1, 3] }],
      outputs: [{ name: 'y', dtype: 'float32', shape: [1, 3] }],
      inputShapes: {},
      largestActivation: null,
      shapeIssues: [],
      costNotes: [],
      notes: [],
    },
    graph: {
      version: 1,
      summary: {
        graphName: 'g',
        irVersion: 8,
        opsets: { 'ai.onnx': 17 },
        producer: { name: 'test', version: '1' },
        nodeCount: 1,
        visibleNodeCount: 1,
        edgeCount: 2,
        initializerCount: 0,
        opCounts: { Relu: 1 },
        params: 0,
        paramBytes: 0,
        paramBytesByDtype: {},
        macs: zeroCost,
        otherOps: zeroCost,
        largestActivation: null,
      },
      inputs: [port('in:x', 'x')],
      outputs: [port('out:y', 'y')],
      nodes: [
        {
          id: 'n0',
          index: 0,
          name: 'relu',
          label: 'relu',
          opType: 'Relu',
          domain: '',
          scope: '',
          blockId: 'b:root',
          inputs: [slot],
          outputs: [{ ...slot, value: 'y' }],
          attributes: [],
          params: 0,
          macs: 0,
          otherOps: 3,
          costNote: null,
          weightHolder: false,
          hidden: false,
          subgraphCount: 0,
        },
      ],
      edges: [
        { id: 'e0', source: 'in:x', sourceSlot: 0, target: 'n0', targetSlot: 0, value: 'x', dtype: 'float32', shape: [1, 3] },
        { id: 'e1', source: 'n0', sourceSlot: 0, target: 'out:y', targetSlot: 0, value: 'y', dtype: 'float32', shape: [1, 3] },
      ],
      blocks: [
        { id: 'b:root', path: '', name: 'root', parentId: null, depth: 0, childBlockIds: [], nodeIds: ['n0'], nodeCount: 1, params: 0, macs: zeroCost, otherOps: zeroCost },
      ],
      shapeIssues: [],
    },
    groups: {
      file,
      fingerprint: 'fnv1a64:0123456789abcdef',
      inputShapes: {},
      summary: { groups: 0, prunable: 0, blocked: 0, blocks: 0 },
      groups: [],
      blocks: [],
      notes: [],
    },
  });
}

/** A ready model (the cls bytes) with its stored analysis and its original variant, as the analyze job leaves them. */
export async function seedReadyModel(app: FastifyInstance, projectId: string, bytes: Uint8Array = readPaddleCls()): Promise<{ model: Model; original: Variant }> {
  const stored = await app.artifacts.put(bytes);
  const analysis = await app.artifacts.put(Buffer.from(JSON.stringify(tinyAnalysis('cls.onnx'))));
  const created = await app.repos.models.create({ projectId, displayName: 'cls.onnx', sha256: stored.sha256, sizeBytes: stored.size, artifactKey: stored.key });
  await app.repos.models.markReady(created.id, { analysisKey: analysis.key });
  const { variant } = await app.repos.variants.create({ projectId, modelId: created.id, step: 0, recipe: null, engineVersion: 'test', metrics: metrics(stored.size) });
  await app.repos.variants.markReady(variant.id, { artifactKey: stored.key, sha256: stored.sha256, metrics: metrics(stored.size) });
  const model = await app.repos.models.get(created.id);
  const original = await app.repos.variants.get(variant.id);
  if (model === undefined || original === undefined) throw new Error('seeded rows vanished');
  return { model, original };
}

/** A child variant made by a (seeded) prune job. */
export async function seedChildVariant(app: FastifyInstance, parent: Variant, bytes: Uint8Array, job: Job): Promise<Variant> {
  const stored = await app.artifacts.put(bytes);
  const { variant } = await app.repos.variants.create({
    projectId: parent.projectId,
    modelId: parent.modelId,
    parentVariantId: parent.id,
    jobId: job.id,
    step: parent.step + 1,
    recipe: { kind: 'prune' },
    engineVersion: 'test',
  });
  await app.repos.variants.markReady(variant.id, {
    artifactKey: stored.key,
    sha256: stored.sha256,
    metrics: metrics(stored.size, 100_000),
    report: { kind: 'prune', removed: 12 },
  });
  const ready = await app.repos.variants.get(variant.id);
  if (ready === undefined) throw new Error('seeded variant vanished');
  return ready;
}
