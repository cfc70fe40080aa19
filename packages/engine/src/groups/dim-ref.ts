import type { DimRef, IndexMap } from './types.ts';

/** `value:axis`, the key and display form of a dim. */
export function dimKey(dim: DimRef): string {
  return `${dim.value}:${String(dim.axis)}`;
}

export function dimOf(value: string, axis: number): DimRef {
  return { value, axis };
}

/** Every b-index coupled with a-index `i` under `map` (b has `bSize` indices). */
export function mapIndex(map: IndexMap, i: number, bSize: number): number[] {
  switch (map.kind) {
    case 'identity':
      return i < bSize ? [i] : [];
    case 'offset':
      return i + map.offset < bSize ? [i + map.offset] : [];
    case 'expand': {
      const out: number[] = [];
      for (let k = 0; k < map.factor; k++) if (i * map.factor + k < bSize) out.push(i * map.factor + k);
      return out;
    }
    case 'grouped': {
      const g = Math.floor(i / map.aBlock);
      const out: number[] = [];
      for (let j = g * map.bBlock; j < Math.min(bSize, (g + 1) * map.bBlock); j++) out.push(j);
      return out;
    }
  }
}

/**
 * Why `map` cannot couple dims of sizes `aSize` and `bSize`, or undefined when it can. Offsets and expansions may
 * cover part of b (a Concat input covers a slice of the output), never run past its end.
 */
export function mapMismatch(map: IndexMap, aSize: number, bSize: number): string | undefined {
  switch (map.kind) {
    case 'identity':
      return aSize === bSize ? undefined : `sizes ${String(aSize)} and ${String(bSize)} differ`;
    case 'offset':
      return map.offset >= 0 && aSize + map.offset <= bSize
        ? undefined
        : `${String(aSize)} channels at offset ${String(map.offset)} do not fit in ${String(bSize)}`;
    case 'expand':
      return map.factor > 0 && aSize * map.factor <= bSize
        ? undefined
        : `${String(aSize)} channels × ${String(map.factor)} do not fit in ${String(bSize)}`;
    case 'grouped':
      return map.aBlock > 0 && map.bBlock > 0 && aSize % map.aBlock === 0 && bSize % map.bBlock === 0 && aSize / map.aBlock === bSize / map.bBlock
        ? undefined
        : `groups of ${String(map.aBlock)} and ${String(map.bBlock)} do not divide ${String(aSize)} and ${String(bSize)} alike`;
  }
}
