import { errorBodySchema } from '@whittle/shared';

/** What each error status means, for the docs. */
const DESCRIPTIONS: Readonly<Record<number, string>> = {
  400: 'Malformed request or a field that fails validation (API_ERR_BAD_REQUEST, API_ERR_VALIDATION)',
  401: 'No credentials, or a bad or revoked token (API_ERR_UNAUTHORIZED)',
  403: 'Not allowed: a browser write without X-Whittle-CSRF, or an admin-only route (API_ERR_FORBIDDEN)',
  404: 'No such object for this user (API_ERR_NOT_FOUND)',
  409: 'The object is not in a state that allows this (API_ERR_CONFLICT)',
  413: 'Too large, or too many parts (API_ERR_TOO_LARGE, API_ERR_TOO_MANY_PARTS)',
  415: 'Unsupported content type or file format (API_ERR_UNSUPPORTED_MEDIA)',
  429: 'Too many requests; see Retry-After (API_ERR_RATE_LIMITED)',
  503: 'A dependency is down; see Retry-After (API_ERR_UNAVAILABLE)',
};

/**
 * Error responses for a route's schema: each status documented with the shared error body.
 * @public
 */
export function errorResponses(...statuses: number[]): Record<number, typeof errorBodySchema> {
  return Object.fromEntries(statuses.map((status) => [status, errorBodySchema.describe(DESCRIPTIONS[status] ?? 'Error')]));
}
