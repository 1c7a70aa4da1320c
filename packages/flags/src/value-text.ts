/**
 * A property or filter value as text, as `String(value)` spells it, without ever throwing: `String` calls an object's
 * own `toString`, so a client's `{"toString": 1}` (a person property, a value sent to /flags) made it throw and the
 * whole /flags answer fail. Such a value reads as `Object.prototype.toString` would spell it (`[object Object]`).
 * @example textOf(5) === '5' && textOf(JSON.parse('{"toString": 1}')) === '[object Object]'
 */
export function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}
