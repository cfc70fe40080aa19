/**
 * Pruning speed benchmark (not a test): does the MACs reduction of structural pruning turn into measured speed?
 *
 *   pnpm --filter @whittle/engine bench:prune [--runs 20] [--warmup 3] [--models resnet,mobilenet,det] [--json]
 *
 * For the ResNet-style and MobileNet-style CNNs at 224×224 (bench/prune-models.ts) and PaddleOCR det at 640×640,
 * at channel ratios 0.3 / 0.5 / 0.7, each without and with round-to 8 (l1 criterion, `resolvePlan` + `applyPruning`):
 * - MACs reduction = MACs before ÷ MACs after (static estimates from the prune report, batch 1);
 * - speedup = median latency of the original ÷ median latency of the pruned model, onnxruntime-node CPU, 1 intra-op
 *   and 1 inter-op thread, graph optimizations 'all', batch 1 and 16 (det: batch 1 only — one batch of 16 at 640×640
 *   takes ~3 s, so 20+ runs per variant would blow the time budget), warm-up runs discarded, ≥ 20 timed runs, the
 *   original and the pruned model run back to back, alternating, so background load hits both alike;
 * - efficiency = speedup ÷ MACs reduction (1.0: latency falls exactly with MACs). Target ≥ 0.8 at ratio 0.5.
 * Only the ratios are meaningful on these shared machines; absolute milliseconds are context.
 */
import { parseArgs } from 'node:util';
import { ortNodeRuntime } from '../adapters/ort-node.ts';
import { buildDependencyGroups } from '../src/groups/build-groups.ts';
import type { IrModel } from '../src/ir/types.ts';
import { writeModel } from '../src/onnx/codec.ts';
import { readModel } from '../src/onnx/read.ts';
import { applyPruning } from '../src/prune/apply-pruning.ts';
import { resolvePlan } from '../src/prune/plan.ts';
import type { HostTensor, InferenceSession } from '../src/runtime/inference-runtime.ts';
import { inferShapes } from '../src/shape/infer.ts';
import { readPaddleModel } from '../test/helpers/paddle-models.ts';
import { seededFloats } from '../test/helpers/seeded.ts';
import { mobilenetStyle224, resnetStyle224 } from './prune-models.ts';

interface Subject {
  readonly id: string;
  readonly name: string;
  readonly model: IrModel;
  readonly input: string;
  /** [C, H, W]. */
  readonly chw: readonly [number, number, number];
  readonly batches: readonly number[];
}

interface Row {
  readonly model: string;
  readonly ratio: number;
  readonly roundTo: number | null;
  readonly batch: number;
  readonly macsBefore: number;
  readonly macsAfter: number;
  readonly macsReduction: number;
  readonly paramsReduction: number;
  readonly originalMedianMs: number;
  readonly prunedMedianMs: number;
  readonly speedup: number;
  /** speedup ÷ MACs reduction. */
  readonly efficiency: number;
}

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '20' },
    warmup: { type: 'string', default: '3' },
    models: { type: 'string', default: 'resnet,mobilenet,det' },
    json: { type: 'boolean', default: false },
  },
});
const runs = Math.max(20, Number(args.runs));
const warmup = Math.max(1, Number(args.warmup));
const wanted = new Set(args.models.split(','));
const RATIOS = [0.3, 0.5, 0.7] as const;
const ROUNDING = [undefined, 8] as const;

const allSubjects: readonly Subject[] = [
  { id: 'resnet', name: 'ResNet-style (ResNet-18 layout, 64–512 ch)', model: resnetStyle224(), input: 'input', chw: [3, 224, 224], batches: [1, 16] },
  { id: 'mobilenet', name: 'MobileNet-style (dw + SE, 32–1024 ch)', model: mobilenetStyle224(), input: 'image', chw: [3, 224, 224], batches: [1, 16] },
  { id: 'det', name: 'PaddleOCR det (ch_PP-OCRv4_det_infer)', model: readModel(readPaddleModel('ch_PP-OCRv4_det_infer.onnx')), input: 'x', chw: [3, 640, 640], batches: [1] },
];
const subjects = allSubjects.filter((s) => wanted.has(s.id));

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? Number.NaN) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

async function session(bytes: Uint8Array): Promise<InferenceSession> {
  return ortNodeRuntime.createSession(bytes, { intraOpThreads: 1, interOpThreads: 1, graphOptimization: 'all' });
}

async function timeRun(s: InferenceSession, feeds: Readonly<Record<string, HostTensor>>): Promise<number> {
  const start = performance.now();
  await s.run(feeds);
  return performance.now() - start;
}

/** Warm-up runs of both, then `runs` timed pairs, alternating which model goes first. */
async function measurePair(a: InferenceSession, b: InferenceSession, feeds: Readonly<Record<string, HostTensor>>): Promise<[number, number]> {
  for (let i = 0; i < warmup; i++) {
    await timeRun(a, feeds);
    await timeRun(b, feeds);
  }
  const ta: number[] = [];
  const tb: number[] = [];
  for (let i = 0; i < runs; i++) {
    if (i % 2 === 0) {
      ta.push(await timeRun(a, feeds));
      tb.push(await timeRun(b, feeds));
    } else {
      tb.push(await timeRun(b, feeds));
      ta.push(await timeRun(a, feeds));
    }
  }
  return [median(ta), median(tb)];
}

const rows: Row[] = [];
const started = performance.now();
for (const subject of subjects) {
  const inputShapes = { [subject.input]: [1, ...subject.chw] };
  const shapes = inferShapes(subject.model, { inputShapes });
  const analysis = buildDependencyGroups(subject.model, { shapes });
  const originals = new Map<number, InferenceSession>();
  const feeds = new Map<number, Record<string, HostTensor>>();
  for (const batch of subject.batches) {
    originals.set(batch, await session(writeModel(subject.model)));
    const dims = [batch, ...subject.chw];
    feeds.set(batch, { [subject.input]: { type: 'float32', dims, data: seededFloats(dims.reduce((x, y) => x * y, 1), 42) } });
  }
  for (const ratio of RATIOS) {
    for (const roundTo of ROUNDING) {
      const resolved = await resolvePlan(subject.model, { version: 1, ratio, criterion: 'l1', ...(roundTo !== undefined && { roundTo }) }, { analysis, shapes });
      const { model, report } = applyPruning(subject.model, resolved.removals, { analysis, shapes });
      const macsBefore = report.before.macs ?? Number.NaN;
      const macsAfter = report.after.macs ?? Number.NaN;
      const pruned = await session(writeModel(model));
      for (const batch of subject.batches) {
        const original = originals.get(batch);
        const feed = feeds.get(batch);
        if (original === undefined || feed === undefined) continue;
        const [o, p] = await measurePair(original, pruned, feed);
        const macsReduction = macsBefore / macsAfter;
        const speedup = o / p;
        rows.push({
          model: subject.id,
          ratio,
          roundTo: roundTo ?? null,
          batch,
          macsBefore,
          macsAfter,
          macsReduction,
          paramsReduction: report.before.params / report.after.params,
          originalMedianMs: o,
          prunedMedianMs: p,
          speedup,
          efficiency: speedup / macsReduction,
        });
        if (!args.json) {
          console.error(`  ${subject.id} ratio ${String(ratio)} round-to ${String(roundTo ?? '-')} batch ${String(batch)}: ${o.toFixed(1)} → ${p.toFixed(1)} ms`);
        }
      }
      await pruned.release();
    }
  }
  for (const s of originals.values()) await s.release();
}
const seconds = (performance.now() - started) / 1000;

if (args.json) {
  console.log(JSON.stringify({ runtime: ortNodeRuntime.name, threads: 1, optimization: 'all', runs, warmup, seconds, models: subjects.map((s) => ({ id: s.id, name: s.name, input: [1, ...s.chw] })), rows }, null, 2));
} else {
  console.log(`${ortNodeRuntime.name}, 1 intra-op thread, graph optimization 'all'; median of ${String(runs)} runs after ${String(warmup)} warm-up, original and pruned alternating; ${seconds.toFixed(0)} s`);
  for (const s of subjects) console.log(`  ${s.id}: ${s.name}, input [N, ${s.chw.join(', ')}]`);
  console.log('');
  console.log('| model | ratio | round-to | batch | GMACs before → after | MACs reduction | params reduction | ms original → pruned | speedup | speedup ÷ MACs reduction |');
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  for (const r of rows) {
    console.log(
      `| ${r.model} | ${String(r.ratio)} | ${r.roundTo === null ? '–' : String(r.roundTo)} | ${String(r.batch)} | ${(r.macsBefore / 1e9).toFixed(2)} → ${(r.macsAfter / 1e9).toFixed(2)} | ${r.macsReduction.toFixed(2)}× | ${r.paramsReduction.toFixed(2)}× | ${r.originalMedianMs.toFixed(1)} → ${r.prunedMedianMs.toFixed(1)} | ${r.speedup.toFixed(2)}× | **${r.efficiency.toFixed(2)}** |`,
    );
  }
}
