import { dataTypeName } from '../../src/ir/dtype.ts';
import type { IrModel } from '../../src/ir/types.ts';
import type { HostTensor } from '../../src/runtime/inference-runtime.ts';
import type { ShapeInferenceResult } from '../../src/shape/types.ts';
import { runWithIntermediates } from '../helpers/run-model.ts';

/** One value whose inferred type differs from what onnxruntime produced. */
export interface ShapeMismatch {
  readonly value: string;
  readonly node: string;
  readonly opType: string;
  readonly expected: string;
  readonly found: string;
}

/** Every node output of the main graph, in node order. */
export function nodeOutputs(model: IrModel): string[] {
  return model.graph.nodes.flatMap((n) => n.outputs).filter((o) => o !== '');
}

/**
 * Runs the model in onnxruntime with every node output exposed and lists, in node order, the values whose
 * inferred dtype or shape differs from what onnxruntime produced (first entry = first mismatch).
 */
export async function compareWithOrt(model: IrModel, result: ShapeInferenceResult, feeds: Readonly<Record<string, HostTensor>>): Promise<{ readonly checked: number; readonly mismatches: ShapeMismatch[] }> {
  const ran = await runWithIntermediates(model, feeds, nodeOutputs(model));
  const mismatches: ShapeMismatch[] = [];
  let checked = 0;
  for (const node of model.graph.nodes) {
    for (const o of node.outputs) {
      if (o === '') continue;
      const t = ran[o];
      const info = result.values.get(o);
      const expected = t === undefined ? 'missing from onnxruntime' : `${t.type}[${t.dims.join(',')}]`;
      const found = `${info?.dtype === undefined ? '?' : dataTypeName(info.dtype)}[${info?.shape?.join(',') ?? '?'}]`;
      checked++;
      if (expected !== found) mismatches.push({ value: o, node: node.name, opType: node.opType, expected, found });
    }
  }
  return { checked, mismatches };
}
