/**
 * The comparison's data model: one row per variant with its static estimates (params, MACs), measured file size and
 * measured latencies per device. A "device" is the benchmark's device label plus its runtime, so a browser run and a
 * server run on the same machine stay apart; each row keeps the newest benchmark per device.
 */
import type { BenchmarkDto, VariantDto } from '@whittle/shared';

/** Latency of one variant on one device (the first series of the newest benchmark there), milliseconds. */
export interface DeviceLatency {
  readonly p50Ms: number;
  readonly p90Ms: number;
  readonly p99Ms: number;
  readonly threads: number;
  readonly batchSize: number;
  readonly runs: number;
  readonly stable: boolean;
  readonly createdAt: number;
}

/** A measuring place: device label + runtime. */
export interface Device {
  readonly key: string;
  readonly device: string;
  readonly runtime: string;
}

/** One variant as the table and charts show it. */
export interface VariantRow {
  readonly id: string;
  readonly modelId: string;
  readonly name: string;
  readonly step: number;
  readonly parentId: string | null;
  readonly parentName: string | null;
  readonly status: VariantDto['status'];
  /** Estimates (static, from the graph). */
  readonly params: number;
  readonly macs: number | null;
  /** Measured: the ONNX file size. */
  readonly fileBytes: number;
  /** Accuracy or fidelity: none until evaluation (W6) records it. */
  readonly fidelity: number | null;
  /** By {@link Device.key}. */
  readonly latency: Readonly<Record<string, DeviceLatency>>;
  /** The prune report of the step that made it, when it has one. */
  readonly report: unknown;
}

/** The comparison: rows in the API's order (oldest first) and every device that measured something. */
export interface Comparison {
  readonly rows: readonly VariantRow[];
  readonly devices: readonly Device[];
}

/** `device · runtime`. */
export function deviceKey(device: string, runtime: string): string {
  return `${device} · ${runtime}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** A readable name: "original", or the step's kind with its ratio when it has one ("prune 50%"), then a short id. */
export function variantName(variant: VariantDto): string {
  const short = variant.id.slice(0, 6);
  if (variant.parentVariantId === null && variant.step === 0) return `original · ${short}`;
  const recipe = variant.recipe;
  const kind = isRecord(recipe) && typeof recipe.kind === 'string' ? recipe.kind : `step ${String(variant.step)}`;
  const plan = isRecord(recipe) && isRecord(recipe.plan) ? recipe.plan : undefined;
  const ratio = plan !== undefined && typeof plan.ratio === 'number' ? ` ${String(Math.round(plan.ratio * 100))}%` : '';
  return `${kind}${ratio} · ${short}`;
}

/** Builds the comparison from the two project lists. */
export function buildComparison(variants: readonly VariantDto[], benchmarks: readonly BenchmarkDto[]): Comparison {
  const devices = new Map<string, Device>();
  const latest = new Map<string, Map<string, BenchmarkDto>>();
  for (const b of benchmarks) {
    const key = deviceKey(b.device, b.runtime);
    if (!devices.has(key)) devices.set(key, { key, device: b.device, runtime: b.runtime });
    const perVariant = latest.get(b.variantId) ?? new Map<string, BenchmarkDto>();
    const seen = perVariant.get(key);
    if (seen === undefined || seen.createdAt <= b.createdAt) perVariant.set(key, b);
    latest.set(b.variantId, perVariant);
  }
  const names = new Map(variants.map((v) => [v.id, variantName(v)]));
  const rows = variants.map((v): VariantRow => {
    const latency: Record<string, DeviceLatency> = {};
    for (const [key, b] of latest.get(v.id) ?? []) {
      const s = b.results.series[0];
      if (s === undefined) continue;
      latency[key] = { p50Ms: s.p50Ms, p90Ms: s.p90Ms, p99Ms: s.p99Ms, threads: s.threads, batchSize: s.batchSize, runs: s.runs, stable: s.stable, createdAt: b.createdAt };
    }
    return {
      id: v.id,
      modelId: v.modelId,
      name: names.get(v.id) ?? v.id,
      step: v.step,
      parentId: v.parentVariantId,
      parentName: v.parentVariantId === null ? null : (names.get(v.parentVariantId) ?? v.parentVariantId.slice(0, 6)),
      status: v.status,
      params: v.metrics.params,
      macs: v.metrics.macs,
      fileBytes: v.metrics.fileBytes,
      fidelity: null,
      latency,
      report: v.report,
    };
  });
  return { rows, devices: [...devices.values()] };
}

/** The device that measured the most variants (the charts' default), or undefined when nothing was measured. */
export function busiestDevice(comparison: Comparison): Device | undefined {
  let best: Device | undefined;
  let bestCount = 0;
  for (const device of comparison.devices) {
    const count = comparison.rows.filter((r) => r.latency[device.key] !== undefined).length;
    if (count > bestCount) {
      best = device;
      bestCount = count;
    }
  }
  return best;
}
