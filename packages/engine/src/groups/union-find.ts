/** Disjoint sets over 0..n-1 with path halving and union by size. */
export class UnionFind {
  readonly #parent: Int32Array;
  readonly #size: Int32Array;

  constructor(n: number) {
    this.#parent = new Int32Array(n);
    this.#size = new Int32Array(n).fill(1);
    for (let i = 0; i < n; i++) this.#parent[i] = i;
  }

  find(x: number): number {
    let i = x;
    for (;;) {
      const p = this.#parent[i] ?? i;
      if (p === i) return i;
      const gp = this.#parent[p] ?? p;
      this.#parent[i] = gp;
      i = gp;
    }
  }

  union(a: number, b: number): void {
    let ra = this.find(a);
    let rb = this.find(b);
    if (ra === rb) return;
    if ((this.#size[ra] ?? 0) < (this.#size[rb] ?? 0)) [ra, rb] = [rb, ra];
    this.#parent[rb] = ra;
    this.#size[ra] = (this.#size[ra] ?? 0) + (this.#size[rb] ?? 0);
  }
}

/** Interns string keys as dense integers. */
export class KeyIndex {
  readonly #ids = new Map<string, number>();
  readonly keys: string[] = [];

  id(key: string): number {
    let id = this.#ids.get(key);
    if (id === undefined) {
      id = this.keys.length;
      this.#ids.set(key, id);
      this.keys.push(key);
    }
    return id;
  }

  get(key: string): number | undefined {
    return this.#ids.get(key);
  }

  get size(): number {
    return this.keys.length;
  }
}
