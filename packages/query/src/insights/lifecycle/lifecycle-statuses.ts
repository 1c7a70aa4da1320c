import { hAnd, hCall, hCompare, hConstant, hField, type HExpr, type HQuery } from '../../hogql/hogql-ast.js';
import { bucketIndexExpr } from '../bucket-index.js';
import { addIntervals } from '../date-range.js';
import type { InsightContext } from '../insight-context.js';
import { insightFilterConditions } from '../insight-filters.js';
import { templateSelect } from '../hogql-template.js';
import { seriesCondition } from '../series.js';
import type { LifecycleSpec } from './lifecycle-spec.js';

// Per actor: the sorted bucket indexes they were active in (one bucket of look-back before the range, so the first
// bucket has a "previous period"), and the bucket they were created in. Each active bucket is `new` when it is the
// actor's first active bucket here and their creation bucket; `returning` when the bucket before was active too;
// else `resurrecting`. The bucket after each active bucket is `dormant` unless it is active itself. This is
// PostHog's lifecycle runner: only the first active bucket can be `new`, and a person whose first activity in the
// window comes after their creation bucket is `resurrecting`, even if they were created long before.
const STATUSES = `
SELECT actor_id, tupleElement(pair, 1) AS period, tupleElement(pair, 2) AS status
FROM (
  SELECT actor_id, arrayJoin(arrayConcat(
    arrayMap(i -> tuple(periods[i], if(i = 1,
        if(periods[1] = created, 'new', 'resurrecting'),
        if(periods[i - 1] = periods[i] - 1, 'returning', 'resurrecting'))),
      arrayEnumerate(periods)),
    arrayMap(p -> tuple(p + 1, 'dormant'),
      arrayFilter((p, i) -> i = length(periods) OR periods[i + 1] != p + 1, periods, arrayEnumerate(periods)))
  )) AS pair
  FROM {actors}
)
WHERE period >= 0 AND period < {bucket_count}`;

const PERSON_ACTORS = `
SELECT person_id AS actor_id, min({created}) AS created, arraySort(groupUniqArray({period})) AS periods
FROM events
WHERE {where}
GROUP BY actor_id`;

// Groups have no lazy join yet: their creation time comes from the groups table, matched on the event's group key.
const GROUP_ACTORS = `
SELECT {actor} AS actor_id, min({created}) AS created, arraySort(groupUniqArray({period})) AS periods
FROM events
LEFT JOIN (SELECT key, created_at FROM groups WHERE index = {index}) AS actor_group ON actor_group.key = {actor}
WHERE {where}
GROUP BY actor_id`;

/**
 * The HogQL SELECT giving one row per actor and bucket of the range with that actor's status there:
 * columns `actor_id`, `period` (bucket index, 0 = first bucket) and `status`.
 * @example await lifecycleStatusesQuery(spec, ctx) // SELECT actor_id, tupleElement(pair, 1) AS period, … FROM (…)
 */
export async function lifecycleStatusesQuery(spec: LifecycleSpec, ctx: InsightContext): Promise<HQuery> {
  const { range } = spec;
  const group = spec.groupTypeIndex;
  const actor = group === undefined ? hField('person_id') : hField('events', `$group_${group}`);
  const createdAt = group === undefined ? hField('person', 'created_at') : hField('actor_group', 'created_at');
  const actors = await templateSelect(group === undefined ? PERSON_ACTORS : GROUP_ACTORS, {
    actor,
    index: hConstant(group ?? 0),
    created: bucketIndexExpr(range, ctx, createdAt),
    period: bucketIndexExpr(range, ctx, hField('events', 'timestamp')),
    where: hAnd(await conditions(spec, ctx, actor)),
  });
  return templateSelect(STATUSES, { actors, bucket_count: hConstant(range.buckets.length) });
}

async function conditions(spec: LifecycleSpec, ctx: InsightContext, actor: HExpr): Promise<HExpr[]> {
  const { range } = spec;
  const timestamp = hField('events', 'timestamp');
  const first = range.buckets[0];
  const last = range.buckets[range.buckets.length - 1];
  const parts: HExpr[] = [
    hCompare('>=', timestamp, hConstant(addIntervals(first, range.interval, -1, ctx))),
    hCompare('<', timestamp, hConstant(addIntervals(last, range.interval, 1, ctx))),
  ];
  const series = await seriesCondition(spec.series, ctx);
  if (series) parts.push(series);
  parts.push(...(await insightFilterConditions(spec, ctx)));
  if (spec.groupTypeIndex === undefined) {
    // Events sent without a person profile have no person to give a status to.
    const profile = hCall('coalesce', hField('properties', '$process_person_profile'), hConstant(''));
    parts.push(hCompare('!=', profile, hConstant('false')));
  } else {
    parts.push(hCompare('!=', actor, hConstant('')));
  }
  return parts;
}
