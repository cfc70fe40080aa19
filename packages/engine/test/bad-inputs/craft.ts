/**
 * Crafting bad models in code: a small valid model from the GraphBuilder, turned into a ModelProto, mutated the way
 * an attacker would, and encoded. No Python, no files from elsewhere.
 */
import { create, toBinary } from '@bufbuild/protobuf';
import {
  ModelProtoSchema,
  StringStringEntryProtoSchema,
  TensorProto_DataLocation,
  type GraphProto,
  type ModelProto,
  type NodeProto,
  type TensorProto,
} from 'onnx-buf';
import { expect } from 'vitest';
import { EngineError, type EngineErrorCode } from '../../src/errors.ts';
import { GraphBuilder } from '../../src/ir/builder.ts';
import type { IrModel } from '../../src/ir/types.ts';
import { modelToProto } from '../../src/onnx/ir-to-proto.ts';
import { readModel, type ReadModelOptions } from '../../src/onnx/read.ts';

/** The value, or a test failure naming what was missing (tests use no non-null assertions). */
export function must<T>(value: T | undefined, what = 'value'): T {
  if (value === undefined) throw new Error(`test setup: missing ${what}`);
  return value;
}

/**
 * A valid model exercising the places tensors live: x float32[2,3] → Add(x, w) → Mul(·, c) → Relu → y, with `w`
 * an initializer and `c` a Constant node (the way Paddle exports store weights).
 */
export function baseModel(): IrModel {
  const b = new GraphBuilder();
  const x = b.input('x', 'float32', [2, 3]);
  const w = b.initializer('w', 'float32', [2, 3], Float32Array.from([1, 2, 3, 4, 5, 6]));
  const c = b.constant('c', 'float32', [2, 3], Float32Array.from([6, 5, 4, 3, 2, 1]));
  const sum = b.op('Add', [x, w], {}, { name: 'add' });
  const product = b.op('Mul', [sum, c], {}, { name: 'mul' });
  b.output(b.op('Relu', [product], {}, { name: 'relu', outputs: ['y'] }), 'float32', [2, 3]);
  return b.toModel({ opset: 17 });
}

/** The base model's proto, mutated by `edit`, encoded. */
export function crafted(edit: (proto: ModelProto) => void, model: IrModel = baseModel()): Uint8Array {
  const proto = modelToProto(model);
  edit(proto);
  return toBinary(ModelProtoSchema, proto);
}

export function graphOf(proto: ModelProto): GraphProto {
  return must(proto.graph, 'graph');
}

/** The initializer `w` of the base model. */
export function initializerW(proto: ModelProto): TensorProto {
  return must(graphOf(proto).initializer.find((t) => t.name === 'w'), 'initializer w');
}

export function nodeNamed(proto: ModelProto, name: string): NodeProto {
  return must(graphOf(proto).node.find((n) => n.name === name), `node ${name}`);
}

/** The `value` tensor of the base model's Constant node. */
export function constantTensor(proto: ModelProto): TensorProto {
  const node = must(graphOf(proto).node.find((n) => n.opType === 'Constant'), 'Constant node');
  return must(node.attribute.find((a) => a.name === 'value')?.t, 'Constant value');
}

/** Moves a tensor's data to external storage with the given entries (and drops its inline bytes). */
export function makeExternal(t: TensorProto, entries: readonly (readonly [string, string])[]): void {
  t.rawData = new Uint8Array(0);
  t.floatData = [];
  t.dataLocation = TensorProto_DataLocation.EXTERNAL;
  t.externalData = entries.map(([key, value]) => create(StringStringEntryProtoSchema, { key, value }));
}

export interface Refusal {
  readonly error: EngineError;
  /** CPU milliseconds `readModel` spent before refusing. */
  readonly ms: number;
}

/** Budgets every refusal must meet: fast, and no large allocation on the way (DESIGN.md §8). */
export const REFUSAL_MS = 200;
export const REFUSAL_GROWTH_BYTES = 64 * 2 ** 20;

let warm = false;

/**
 * Runs `readModel` on bytes that must be refused and checks the refusal: an EngineError with exactly `code`, in
 * under 200 ms of CPU time, with array buffers and RSS growing by less than 64 MB across the call (a crafted size
 * that reached an allocator would show here). CPU time rather than wall time, because CI machines are shared and
 * the claim is about work done; the first call warms the decoder up outside the measurement, for the same reason.
 * Returns the error so tests can check what the message says.
 */
export function expectRefused(bytes: Uint8Array, code: EngineErrorCode, options: ReadModelOptions = {}): Refusal {
  if (!warm) {
    readModel(crafted(() => undefined));
    warm = true;
  }
  const before = process.memoryUsage();
  const cpuBefore = process.cpuUsage();
  let caught: unknown;
  try {
    readModel(bytes, options);
  } catch (error) {
    caught = error;
  }
  const cpu = process.cpuUsage(cpuBefore);
  const ms = (cpu.user + cpu.system) / 1000;
  const after = process.memoryUsage();
  expect(caught, 'readModel should have thrown').toBeInstanceOf(EngineError);
  const error = caught as EngineError;
  expect({ code: error.code, message: error.message }).toMatchObject({ code });
  expect(ms).toBeLessThan(REFUSAL_MS);
  expect(after.arrayBuffers - before.arrayBuffers).toBeLessThan(REFUSAL_GROWTH_BYTES);
  expect(after.rss - before.rss).toBeLessThan(REFUSAL_GROWTH_BYTES);
  // Messages never carry a stack trace or a host path (catalogue §d.9).
  expect(error.message).not.toMatch(/\n\s+at |\/tmp\/|\/work\/|node_modules/);
  return { error, ms };
}
