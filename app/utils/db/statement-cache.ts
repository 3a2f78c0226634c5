/**
 * Prepared statements kept for reuse on a better-sqlite3 connection.
 *
 * Prisma's better-sqlite3 adapter prepares every statement afresh (`prepare(sql).bind(args)`), and for the
 * wide SELECTs Prisma writes, preparing costs about as much as running: a page or a transition sends the
 * same few dozen statements every time. This wraps the connection's `prepare` so that each SQL text is
 * prepared once and kept (the least recently used beyond `size` are let go); what the adapter gets back
 * answers the calls it makes (`bind`, `reader`, `columns`, `run`, `raw().all()`) with the arguments of
 * this call, as a fresh statement would. SQLite re-prepares a kept statement by itself after a schema change.
 *
 * Self-contained (no imports, no closures over module state): the read workers evaluate its source too.
 */
export function cacheStatements(client: unknown, size: number): void {
  type Statement = {
    reader: boolean;
    columns(): unknown[];
    run(params: unknown[]): unknown;
    raw(on: boolean): { all(params: unknown[]): unknown[] };
  };
  const connection = client as { prepare: (sql: string) => unknown };
  const prepare = connection.prepare.bind(connection) as (sql: string) => Statement;
  const kept = new Map<string, Statement>();
  const withParams = (statement: Statement, params: unknown[]) => ({
    reader: statement.reader,
    columns: () => statement.columns(),
    run: () => statement.run(params),
    raw: () => ({ all: () => statement.raw(true).all(params) }),
  });
  connection.prepare = (sql: string) => {
    let statement = kept.get(sql);
    if (statement) kept.delete(sql);
    else {
      statement = prepare(sql);
      if (kept.size >= size) kept.delete(kept.keys().next().value!);
    }
    kept.set(sql, statement);
    const prepared = statement;
    return { ...withParams(prepared, []), bind: (params: unknown[]) => withParams(prepared, params) };
  };
}
