import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { Dialog } from '../components/Dialog';
import { ErrorNotice } from '../components/ErrorNotice';
import { useCreateDashboard } from './dashboard-requests';

/** The server's built-in template (apps/server/src/dashboards/dashboard-templates.ts). */
const STARTER_TEMPLATE = 'DEFAULT_APP';

/** Name, description and a starting point (blank, or the product-analytics starter); opens the new dashboard. */
export function CreateDashboardDialog({ projectId, onClose }: { projectId: number; onClose: () => void }) {
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [start, setStart] = useState<'blank' | 'template'>('blank');
  const create = useCreateDashboard(projectId);
  const navigate = useNavigate();

  function submit(event: FormEvent) {
    event.preventDefault();
    const body = { name: name.trim(), description: description.trim(), ...(start === 'template' ? { use_template: STARTER_TEMPLATE } : {}) };
    create.mutate(body, { onSuccess: (saved) => navigate(`/project/${projectId}/dashboards/${saved.id}`) });
  }

  return (
    <Dialog title="New dashboard" onClose={onClose}>
      <form className="stack" onSubmit={submit}>
        <label className="field">
          <span>Name</span>
          <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={400} data-autofocus />
        </label>
        <label className="field">
          <span>Description</span>
          <textarea value={description} onChange={(e) => setDescription(e.target.value)} rows={2} />
        </label>
        <fieldset className="dashboard-start">
          <legend>Start from</legend>
          <label>
            <input type="radio" name="start" checked={start === 'blank'} onChange={() => setStart('blank')} /> Blank dashboard
          </label>
          <label>
            <input type="radio" name="start" checked={start === 'template'} onChange={() => setStart('template')} /> Product analytics starter
            <span className="muted small"> (daily and weekly active users, retention, growth accounting, referring domains)</span>
          </label>
        </fieldset>
        {create.isError && <ErrorNotice error={create.error} title="The dashboard was not created" />}
        <div className="row">
          <button type="submit" className="primary" disabled={create.isPending || name.trim() === ''}>
            {create.isPending ? 'Creating…' : 'Create dashboard'}
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
