import { SCOPE_OBJECTS, type ScopeObject } from '@warren/shared/api-keys-api';

export type ScopeLevel = 'none' | 'read' | 'write';

/** What the create form holds: every scope, or a level per object. */
export interface ScopeChoice {
  all: boolean;
  levels: Partial<Record<ScopeObject, ScopeLevel>>;
}

/** `feature_flag` → `Feature flag`. */
export function scopeObjectLabel(object: ScopeObject): string {
  const words = object.replace(/_/g, ' ');
  return words[0]!.toUpperCase() + words.slice(1);
}

/**
 * The `scopes` of a create body. Write implies read on the server, so an object set to write sends only `:write`.
 * Example: scopesOf({ all: false, levels: { query: 'read', insight: 'write' } }) → ['insight:write', 'query:read']
 */
export function scopesOf(choice: ScopeChoice): string[] {
  if (choice.all) return ['*'];
  return SCOPE_OBJECTS.flatMap((object) => {
    const level = choice.levels[object] ?? 'none';
    return level === 'none' ? [] : [`${object}:${level}`];
  });
}

/** Why the create form cannot be sent yet, or null. */
export function newKeyProblem(label: string, choice: ScopeChoice): string | null {
  if (label.trim() === '') return 'Give the key a label, so you know later what uses it.';
  if (label.trim().length > 40) return 'The label can have at most 40 characters.';
  if (scopesOf(choice).length === 0) return 'Pick at least one scope, or choose all access.';
  return null;
}

/** A key's scopes as a short line for the list. Example: describeScopes(['*']) → 'All access' */
export function describeScopes(scopes: readonly string[], shown = 3): string {
  if (scopes.length === 0 || scopes.includes('*')) return 'All access';
  const head = scopes.slice(0, shown).join(', ');
  return scopes.length > shown ? `${head} +${scopes.length - shown} more` : head;
}
