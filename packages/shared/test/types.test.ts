/**
 * Compile-time agreement between the schemas here and the engine's types. `tsc -b` checks this file (it is in the
 * shared tsconfig), and vitest runs it so the check also shows up as a test.
 */
import type { GraphView, PlanGroupEntry, PruneCriterion, PrunePlan, ShapeIssue } from '@whittle/engine';
import { describe, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import type { graphViewSchema, shapeIssueSchema } from '../src/graph-view.ts';
import type { planGroupEntrySchema, pruneCriterionSchema, prunePlanSchema } from '../src/prune-plan.ts';

/** True when A and B are assignable to each other (readonly-ness of properties aside, as TypeScript checks it). */
type MutuallyAssignable<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

describe('schemas agree with the engine types', () => {
  it('graphViewSchema infers the engine GraphView', () => {
    expectTypeOf<MutuallyAssignable<z.infer<typeof graphViewSchema>, GraphView>>().toEqualTypeOf<true>();
  });

  it('shapeIssueSchema infers the engine ShapeIssue', () => {
    expectTypeOf<MutuallyAssignable<z.infer<typeof shapeIssueSchema>, ShapeIssue>>().toEqualTypeOf<true>();
  });

  it('a parsed graph view can be passed where the engine type is expected, and back', () => {
    expectTypeOf<z.infer<typeof graphViewSchema>>().toExtend<GraphView>();
    expectTypeOf<GraphView>().toExtend<z.infer<typeof graphViewSchema>>();
  });

  it('prunePlanSchema infers the engine PrunePlan', () => {
    expectTypeOf<MutuallyAssignable<z.infer<typeof prunePlanSchema>, PrunePlan>>().toEqualTypeOf<true>();
    expectTypeOf<MutuallyAssignable<z.infer<typeof planGroupEntrySchema>, PlanGroupEntry>>().toEqualTypeOf<true>();
    expectTypeOf<MutuallyAssignable<z.infer<typeof pruneCriterionSchema>, PruneCriterion>>().toEqualTypeOf<true>();
  });
});
