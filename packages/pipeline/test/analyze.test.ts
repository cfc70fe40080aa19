import { describe, expect, it } from 'vitest';
import { isEngineError, readModel } from '@whittle/engine';
import { modelAnalysisSchema } from '@whittle/shared';
import { analyzeModel, isPipelineError } from '@whittle/pipeline';
import { readPaddleModel } from './helpers/paddle-models.ts';

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);

describe('analyzeModel on PaddleOCR', () => {
  for (const file of ['ch_ppocr_mobile_v2.0_cls_infer.onnx', 'ch_PP-OCRv4_rec_infer.onnx']) {
    it(`analyses ${file}: schema-valid, node counts equal the model's, groups found`, async () => {
      const bytes = readPaddleModel(file);
      const fractions: number[] = [];
      const analysis = await analyzeModel(bytes, file, { progress: (f) => fractions.push(f) });
      expect(modelAnalysisSchema.parse(analysis)).toEqual(analysis);
      const nodes = readModel(bytes).graph.nodes.length;
      expect(analysis.inspect.nodeCount).toBe(nodes);
      expect(analysis.graph.nodes).toHaveLength(nodes);
      expect(analysis.inspect.file).toBe(file);
      expect(analysis.inspect.sizeBytes).toBe(bytes.byteLength);
      expect(analysis.groups.groups.length).toBeGreaterThan(0);
      expect(analysis.groups.summary.prunable).toBeGreaterThan(0);
      // Symbolic input dims: MACs stay unknown rather than guessed.
      expect(analysis.inspect.macs).toBeNull();
      expect(fractions.at(-1)).toBe(1);
      expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    });
  }
});

describe('analyzeModel refusals', () => {
  it('refuses bytes that are not ONNX with the engine code, untouched', async () => {
    const error: unknown = await analyzeModel(PNG, 'picture.onnx').catch((e: unknown) => e);
    expect(isEngineError(error) && error.code).toBe('ENGINE_ERR_NOT_ONNX');
  });

  it('stops with PIPELINE_ERR_CANCELLED when its signal is aborted', async () => {
    const controller = new AbortController();
    const running = analyzeModel(readPaddleModel('ch_ppocr_mobile_v2.0_cls_infer.onnx'), 'cls.onnx', {
      signal: controller.signal,
      progress: (f) => {
        if (f >= 0.2) controller.abort();
      },
    });
    const error: unknown = await running.catch((e: unknown) => e);
    expect(isPipelineError(error) && error.code).toBe('PIPELINE_ERR_CANCELLED');
  });
});
