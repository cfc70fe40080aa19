/**
 * A model whose initializers, Constant values and attributes cover every storage case the codec must carry
 * unchanged: half and brain floats with special bit patterns, packed 4- and 2-bit integers, float8, int64/uint64
 * extremes, strings (multi-byte UTF-8), empty and scalar tensors, and one attribute of each AttributeProto type.
 * Not meant to run: it exercises the codec, not a runtime.
 */
import { GraphBuilder } from '../../../src/ir/builder.ts';
import { DataType } from '../../../src/ir/dtype.ts';
import { encodeUtf8 } from '../../../src/ir/utf8.ts';
import type { IrModel, IrSparseTensor } from '../../../src/ir/types.ts';
import { attribute, graph, node, rawTensor, stringTensor, tensorType, typedTensor, valueInfo } from './ir-parts.ts';

export const INT64_MAX = (1n << 63n) - 1n;
export const INT64_MIN = -(1n << 63n);
export const UINT64_MAX = (1n << 64n) - 1n;

/** float16 bit patterns: 1, smallest subnormal, largest subnormal, +inf, -inf, a NaN with payload, -0. */
export const HALF_BITS = [0x3c00, 0x0001, 0x03ff, 0x7c00, 0xfc00, 0x7e01, 0x8000] as const;
/** bfloat16 bit patterns: 1, -inf, a NaN with payload. */
export const BFLOAT_BITS = [0x3f80, 0xff80, 0x7fc1] as const;
/** int4 values [-8, -1, 0, 3, 7], packed low nibble first: 0xF8, 0x30, 0x07. */
export const INT4_PACKED = [0xf8, 0x30, 0x07] as const;
/** uint4 values [1, 15, 9], packed low nibble first. */
export const UINT4_PACKED = [0xf1, 0x09] as const;
/** float8e4m3fn: 1, 2, -2, 448 (the largest finite value), NaN. */
export const FLOAT8_BITS = [0x38, 0x40, 0xc0, 0x7e, 0x7f] as const;
export const STRINGS = ['', 'plain', 'héllo', '中文', '😀 emoji'] as const;

const sparse: IrSparseTensor = {
  values: typedTensor('sparse_values', DataType.FLOAT, [2], Float32Array.of(1.5, -2)),
  indices: typedTensor('sparse_indices', DataType.INT64, [2], BigInt64Array.of(1n, 5n)),
  dims: [2, 3],
};

export function dtypeZooModel(): IrModel {
  const b = new GraphBuilder();
  const x = b.input('x', 'float32', ['N', 4]);
  b.output(b.op('Identity', [x], {}, { name: 'identity', outputs: ['y'] }), 'float32', ['N', 4]);
  const base = b.toModel({ opset: 21, irVersion: 10 });

  const initializers = [
    typedTensor('f16', DataType.FLOAT16, [HALF_BITS.length], Uint16Array.from(HALF_BITS)),
    typedTensor('bf16', DataType.BFLOAT16, [BFLOAT_BITS.length], Uint16Array.from(BFLOAT_BITS)),
    rawTensor('i4', DataType.INT4, [5], INT4_PACKED),
    rawTensor('u4', DataType.UINT4, [3], UINT4_PACKED),
    rawTensor('i2', DataType.INT2, [5], [0b11_10_01_00, 0b01]),
    rawTensor('f4', DataType.FLOAT4E2M1, [3], [0x21, 0x0f]),
    rawTensor('f8', DataType.FLOAT8E4M3FN, [FLOAT8_BITS.length], FLOAT8_BITS),
    rawTensor('f8e5m2', DataType.FLOAT8E5M2, [2], [0x3c, 0xfc]),
    typedTensor('i64', DataType.INT64, [4], BigInt64Array.of(INT64_MAX, INT64_MIN, -1n, 0n)),
    typedTensor('u64', DataType.UINT64, [2], BigUint64Array.of(UINT64_MAX, 1n)),
    typedTensor('u32', DataType.UINT32, [1], Uint32Array.of(0xffffffff)),
    typedTensor('f64', DataType.DOUBLE, [3], Float64Array.of(Math.PI, -0, Number.MIN_VALUE)),
    typedTensor('c64', DataType.COMPLEX64, [1], Float32Array.of(1, -1)),
    rawTensor('bool', DataType.BOOL, [3], [1, 0, 1]),
    stringTensor('text', [STRINGS.length], STRINGS),
    typedTensor('empty', DataType.FLOAT, [0, 3], new Float32Array(0)),
    typedTensor('scalar', DataType.FLOAT, [], Float32Array.of(-0.25)),
  ];

  const branch = graph('branch', {
    nodes: [node('Identity', ['x'], ['branch_y'])],
    outputs: [valueInfo('branch_y', tensorType(DataType.FLOAT, undefined))],
  });
  const every = node('EveryAttribute', [], ['every_out'], {
    name: 'every_attribute',
    domain: 'test.whittle',
    attributes: [
      attribute('f', { type: 'FLOAT', value: 0.5 }),
      attribute('i', { type: 'INT', value: INT64_MAX }),
      attribute('s', { type: 'STRING', value: encodeUtf8('ünï €') }),
      attribute('t', { type: 'TENSOR', value: typedTensor('', DataType.FLOAT16, [1], Uint16Array.of(0x3c00)) }),
      attribute('g', { type: 'GRAPH', value: branch }),
      attribute('sparse', { type: 'SPARSE_TENSOR', value: sparse }),
      attribute('tp', { type: 'TYPE_PROTO', value: tensorType(DataType.INT4, ['K', 2]) }),
      attribute('floats', { type: 'FLOATS', value: [1, -0.5, Infinity] }),
      attribute('ints', { type: 'INTS', value: [INT64_MIN, 0n, 1n] }),
      attribute('strings', { type: 'STRINGS', value: STRINGS.map(encodeUtf8) }),
      attribute('tensors', { type: 'TENSORS', value: [rawTensor('', DataType.UINT4, [3], UINT4_PACKED)] }),
      attribute('graphs', { type: 'GRAPHS', value: [branch, branch] }),
      attribute('sparses', { type: 'SPARSE_TENSORS', value: [sparse] }),
      attribute('tps', { type: 'TYPE_PROTOS', value: [{ kind: 'sequence', elem: tensorType(DataType.STRING, undefined), denotation: '' }] }),
    ],
  });
  const constants = [
    node('Constant', [], ['const_i4'], { attributes: [attribute('value', { type: 'TENSOR', value: rawTensor('', DataType.INT4, [5], INT4_PACKED) })] }),
    node('Constant', [], ['const_text'], { attributes: [attribute('value', { type: 'TENSOR', value: stringTensor('', [2], ['a', 'é']) })] }),
    node('Constant', [], ['const_ints'], { attributes: [attribute('value_ints', { type: 'INTS', value: [INT64_MAX, -1n] })] }),
  ];

  return {
    ...base,
    opsetImports: [...base.opsetImports, { domain: 'test.whittle', version: 1 }],
    graph: { ...base.graph, nodes: [...constants, every, ...base.graph.nodes], initializers },
  };
}
