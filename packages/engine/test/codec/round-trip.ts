import { decodeModelProto } from '../../src/onnx/decode.ts';
import { writeModel } from '../../src/onnx/codec.ts';
import { modelFromProto } from '../../src/onnx/proto-to-ir.ts';
import type { IrModel } from '../../src/ir/types.ts';

/** Bytes → IR without the validation layer (the codec under test, nothing else). */
export function decodeToIr(bytes: Uint8Array): IrModel {
  return modelFromProto(decodeModelProto(bytes));
}

/** IR → bytes → IR. */
export function roundTrip(model: IrModel): IrModel {
  return decodeToIr(writeModel(model));
}
