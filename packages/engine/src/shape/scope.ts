import type { IrTensor } from '../ir/types.ts';
import { knownFromTensor, type KnownValue } from './known-value.ts';
import type { TensorInfo } from './types.ts';

/**
 * The values visible at one graph level: their inferred infos and known constant values. A subgraph's scope has
 * its parent's as fallback, which is how If/Loop/Scan bodies see outer-scope values. Constant tensors are read
 * lazily, so weights that no shape computation consumes are never decoded.
 */
export class ValueScope {
  readonly #infos = new Map<string, TensorInfo>();
  readonly #values = new Map<string, KnownValue>();
  readonly #constants = new Map<string, IrTensor>();
  readonly #unreadable = new Set<string>();

  constructor(readonly parent?: ValueScope) {}

  /** Records (or replaces) what is known about a value defined at this level. */
  define(name: string, info: TensorInfo, value?: KnownValue): void {
    this.#infos.set(name, info);
    this.#constants.delete(name);
    if (value === undefined) this.#values.delete(name);
    else this.#values.set(name, value);
  }

  /** Records a constant tensor whose value is read on first use. */
  defineConstant(name: string, tensor: IrTensor): void {
    this.#infos.set(name, { dtype: tensor.dtype, shape: [...tensor.dims] });
    this.#constants.set(name, tensor);
  }

  /** True when the name is defined here or in an enclosing scope. */
  has(name: string): boolean {
    return this.#infos.has(name) || (this.parent?.has(name) ?? false);
  }

  /** True when the name is defined at this level itself. */
  hasLocal(name: string): boolean {
    return this.#infos.has(name);
  }

  info(name: string): TensorInfo | undefined {
    return this.#infos.get(name) ?? this.parent?.info(name);
  }

  value(name: string): KnownValue | undefined {
    if (this.#infos.has(name)) return this.#localValue(name);
    return this.parent?.value(name);
  }

  /** The values defined at this level, in definition order. */
  entries(): ReadonlyMap<string, TensorInfo> {
    return this.#infos;
  }

  /** Values known at this level so far (folded results and constants already read). */
  knownValues(): ReadonlyMap<string, KnownValue> {
    return this.#values;
  }

  #localValue(name: string): KnownValue | undefined {
    const known = this.#values.get(name);
    if (known !== undefined || this.#unreadable.has(name)) return known;
    const tensor = this.#constants.get(name);
    if (tensor === undefined) return undefined;
    const read = knownFromTensor(tensor);
    if (read === undefined) this.#unreadable.add(name);
    else this.#values.set(name, read);
    return read;
  }
}
