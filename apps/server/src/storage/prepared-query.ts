import type { Compilable, CompiledQuery, Kysely, QueryResult } from 'kysely';

/** Stands in for an argument while a query shape is built; the compiled parameters say where each one went. */
class Slot {
  constructor(readonly index: number) {}
}

/** Runs a prepared shape on a database or a transaction of the same dialect, binding `args` in the slots' places. */
export type PreparedQuery<A extends unknown[], R> = (executor: Kysely<any>, ...args: A) => Promise<QueryResult<R>>;

/**
 * A query shape built and compiled once; each run binds its own values where the stand-ins went. Kysely builds and
 * compiles a query anew on every call — about 15 µs for a point lookup, several times what SQLite takes to answer
 * it — so the hot paths (the identity step, `/flags` for a visitor not yet cached) compile their shapes once.
 *
 * `build` must only bind its arguments as values (never inspect them, branch on them or use them in SQL structure):
 * each argument is a stand-in object while it runs, and preparing fails if one of them is not among the compiled
 * parameters. Compile with the database whose dialect the executors share (a transaction of it, say).
 * @example const byId = prepareQuery(db, (id: number) => db.selectFrom('persons').selectAll().where('id', '=', id));
 *          const { rows } = await byId(trx, 42);
 */
export function prepareQuery<A extends unknown[], R>(db: Kysely<any>, build: (...args: A) => Compilable<R>): PreparedQuery<A, R> {
  const slots = Array.from({ length: build.length }, (_, i) => new Slot(i));
  const compiled = build(...(slots as unknown as A)).compile();
  const sources = compiled.parameters.map((p) => (p instanceof Slot ? p.index : -1));
  for (const slot of slots) {
    if (!sources.includes(slot.index)) throw new Error(`prepareQuery: argument ${slot.index} of ${build.name || 'the query'} is not bound as a value`);
  }
  return (executor, ...args) => {
    const parameters = compiled.parameters.map((fixed, i) => (sources[i] === -1 ? fixed : args[sources[i]]));
    const query: CompiledQuery<R> = { ...compiled, parameters };
    return executor.executeQuery(query);
  };
}
