import { describe, expect, it } from 'vitest';
import { hrefOf, parseRoute, type Route } from './router.ts';

const ID = '0f8fad5b-d9cb-469f-a165-70867728950e';

describe('parseRoute', () => {
  it.each<[string, Route]>([
    ['', { name: 'projects' }],
    ['#', { name: 'projects' }],
    ['#/', { name: 'projects' }],
    [`#/projects/${ID}`, { name: 'project', projectId: ID }],
    [`#/projects/${ID}/`, { name: 'project', projectId: ID }],
    [`#/projects/${ID}/compare`, { name: 'compare', projectId: ID }],
    [`#/models/${ID}`, { name: 'model', modelId: ID }],
    [`#/jobs/${ID}`, { name: 'job', jobId: ID }],
    [`#/jobs/${ID}?tab=log`, { name: 'job', jobId: ID }],
  ])('%s', (hash, route) => {
    expect(parseRoute(hash)).toEqual(route);
  });

  it.each([
    '#/projects/not-an-id',
    `#/projects/${ID.toUpperCase()}`,
    `#/projects/${ID}/nope`,
    `#/models/${ID}/extra`,
    '#/jobs/%2e%2e%2f',
    '#/whatever',
  ])('%s is not a route, so nothing unchecked reaches the API', (hash) => {
    expect(parseRoute(hash).name).toBe('not-found');
  });

  it('round-trips every route through hrefOf', () => {
    const routes: Route[] = [
      { name: 'projects' },
      { name: 'project', projectId: ID },
      { name: 'compare', projectId: ID },
      { name: 'model', modelId: ID },
      { name: 'job', jobId: ID },
    ];
    for (const route of routes) expect(parseRoute(hrefOf(route))).toEqual(route);
  });
});
