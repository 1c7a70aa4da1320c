import { useEffect, useRef, useState } from 'react';

interface Props {
  value: string;
  /** The button's accessible name, e.g. "Copy project API token". */
  label: string;
  /** The visible word while nothing was copied yet. */
  text?: string;
  className?: string;
}

/**
 * Copies `value` to the clipboard and says so for a moment. The clipboard API exists only on secure origins (https or
 * localhost), so on a plain-http install the button says to copy by hand instead of failing silently.
 */
export function CopyButton({ value, label, text = 'Copy', className = 'small' }: Props) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  async function copy() {
    try {
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(value);
      setState('copied');
    } catch {
      setState('failed');
    }
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setState('idle'), 2000);
  }
  return (
    <button type="button" className={className} onClick={() => void copy()} aria-label={label}>
      <span aria-live="polite">{state === 'copied' ? 'Copied' : state === 'failed' ? 'Select and press Ctrl+C' : text}</span>
    </button>
  );
}
