import { describe, expect, it } from 'vitest';
import { EngineError, EngineErrorCode } from '../../src/errors.ts';
import { checkExternalLocation } from '../../src/validate/external-location.ts';

function codeOf(location: string): string {
  try {
    checkExternalLocation(location, "tensor 'w'");
    return 'accepted';
  } catch (error) {
    if (error instanceof EngineError) return error.code;
    throw error;
  }
}

describe('checkExternalLocation', () => {
  it.each([
    'weights.bin',
    'model.onnx.data',
    'model.onnx_data',
    'w-1_final.bin',
    '..weights.bin', // a name that merely starts with dots
    'weights/w.bin', // subfolders are allowed when every segment is plain
    'a/b/c/w.bin',
    'poids été.bin',
    '50%.bin', // a percent sign that decodes to nothing dangerous
  ])('accepts %j', (location) => {
    expect(codeOf(location)).toBe('accepted');
  });

  it.each([
    ['..', EngineErrorCode.ExternalDataTraversal],
    ['../w.bin', EngineErrorCode.ExternalDataTraversal],
    ['../../etc/passwd', EngineErrorCode.ExternalDataTraversal],
    ['w/../../secret', EngineErrorCode.ExternalDataTraversal],
    ['weights/..', EngineErrorCode.ExternalDataTraversal],
    ['..\\x', EngineErrorCode.ExternalDataTraversal],
    ['a\\..\\..\\x', EngineErrorCode.ExternalDataTraversal],
    ['%2e%2e/x', EngineErrorCode.ExternalDataTraversal],
    ['%2E%2E%2Fx', EngineErrorCode.ExternalDataTraversal],
    ['%252e%252e/x', EngineErrorCode.ExternalDataTraversal],
    ['.%2e/x', EngineErrorCode.ExternalDataTraversal],
    ['... /x', EngineErrorCode.ExternalDataTraversal], // Win32 strips trailing dots and spaces
    ['/etc/passwd', EngineErrorCode.ExternalDataAbsolute],
    ['/w.bin', EngineErrorCode.ExternalDataAbsolute],
    ['C:\\Windows\\win.ini', EngineErrorCode.ExternalDataAbsolute],
    ['c:/w.bin', EngineErrorCode.ExternalDataAbsolute],
    ['C:w.bin', EngineErrorCode.ExternalDataAbsolute],
    ['\\\\server\\share', EngineErrorCode.ExternalDataAbsolute],
    ['\\w.bin', EngineErrorCode.ExternalDataAbsolute],
    ['//server/share/w.bin', EngineErrorCode.ExternalDataAbsolute],
    ['file:///etc/passwd', EngineErrorCode.ExternalDataAbsolute],
    ['file:w.bin', EngineErrorCode.ExternalDataAbsolute],
    ['https://example.com/w.bin', EngineErrorCode.ExternalDataAbsolute],
    ['%2fetc%2fpasswd', EngineErrorCode.ExternalDataAbsolute],
    ['*/_ORT_MEM_ADDR_/*', EngineErrorCode.ExternalDataReserved],
    ['*/_ORT_NATIVE_ENDIAN_MEM_ADDR_/*', EngineErrorCode.ExternalDataReserved],
    ['weights/_ORT_MEM_ADDR_.bin', EngineErrorCode.ExternalDataReserved],
    ['%5FORT_MEM_ADDR%5F', EngineErrorCode.ExternalDataReserved],
    ['_ort_mem_addr_', EngineErrorCode.ExternalDataReserved],
    ['', EngineErrorCode.ExternalDataInvalid],
    ['w.bin\u0000', EngineErrorCode.ExternalDataInvalid],
    ['w%00.bin', EngineErrorCode.ExternalDataInvalid],
    ['w\n.bin', EngineErrorCode.ExternalDataInvalid],
    ['weights\\w.bin', EngineErrorCode.ExternalDataInvalid], // backslash: ORT on Linux would read one odd name
    ['w.bin:stream', EngineErrorCode.ExternalDataInvalid], // NTFS alternate data stream
    ['./w.bin', EngineErrorCode.ExternalDataInvalid],
    ['weights//w.bin', EngineErrorCode.ExternalDataInvalid],
    ['weights/', EngineErrorCode.ExternalDataInvalid],
    ['   ', EngineErrorCode.ExternalDataInvalid],
    ['CON', EngineErrorCode.ExternalDataInvalid],
    ['weights/nul.bin', EngineErrorCode.ExternalDataInvalid],
    ['COM1', EngineErrorCode.ExternalDataInvalid],
  ])('refuses %j with %s', (location, code) => {
    expect(codeOf(location)).toBe(code);
  });

  it('says where and what, with the location quoted and escaped', () => {
    expect(() => {
      checkExternalLocation('../\u0001x', "tensor 'w' (graph.initializer[0])");
    }).toThrow(
      /"\.\.\/\\u0001x" of tensor 'w' \(graph\.initializer\[0\]\)/,
    );
  });

  it('shortens a huge location in its message', () => {
    try {
      checkExternalLocation(`/${'a'.repeat(100_000)}`, "tensor 'w'");
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(EngineError);
      expect((error as EngineError).message.length).toBeLessThan(400);
    }
  });
});
