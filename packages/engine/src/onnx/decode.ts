import { fromBinary } from '@bufbuild/protobuf';
import { ModelProtoSchema, type ModelProto } from 'onnx-buf';
import { EngineError, EngineErrorCode } from '../errors.ts';
import { sniffModelBytes } from './sniff.ts';

/**
 * Protobuf message depth allowed while decoding. Each subgraph level costs three messages
 * (Graph → Node → Attribute), so this admits about 30 nested If/Loop levels; deeper input is refused
 * instead of exhausting the stack (catalogue row 20).
 */
export const PROTO_RECURSION_LIMIT = 100;

/**
 * Decodes bytes into a ModelProto. `bytes` fields (raw_data) stay zero-copy views into `bytes`, so they may be
 * unaligned: copy before viewing them as wider typed arrays.
 */
export function decodeModelProto(bytes: Uint8Array): ModelProto {
  sniffModelBytes(bytes);
  let model: ModelProto;
  try {
    model = fromBinary(ModelProtoSchema, bytes, { recursionLimit: PROTO_RECURSION_LIMIT });
  } catch (error) {
    throw decodeError(error, bytes.byteLength);
  }
  if (model.graph === undefined) {
    throw new EngineError(
      EngineErrorCode.MissingGraph,
      `The ${String(bytes.byteLength)} bytes decode as protobuf but hold no ONNX graph; expected a ModelProto with a graph.`,
    );
  }
  return model;
}

function decodeError(error: unknown, size: number): EngineError {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof RangeError && /call stack/i.test(message)) {
    return new EngineError(EngineErrorCode.NestingTooDeep, 'The model nests messages too deeply to decode safely.');
  }
  if (/recursion (?:limit|depth)/i.test(message)) {
    return new EngineError(
      EngineErrorCode.NestingTooDeep,
      `The model nests messages deeper than ${String(PROTO_RECURSION_LIMIT)} levels; expected at most ${String(PROTO_RECURSION_LIMIT)}.`,
    );
  }
  if (/premature EOF|out of range|end of buffer/i.test(message)) {
    return new EngineError(
      EngineErrorCode.Truncated,
      `The model ends early: a protobuf field runs past the end of the ${String(size)}-byte file (truncated upload?).`,
    );
  }
  return new EngineError(EngineErrorCode.Decode, `Not a valid ONNX model: protobuf decoding failed (${sanitize(message)}).`);
}

/** Keeps decoder messages short and free of anything but the decoder's own words. */
function sanitize(message: string): string {
  return message.replace(/[^\x20-\x7e]/g, '?').slice(0, 160);
}
