/**
 * The studio's routes, kept in the URL hash so the API's SPA fallback and static serving need no knowledge of them
 * and a reload or a shared link lands on the same screen. Pure: parsing and building are tested without a DOM.
 */
import { idSchema } from '@whittle/shared';

/** Every screen of the studio. @public */
export type Route =
  | { readonly name: 'projects' }
  | { readonly name: 'project'; readonly projectId: string }
  | { readonly name: 'compare'; readonly projectId: string }
  | { readonly name: 'model'; readonly modelId: string }
  | { readonly name: 'job'; readonly jobId: string }
  | { readonly name: 'not-found'; readonly path: string };

/** An id segment as the server issues them; anything else is not a route (never sent to the API). */
function id(segment: string | undefined): string | undefined {
  return segment !== undefined && idSchema.safeParse(segment).success ? segment : undefined;
}

/** Parses `location.hash` (`#/projects/…`, with or without the `#`, trailing slash tolerated). @public */
export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '').split('?', 1)[0] ?? '';
  const segments = path.split('/').filter((segment) => segment !== '');
  const [first, second, third] = segments;
  if (segments.length === 0) return { name: 'projects' };
  if (first === 'projects' && segments.length <= 3) {
    const projectId = id(second);
    if (projectId !== undefined && third === undefined) return { name: 'project', projectId };
    if (projectId !== undefined && third === 'compare') return { name: 'compare', projectId };
  }
  if (segments.length === 2) {
    const modelId = first === 'models' ? id(second) : undefined;
    if (modelId !== undefined) return { name: 'model', modelId };
    const jobId = first === 'jobs' ? id(second) : undefined;
    if (jobId !== undefined) return { name: 'job', jobId };
  }
  return { name: 'not-found', path: `/${segments.join('/')}` };
}

/** The hash link of a route (for `href`). @public */
export function hrefOf(route: Route): string {
  switch (route.name) {
    case 'projects':
      return '#/';
    case 'project':
      return `#/projects/${route.projectId}`;
    case 'compare':
      return `#/projects/${route.projectId}/compare`;
    case 'model':
      return `#/models/${route.modelId}`;
    case 'job':
      return `#/jobs/${route.jobId}`;
    case 'not-found':
      return `#${route.path}`;
  }
}
