import type { Dim } from '../ir/types.ts';

/**
 * Arithmetic on tensor dimensions that may be symbolic.
 *
 * A symbolic dim is a string. Arithmetic on symbols does not invent fresh unknowns: it builds a canonical
 * expression string, so the same computation reached along two paths yields the same string and the two shapes
 * still unify (a residual Add after two strided branches, a Reshape that splits and re-joins a batch dim):
 *
 * - sums and products are polynomials over atoms with numeric coefficients, rendered in a fixed order
 *   (`2*H+1`, `H*W`, `N*3`);
 * - floor division by a positive integer k splits P = k·Q + R with 0 ≤ coefficients of R < k, so
 *   floor(P/k) = Q + floor(R/k); an R that is not constant becomes an atom `floor((H+1)/2)`. Ceil division is
 *   floor((P + k − 1)/k), so a stride-2 convolution and a SAME pool both give `floor((H+1)/2)`;
 * - division by a symbolic monomial cancels exactly when every term is a multiple of it (`N*C*H*W / (C*H*W)`);
 *   anything else becomes an atom such as `floor(H/W)`.
 *
 * Expression strings created here are remembered (per algebra instance, i.e. per inference run) and parsed back by
 * lookup; any other string is an opaque atom. Truly data-dependent dims (NonZero, an unknown Reshape target) get
 * fresh names `unk__0`, `unk__1`, ... that avoid every name the model already uses.
 *
 * Symbols are assumed to stand for non-negative integers (they are sizes), which is what makes floor division of
 * sums well defined.
 */
export class DimAlgebra {
  readonly #exprs = new Map<string, Poly>();
  /** Floor atoms created here: `floor(R/k)` → R and k, so that nested floors can merge. */
  readonly #floors = new Map<string, { readonly num: Poly; readonly k: number }>();
  readonly #taken = new Set<string>();
  #next = 0;

  /** Marks names the model already uses, so that fresh symbols never collide with them. */
  reserve(names: Iterable<string>): void {
    for (const n of names) this.#taken.add(n);
  }

  /** A new symbol for a dim nothing can predict (data-dependent sizes). */
  fresh(): string {
    for (;;) {
      const name = `unk__${String(this.#next++)}`;
      if (!this.#taken.has(name)) {
        this.#taken.add(name);
        return name;
      }
    }
  }

  add(a: Dim, b: Dim): Dim {
    if (typeof a === 'number' && typeof b === 'number') return a + b;
    return this.#toDim(addPoly(this.#poly(a), this.#poly(b)));
  }

  sub(a: Dim, b: Dim): Dim {
    if (typeof a === 'number' && typeof b === 'number') return a - b;
    return this.#toDim(addPoly(this.#poly(a), scalePoly(this.#poly(b), -1)));
  }

  mul(a: Dim, b: Dim): Dim {
    if (typeof a === 'number' && typeof b === 'number') return a * b;
    return this.#toDim(mulPoly(this.#poly(a), this.#poly(b)));
  }

  neg(a: Dim): Dim {
    return typeof a === 'number' ? -a : this.#toDim(scalePoly(this.#poly(a), -1));
  }

  /** Product of dims (1 for an empty list). */
  product(dims: readonly Dim[]): Dim {
    let p: Dim = 1;
    for (const d of dims) p = this.mul(p, d);
    return p;
  }

  /** floor(a / b). `b` should be positive; a numeric zero divisor yields a fresh symbol rather than NaN. */
  floorDiv(a: Dim, b: Dim): Dim {
    if (typeof a === 'number' && typeof b === 'number') return b === 0 ? this.fresh() : Math.floor(a / b);
    const pa = this.#poly(a);
    const pb = this.#poly(b);
    const k = constantOf(pb);
    if (k !== undefined) {
      if (k === 0) return this.fresh();
      if (Number.isInteger(k) && k > 0) return this.#floorDivByInt(pa, k);
      return this.floor(this.#toDim(scalePoly(pa, 1 / k)));
    }
    const exact = exactMonomialQuotient(pa, pb);
    if (exact !== undefined) return this.#toDim(exact);
    return this.#atom(`floor(${renderOperand(pa)}/${renderOperand(pb)})`);
  }

  /** ceil(a / b) for a positive `b`, as floor((a + b − 1) / b). */
  ceilDiv(a: Dim, b: Dim): Dim {
    if (typeof a === 'number' && typeof b === 'number') return b === 0 ? this.fresh() : Math.ceil(a / b);
    return this.floorDiv(this.sub(this.add(a, b), 1), b);
  }

  /** floor(a) for a dim that may carry fractional coefficients (a symbolic size times a float scale). */
  floor(a: Dim): Dim {
    if (typeof a === 'number') return Math.floor(a);
    const p = this.#poly(a);
    const denominator = commonDenominator(p);
    if (denominator === 1) return a;
    if (denominator !== undefined) return this.#floorDivByInt(scalePoly(p, denominator), denominator);
    return this.#atom(`floor(${renderPoly(p)})`);
  }

  /**
   * The quotient of two products, cancelling equal factors first (so `[N, C, H, W] / [N, C]` is `H*W` even when
   * H is itself a sum such as `H+2`). Used for Reshape's −1 and Flatten-like arithmetic.
   */
  quotientOfProducts(numerator: readonly Dim[], denominator: readonly Dim[]): Dim {
    const num = [...numerator];
    const rest: Dim[] = [];
    for (const d of denominator) {
      const i = num.findIndex((n) => n === d);
      if (i >= 0) num.splice(i, 1);
      else rest.push(d);
    }
    return this.floorDiv(this.product(num), this.product(rest));
  }

  #floorDivByInt(p: Poly, k: number): Dim {
    if (k === 1) return this.#toDim(p);
    if (!allIntegral(p)) return this.#atom(`floor(${renderOperand(p)}/${String(k)})`);
    // floor((floor(R/j) + c) / k) = floor((R + c·j) / (j·k)) for integers c, j, k > 0 (floor(floor(y)/k) = floor(y/k)).
    const nested = this.#nestedFloor(p);
    if (nested !== undefined) return this.#floorDivByInt(addPoly(nested.num, constPoly(nested.c * nested.k)), nested.k * k);
    const q = new Map<string, Term>();
    const r = new Map<string, Term>();
    for (const [key, t] of p) {
      const qc = Math.floor(t.coeff / k);
      const rc = t.coeff - qc * k;
      if (qc !== 0) q.set(key, { atoms: t.atoms, coeff: qc });
      if (rc !== 0) r.set(key, { atoms: t.atoms, coeff: rc });
    }
    const rc = constantOf(r);
    const rest: Poly = rc !== undefined ? constPoly(Math.floor(rc / k)) : this.#poly(this.#floorAtom(r, k));
    return this.#toDim(addPoly(q, rest));
  }

  #floorAtom(num: Poly, k: number): string {
    const name = this.#atom(`floor(${renderOperand(num)}/${String(k)})`);
    this.#floors.set(name, { num, k });
    return name;
  }

  /** `p` as floor(R/k) + c when it is exactly one floor atom created here plus a constant. */
  #nestedFloor(p: Poly): { readonly num: Poly; readonly k: number; readonly c: number } | undefined {
    let c = 0;
    let found: { readonly num: Poly; readonly k: number } | undefined;
    for (const t of p.values()) {
      if (t.atoms.length === 0) {
        c = t.coeff;
        continue;
      }
      const atom = t.atoms[0];
      const floor = atom === undefined ? undefined : this.#floors.get(atom);
      if (found !== undefined || t.coeff !== 1 || t.atoms.length !== 1 || floor === undefined) return undefined;
      found = floor;
    }
    return found === undefined ? undefined : { ...found, c };
  }

  #atom(name: string): string {
    this.#taken.add(name);
    return name;
  }

  #poly(d: Dim): Poly {
    if (typeof d === 'number') return constPoly(d);
    return this.#exprs.get(d) ?? new Map([[d, { atoms: [d], coeff: 1 }]]);
  }

  #toDim(p: Poly): Dim {
    const c = constantOf(p);
    if (c !== undefined) return c;
    if (p.size === 1) {
      const only = [...p.values()][0];
      if (only !== undefined && only.coeff === 1 && only.atoms.length === 1 && only.atoms[0] !== undefined) return only.atoms[0];
    }
    const text = renderPoly(p);
    if (!this.#exprs.has(text)) this.#exprs.set(text, p);
    this.#taken.add(text);
    return text;
  }
}

/** One monomial: a coefficient times a product of atoms (sorted; repeated for powers). */
interface Term {
  readonly atoms: readonly string[];
  readonly coeff: number;
}
/** Monomials keyed by their joined atoms ('' is the constant term). No zero coefficients are stored. */
type Poly = ReadonlyMap<string, Term>;

const SEP = '\u0001';

function constPoly(c: number): Poly {
  return c === 0 ? new Map() : new Map([['', { atoms: [], coeff: c }]]);
}

/** The value of a constant polynomial, or undefined when it has symbolic terms. */
function constantOf(p: Poly): number | undefined {
  if (p.size === 0) return 0;
  if (p.size === 1) {
    const t = p.get('');
    if (t !== undefined) return t.coeff;
  }
  return undefined;
}

function addInto(out: Map<string, Term>, key: string, atoms: readonly string[], coeff: number): void {
  const c = (out.get(key)?.coeff ?? 0) + coeff;
  if (c === 0) out.delete(key);
  else out.set(key, { atoms, coeff: c });
}

function addPoly(a: Poly, b: Poly): Poly {
  const out = new Map(a);
  for (const [k, t] of b) addInto(out, k, t.atoms, t.coeff);
  return out;
}

function scalePoly(p: Poly, s: number): Poly {
  const out = new Map<string, Term>();
  if (s === 0) return out;
  for (const [k, t] of p) out.set(k, { atoms: t.atoms, coeff: t.coeff * s });
  return out;
}

function mulPoly(a: Poly, b: Poly): Poly {
  const out = new Map<string, Term>();
  for (const ta of a.values()) {
    for (const tb of b.values()) {
      const atoms = [...ta.atoms, ...tb.atoms].sort();
      addInto(out, atoms.join(SEP), atoms, ta.coeff * tb.coeff);
    }
  }
  return out;
}

function allIntegral(p: Poly): boolean {
  for (const t of p.values()) if (!Number.isInteger(t.coeff)) return false;
  return true;
}

/** Smallest integer d ≤ 1024 making every coefficient integral (1 if already integral), else undefined. */
function commonDenominator(p: Poly): number | undefined {
  for (let d = 1; d <= 1024; d++) {
    let ok = true;
    for (const t of p.values()) {
      const v = t.coeff * d;
      if (Math.abs(v - Math.round(v)) > 1e-9) {
        ok = false;
        break;
      }
    }
    if (ok) return d;
  }
  return undefined;
}

/** a / b when b is one monomial dividing every term of a exactly; otherwise undefined. */
function exactMonomialQuotient(a: Poly, b: Poly): Poly | undefined {
  if (b.size !== 1) return undefined;
  const divisor = [...b.values()][0];
  if (divisor === undefined || divisor.coeff === 0) return undefined;
  const out = new Map<string, Term>();
  for (const t of a.values()) {
    const coeff = t.coeff / divisor.coeff;
    if (!Number.isInteger(coeff)) return undefined;
    const atoms = [...t.atoms];
    for (const d of divisor.atoms) {
      const i = atoms.indexOf(d);
      if (i < 0) return undefined;
      atoms.splice(i, 1);
    }
    addInto(out, atoms.join(SEP), atoms, coeff);
  }
  return out;
}

/** Atoms that are plain names render bare; names with operator characters are parenthesised. */
function renderAtom(atom: string): string {
  if (/^floor\(.*\)$/.test(atom) || !/[+\-*/ ()]/.test(atom)) return atom;
  return `(${atom})`;
}

function renderTerm(t: Term): string {
  const atoms = t.atoms.map(renderAtom).join('*');
  if (atoms === '') return String(t.coeff);
  if (t.coeff === 1) return atoms;
  if (t.coeff === -1) return `-${atoms}`;
  return `${String(t.coeff)}*${atoms}`;
}

/**
 * Canonical text: higher-degree terms first, then by atom names, the constant last (`H*W+2*H+1`), so equal
 * polynomials always render identically.
 */
function renderPoly(p: Poly): string {
  const terms = [...p.entries()].sort(([ka, ta], [kb, tb]) => {
    if (ta.atoms.length !== tb.atoms.length) return tb.atoms.length - ta.atoms.length;
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
  if (terms.length === 0) return '0';
  let s = '';
  for (const [, t] of terms) {
    const r = renderTerm(t);
    s += s === '' || r.startsWith('-') ? r : `+${r}`;
  }
  return s;
}

/** A polynomial as a division operand: bare when it is a single atom, parenthesised otherwise. */
function renderOperand(p: Poly): string {
  const text = renderPoly(p);
  const only = p.size === 1 ? [...p.values()][0] : undefined;
  if (only !== undefined && only.coeff === 1 && only.atoms.length === 1) return renderAtom(text);
  if (constantOf(p) !== undefined && !text.startsWith('-')) return text;
  return `(${text})`;
}
