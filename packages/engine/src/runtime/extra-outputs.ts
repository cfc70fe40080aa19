import type { IrModel } from '../ir/types.ts';

/**
 * Returns a copy of the model whose graph also outputs the named intermediate values, so a runtime can fetch them.
 * No type is declared for the added outputs: onnxruntime fills types in (platform-facts.md §1). Values that are
 * already outputs are not added twice.
 */
export function withExtraOutputs(model: IrModel, names: readonly string[]): IrModel {
  const existing = new Set(model.graph.outputs.map((o) => o.name));
  const added = [...new Set(names)]
    .filter((n) => n !== '' && !existing.has(n))
    .map((name) => ({ name, type: undefined, docString: '', metadataProps: [] }));
  return { ...model, graph: { ...model.graph, outputs: [...model.graph.outputs, ...added] } };
}
