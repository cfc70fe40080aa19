/**
 * Catalogue rows 29–32: tensors whose declared size is a lie. Sizes are computed with BigInt and refused before
 * anything is allocated; each value field must be the only one and exactly as long as ∏dims × dtype size.
 */
import { create } from '@bufbuild/protobuf';
import { SparseTensorProtoSchema, TensorProtoSchema } from 'onnx-buf';
import { describe, expect, it } from 'vitest';
import { EngineErrorCode } from '../../src/errors.ts';
import { DataType } from '../../src/ir/dtype.ts';
import { constantTensor, crafted, expectRefused, graphOf, initializerW } from './craft.ts';

describe('tensor sizes', () => {
  it('refuses dims [2^40] with 16 bytes of data', () => {
    const bytes = crafted((proto) => {
      const w = initializerW(proto);
      w.dims = [1n << 40n];
      w.rawData = new Uint8Array(16);
    });
    const { error } = expectRefused(bytes, EngineErrorCode.TensorTooLarge);
    expect(error.message).toContain('1099511627776 elements');
  });

  it('refuses dims [2^32, 2^32] (2^64 elements overflow a 64-bit product)', () => {
    const bytes = crafted((proto) => {
      initializerW(proto).dims = [1n << 32n, 1n << 32n];
    });
    const { error } = expectRefused(bytes, EngineErrorCode.TensorTooLarge);
    expect(error.message).toContain('18446744073709551616 elements');
  });

  it('refuses dims [2^61 + 1] of DOUBLE', () => {
    const bytes = crafted((proto) => {
      const w = initializerW(proto);
      w.dataType = DataType.DOUBLE;
      w.dims = [(1n << 61n) + 1n];
    });
    expectRefused(bytes, EngineErrorCode.TensorTooLarge);
  });

  it('refuses a dim of 2^60 even when another dim is 0', () => {
    const bytes = crafted((proto) => {
      const w = initializerW(proto);
      w.dims = [0n, 1n << 60n];
      w.rawData = new Uint8Array(0);
    });
    const { error } = expectRefused(bytes, EngineErrorCode.TensorTooLarge);
    expect(error.message).toContain('dim 1152921504606846976 at axis 1');
  });

  it('refuses a negative dim and names it', () => {
    const bytes = crafted((proto) => {
      initializerW(proto).dims = [2n, -3n];
    });
    const { error } = expectRefused(bytes, EngineErrorCode.TensorTooLarge);
    expect(error.message).toContain('negative dim -3');
  });

  it('refuses 100 dims', () => {
    const bytes = crafted((proto) => {
      initializerW(proto).dims = Array.from({ length: 100 }, () => 1n);
    });
    expectRefused(bytes, EngineErrorCode.LimitExceeded);
  });

  it('refuses a tensor over maxTensorBytes even when its data is present', () => {
    const { error } = expectRefused(crafted(() => undefined), EngineErrorCode.TensorTooLarge, { limits: { maxTensorBytes: 16n } });
    expect(error.message).toContain('takes 24 bytes; expected at most 16');
  });

  it('refuses a model whose tensors together exceed maxTotalTensorBytes', () => {
    expectRefused(crafted(() => undefined), EngineErrorCode.TensorTooLarge, { limits: { maxTotalTensorBytes: 40n } });
  });

  it('refuses a sparse initializer whose dense shape is 2^40 elements (onnxruntime densifies it)', () => {
    const bytes = crafted((proto) => {
      const values = create(TensorProtoSchema, { name: 's', dataType: DataType.FLOAT, dims: [1n], floatData: [1] });
      const indices = create(TensorProtoSchema, { name: 's_idx', dataType: DataType.INT64, dims: [1n], int64Data: [0n] });
      graphOf(proto).sparseInitializer.push(create(SparseTensorProtoSchema, { values, indices, dims: [1n << 20n, 1n << 20n] }));
    });
    expectRefused(bytes, EngineErrorCode.TensorTooLarge);
  });
});

describe('tensor value fields', () => {
  it('refuses raw_data shorter than ∏dims × size and says expected vs found', () => {
    const bytes = crafted((proto) => {
      initializerW(proto).rawData = new Uint8Array(16);
    });
    const { error } = expectRefused(bytes, EngineErrorCode.TensorDataLength);
    expect(error.message).toBe("Tensor 'w' (graph.initializer[0]): expected 24 bytes for float32[2,3], found 16.");
    expect(error.at).toBe('w');
  });

  it('refuses raw_data longer than declared on a Constant attribute tensor', () => {
    const bytes = crafted((proto) => {
      constantTensor(proto).rawData = new Uint8Array(28);
    });
    const { error } = expectRefused(bytes, EngineErrorCode.TensorDataLength);
    expect(error.message).toContain('graph.node[0].attribute[value]');
  });

  it('refuses a tensor with both raw_data and float_data (the dual-data PoC)', () => {
    const bytes = crafted((proto) => {
      initializerW(proto).floatData = [9, 9, 9, 9, 9, 9];
    });
    const { error } = expectRefused(bytes, EngineErrorCode.TensorDataField);
    expect(error.message).toContain('raw_data and float_data');
  });

  it('refuses values in the wrong typed field for the dtype', () => {
    const bytes = crafted((proto) => {
      const w = initializerW(proto);
      w.rawData = new Uint8Array(0);
      w.int64Data = [1n, 2n, 3n, 4n, 5n, 6n];
    });
    const { error } = expectRefused(bytes, EngineErrorCode.TensorDataField);
    expect(error.message).toContain('expected raw_data or float_data');
  });

  it('refuses a typed field with the wrong number of entries', () => {
    const bytes = crafted((proto) => {
      const w = initializerW(proto);
      w.rawData = new Uint8Array(0);
      w.floatData = [1, 2, 3, 4];
    });
    const { error } = expectRefused(bytes, EngineErrorCode.TensorDataLength);
    expect(error.message).toContain('expected 6 float_data entries for float32[2,3], found 4');
  });

  it('refuses a tensor with no data for a non-empty shape', () => {
    const bytes = crafted((proto) => {
      initializerW(proto).rawData = new Uint8Array(0);
    });
    expectRefused(bytes, EngineErrorCode.TensorDataLength);
  });

  it('refuses a string tensor whose string_data count differs from its shape', () => {
    const bytes = crafted((proto) => {
      graphOf(proto).initializer.push(
        create(TensorProtoSchema, { name: 'labels', dataType: DataType.STRING, dims: [3n], stringData: [new Uint8Array([0x61])] }),
      );
    });
    expectRefused(bytes, EngineErrorCode.TensorDataLength);
  });

  it('refuses an unknown data type', () => {
    const bytes = crafted((proto) => {
      initializerW(proto).dataType = 99;
    });
    expectRefused(bytes, EngineErrorCode.UnknownDataType);
  });

  it('refuses data type UNDEFINED', () => {
    const bytes = crafted((proto) => {
      initializerW(proto).dataType = 0;
    });
    expectRefused(bytes, EngineErrorCode.UnknownDataType);
  });
});
