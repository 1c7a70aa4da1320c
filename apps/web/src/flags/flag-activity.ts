import type { FlagActivityApi } from '@warren/shared/feature-flags-api';

const FIELD_NAMES: Record<string, string> = {
  key: 'the key',
  name: 'the description',
  filters: 'the release conditions',
  ensure_experience_continuity: 'persistence across authentication',
  tags: 'the tags',
};

/**
 * One history entry as a sentence. Example: describeActivity({ activity: 'updated', user: { first_name: 'Olivia' },
 * detail: { changes: [{ field: 'active', after: false }] } }) → "Olivia disabled the flag"
 */
export function describeActivity(entry: Pick<FlagActivityApi, 'activity' | 'user' | 'detail'>): string {
  const who = entry.user?.first_name || entry.user?.email || 'Someone';
  if (entry.activity === 'created') return `${who} created the flag`;
  if (entry.activity === 'deleted') return `${who} deleted the flag`;
  const changes = entry.detail?.changes ?? [];
  const parts: string[] = [];
  for (const change of changes) {
    if (change.field === 'active') parts.push(change.after ? 'enabled the flag' : 'disabled the flag');
    else if (change.field === 'deleted') parts.push(change.after ? 'deleted the flag' : 'restored the flag');
    else if (change.field) parts.push(`changed ${FIELD_NAMES[change.field] ?? change.field}`);
  }
  return parts.length === 0 ? `${who} saved the flag` : `${who} ${joinWords(parts)}`;
}

function joinWords(parts: string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}
