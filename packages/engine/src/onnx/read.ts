import type { IrModel } from '../ir/types.ts';
import { checkModel } from '../validate/check-model.ts';
import { checkModelProto } from '../validate/check-proto.ts';
import { resolveLimits, type ModelLimits } from '../validate/limits.ts';
import { decodeModelProto } from './decode.ts';
import { modelFromProto } from './proto-to-ir.ts';

export interface ReadModelOptions {
  readonly limits?: Partial<ModelLimits>;
}

/**
 * Reads ONNX bytes into the IR, validating before anything large is allocated:
 * sniff → protobuf decode (zero-copy, depth-limited) → static limits on the proto (BigInt sizes, external-data
 * locations, opsets) → IR → graph structure (cycles, undefined values, domains). Throws EngineError with a stable code.
 * External data is not read here; see `loadExternalData`.
 */
export function readModel(bytes: Uint8Array, options: ReadModelOptions = {}): IrModel {
  const limits = resolveLimits(options.limits);
  const proto = decodeModelProto(bytes);
  checkModelProto(proto, limits);
  const model = modelFromProto(proto);
  checkModel(model, limits);
  return model;
}
