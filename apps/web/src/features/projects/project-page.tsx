import type { JSX } from 'react';
import { hrefOf } from '../../app/router.ts';
import { useModels, useProject, useVariants } from '../../api/queries.ts';
import { Breadcrumbs } from '../../ui/breadcrumbs.tsx';
import { ErrorView } from '../../ui/error-view.tsx';
import { Section } from '../../ui/layout.tsx';
import { Loading } from '../../ui/loading.tsx';
import { JobsList } from '../jobs/jobs-list.tsx';
import { RecipeBuilder } from '../recipes/recipe-builder.tsx';
import { UploadZone } from '../upload/upload-zone.tsx';
import { ModelsList } from './models-list.tsx';
import { VariantsList } from './variants-list.tsx';

/** `#/projects/:projectId`: upload, models, variants, the recipe builder and the project's jobs. @public */
export function ProjectPage({ projectId }: { readonly projectId: string }): JSX.Element {
  const project = useProject(projectId);
  const variants = useVariants(projectId);
  // Shared with the models list (same query key): one request.
  const models = useModels(projectId);
  const modelNames = new Map((models.data ?? []).map((model) => [model.id, model.name]));
  if (project.isPending) return <Loading what="the project" />;
  if (project.isError) return <ErrorView error={project.error} title="The project could not be loaded" onRetry={() => void project.refetch()} />;
  return (
    <>
      <Breadcrumbs items={[{ label: 'Projects', href: hrefOf({ name: 'projects' }) }]} />
      <div className="section-head">
        <h1 className="page-title" data-testid="project-title">
          {project.data.name}
        </h1>
        <a href={hrefOf({ name: 'compare', projectId })}>Compare variants</a>
      </div>
      <Section title="Models" testId="models-section">
        <UploadZone projectId={projectId} />
        <ModelsList projectId={projectId} />
      </Section>
      <Section title="Variants" testId="variants-section">
        {variants.isPending && <Loading what="variants" />}
        {variants.isError && <ErrorView error={variants.error} title="Variants could not be loaded" onRetry={() => void variants.refetch()} />}
        {variants.data !== undefined && <VariantsList variants={variants.data} modelNames={modelNames} />}
      </Section>
      <Section title="Recipe" testId="recipe-section">
        {variants.data !== undefined && <RecipeBuilder projectId={projectId} variants={variants.data} />}
      </Section>
      <Section title="Jobs" testId="jobs-section">
        <JobsList projectId={projectId} />
      </Section>
    </>
  );
}
