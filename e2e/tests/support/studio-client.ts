import { createHash } from 'node:crypto';
import type { JobDto, ModelDto, ProjectDto, VariantDto } from '@whittle/shared';
import { jobDtoSchema, modelDtoSchema, projectDtoSchema, variantDtoSchema } from '@whittle/shared';

/** The first-run admin token the API prints once (`wht_` + 43 base64url characters). */
export const ADMIN_TOKEN_LINE = /(wht_[A-Za-z0-9_-]{43})/;

/** Throws (with the body, for the failure message) unless the response has `status`. Usable outside a test runner. */
function expectStatus(response: Response, status: number, what: string, body: string): void {
  if (response.status !== status) throw new Error(`${what} answered ${String(response.status)}, expected ${String(status)}: ${body.slice(0, 2000)}`);
}

/** A typed HTTP client of the studio API for end-to-end tests, authenticated with a Bearer token. @public */
export class StudioClient {
  constructor(
    readonly baseUrl: string,
    private readonly token: string,
  ) {}

  /** Any request; the response is returned as it is (status and body unchecked). */
  request(method: string, path: string, init: { body?: RequestInit['body']; headers?: Record<string, string> } = {}): Promise<Response> {
    return fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${this.token}`, ...init.headers },
      ...(init.body !== undefined && { body: init.body }),
    });
  }

  /** A JSON request that must answer `status`; resolves the parsed body. */
  async json(method: string, path: string, body: unknown, status: number): Promise<unknown> {
    const response = await this.request(method, path, {
      ...(body !== undefined && { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
    });
    const text = await response.text();
    expectStatus(response, status, `${method} ${path}`, text);
    return text === '' ? undefined : (JSON.parse(text) as unknown);
  }

  async createProject(name: string): Promise<ProjectDto> {
    return projectDtoSchema.parse(await this.json('POST', '/api/projects', { name }, 201));
  }

  async uploadModel(projectId: string, bytes: Uint8Array, fileName: string): Promise<{ model: ModelDto; job: JobDto }> {
    const form = new FormData();
    form.append('file', new Blob([bytes], { type: 'application/octet-stream' }), fileName);
    const response = await this.request('POST', `/api/projects/${projectId}/models`, { body: form });
    const text = await response.text();
    expectStatus(response, 202, 'upload', text);
    const body = JSON.parse(text) as { model: unknown; job: unknown };
    return { model: modelDtoSchema.parse(body.model), job: jobDtoSchema.parse(body.job) };
  }

  async createJob(projectId: string, body: unknown): Promise<JobDto> {
    return jobDtoSchema.parse(await this.json('POST', `/api/projects/${projectId}/jobs`, body, 201));
  }

  async job(id: string): Promise<JobDto> {
    return jobDtoSchema.parse(await this.json('GET', `/api/jobs/${id}`, undefined, 200));
  }

  async model(id: string): Promise<ModelDto> {
    return modelDtoSchema.parse(await this.json('GET', `/api/models/${id}`, undefined, 200));
  }

  async variant(id: string): Promise<VariantDto> {
    return variantDtoSchema.parse(await this.json('GET', `/api/variants/${id}`, undefined, 200));
  }

  /** Polls the job until it reaches a terminal state; fails the test after `timeoutMs`. */
  async waitForJob(id: string, timeoutMs: number): Promise<JobDto> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const job = await this.job(id);
      if (job.status === 'succeeded' || job.status === 'failed' || job.status === 'cancelled') return job;
      if (Date.now() > deadline) throw new Error(`job ${id} still ${job.status} (progress ${String(job.progress)}) after ${String(timeoutMs)} ms`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  /** Downloads a binary resource that must answer 200. */
  async download(path: string): Promise<Uint8Array> {
    const response = await this.request('GET', path);
    expectStatus(response, 200, `GET ${path}`, '');
    return new Uint8Array(await response.arrayBuffer());
  }
}

/** Lowercase hex SHA-256 of bytes. @public */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** One Server-Sent Event. @public */
export interface ServerSentEvent {
  readonly event: string;
  readonly id: string | undefined;
  readonly data: string;
}

/** Reads an SSE response to its end (or until `stop` says so) and returns the events in arrival order. @public */
export async function readEvents(response: Response, stop: (event: ServerSentEvent) => boolean = () => false): Promise<ServerSentEvent[]> {
  const body = response.body;
  if (body === null) throw new Error('the SSE response has no body');
  const decoder = new TextDecoder();
  const events: ServerSentEvent[] = [];
  let buffer = '';
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = (await reader.read()) as { done: boolean; value: Uint8Array | undefined };
      if (done) return events;
      buffer += decoder.decode(value, { stream: true });
      let end = buffer.indexOf('\n\n');
      while (end !== -1) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        end = buffer.indexOf('\n\n');
        const fields = block.split('\n').filter((line) => !line.startsWith(':'));
        if (fields.length === 0) continue;
        const value = (name: string): string | undefined =>
          fields.filter((l) => l.startsWith(`${name}:`)).map((l) => l.slice(name.length + 1).replace(/^ /, '')).join('\n') || undefined;
        const event: ServerSentEvent = { event: value('event') ?? 'message', id: value('id'), data: value('data') ?? '' };
        events.push(event);
        if (stop(event)) return events;
      }
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}
