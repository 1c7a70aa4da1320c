import type { PropertyFilter } from '../../../components/property-filter-model';

/**
 * The filters a query may carry out of what is being edited: rows still without a property name are left out, since
 * the server refuses a filter with no key. Example: completeFilters([{ key: '', type: 'event' }, f]) -> [f]
 */
export function completeFilters(draft: readonly PropertyFilter[]): PropertyFilter[] {
  return draft.filter((f) => f.key.trim() !== '');
}

/** Whether two filter lists say the same (so an edit that changes nothing sent does not recalculate). */
export function sameFilters(a: readonly PropertyFilter[] | undefined, b: readonly PropertyFilter[] | undefined): boolean {
  return JSON.stringify(a ?? []) === JSON.stringify(b ?? []);
}
