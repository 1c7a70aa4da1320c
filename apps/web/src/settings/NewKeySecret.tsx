import { useEffect, useRef } from 'react';
import type { PersonalApiKeyApi } from '@warren/shared/api-keys-api';
import { CopyButton } from '../components/CopyButton';

/** The key's secret right after it was created or rolled: the server never returns it again. */
export function NewKeySecret({ apiKey, rolled, onDone }: { apiKey: PersonalApiKeyApi; rolled: boolean; onDone: () => void }) {
  const input = useRef<HTMLInputElement>(null);
  // Focus and select the value, so the next thing a keyboard user does can be Ctrl+C.
  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, [apiKey.value]);
  return (
    <section className="notice notice-success stack" aria-labelledby="new-key-secret-title">
      <h3 id="new-key-secret-title">{rolled ? `Key “${apiKey.label}” rolled: here is its new value` : `Key “${apiKey.label}” created`}</h3>
      <p>
        <strong>Copy it now. It will not be shown again.</strong> {rolled ? 'The old value no longer works.' : ''} Send it as{' '}
        <code>Authorization: Bearer &lt;key&gt;</code>.
      </p>
      <div className="row">
        <input ref={input} className="mono secret-value" readOnly value={apiKey.value ?? ''} aria-label="New key value" onFocus={(e) => e.target.select()} />
        <CopyButton value={apiKey.value ?? ''} label="Copy the new key value" />
        <button type="button" onClick={onDone}>
          I have copied it
        </button>
      </div>
    </section>
  );
}
