import { SCOPE_OBJECTS, type ScopeObject } from '@warren/shared/api-keys-api';

export type RequiredScope = `${ScopeObject}:${'read' | 'write'}`;

/** True when `granted` (a key's scopes) allows `required`; write implies read. Example: hasScope(['query:read'], 'query:read'). */
export function hasScope(granted: readonly string[], required: RequiredScope): boolean {
  if (granted.includes('*')) return true;
  if (granted.includes(required)) return true;
  const [object, action] = required.split(':');
  return action === 'read' && granted.includes(`${object}:write`);
}

/** True when every scope is `*` or `<known object>:read|write`. */
export function validScopes(scopes: readonly string[]): boolean {
  return scopes.every((s) => s === '*' || /^([a-z_]+):(read|write)$/.test(s) && (SCOPE_OBJECTS as readonly string[]).includes(s.split(':')[0]));
}
