/**
 * A parsed query string with one text value per name: a name given more than once (`?compression=a&compression=b`)
 * keeps its last value, as Django's `QueryDict.get` answers PostHog's endpoints. Parsers hand repeated names over as
 * arrays, which the SDK endpoints read as text: before, `?compression=gzip-js&compression=base64` answered 500.
 * @example singleQueryValues({ a: ['1', '2'], b: '3' }) // { a: '2', b: '3' }
 */
export function singleQueryValues(query: unknown): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = Object.create(null);
  if (typeof query !== 'object' || query === null) return out;
  for (const [name, value] of Object.entries(query)) {
    const last = Array.isArray(value) ? value[value.length - 1] : value;
    if (typeof last === 'string') out[name] = last;
  }
  return out;
}
