// Reads outside a transaction are answered by worker threads with read-only connections (the SQLite
// adapter's read pool), on the test's own database file: they do not wait for an open write transaction nor
// see its uncommitted rows, a heavy read leaves the request thread free, errors arrive as the driver's own,
// and a client with no workers still waits as before.
import { afterAll, describe, expect, it } from "vitest";
import { createDb, db } from "~/utils/db.server.ts";
import { isReadOnlyQuery } from "~/utils/db/sqlite-read-pool.server.ts";

const url = () => process.env.DATABASE_URL!;
const opened: ReturnType<typeof createDb>[] = [];
const client = (readWorkers: number) => {
  const c = createDb(url(), 2000, readWorkers);
  opened.push(c);
  return c;
};
afterAll(() => Promise.all(opened.map((c) => c.$disconnect())));

const attempt = (email: string) => ({ data: { email, ip: "192.0.2.1" } });

describe("which statements a read worker may answer", () => {
  it("takes plain SELECTs and WITH … SELECT, and nothing that writes or configures", () => {
    expect(isReadOnlyQuery('SELECT "id" FROM "User" WHERE "email" = ?')).toBe(true);
    expect(isReadOnlyQuery("  with t as (select 1) select * from t")).toBe(true);
    expect(isReadOnlyQuery('INSERT INTO "User" ("id") VALUES (?) RETURNING "id"')).toBe(false);
    expect(isReadOnlyQuery('UPDATE "Initiative" SET "version" = 2 RETURNING "id"')).toBe(false);
    expect(isReadOnlyQuery("WITH x AS (SELECT 1) DELETE FROM t WHERE id IN x")).toBe(false);
    expect(isReadOnlyQuery("PRAGMA quick_check")).toBe(false);
    expect(isReadOnlyQuery("SELECT 1; PRAGMA query_only = ON")).toBe(false);
  });
});

describe("reads in worker threads", () => {
  it("do not wait for an open write transaction, and see only what was committed", async () => {
    const c = client(2);
    const before = await c.loginAttempt.count();
    let seenInside = -1;
    await c.$transaction(async (tx) => {
      await tx.loginAttempt.create(attempt("inside@example.org"));
      // On one connection this read would wait for the transaction it is inside of: a deadlock.
      seenInside = await c.loginAttempt.count();
    });
    expect(seenInside).toBe(before);
    expect(await c.loginAttempt.count()).toBe(before + 1);
  });

  it("see a write as soon as it is committed", async () => {
    const c = client(2);
    for (let i = 0; i < 20; i++) {
      const email = `committed-${i}@example.org`;
      await c.loginAttempt.create(attempt(email));
      expect(await c.loginAttempt.count({ where: { email } })).toBe(1);
    }
  });

  it("leave the request thread free while a heavy query runs", async () => {
    const c = client(2);
    let turns = 0;
    const timer = setInterval(() => turns++, 1);
    const heavy = `WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 3000000)
                   SELECT count(*) AS c FROM n`;
    const [row] = await c.$queryRawUnsafe<{ c: bigint }[]>(heavy);
    clearInterval(timer);
    expect(Number(row!.c)).toBe(3_000_000);
    // On the main thread the timer could not have fired until the query was over.
    expect(turns).toBeGreaterThan(5);
  });

  it("report a bad query as the database's error", async () => {
    await expect(client(2).$queryRawUnsafe('SELECT * FROM "NoSuchTable"')).rejects.toThrow(/no such table/);
  });

  it("are not used with SQLITE_READ_WORKERS=0: a read waits for the open transaction", async () => {
    const c = client(0);
    const order: string[] = [];
    await c.$transaction(async (tx) => {
      await tx.loginAttempt.create(attempt("waiting@example.org"));
      void c.loginAttempt.count().then(() => order.push("read"));
      await new Promise((resolve) => setTimeout(resolve, 50));
      order.push("commit");
    });
    await db.loginAttempt.count();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(order).toEqual(["commit", "read"]);
  });
});
