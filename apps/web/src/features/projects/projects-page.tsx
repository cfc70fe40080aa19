import type { JSX } from 'react';
import { hrefOf } from '../../app/router.ts';
import { useProjects } from '../../api/queries.ts';
import { ErrorView } from '../../ui/error-view.tsx';
import { formatTime } from '../../ui/format.ts';
import { Section } from '../../ui/layout.tsx';
import { Loading } from '../../ui/loading.tsx';
import { CreateProjectForm } from './create-project-form.tsx';

/** `#/`: the caller's projects and a form to start one. @public */
export function ProjectsPage(): JSX.Element {
  const projects = useProjects();
  return (
    <>
      <h1 className="page-title">Projects</h1>
      <Section title="New project">
        <CreateProjectForm />
      </Section>
      <Section title="Your projects" testId="projects-list">
        {projects.isPending && <Loading what="projects" />}
        {projects.isError && <ErrorView error={projects.error} title="Projects could not be loaded" onRetry={() => void projects.refetch()} />}
        {projects.data?.length === 0 && <p className="empty">No projects yet: create one above, then drop an ONNX model into it.</p>}
        {projects.data !== undefined && projects.data.length > 0 && (
          <table>
            <thead>
              <tr>
                <th>Name</th>
                <th>Created</th>
              </tr>
            </thead>
            <tbody>
              {projects.data.map((project) => (
                <tr key={project.id}>
                  <td>
                    <a href={hrefOf({ name: 'project', projectId: project.id })}>{project.name}</a>
                  </td>
                  <td>{formatTime(project.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>
    </>
  );
}
