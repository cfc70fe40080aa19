import { lazy, Suspense, type JSX } from 'react';
import { JobPage } from '../features/jobs/job-page.tsx';
import { ProjectPage } from '../features/projects/project-page.tsx';
import { ProjectsPage } from '../features/projects/projects-page.tsx';
import { Breadcrumbs } from '../ui/breadcrumbs.tsx';
import { Loading } from '../ui/loading.tsx';
import { hrefOf } from './router.ts';
import { useRoute } from './use-route.ts';

// The graph view (xyflow, elkjs) and the comparison (Recharts, onnxruntime-web) are most of the bundle: load them
// when first opened, so the projects screen starts fast.
const ModelPage = lazy(() => import('../features/graph/index.ts').then((module) => ({ default: module.ModelPage })));
const ComparePage = lazy(() => import('../features/compare/index.ts').then((module) => ({ default: module.ComparePage })));

/** The screen of the current hash route. Pages are keyed by their id so state never leaks from one object to another. @public */
export function RouteView(): JSX.Element {
  const route = useRoute();
  switch (route.name) {
    case 'projects':
      return <ProjectsPage />;
    case 'project':
      return <ProjectPage key={route.projectId} projectId={route.projectId} />;
    case 'compare':
      return (
        <>
          <Breadcrumbs items={[{ label: 'Projects', href: hrefOf({ name: 'projects' }) }, { label: 'Project', href: hrefOf({ name: 'project', projectId: route.projectId }) }]} />
          <Suspense fallback={<Loading what="the comparison" />}>
            <ComparePage key={route.projectId} projectId={route.projectId} />
          </Suspense>
        </>
      );
    case 'model':
      return (
        <Suspense fallback={<Loading what="the model page" />}>
          <ModelPage key={route.modelId} modelId={route.modelId} />
        </Suspense>
      );
    case 'job':
      return <JobPage key={route.jobId} jobId={route.jobId} />;
    case 'not-found':
      return (
        <div role="alert">
          <h1 className="page-title">Nothing here</h1>
          <p>
            The studio has no page at <code>{route.path}</code>. <a href={hrefOf({ name: 'projects' })}>Go to your projects</a>.
          </p>
        </div>
      );
  }
}
