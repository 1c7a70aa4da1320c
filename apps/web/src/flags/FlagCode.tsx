import { SdkCode } from '../components/SdkCode';
import { flagSnippets } from './flag-snippets';

/** How to read this flag from the browser, Node and Python SDKs. */
export function FlagCode({ flagKey, variants, hasPayload }: { flagKey: string; variants: string[]; hasPayload: boolean }) {
  return <SdkCode title="Use this flag in your code" snippets={flagSnippets({ key: flagKey, variants, hasPayload })} />;
}
