import type { Expr, Join } from '../sql/ast.js';
import { call, column } from '../sql/build.js';
import { overridesSource, personsSource } from './table-sources.js';
import type { TableEntry } from './scope.js';

/**
 * SQL aliases of the joins behind `events.person_id` and `events.person.*`.
 * @example lazyJoinAlias('e', 'person') // => 'e__person'
 */
export function lazyJoinAlias(tableAlias: string, join: 'override' | 'person'): string {
  return `${tableAlias}__${join}`;
}

/** True for aliases the compiler reserves for its own joins. */
export function isReservedAlias(name: string): boolean {
  return /__(override|person)$/.test(name);
}

/**
 * The event's person after merges: the override's person when the distinct id was remapped, else the stored one.
 * @example resolvedPersonId('events') // if(notEmpty(events__override.distinct_id), events__override.person_id, events.person_id)
 */
export function resolvedPersonId(tableAlias: string): Expr {
  const override = lazyJoinAlias(tableAlias, 'override');
  return call(
    'if',
    call('notEmpty', column(override, 'distinct_id')),
    column(override, 'person_id'),
    column(tableAlias, 'person_id'),
  );
}

/**
 * The LEFT JOINs an events table needs for the person fields a query used, in dependency order.
 * @example lazyJoinsFor({ alias: 'events', lazy: new Set(['person']) }) // [override join, person join]
 */
export function lazyJoinsFor(entry: TableEntry): Join[] {
  if (entry.lazy.size === 0) return [];
  const override = lazyJoinAlias(entry.alias, 'override');
  const joins: Join[] = [
    {
      type: 'LEFT JOIN',
      source: overridesSource(),
      alias: override,
      on: call('equals', column(override, 'distinct_id'), column(entry.alias, 'distinct_id')),
    },
  ];
  if (entry.lazy.has('person')) {
    const person = lazyJoinAlias(entry.alias, 'person');
    joins.push({
      type: 'LEFT JOIN',
      source: personsSource(),
      alias: person,
      on: call('equals', column(person, 'id'), resolvedPersonId(entry.alias)),
    });
  }
  return joins;
}
