import { useState } from 'react';

/**
 * Copies `value` to the clipboard. The clipboard API exists only on secure origins (https or localhost), so on a
 * plain-http install the button says to copy by hand instead of failing silently.
 */
export function CopyButton({ value, label }: { value: string; label: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  async function copy() {
    try {
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(value);
      setState('copied');
    } catch {
      setState('failed');
    }
    setTimeout(() => setState('idle'), 2000);
  }
  return (
    <button type="button" className="small" onClick={() => void copy()} aria-label={label}>
      <span aria-live="polite">{state === 'copied' ? 'Copied' : state === 'failed' ? 'Select and press Ctrl+C' : 'Copy'}</span>
    </button>
  );
}
