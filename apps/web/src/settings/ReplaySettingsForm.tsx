import { useState, type FormEvent } from 'react';
import type { ProjectApi } from '@warren/shared/projects-api';
import { MINIMUM_DURATIONS, RETENTION_CHOICES, replayFormOf, replayPatchOf, type ReplayForm } from './replay-settings-model';
import { SaveStatus } from './SaveStatus';
import { useSaveProject } from './settings-queries';

/** Session replay's sampling, triggers, network capture, masking and retention, saved together with one button. */
export function ReplaySettingsForm({ project }: { project: ProjectApi }) {
  const save = useSaveProject(project.id);
  const [form, setForm] = useState<ReplayForm>(() => replayFormOf(project));
  const [problem, setProblem] = useState<string | null>(null);
  const set = <K extends keyof ReplayForm>(key: K, value: ReplayForm[K]) => setForm((f) => ({ ...f, [key]: value }));
  const text = (key: keyof ReplayForm) => ({ value: form[key] as string, onChange: (e: { target: { value: string } }) => set(key, e.target.value as never) });
  const check = (key: 'recordHeaders' | 'recordBody' | 'maskAllInputs') => ({ checked: form[key], onChange: (e: { target: { checked: boolean } }) => set(key, e.target.checked) });

  function submit(event: FormEvent) {
    event.preventDefault();
    const result = replayPatchOf(form);
    setProblem(result.problem);
    if (result.patch) save.mutate(result.patch, { onSuccess: (saved) => setForm(replayFormOf(saved)) });
  }

  return (
    <form className="setting replay-form" onSubmit={submit} aria-label="Replay settings">
      <fieldset>
        <legend>Which sessions</legend>
        <label className="field">
          <span>Sample rate (% of sessions, blank for all)</span>
          <input inputMode="numeric" {...text('samplePercent')} placeholder="100" />
        </label>
        <label className="field">
          <span>Minimum duration</span>
          <select {...text('minimumDurationMs')}>
            {MINIMUM_DURATIONS.map((d) => (
              <option key={d.ms} value={d.ms}>
                {d.label}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Linked feature flag (key)</span>
          <input {...text('linkedFlagKey')} placeholder="none" />
        </label>
        <label className="field">
          <span>Linked flag variant</span>
          <input {...text('linkedFlagVariant')} placeholder="any" />
        </label>
        <label className="field">
          <span>URL triggers (regular expressions, one per line)</span>
          <textarea rows={2} {...text('urlTriggers')} />
        </label>
        <label className="field">
          <span>Event triggers (event names, one per line)</span>
          <textarea rows={2} {...text('eventTriggers')} />
        </label>
        <label className="field">
          <span>Triggers match</span>
          <select {...text('triggerMatchType')}>
            <option value="">Default</option>
            <option value="any">Any trigger</option>
            <option value="all">All triggers</option>
          </select>
        </label>
        <label className="field">
          <span>Blocked URLs (regular expressions, one per line; recording pauses there)</span>
          <textarea rows={2} {...text('urlBlocklist')} />
        </label>
      </fieldset>
      <fieldset>
        <legend>Network requests</legend>
        <label className="check">
          <input type="checkbox" {...check('recordHeaders')} /> Record headers
        </label>
        <label className="check">
          <input type="checkbox" {...check('recordBody')} /> Record bodies
        </label>
        <label className="field">
          <span>Headers to redact (one per line)</span>
          <textarea rows={2} {...text('redactHeaders')} />
        </label>
        <label className="field">
          <span>JSON body keys to redact (one per line)</span>
          <textarea rows={2} {...text('redactBodyKeys')} />
        </label>
      </fieldset>
      <fieldset>
        <legend>Privacy</legend>
        <label className="check">
          <input type="checkbox" {...check('maskAllInputs')} /> Mask all inputs
        </label>
        <label className="field">
          <span>Mask text matching (CSS selector)</span>
          <input {...text('maskTextSelector')} placeholder=".sensitive" />
        </label>
        <label className="field">
          <span>Block elements matching (CSS selector)</span>
          <input {...text('blockSelector')} placeholder="iframe" />
        </label>
        <label className="field">
          <span>Keep recordings for</span>
          <select {...text('retention')}>
            {RETENTION_CHOICES.map((r) => (
              <option key={r.value} value={r.value}>
                {r.label}
              </option>
            ))}
          </select>
        </label>
      </fieldset>
      <div className="row">
        <button type="submit" disabled={save.isPending}>
          Save replay settings
        </button>
        <SaveStatus mutation={save} />
      </div>
      {problem && (
        <p role="alert" className="error-text small">
          {problem}
        </p>
      )}
    </form>
  );
}
