/** Fresh value names that collide with nothing in a model (main graph and every subgraph). */
import { subgraphsOf } from '../ir/attributes.ts';
import type { IrGraph } from '../ir/types.ts';

/**
 * Hands out names not used anywhere in the graph it was built from, nor handed out before.
 * @internal
 */
export class NameSource {
  readonly #used = new Set<string>();

  constructor(graph: IrGraph) {
    const stack: IrGraph[] = [graph];
    for (let g = stack.pop(); g !== undefined; g = stack.pop()) {
      for (const v of [...g.inputs, ...g.outputs, ...g.valueInfo]) this.#used.add(v.name);
      for (const t of g.initializers) this.#used.add(t.name);
      for (const n of g.nodes) {
        this.#used.add(n.name);
        for (const o of n.outputs) this.#used.add(o);
        for (const i of n.inputs) this.#used.add(i);
        stack.push(...subgraphsOf(n));
      }
    }
  }

  /** `base`, or `base_1`, `base_2`, … — the first that is free; it is reserved before it is returned. */
  fresh(base: string): string {
    let name = base;
    for (let i = 1; this.#used.has(name); i++) name = `${base}_${String(i)}`;
    this.#used.add(name);
    return name;
  }
}
