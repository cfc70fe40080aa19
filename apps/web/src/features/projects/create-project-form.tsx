import { useId, useState, type JSX } from 'react';
import { hrefOf } from '../../app/router.ts';
import { useCreateProject } from '../../api/queries.ts';
import { ErrorView } from '../../ui/error-view.tsx';

/**
 * Creates a project and opens it. The name is checked by the API (trimmed, 1–200 characters, no control characters);
 * its validation message is shown as it comes.
 * @public
 */
export function CreateProjectForm(): JSX.Element {
  const create = useCreateProject();
  const [name, setName] = useState('');
  const inputId = useId();
  return (
    <form
      className="inline-form"
      onSubmit={(event) => {
        event.preventDefault();
        create.mutate(name, {
          onSuccess: (project) => {
            setName('');
            window.location.hash = hrefOf({ name: 'project', projectId: project.id });
          },
        });
      }}
    >
      <label htmlFor={inputId}>Project name</label>
      <input id={inputId} type="text" value={name} onChange={(event) => { setName(event.target.value); }} placeholder="e.g. OCR on the edge" />
      <button type="submit" className="primary" disabled={create.isPending}>
        {create.isPending ? 'Creating…' : 'Create project'}
      </button>
      {create.isError && <ErrorView error={create.error} title="The project was not created" />}
    </form>
  );
}
