/**
 * Loads a project's variants and benchmarks (two list endpoints, parsed with the shared schemas) and joins them into
 * the comparison. Polls while a variant is still building, so a prune job finishing elsewhere shows up here.
 */
import { useQuery } from '@tanstack/react-query';
import { benchmarkDtoSchema, variantDtoSchema, type BenchmarkDto, type VariantDto } from '@whittle/shared';
import { useMemo } from 'react';
import { z } from 'zod';
import { queryKeys } from '../../api/keys.ts';
import { apiFetch } from '../../api/client.ts';
import { buildComparison, type Comparison } from './variant-rows.ts';

/** Query keys of the two lists (the device benchmark invalidates the benchmarks one after saving). */
/** The shell's keys: a finished job invalidates `['project', id]`, which refreshes the comparison too. */
export const compareKeys = { variants: queryKeys.variants, benchmarks: queryKeys.benchmarks };

/** The comparison, the raw benchmarks (for default input shapes), and the loading state. */
export interface ComparisonState {
  readonly comparison: Comparison | undefined;
  readonly benchmarks: readonly BenchmarkDto[];
  readonly isPending: boolean;
  readonly error: Error | null;
}

const variantsSchema = z.array(variantDtoSchema);
const benchmarksSchema = z.array(benchmarkDtoSchema);

/** @see ComparisonState */
export function useComparison(projectId: string): ComparisonState {
  const id = encodeURIComponent(projectId);
  const variants = useQuery({
    queryKey: compareKeys.variants(projectId),
    queryFn: ({ signal }): Promise<VariantDto[]> => apiFetch(`/api/projects/${id}/variants`, variantsSchema, { signal }),
    refetchInterval: (query) => (query.state.data?.some((v) => v.status === 'building') === true ? 3000 : false),
  });
  const benchmarks = useQuery({
    queryKey: compareKeys.benchmarks(projectId),
    queryFn: ({ signal }): Promise<BenchmarkDto[]> => apiFetch(`/api/projects/${id}/benchmarks`, benchmarksSchema, { signal }),
  });
  const comparison = useMemo(
    () => (variants.data !== undefined && benchmarks.data !== undefined ? buildComparison(variants.data, benchmarks.data) : undefined),
    [variants.data, benchmarks.data],
  );
  return {
    comparison,
    benchmarks: benchmarks.data ?? [],
    isPending: variants.isPending || benchmarks.isPending,
    error: variants.error ?? benchmarks.error,
  };
}
