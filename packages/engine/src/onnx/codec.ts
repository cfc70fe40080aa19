import { toBinary } from '@bufbuild/protobuf';
import { ModelProtoSchema, type ModelProto } from 'onnx-buf';
import type { IrModel } from '../ir/types.ts';
import { modelToProto } from './ir-to-proto.ts';

/** Encodes a ModelProto. Unmodified decoded protos re-encode byte-identically (unknown fields included). */
export function encodeModelProto(proto: ModelProto): Uint8Array {
  return toBinary(ModelProtoSchema, proto);
}

/** Serializes an IR model to ONNX bytes (tensors as raw_data). */
export function writeModel(model: IrModel): Uint8Array {
  return encodeModelProto(modelToProto(model));
}
