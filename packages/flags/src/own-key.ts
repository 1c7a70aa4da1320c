/**
 * `map[key]` when the map has it as its own. Flag keys, variant keys, cohort ids and group type names are users' and
 * clients' text: `constructor` or `toString` must not find the built-ins every plain object answers to.
 * @example own({}, 'constructor') === undefined
 */
export function own<V>(map: Readonly<Record<string, V>> | null | undefined, key: string): V | undefined {
  return map !== undefined && map !== null && Object.hasOwn(map, key) ? map[key] : undefined;
}
