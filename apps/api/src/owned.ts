import type { FastifyInstance } from 'fastify';
import type { Dataset, Job, Model, Project, User, Variant } from '@whittle/store';
import { notFound } from './http/api-error.ts';

// Every object access checks the project's owner in the query itself (the store's getForOwner joins projects);
// another user's object answers exactly like a missing one: 404, never 403 (catalogue (d) 2, OWASP API1).

function found<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw notFound(what);
  return value;
}

/** @public */
export async function ownedProject(app: FastifyInstance, user: User, id: string): Promise<Project> {
  return found(await app.repos.projects.getForOwner(id, user.id), 'project');
}

/** @public */
export async function ownedModel(app: FastifyInstance, user: User, id: string): Promise<Model> {
  return found(await app.repos.models.getForOwner(id, user.id), 'model');
}

/** @public */
export async function ownedVariant(app: FastifyInstance, user: User, id: string): Promise<Variant> {
  return found(await app.repos.variants.getForOwner(id, user.id), 'variant');
}

/** @public */
export async function ownedJob(app: FastifyInstance, user: User, id: string): Promise<Job> {
  return found(await app.repos.jobs.getForOwner(id, user.id), 'job');
}

/** @public */
export async function ownedDataset(app: FastifyInstance, user: User, id: string): Promise<Dataset> {
  return found(await app.repos.datasets.getForOwner(id, user.id), 'dataset');
}
