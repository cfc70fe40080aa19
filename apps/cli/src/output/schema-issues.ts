/** zod issues as one line a user can act on: each issue's field path and message. */

/** What this module reads of a zod issue (zod 4's `$ZodIssue`, structurally). */
interface Issue {
  readonly code: string;
  readonly path: readonly PropertyKey[];
  readonly message: string;
  readonly errors?: readonly (readonly Issue[])[];
  readonly values?: readonly unknown[];
}

function pathOf(path: readonly PropertyKey[]): string {
  return path.length === 0 ? '(root)' : path.map(String).join('.');
}

/**
 * One issue as `path: message`. A union that matched no alternative because the discriminator (`kind`) fit none
 * says which values would (zod alone says only "Invalid input").
 */
function describe(issue: Issue): string {
  if (issue.code === 'invalid_union' && issue.errors !== undefined && issue.errors.length > 0) {
    const kinds = issue.errors.map((alternative) => alternative.find((i) => i.code === 'invalid_value' && i.path.length === 1 && i.path[0] === 'kind'));
    if (kinds.every((k) => k !== undefined)) {
      const expected = kinds.flatMap((k) => k.values ?? []).map((v) => JSON.stringify(v));
      return `${pathOf([...issue.path, 'kind'])}: expected one of ${expected.join(', ')}`;
    }
  }
  return `${pathOf(issue.path)}: ${issue.message}`;
}

/** Up to `limit` issues joined by '; ', with a count of the rest. */
export function describeIssues(issues: readonly Issue[], limit = 3): string {
  const shown = issues.slice(0, limit).map(describe).join('; ');
  return issues.length > limit ? `${shown} (and ${String(issues.length - limit)} more)` : shown;
}
