/**
 * Load benchmark (not a test): how long Whittle takes to understand a model — read + validate + shape inference +
 * cost — against onnxruntime-node's `InferenceSession.create` on the same bytes, measured back to back in one run
 * (these machines are noisy, so only the ratio is meaningful). Target: ratio ≤ 1.0.
 *
 *   pnpm --filter @whittle/engine bench:load [--runs 7] [--json]
 *
 * Warm-up runs are discarded; A and B alternate so that background load hits both alike; p50 and p90 are reported.
 */
import { parseArgs } from 'node:util';
import { ortNodeRuntime } from '../adapters/ort-node.ts';
import { computeCost } from '../src/cost/cost-model.ts';
import { writeModel } from '../src/onnx/codec.ts';
import { readModel } from '../src/onnx/read.ts';
import { inferShapes } from '../src/shape/infer.ts';
import { bigModel } from '../test/fixtures/models/big-model.ts';
import { deepConvModel } from './deep-conv-model.ts';
import { PADDLE_MODELS, readPaddleModel } from '../test/helpers/paddle-models.ts';

interface Subject {
  readonly name: string;
  readonly bytes: Uint8Array;
}

interface Row {
  readonly model: string;
  readonly sizeMB: number;
  readonly nodes: number;
  readonly whittleP50Ms: number;
  readonly whittleP90Ms: number;
  readonly ortCreateP50Ms: number;
  readonly ortCreateP90Ms: number;
  /** whittle p50 / ort p50. */
  readonly ratio: number;
}

const { values: args } = parseArgs({
  options: { runs: { type: 'string', default: '7' }, warmup: { type: 'string', default: '2' }, json: { type: 'boolean', default: false } },
});
const runs = Number(args.runs);
const warmup = Number(args.warmup);

function percentile(sorted: readonly number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] ?? Number.NaN;
}

/** Read + validate + shape inference + cost: everything Whittle does before showing a model. Returns the node count. */
function understand(bytes: Uint8Array): number {
  const model = readModel(bytes);
  const shapes = inferShapes(model);
  computeCost(model, shapes);
  return model.graph.nodes.length;
}

async function ortCreate(bytes: Uint8Array): Promise<void> {
  const session = await ortNodeRuntime.createSession(bytes, { intraOpThreads: 1 });
  await session.release();
}

async function timeIt(fn: () => unknown): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

async function measure(subject: Subject): Promise<Row> {
  const whittle: number[] = [];
  const ort: number[] = [];
  let nodes = 0;
  for (let i = 0; i < warmup + runs; i++) {
    const a = await timeIt(() => (nodes = understand(subject.bytes)));
    const b = await timeIt(() => ortCreate(subject.bytes));
    if (i >= warmup) {
      whittle.push(a);
      ort.push(b);
    }
  }
  whittle.sort((x, y) => x - y);
  ort.sort((x, y) => x - y);
  const w50 = percentile(whittle, 50);
  const o50 = percentile(ort, 50);
  return {
    model: subject.name,
    sizeMB: subject.bytes.byteLength / 1e6,
    nodes,
    whittleP50Ms: w50,
    whittleP90Ms: percentile(whittle, 90),
    ortCreateP50Ms: o50,
    ortCreateP90Ms: percentile(ort, 90),
    ratio: w50 / o50,
  };
}

const subjects: Subject[] = [
  ...PADDLE_MODELS.map((m) => ({ name: `PaddleOCR ${m.id} (${m.file})`, bytes: readPaddleModel(m.file) })),
  { name: 'generated 4×Gemm, ≥ 50 MB', bytes: writeModel(bigModel(50_000_000)) },
  { name: 'generated residual conv net, ≥ 50 MB', bytes: writeModel(deepConvModel(50_000_000)) },
];

const rows: Row[] = [];
for (const subject of subjects) rows.push(await measure(subject));

if (args.json) {
  console.log(JSON.stringify({ runtime: ortNodeRuntime.name, runs, warmup, rows }, null, 2));
} else {
  const fmt = (n: number): string => n.toFixed(1).padStart(8);
  console.log(`${ortNodeRuntime.name}, 1 intra-op thread; ${String(runs)} timed runs after ${String(warmup)} warm-up, A/B alternating`);
  console.log('model                                                  MB   nodes  whittle p50  p90   ort create p50  p90   ratio');
  for (const r of rows) {
    console.log(
      `${r.model.padEnd(52)} ${r.sizeMB.toFixed(1).padStart(5)} ${String(r.nodes).padStart(6)} ${fmt(r.whittleP50Ms)} ${fmt(r.whittleP90Ms)} ${fmt(r.ortCreateP50Ms)} ${fmt(r.ortCreateP90Ms)} ${r.ratio.toFixed(2).padStart(6)}`,
    );
  }
}
