import { describe, expect, it } from 'vitest';
import { errorBodySchema, ApiErrorCode, API_ERROR_CODES } from '../src/error-codes.ts';
import { inspectReportSchema, type InspectReport } from '../src/inspect-report.ts';

const report: InspectReport = {
  file: 'model.onnx',
  sizeBytes: 1234,
  externalDataFiles: [],
  irVersion: 8,
  opsets: { 'ai.onnx': 17 },
  producer: { name: 'pytorch', version: '2.5.0' },
  graphName: 'main_graph',
  nodeCount: 2,
  opCounts: { Conv: 1, Relu: 1 },
  initializerCount: 1,
  params: 432,
  paramBytes: 1728,
  paramBytesByDtype: { float32: 1728 },
  macs: null,
  macsKnown: 0,
  macsUnknownNodes: 1,
  otherOps: null,
  inputs: [{ name: 'x', dtype: 'float32', shape: ['N', 3, 32, 32] }],
  outputs: [{ name: 'y', dtype: 'float32', shape: ['N', 16, 32, 32] }],
  inputShapes: {},
  largestActivation: null,
  shapeIssues: [],
  costNotes: [{ node: '/conv/Conv', opType: 'Conv', reason: "output 0 'y' has symbolic dims [N,16,32,32]" }],
  notes: ['Params, MACs, other ops and activation sizes are static estimates from the graph, not measurements.'],
};

describe('inspectReportSchema', () => {
  it('parses a report with symbolic shapes and unknown MACs', () => {
    expect(inspectReportSchema.parse(report)).toEqual(report);
  });

  it('parses a report with concrete shapes and a largest activation', () => {
    const concrete = {
      ...report,
      macs: 442_368,
      macsKnown: 442_368,
      macsUnknownNodes: 0,
      otherOps: 16_384,
      inputShapes: { x: [1, 3, 32, 32] },
      largestActivation: { name: 'y', dtype: 'float32', shape: [1, 16, 32, 32], bytes: 65_536 },
    };
    expect(inspectReportSchema.parse(concrete)).toEqual(concrete);
  });

  it('rejects reports with missing or mistyped figures', () => {
    const missing: Record<string, unknown> = { ...report };
    delete missing.params;
    expect(inspectReportSchema.safeParse(missing).success).toBe(false);
    expect(inspectReportSchema.safeParse({ ...report, macs: '1 G' }).success).toBe(false);
    expect(inspectReportSchema.safeParse({ ...report, opCounts: { Conv: -1 } }).success).toBe(false);
    expect(inspectReportSchema.safeParse({ ...report, inputs: [{ name: 'x', dtype: 'float32', shape: [1.5] }] }).success).toBe(false);
  });
});

describe('error codes', () => {
  it('lists the API codes with the API_ERR_ prefix', () => {
    expect(API_ERROR_CODES).toEqual([
      'API_ERR_NOT_FOUND',
      'API_ERR_BAD_REQUEST',
      'API_ERR_VALIDATION',
      'API_ERR_INTERNAL',
      'API_ERR_UNAUTHORIZED',
      'API_ERR_FORBIDDEN',
      'API_ERR_TOO_LARGE',
      'API_ERR_TOO_MANY_PARTS',
      'API_ERR_UNSUPPORTED_MEDIA',
      'API_ERR_CONFLICT',
      'API_ERR_RATE_LIMITED',
      'API_ERR_UNAVAILABLE',
      'API_ERR_NO_SPACE',
    ]);
    expect(new Set(API_ERROR_CODES).size).toBe(API_ERROR_CODES.length);
    expect(ApiErrorCode.Validation).toBe('API_ERR_VALIDATION');
  });

  it('accepts error bodies with engine, API and CLI codes and rejects free-form codes', () => {
    for (const code of ['ENGINE_ERR_NOT_ONNX', 'API_ERR_NOT_FOUND', 'CLI_ERR_USAGE']) {
      expect(errorBodySchema.parse({ error: { code, message: 'x' } }).error.code).toBe(code);
    }
    expect(errorBodySchema.safeParse({ error: { code: 'oops', message: 'x' } }).success).toBe(false);
    expect(errorBodySchema.safeParse({ error: { code: 'API_ERR_INTERNAL' } }).success).toBe(false);
  });
});
