import type { Expr, SelectQuery, TableSource } from '../sql/ast.js';
import { alias, call, column, constant, table } from '../sql/build.js';

// Each source reads its physical table through the printer, which adds the project guard to that read.

const latest = (tableAlias: string, name: string): Expr =>
  call('argMax', column(tableAlias, name), column(tableAlias, 'version'));

const notDeleted = (tableAlias: string): Expr => call('equals', latest(tableAlias, 'is_deleted'), constant(0));

/**
 * Persons as of their latest version, deleted ones dropped: the HogQL `persons` table and the events `person` join.
 * @example personsSource() // (SELECT person.id AS id, argMax(person.properties, person.version) AS properties, …)
 */
export function personsSource(): TableSource {
  const query: SelectQuery = {
    kind: 'select',
    select: [
      alias(column('person', 'id'), 'id'),
      alias(latest('person', 'properties'), 'properties'),
      alias(latest('person', 'created_at'), 'created_at'),
      alias(latest('person', 'is_identified'), 'is_identified'),
    ],
    from: { source: table('person'), alias: 'person' },
    groupBy: [column('person', 'id')],
    having: notDeleted('person'),
  };
  return { kind: 'subquery', query };
}

/**
 * The person each remapped distinct id now belongs to (identify / alias merges), deleted overrides dropped.
 * @example overridesSource() // (SELECT distinct_id, argMax(person_id, version) AS person_id … HAVING …)
 */
export function overridesSource(): TableSource {
  const t = 'person_distinct_id_overrides';
  const query: SelectQuery = {
    kind: 'select',
    select: [alias(column(t, 'distinct_id'), 'distinct_id'), alias(latest(t, 'person_id'), 'person_id')],
    from: { source: table(t), alias: t },
    groupBy: [column(t, 'distinct_id')],
    having: notDeleted(t),
  };
  return { kind: 'subquery', query };
}

/**
 * Groups as of their latest version: the HogQL `groups` table (`index`, `key`, `properties`, `created_at`), or only
 * the groups of one type, with a key, for the events `group_N` joins.
 * @example groupsSource(0) // (SELECT groups.group_type_index AS index, … WHERE … = 0 AND notEmpty(groups.group_key) …)
 */
export function groupsSource(index?: number): TableSource {
  const query: SelectQuery = {
    kind: 'select',
    select: [
      alias(column('groups', 'group_type_index'), 'index'),
      alias(column('groups', 'group_key'), 'key'),
      alias(latest('groups', 'group_properties'), 'properties'),
      alias(latest('groups', 'created_at'), 'created_at'),
    ],
    from: { source: table('groups'), alias: 'groups' },
    groupBy: [column('groups', 'group_type_index'), column('groups', 'group_key')],
  };
  if (index !== undefined) {
    query.where = call(
      'and',
      call('equals', column('groups', 'group_type_index'), constant(index)),
      call('notEmpty', column('groups', 'group_key')),
    );
  }
  return { kind: 'subquery', query };
}
