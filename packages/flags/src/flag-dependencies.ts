import { isPropertyGroup, type FlagDefinition, type PropertyFilter, type PropertyGroup } from './flag-definition.js';
import { own } from './own-key.js';
import { textOf } from './value-text.js';

/**
 * Flags by every name a `type: "flag"` filter may use: the stored form references the id (as a string),
 * the definitions served to SDKs the key. Deleted flags are left out, so references to them are missing.
 * @example indexFlags(flags).get('101')?.key // 'new-dashboard'
 */
export function indexFlags(flags: readonly FlagDefinition[]): Map<string, FlagDefinition> {
  const index = new Map<string, FlagDefinition>();
  for (const flag of flags) if (!flag.deleted) index.set(flag.key, flag);
  for (const flag of flags) if (!flag.deleted) index.set(textOf(flag.id), flag);
  return index;
}

/**
 * The flag references a flag's conditions use, directly or through the cohorts they target.
 * @example dependencyRefs(flag, cohorts) // ['101']
 */
export function dependencyRefs(flag: FlagDefinition, cohorts: Record<string, PropertyGroup> = {}): string[] {
  const refs = new Set<string>();
  const seenCohorts = new Set<string>();
  const visitFilter = (filter: PropertyFilter): void => {
    if (filter.type === 'flag') refs.add(textOf(filter.key));
    if (filter.type !== 'cohort') return;
    const id = textOf(filter.value);
    if (seenCohorts.has(id)) return;
    seenCohorts.add(id);
    visitGroup(own(cohorts, id));
  };
  const visitGroup = (group: PropertyGroup | undefined): void => {
    for (const entry of group?.values ?? []) {
      if (isPropertyGroup(entry)) visitGroup(entry);
      else visitFilter(entry);
    }
  };
  for (const condition of flag.filters.groups ?? []) (condition.properties ?? []).forEach(visitFilter);
  return [...refs];
}

/**
 * The keys a flag transitively depends on, in an order where each comes after its own dependencies and the
 * flag's direct target comes last; null when the dependencies form a cycle. Unknown refs are kept as-is so
 * a consumer can see they are missing.
 * @example dependencyChain('7', index, cohorts) // ['base-flag', 'middle-flag']
 */
export function dependencyChain(ref: string, index: Map<string, FlagDefinition>, cohorts?: Record<string, PropertyGroup>): string[] | null {
  const chain: string[] = [];
  const done = new Set<string>();
  const visiting = new Set<string>();
  const visit = (current: string): boolean => {
    const flag = index.get(current);
    const name = flag ? flag.key : current;
    if (done.has(name)) return true;
    if (visiting.has(name)) return false;
    visiting.add(name);
    const ok = flag ? dependencyRefs(flag, cohorts).every(visit) : true;
    visiting.delete(name);
    done.add(name);
    chain.push(name);
    return ok;
  };
  return visit(ref) ? chain : null;
}
