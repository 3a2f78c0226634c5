import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { cacheStatements } from "./statement-cache.ts";

/** A connection whose real `prepare` calls are counted, with the cache in front. */
function connection(size: number) {
  const sqlite = new Database(":memory:");
  sqlite.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO t (name) VALUES ('a'), ('b'), ('c')");
  const prepared: string[] = [];
  const prepare = sqlite.prepare.bind(sqlite);
  (sqlite as { prepare: unknown }).prepare = (sql: string) => (prepared.push(sql), prepare(sql));
  cacheStatements(sqlite, size);
  // What Prisma's adapter calls: prepare(sql).bind(args), then run() or columns() and raw().all().
  const call = sqlite.prepare as unknown as (sql: string) => {
    run(): { changes: number };
    bind(args: unknown[]): {
      reader: boolean;
      columns(): { name: string }[];
      run(): { changes: number };
      raw(): { all(): unknown[][] };
    };
  };
  return { sqlite, prepared, call };
}

describe("kept prepared statements", () => {
  it("prepares each SQL text once and answers each call with its own arguments", () => {
    const { prepared, call } = connection(10);
    const byId = "SELECT name FROM t WHERE id = ?";
    expect(call(byId).bind([1]).raw().all()).toEqual([["a"]]);
    expect(call(byId).bind([3]).raw().all()).toEqual([["c"]]);
    const stmt = call(byId).bind([2]);
    expect(stmt.reader).toBe(true);
    expect(stmt.columns().map((c) => c.name)).toEqual(["name"]);
    expect(stmt.raw().all()).toEqual([["b"]]);
    expect(call("UPDATE t SET name = ? WHERE id > ?").bind(["z", 1]).run().changes).toBe(2);
    expect(call("UPDATE t SET name = ? WHERE id > ?").bind(["y", 2]).run().changes).toBe(1);
    expect(call(byId).bind([3]).raw().all()).toEqual([["y"]]);
    expect(prepared).toEqual([byId, "UPDATE t SET name = ? WHERE id > ?"]);
  });

  it("runs a statement without arguments (BEGIN, COMMIT) as prepared", () => {
    const { sqlite, call } = connection(10);
    call("BEGIN").run();
    expect(sqlite.inTransaction).toBe(true);
    call("COMMIT").run();
    expect(sqlite.inTransaction).toBe(false);
  });

  it("lets the least recently used go beyond its size", () => {
    const { prepared, call } = connection(2);
    const q = (n: number) => `SELECT ${n} AS n`;
    for (const n of [1, 2, 1, 3, 1, 2]) call(q(n)).bind([]).raw().all();
    // 1, 2 kept; 1 used again; 3 lets 2 go; 1 still kept; 2 prepared again.
    expect(prepared).toEqual([q(1), q(2), q(3), q(2)]);
  });
});
