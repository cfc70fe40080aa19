import { weight, x, type CaseAttrs, type OpCase } from './case-types.ts';

const mm = (a: readonly number[], b: readonly number[], out: readonly number[]): OpCase => ({
  name: `[${a.join(',')}] x [${b.join(',')}] gives [${out.join(',')}]`,
  op: 'MatMul',
  opset: 13,
  inputs: [x(a), x(b)],
  expect: [['float32', out]],
});
const gemm = (name: string, a: readonly number[], b: readonly number[], attrs: CaseAttrs, out: readonly number[], c?: readonly number[]): OpCase => ({
  name,
  op: 'Gemm',
  opset: 13,
  attrs,
  inputs: c === undefined ? [x(a), weight(b)] : [x(a), weight(b), weight(c)],
  expect: [['float32', out]],
});
const einsum = (equation: string, shapes: readonly (readonly number[])[], out: readonly number[]): OpCase => ({
  name: `'${equation}'`,
  op: 'Einsum',
  opset: 12,
  attrs: { equation },
  inputs: shapes.map((s) => x(s)),
  expect: [['float32', out]],
});

/** MatMul (numpy semantics incl. 1-D promotion and batch broadcasting), Gemm transposes, integer forms, Einsum. */
export const gemmMatmulCases: readonly OpCase[] = [
  mm([3, 4], [4, 5], [3, 5]),
  mm([2, 3, 4], [4, 5], [2, 3, 5]),
  mm([2, 1, 3, 4], [5, 4, 6], [2, 5, 3, 6]),
  mm([4], [4, 5], [5]),
  mm([3, 4], [4], [3]),
  mm([4], [4], []),
  mm([2, 3, 4], [4], [2, 3]),
  mm([4], [2, 4, 5], [2, 5]),
  gemm('plain', [3, 4], [4, 5], {}, [3, 5]),
  gemm('transA', [4, 3], [4, 5], { transA: 1 }, [3, 5]),
  gemm('transB with bias', [3, 4], [5, 4], { transB: 1 }, [3, 5], [5]),
  gemm('transA and transB', [4, 3], [5, 4], { transA: 1, transB: 1 }, [3, 5], [3, 5]),
  { name: 'Gemm opset 9 with bias', op: 'Gemm', opset: 9, inputs: [x([2, 6]), weight([6, 3]), weight([3])], expect: [['float32', [2, 3]]] },
  {
    name: 'MatMulInteger gives int32',
    op: 'MatMulInteger',
    opset: 10,
    inputs: [x([2, 3, 4], 'uint8'), weight([4, 5], 'uint8')],
    expect: [['int32', [2, 3, 5]]],
  },
  {
    name: 'QLinearMatMul takes y_zero_point type',
    op: 'QLinearMatMul',
    opset: 10,
    inputs: [
      x([2, 4], 'uint8'),
      { dtype: 'float32', shape: [], value: [0.1] },
      { dtype: 'uint8', shape: [], value: [128] },
      weight([4, 3], 'uint8'),
      { dtype: 'float32', shape: [], value: [0.1] },
      { dtype: 'uint8', shape: [], value: [0] },
      { dtype: 'float32', shape: [], value: [0.2] },
      { dtype: 'uint8', shape: [], value: [0] },
    ],
    expect: [['uint8', [2, 3]]],
  },
  einsum('ij,jk->ik', [[3, 4], [4, 5]], [3, 5]),
  einsum('bij,bjk->bik', [[2, 3, 4], [2, 4, 5]], [2, 3, 5]),
  einsum('ij,jk', [[3, 4], [4, 5]], [3, 5]),
  einsum('ij->ji', [[3, 4]], [4, 3]),
  einsum('i,i->', [[4], [4]], []),
  einsum('...ij,...jk->...ik', [[2, 3, 4], [2, 4, 5]], [2, 3, 5]),
  // onnxruntime does not broadcast ellipsis dims; numpy (and the spec) do.
  { ...einsum('...ij,...jk->...ik', [[2, 1, 3, 4], [5, 4, 6]], [2, 5, 3, 6]), name: 'broadcast ellipsis (spec only)', ort: false },
  einsum('bhqd,bhkd->bhqk', [[1, 2, 3, 8], [1, 2, 5, 8]], [1, 2, 3, 5]),
];
