import { useId, useState, type FormEvent } from 'react';
import type { DashboardBasicApi } from '@warren/shared/dashboards-api';
import type { InsightBasicApi } from '@warren/shared/insights-api';
import { Dialog } from '../components/Dialog';
import { ErrorNotice } from '../components/ErrorNotice';
import { createDashboard, useDashboardChoices, useSaveInsight } from './insight-requests';

interface Props {
  projectId: number;
  insight: InsightBasicApi;
  onClose: () => void;
  onAdded: (dashboard: Pick<DashboardBasicApi, 'id' | 'name'>) => void;
}

/** Puts a saved insight on an existing dashboard, or on a new one made here. */
export function AddToDashboardDialog({ projectId, insight, onClose, onAdded }: Props) {
  const dashboards = useDashboardChoices(projectId, true);
  const save = useSaveInsight(projectId);
  const [chosen, setChosen] = useState('');
  const [newName, setNewName] = useState('');
  const [creating, setCreating] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const selectId = useId();
  const available = (dashboards.data?.results ?? []).filter((d) => !insight.dashboards.includes(d.id));

  const addTo = async (dashboard: Pick<DashboardBasicApi, 'id' | 'name'>) => {
    // `dashboards` is the full list the insight should be on afterwards.
    await save.mutateAsync({ id: insight.id, body: { dashboards: [...insight.dashboards, dashboard.id] } });
    onAdded(dashboard);
  };
  const addExisting = async (event: FormEvent) => {
    event.preventDefault();
    const dashboard = available.find((d) => d.id === Number(chosen));
    if (!dashboard) return;
    setError(null);
    try {
      await addTo(dashboard);
    } catch (e) {
      setError(e);
    }
  };
  const addNew = async (event: FormEvent) => {
    event.preventDefault();
    if (!newName.trim()) return;
    setError(null);
    setCreating(true);
    try {
      await addTo(await createDashboard(projectId, newName.trim()));
    } catch (e) {
      setError(e);
    } finally {
      setCreating(false);
    }
  };
  const busy = save.isPending || creating;

  return (
    <Dialog title="Add to dashboard" onClose={onClose}>
      <div className="stack">
        {error !== null && <ErrorNotice error={error} title="The insight could not be added" />}
        <form className="stack" onSubmit={addExisting}>
          <div className="field">
            <label htmlFor={selectId}>Existing dashboard</label>
            <select id={selectId} value={chosen} onChange={(e) => setChosen(e.target.value)} disabled={available.length === 0}>
              <option value="">{dashboards.isLoading ? 'Loading…' : available.length === 0 ? 'No other dashboards' : 'Pick a dashboard'}</option>
              {available.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name || `Dashboard ${d.id}`}
                </option>
              ))}
            </select>
          </div>
          <div>
            <button type="submit" className="primary" disabled={busy || chosen === ''}>
              Add to this dashboard
            </button>
          </div>
        </form>
        <form className="stack" onSubmit={addNew}>
          <label className="field">
            <span>New dashboard name</span>
            <input value={newName} onChange={(e) => setNewName(e.target.value)} maxLength={400} />
          </label>
          <div>
            <button type="submit" disabled={busy || !newName.trim()}>
              Create dashboard and add
            </button>
          </div>
        </form>
      </div>
    </Dialog>
  );
}
