/**
 * Catalogue rows 22–28: external-data entries that point outside the model folder, at onnxruntime's in-memory
 * markers, or are malformed. All are refused by `readModel` before any file could be opened.
 */
import { create } from '@bufbuild/protobuf';
import { SparseTensorProtoSchema, TensorProto_DataLocation, TensorProtoSchema } from 'onnx-buf';
import { describe, expect, it } from 'vitest';
import { EngineErrorCode } from '../../src/errors.ts';
import { DataType } from '../../src/ir/dtype.ts';
import { constantTensor, crafted, expectRefused, graphOf, initializerW, makeExternal } from './craft.ts';

/** The base model with `w` stored externally under these entries. */
function externalW(entries: readonly (readonly [string, string])[]): Uint8Array {
  return crafted((proto) => {
    makeExternal(initializerW(proto), entries);
  });
}

describe('external-data locations that leave the model folder', () => {
  it.each([
    ['../../etc/passwd', 'CVE-2022-25882'],
    ['w/../../secret', 'CVE-2024-27318'],
    ['..\\x', 'backslash separators'],
    ['%2e%2e/x', 'percent-encoded'],
    ['%252e%252e%252fx', 'double percent-encoded'],
    ['weights/..', 'trailing ..'],
  ])('refuses %j as traversal (%s)', (location) => {
    const { error } = expectRefused(externalW([['location', location]]), EngineErrorCode.ExternalDataTraversal);
    expect(error.message).toContain("tensor 'w'");
  });

  it.each([
    ['/etc/passwd', 'POSIX absolute'],
    ['C:\\Windows\\win.ini', 'drive letter'],
    ['C:win.ini', 'drive-relative'],
    ['\\\\server\\share', 'UNC share'],
    ['file:///etc/passwd', 'file URL'],
    ['http://example.com/w.bin', 'http URL'],
  ])('refuses %j as absolute (%s)', (location) => {
    expectRefused(externalW([['location', location]]), EngineErrorCode.ExternalDataAbsolute);
  });
});

describe("onnxruntime's reserved in-memory locations (onnxruntime #28617)", () => {
  const markers = ['*/_ORT_MEM_ADDR_/*', '*/_ORT_NATIVE_ENDIAN_MEM_ADDR_/*'];

  it.each(markers)('refuses %j on an initializer, whatever the offset', (marker) => {
    const bytes = externalW([
      ['location', marker],
      ['offset', '140737488355328'],
      ['length', '24'],
    ]);
    const { error } = expectRefused(bytes, EngineErrorCode.ExternalDataReserved);
    expect(error.message).toMatch(/reserved in-memory location/);
  });

  it.each(markers)('refuses %j on a Constant node attribute tensor', (marker) => {
    const bytes = crafted((proto) => {
      makeExternal(constantTensor(proto), [['location', marker]]);
    });
    const { error } = expectRefused(bytes, EngineErrorCode.ExternalDataReserved);
    expect(error.message).toContain('graph.node[0].attribute[value]');
  });

  it('refuses the marker on a sparse initializer', () => {
    const bytes = crafted((proto) => {
      const values = create(TensorProtoSchema, { name: 's', dataType: DataType.FLOAT, dims: [2n] });
      makeExternal(values, [['location', '*/_ORT_MEM_ADDR_/*']]);
      const indices = create(TensorProtoSchema, { name: 's_idx', dataType: DataType.INT64, dims: [2n], int64Data: [0n, 3n] });
      graphOf(proto).sparseInitializer.push(create(SparseTensorProtoSchema, { values, indices, dims: [2n, 3n] }));
    });
    expectRefused(bytes, EngineErrorCode.ExternalDataReserved);
  });
});

describe('malformed external-data entries (TensorRT PoCs, CVE-2026-34445)', () => {
  it.each([
    ['a negative offset', [['location', 'w.bin'], ['offset', '-4096']]],
    ['a hexadecimal offset', [['location', 'w.bin'], ['offset', '0x10']]],
    ['an offset past 2^53', [['location', 'w.bin'], ['offset', '9007199254740993']]],
    ['a length of 2^63', [['location', 'w.bin'], ['length', '9223372036854775808']]],
    ['location given twice', [['location', 'w.bin'], ['location', '../x']]],
    ['the key __class__', [['location', 'w.bin'], ['__class__', 'os.system']]],
    ['the key basepath', [['location', 'w.bin'], ['basepath', '/etc']]],
    ['no location', [['offset', '0']]],
    ['an empty location', [['location', '']]],
    ['a NUL in the location', [['location', 'w.bin\u0000.txt']]],
  ] as const)('refuses %s', (_, entries) => {
    expectRefused(externalW(entries), EngineErrorCode.ExternalDataInvalid);
  });

  it('refuses a declared length that differs from the tensor size', () => {
    const { error } = expectRefused(
      externalW([
        ['location', 'w.bin'],
        ['length', '16'],
      ]),
      EngineErrorCode.TensorDataLength,
    );
    expect(error.message).toContain('expected 24 bytes for float32[2,3], found external_data length 16');
  });

  it('refuses a tensor that is external and also carries raw_data', () => {
    const bytes = crafted((proto) => {
      const w = initializerW(proto);
      const raw = w.rawData;
      makeExternal(w, [['location', 'w.bin']]);
      w.rawData = raw;
    });
    expectRefused(bytes, EngineErrorCode.TensorDataField);
  });

  it('refuses external_data entries on a tensor whose data_location is DEFAULT', () => {
    const bytes = crafted((proto) => {
      const w = initializerW(proto);
      makeExternal(w, [['location', '../../etc/passwd']]);
      w.dataLocation = TensorProto_DataLocation.DEFAULT;
      w.rawData = new Uint8Array(24);
    });
    expectRefused(bytes, EngineErrorCode.ExternalDataInvalid);
  });
});
