import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenAPIV3_1 } from 'openapi-types';
import { startTestApp, type TestApp } from './helpers/test-app.ts';

// Every /api route the app registers is in the OpenAPI document, with a summary, tags and response schemas.

const routes: { method: string; url: string }[] = [];
let t: TestApp;
let doc: OpenAPIV3_1.Document;

beforeAll(async () => {
  t = await startTestApp({
    beforeReady: (app) => {
      app.addHook('onRoute', (route) => {
        const methods = Array.isArray(route.method) ? route.method : [route.method];
        for (const method of methods) routes.push({ method: method.toLowerCase(), url: route.url });
      });
    },
  });
  const response = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
  expect(response.statusCode).toBe(200);
  doc = response.json<OpenAPIV3_1.Document>();
});
afterAll(() => t.close());

/** The operation at a path and method, if documented. */
function operation(path: string, method: string): OpenAPIV3_1.OperationObject | undefined {
  const item = doc.paths?.[path] as Record<string, OpenAPIV3_1.OperationObject | undefined> | undefined;
  return item?.[method];
}

/** The content types of an operation's response for `status`. */
function responseTypes(path: string, method: string, status: string): string[] {
  const response = operation(path, method)?.responses?.[status] as OpenAPIV3_1.ResponseObject | undefined;
  return Object.keys(response?.content ?? {});
}

/** `/api/models/:id` → `/api/models/{id}`. */
function openApiPath(url: string): string {
  return url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

const apiRoutes = () => routes.filter((r) => r.url.startsWith('/api/') && !r.url.startsWith('/api/docs') && r.method !== 'head');

describe('the OpenAPI document', () => {
  it('lists every registered /api route', () => {
    expect(apiRoutes().length).toBeGreaterThan(30);
    const missing = apiRoutes().filter((r) => operation(openApiPath(r.url), r.method) === undefined);
    expect(missing).toEqual([]);
  });

  it('gives each operation a summary, tags and a success response with a schema', () => {
    for (const route of apiRoutes()) {
      const documented = operation(openApiPath(route.url), route.method);
      const where = `${route.method.toUpperCase()} ${route.url}`;
      expect(documented?.summary, where).toBeTruthy();
      expect(documented?.tags?.length, where).toBeGreaterThan(0);
      const success = Object.entries(documented?.responses ?? {}).find(([status]) => status.startsWith('2'));
      expect(success, where).toBeDefined();
      const response = success?.[1] as OpenAPIV3_1.ResponseObject | undefined;
      if (success?.[0] !== '204') expect(Object.keys(response?.content ?? {}).length, where).toBeGreaterThan(0);
    }
  });

  it('documents the multipart uploads, the event stream and the downloads with their content types', () => {
    for (const path of ['/api/projects/{projectId}/models', '/api/projects/{projectId}/datasets']) {
      const body = operation(path, 'post')?.requestBody as OpenAPIV3_1.RequestBodyObject | undefined;
      expect(Object.keys(body?.content ?? {}), path).toEqual(['multipart/form-data']);
    }
    expect(responseTypes('/api/jobs/{id}/events', 'get', '200')).toEqual(['text/event-stream']);
    expect(responseTypes('/api/variants/{id}/model', 'get', '200')).toEqual(['application/octet-stream']);
    expect(responseTypes('/api/models/{id}/download', 'get', '200')).toEqual(['application/octet-stream']);
    expect(responseTypes('/api/variants/{id}/report', 'get', '200').sort()).toEqual(['application/json', 'text/csv']);
  });

  it('documents validation: the job body and the id parameters', () => {
    const create = operation('/api/projects/{projectId}/jobs', 'post');
    const body = (create?.requestBody as OpenAPIV3_1.RequestBodyObject | undefined)?.content['application/json']?.schema;
    expect(JSON.stringify(body)).toContain('recipe');
    const params = (create?.parameters ?? []) as OpenAPIV3_1.ParameterObject[];
    expect(params.find((p) => p.name === 'projectId')?.in).toBe('path');
    expect(params.find((p) => p.name === 'idempotency-key')?.in).toBe('header');
  });

  it('serves Swagger UI at /api/docs with a CSP that allows no inline code', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('swagger-ui');
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
  });
});
