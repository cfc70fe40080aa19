import type { Dim, IrGraph, IrNode } from '../ir/types.ts';
import type { DimAlgebra } from './dim-algebra.ts';
import type { ShapeContext } from './handler.ts';
import type { KnownValue } from './known-value.ts';
import type { ValueScope } from './scope.ts';
import type { TensorInfo } from './types.ts';

const UNKNOWN: TensorInfo = { dtype: undefined, shape: undefined };

type SubgraphInference = (graph: IrGraph, inputs: readonly (TensorInfo | undefined)[]) => readonly TensorInfo[];

/** The `ShapeContext` of one node: its inputs looked up in the scope it sits in. */
export class NodeShapeContext implements ShapeContext {
  constructor(
    readonly node: IrNode,
    readonly opset: number,
    readonly scope: ValueScope,
    readonly dims: DimAlgebra,
    readonly subgraphs: SubgraphInference,
  ) {}

  get inputCount(): number {
    return this.node.inputs.length;
  }

  has(i: number): boolean {
    const name = this.node.inputs[i];
    return name !== undefined && name !== '';
  }

  input(i: number): TensorInfo {
    const name = this.node.inputs[i];
    if (name === undefined || name === '') return UNKNOWN;
    return this.scope.info(name) ?? UNKNOWN;
  }

  dtype(i: number): number | undefined {
    return this.input(i).dtype;
  }

  shape(i: number): readonly Dim[] | undefined {
    return this.input(i).shape;
  }

  value(i: number): KnownValue | undefined {
    const name = this.node.inputs[i];
    if (name === undefined || name === '') return undefined;
    return this.scope.value(name);
  }

  inferSubgraph(graph: IrGraph, inputs: readonly (TensorInfo | undefined)[]): readonly TensorInfo[] {
    return this.subgraphs(graph, inputs);
  }
}
