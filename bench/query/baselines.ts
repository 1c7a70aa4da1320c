/**
 * The same four questions in hand-written ClickHouse SQL, as a ClickHouse expert would write them against this
 * schema: the project filter and time window first, persons after merges through the overrides table, `uniqExact` by
 * day, `windowFunnel`, and arrays per person for retention and paths. Each baseline turns its rows into the same
 * comparable answer as Warren's response (answers.ts).
 */
import type { QueryResult } from '../../apps/server/src/storage/event-store.js';
import { reachableEdges, type Answer } from './answers.js';
import { FUNNEL_WINDOW_DAYS, LAST_30_DAYS, PATH_STEPS, RETENTION_WEEKS, WINDOWS, type QuestionName } from './questions.js';
import { TEAM } from './generate.js';

export interface Baseline {
  sql: string;
  params: Record<string, unknown>;
  answer(result: QueryResult): Answer;
}

const DAY_MS = 86_400_000;
/** A 30-minute gap starts a new path (PostHog's session threshold for paths). */
const PATH_SESSION_GAP_MS = 1_800_000;
const PATH_EDGE_LIMIT = 50;

/** The person of an event after identify/alias merges: the override's person when its distinct id was remapped. */
const PERSON = `if(o.distinct_id != '', o.person_id, e.person_id)`;
const EVENTS_WITH_PERSONS = `
  events AS e
  LEFT JOIN (
    SELECT distinct_id, argMax(person_id, version) AS person_id
    FROM person_distinct_id_overrides
    WHERE team_id = {team:Int64}
    GROUP BY distinct_id
    HAVING argMax(is_deleted, version) = 0
  ) AS o ON o.distinct_id = e.distinct_id`;

const clickhouseTime = (at: Date): string => at.toISOString().replace('T', ' ').replace('Z', '000');
const windowParams = (window: { from: Date; to: Date }) => ({ team: TEAM, from: clickhouseTime(window.from), to: clickhouseTime(window.to) });
const IN_WINDOW = `e.timestamp >= {from:DateTime64(6, 'UTC')} AND e.timestamp <= {to:DateTime64(6, 'UTC')}`;

const trends: Baseline = {
  sql: `
    SELECT toStartOfDay(e.timestamp) AS day, uniqExact(${PERSON}) AS persons
    FROM ${EVENTS_WITH_PERSONS}
    WHERE e.team_id = {team:Int64} AND e.event = '$pageview' AND ${IN_WINDOW}
    GROUP BY day
    ORDER BY day`,
  params: windowParams(WINDOWS.last30),
  answer(result) {
    const byDay = new Map(result.rows.map(([day, persons]) => [String(day).slice(0, 10), Number(persons)]));
    const first = WINDOWS.last30.from.getTime();
    return Array.from({ length: LAST_30_DAYS + 1 }, (_, i) => byDay.get(new Date(first + i * DAY_MS).toISOString().slice(0, 10)) ?? 0);
  },
};

const FUNNEL_STEPS = `e.event = '$pageview' AND JSONExtractString(e.properties, '$pathname') = '/signup',
        e.event = 'signup_started', e.event = 'signed_up', e.event = 'onboarding_completed'`;
const funnel: Baseline = {
  sql: `
    SELECT level, count() AS persons
    FROM (
      SELECT ${PERSON} AS person, windowFunnel({window:UInt64})(toDateTime(e.timestamp), ${FUNNEL_STEPS}) AS level
      FROM ${EVENTS_WITH_PERSONS}
      WHERE e.team_id = {team:Int64} AND ${IN_WINDOW}
        AND e.event IN ('$pageview', 'signup_started', 'signed_up', 'onboarding_completed')
        AND (e.event != '$pageview' OR JSONExtractString(e.properties, '$pathname') = '/signup')
      GROUP BY person
    )
    WHERE level > 0
    GROUP BY level`,
  params: { ...windowParams(WINDOWS.last30), window: FUNNEL_WINDOW_DAYS * 86_400 },
  answer(result) {
    const atLevel = new Map(result.rows.map(([level, persons]) => [Number(level), Number(persons)]));
    // A person who reached step k also counts for every step before it.
    return [1, 2, 3, 4].map((step) => [...atLevel].filter(([level]) => level >= step).reduce((sum, [, n]) => sum + n, 0));
  },
};

const retention: Baseline = {
  sql: `
    SELECT cohort, week, count() AS persons
    FROM (
      SELECT toStartOfWeek(first_signup, 0) AS cohort,
        arrayJoin(arrayConcat([0], arrayFilter(w -> w > 0, arrayDistinct(arrayMap(start -> intDiv(dateDiff('day', cohort, start), 7), weeks))))) AS week
      FROM (
        SELECT ${PERSON} AS person,
          minIf(e.timestamp, e.event = 'signed_up') AS first_signup,
          groupUniqArrayIf(toStartOfWeek(e.timestamp, 0), e.event = '$pageview') AS weeks
        FROM ${EVENTS_WITH_PERSONS}
        WHERE e.team_id = {team:Int64} AND e.timestamp <= {to:DateTime64(6, 'UTC')}
          AND (e.event = 'signed_up' OR (e.event = '$pageview' AND e.timestamp >= {from:DateTime64(6, 'UTC')}))
        GROUP BY person
        HAVING countIf(e.event = 'signed_up') > 0 AND first_signup >= {from:DateTime64(6, 'UTC')}
      )
    )
    GROUP BY cohort, week`,
  params: windowParams(WINDOWS.retention),
  answer(result) {
    const table = Array.from({ length: RETENTION_WEEKS }, (_, i) => new Array<number>(RETENTION_WEEKS - i).fill(0));
    for (const [cohort, week, persons] of result.rows) {
      const index = Math.round((new Date(`${String(cohort)}T00:00:00Z`).getTime() - WINDOWS.retention.from.getTime()) / (7 * DAY_MS));
      if (table[index] && Number(week) < table[index].length) table[index][Number(week)] = Number(persons);
    }
    return table;
  },
};

const URL_ELEMENT = `if(length(url) > 1, trim(TRAILING '/' FROM url), url)`;
const paths: Baseline = {
  sql: `
    SELECT concat(toString(i - 1), '_', steps[i - 1].1) AS source, concat(toString(i), '_', steps[i].1) AS target,
      count() AS value, avg(steps[i].2 - steps[i - 1].2) AS average_ms
    FROM (
      SELECT arraySlice(arrayFilter((visit, next) -> visit.1 != next, session, arrayPushBack(arrayPopFront(arrayMap(v -> v.1, session)), '')), 1, {steps:UInt8}) AS steps
      FROM (
        SELECT arraySort(v -> v.2, groupArray((element, ms))) AS visits
        FROM (
          SELECT ${PERSON} AS person, JSONExtractString(e.properties, '$current_url') AS url, ${URL_ELEMENT} AS element,
            toUnixTimestamp64Milli(e.timestamp) AS ms
          FROM ${EVENTS_WITH_PERSONS}
          WHERE e.team_id = {team:Int64} AND e.event = '$pageview' AND ${IN_WINDOW}
        )
        GROUP BY person
      )
      ARRAY JOIN arraySplit((v, gap) -> gap >= ${PATH_SESSION_GAP_MS}, visits, arrayDifference(arrayMap(v -> v.2, visits))) AS session
    )
    ARRAY JOIN arrayEnumerate(steps) AS i
    WHERE i > 1
    GROUP BY source, target
    ORDER BY value DESC, source, target
    LIMIT ${PATH_EDGE_LIMIT}`,
  params: { ...windowParams(WINDOWS.last30), steps: PATH_STEPS },
  answer(result) {
    return reachableEdges(result.rows.map(([source, target, value, averageMs]) => ({ source: String(source), target: String(target), value: Number(value), averageMs: Number(averageMs) })));
  },
};

export const BASELINES: Readonly<Record<QuestionName, Baseline>> = { trends, funnel, retention, paths };
