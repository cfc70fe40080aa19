/** What the graph view shows as a value's type: inferred facts first, then constants, then declarations. */
import { dataTypeName } from '../ir/dtype.ts';
import type { GraphIndex } from '../ir/graph-index.ts';
import type { Dim, IrGraph, IrValueInfo } from '../ir/types.ts';
import type { ShapeInferenceResult } from '../shape/types.ts';

/** dtype name and shape as the DTO carries them (null when unknown). */
export interface ViewType {
  readonly dtype: string | null;
  readonly shape: readonly Dim[] | null;
}

function declaredOf(info: IrValueInfo | undefined): { readonly dtype: number | undefined; readonly shape: readonly Dim[] | undefined } {
  const t = info?.type;
  if (t === undefined || (t.kind !== 'tensor' && t.kind !== 'sparse-tensor')) return { dtype: undefined, shape: undefined };
  return { dtype: t.elemType === 0 ? undefined : t.elemType, shape: t.shape };
}

/**
 * Declared dims with every dim that inference resolved to a number filled in; inference alone when nothing is
 * declared or the ranks disagree (inference ran on what the runtime will see).
 */
export function mergeShape(declared: readonly Dim[] | undefined, inferred: readonly Dim[] | undefined): readonly Dim[] | undefined {
  if (declared === undefined) return inferred;
  if (inferred === undefined) return declared;
  if (declared.length !== inferred.length) return inferred;
  return declared.map((d, i) => {
    const inf = inferred[i];
    return typeof inf === 'number' ? inf : d;
  });
}

/** Resolves view types of the main graph's values. */
export class ValueTypes {
  readonly #declared = new Map<string, IrValueInfo>();

  constructor(
    graph: IrGraph,
    private readonly index: GraphIndex,
    private readonly shapes: ShapeInferenceResult,
  ) {
    for (const list of [graph.valueInfo, graph.outputs, graph.inputs]) for (const v of list) this.#declared.set(v.name, v);
  }

  /** A value's type: inferred, else the constant tensor's, else as declared in the file. */
  of(name: string): ViewType {
    if (name === '') return { dtype: null, shape: null };
    const inferred = this.shapes.values.get(name);
    const tensor = this.index.constants.get(name);
    const declared = declaredOf(this.#declared.get(name));
    const dtype = inferred?.dtype ?? tensor?.dtype ?? declared.dtype;
    const shape = inferred?.shape ?? tensor?.dims ?? declared.shape;
    return { dtype: dtype === undefined ? null : dataTypeName(dtype), shape: shape === undefined ? null : [...shape] };
  }

  /** A graph input's or output's type: declared, refined by inference (see `mergeShape`). */
  port(info: IrValueInfo): ViewType & { readonly declaredShape: readonly Dim[] | null } {
    const declared = declaredOf(info);
    const inferred = this.shapes.values.get(info.name);
    const dtype = declared.dtype ?? inferred?.dtype;
    const shape = mergeShape(declared.shape, inferred?.shape);
    return {
      dtype: dtype === undefined ? null : dataTypeName(dtype),
      shape: shape === undefined ? null : [...shape],
      declaredShape: declared.shape === undefined ? null : [...declared.shape],
    };
  }
}
