import type { Expr, Join, TableSource } from '../sql/ast.js';
import { call, column } from '../sql/build.js';
import { sessionsSource, type SessionWindow } from './sessions-source.js';
import { groupsSource, overridesSource, personsSource } from './table-sources.js';
import { columnsRead, type GroupJoin, type LazyJoin, type TableEntry } from './scope.js';

/** Every lazy join, in the order they are added (the person join needs the override join before it). */
const LAZY_JOINS: readonly LazyJoin[] = ['override', 'person', 'group_0', 'group_1', 'group_2', 'group_3', 'group_4', 'session'];

/**
 * SQL aliases of the joins behind `events.person_id`, `events.person.*`, `events.group_N.*` and `events.session.*`.
 * @example lazyJoinAlias('e', 'person') // => 'e__person'
 */
export function lazyJoinAlias(tableAlias: string, join: LazyJoin): string {
  return `${tableAlias}__${join}`;
}

/**
 * All the aliases the lazy joins of one table may take.
 * @example lazyJoinAliases('e') // => ['e__override', 'e__person', 'e__group_0', …, 'e__session']
 */
export function lazyJoinAliases(tableAlias: string): string[] {
  return LAZY_JOINS.map((join) => lazyJoinAlias(tableAlias, join));
}

/** True for aliases the compiler reserves for its own joins. */
export function isReservedAlias(name: string): boolean {
  return /__(override|person|group_[0-4]|session)$/.test(name);
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
 * The LEFT JOINs an events table needs for the fields a query used, in dependency order. Each joined source reads
 * its physical table through the project guard, like any other read.
 * @example lazyJoinsFor({ alias: 'events', lazy: new Set(['override', 'person']) }) // [override join, person join]
 */
export function lazyJoinsFor(entry: TableEntry, sessionWindow?: SessionWindow): Join[] {
  return LAZY_JOINS.filter((join) => entry.lazy.has(join)).map((join) => {
    const joinAlias = lazyJoinAlias(entry.alias, join);
    const { source, on } = joinSpec(join, joinAlias, entry.alias, sessionWindow, columnsRead(entry, joinAlias));
    return { type: 'LEFT JOIN', source, alias: joinAlias, on };
  });
}

function joinSpec(join: LazyJoin, joinAlias: string, tableAlias: string, sessionWindow: SessionWindow | undefined, read: ReadonlySet<string>): { source: TableSource; on: Expr } {
  switch (join) {
    case 'override':
      return { source: overridesSource(), on: call('equals', column(joinAlias, 'distinct_id'), column(tableAlias, 'distinct_id')) };
    case 'person':
      return { source: personsSource(), on: call('equals', column(joinAlias, 'id'), resolvedPersonId(tableAlias)) };
    case 'session':
      // Sessions exist only for non-empty ids, so an event without one matches nothing. An event's session may be
      // on any day around the window, whatever days the query's own sessions reads are narrowed to.
      return { source: sessionsSource(sessionWindow && { from: sessionWindow.from, to: sessionWindow.to }, read), on: call('equals', column(joinAlias, 'session_id'), column(tableAlias, '$session_id')) };
    default:
      return {
        source: groupsSource(groupIndex(join)),
        on: call('equals', column(joinAlias, 'key'), column(tableAlias, `$${join}`)),
      };
  }
}

/**
 * The group type index of a `group_N` join.
 * @example groupIndex('group_3') // => 3
 */
export function groupIndex(join: GroupJoin): number {
  return Number(join.slice('group_'.length));
}
