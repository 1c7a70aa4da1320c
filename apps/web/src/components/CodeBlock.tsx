import { CopyButton } from './CopyButton';

/** Code to copy: the snippet, SDK set-up lines. */
export function CodeBlock({ code, label }: { code: string; label: string }) {
  return (
    <figure className="code-block">
      <figcaption>
        <span>{label}</span>
        <CopyButton value={code} label={`Copy ${label}`} />
      </figcaption>
      <pre>
        <code>{code}</code>
      </pre>
    </figure>
  );
}
