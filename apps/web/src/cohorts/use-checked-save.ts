import { useState, type FormEvent } from 'react';

/**
 * The submit of the cohort and action forms: the state is checked first (its problems are listed and nothing is
 * sent), then saved; a failed save keeps its error for the form to show.
 */
export function useCheckedSave(problemsOf: () => string[], save: () => Promise<void>) {
  const [problems, setProblems] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found = problemsOf();
    setProblems(found);
    if (found.length > 0) return;
    setSaving(true);
    setError(null);
    try {
      await save();
    } catch (err) {
      setError(err);
    } finally {
      setSaving(false);
    }
  };
  return { problems, saving, error, submit };
}
