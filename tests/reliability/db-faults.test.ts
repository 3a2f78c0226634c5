// Fault injection for the database layer, with real SQLite faults on the test's own file: a ROLLBACK
// that fails, a COMMIT that fails (alone, or shared by a group commit), a lock held by another connection, a full database (SQLite's
// max_page_count) and a read-only one (query_only). After each fault a write must succeed again, with
// the same client (no restart), and while it lasts the API and pages answer 503 with Retry-After and
// /readyz reports the failing write path.
import Database from "better-sqlite3";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { PrismaClient } from "~/generated/prisma/client.ts";
import { action as initiativeAction } from "~/routes/initiatives.$ref._index/route.tsx";
import { loader as readyz } from "~/routes/readyz.ts";
import { sqliteFilePath } from "~/utils/database-url.ts";
import { createDb, db } from "~/utils/db.server.ts";
import { classifyDbError, dbFaultHttpError } from "~/utils/db/db-errors.server.ts";
import { withDbFaultResponses } from "~/utils/db/fault-responses.server.ts";
import { stopWriteProbe } from "~/utils/readiness.server.ts";
import { call, tokenFor } from "../api/client.ts";
import { args, login, post, run } from "../helpers/http.ts";
import { demoAccounts, itbDraft } from "./fixtures.ts";

// The app's own client waits this long for another connection's lock before answering 503.
vi.hoisted(() => {
  process.env.DATABASE_BUSY_TIMEOUT_MS = "300";
});

const file = () => sqliteFilePath(process.env.DATABASE_URL!);
let token: string;
let ref: string;

beforeAll(async () => {
  await demoAccounts();
  token = await tokenFor("officer.itb@demo.gov.hk");
  ref = await itbDraft();
});
afterAll(() => stopWriteProbe());

const comment = (body = "Checked after the fault.") =>
  call("POST", `/api/v1/initiatives/${ref}/comments`, { token, json: { body } });

async function readyStatus() {
  const res = await readyz();
  return { status: res.status, body: (await res.json()) as { checks: Record<string, { ok: boolean }> } };
}

/** An independent connection's view: what is really committed in the file. */
function committedCount(sql: string, ...params: unknown[]): number {
  const other = new Database(file(), { readonly: true });
  try {
    return Number((other.prepare(sql).get(...params) as { n: number }).n);
  } finally {
    other.close();
  }
}

type RawTx = { $executeRawUnsafe: (sql: string) => Promise<number> };

/**
 * A write whose COMMIT fails: a deferred foreign-key violation is only detected by COMMIT, which then
 * fails and leaves the transaction open (as a COMMIT on a full disk may).
 */
async function orphanComment(tx: RawTx) {
  await tx.$executeRawUnsafe("PRAGMA defer_foreign_keys = ON");
  await tx.$executeRawUnsafe(
    `INSERT INTO "Comment" ("id", "initiativeId", "authorId", "body", "createdAt", "updatedAt")
     VALUES ('orphan', 'no-such-initiative', 'no-such-user', 'x', 0, 0)`,
  );
}

describe("transactions always end and release the connection", () => {
  it("upstream adapter (reproduction): after a COMMIT that fails, the connection stays inside the transaction", async () => {
    const upstream = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: file() }) });
    const before = committedCount(`SELECT COUNT(*) AS n FROM "LoginAttempt"`);
    try {
      await expect(upstream.$transaction((tx) => orphanComment(tx))).rejects.toThrow(/foreign ?key/i);
      // Its lock is never released either (a next $transaction would wait forever), and a plain write is
      // swallowed by the transaction that never ended: acknowledged, but not committed.
      await upstream.loginAttempt.create({ data: { email: "lost@example.org", ip: "192.0.2.8" } });
      expect(committedCount(`SELECT COUNT(*) AS n FROM "LoginAttempt"`)).toBe(before);
    } finally {
      await upstream.$disconnect();
    }
  });

  it("ours: after a ROLLBACK that fails, transactions and writes go on", async () => {
    await expect(
      db.$transaction(async (tx) => {
        await tx.$executeRawUnsafe("COMMIT");
        throw new Error("the handler failed");
      }),
    ).rejects.toThrow("the handler failed");
    expect((await comment()).status).toBe(201);
    expect(await db.$transaction(async (tx) => tx.user.count())).toBeGreaterThan(0);
  });

  it("ours: after a COMMIT that fails, the transaction is rolled back and the next write commits", async () => {
    const before = committedCount(`SELECT COUNT(*) AS n FROM "Comment"`);
    await expect(db.$transaction((tx) => orphanComment(tx))).rejects.toThrow(/foreign ?key/i);
    expect(committedCount(`SELECT COUNT(*) AS n FROM "Comment" WHERE "id" = 'orphan'`)).toBe(0);
    // The connection is not left inside that transaction: this comment is really committed.
    expect((await comment()).status).toBe(201);
    expect(committedCount(`SELECT COUNT(*) AS n FROM "Comment"`)).toBe(before + 1);
  });

  it("a statement outside a transaction never lands inside another request's transaction", async () => {
    const before = committedCount(`SELECT COUNT(*) AS n FROM "LoginAttempt"`);
    let inside!: () => void;
    const entered = new Promise<void>((resolve) => (inside = resolve));
    const failing = db.$transaction(async (tx) => {
      await tx.user.count();
      inside();
      // While this transaction is open, another request writes through the shared client…
      await new Promise((resolve) => setTimeout(resolve, 50));
      throw new Error("and this one rolls back");
    });
    await entered;
    const write = db.loginAttempt.create({ data: { email: "outside@example.org", ip: "192.0.2.1" } });
    await expect(failing).rejects.toThrow("rolls back");
    await write;
    // …and its write survives the other's rollback.
    expect(committedCount(`SELECT COUNT(*) AS n FROM "LoginAttempt"`)).toBe(before + 1);
  });
});

describe("group commit: transactions started together share one COMMIT", () => {
  const attempt = (email: string) => ({ email, ip: "192.0.2.20" });
  const committed = (email: string) =>
    committedCount(`SELECT COUNT(*) AS n FROM "LoginAttempt" WHERE "email" = ?`, email);

  it("acknowledges each transaction only once its write is committed", async () => {
    const emails = Array.from({ length: 6 }, (_, i) => `together-${i}@example.org`);
    // Each transaction checks, the moment it is acknowledged, what another connection sees.
    const seen = await Promise.all(
      emails.map((email) =>
        db.$transaction((tx) => tx.loginAttempt.create({ data: attempt(email) })).then(() => committed(email)),
      ),
    );
    expect(seen).toEqual(emails.map(() => 1));
  });

  it("a transaction that rolls back undoes only its own writes, not those committed beside it", async () => {
    const results = await Promise.allSettled([
      db.$transaction((tx) => tx.loginAttempt.create({ data: attempt("before@example.org") })),
      db.$transaction(async (tx) => {
        await tx.loginAttempt.create({ data: attempt("undone@example.org") });
        throw new Error("this one rolls back");
      }),
      db.$transaction((tx) => tx.loginAttempt.create({ data: attempt("after@example.org") })),
    ]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect([committed("before@example.org"), committed("undone@example.org"), committed("after@example.org")]).toEqual([
      1, 0, 1,
    ]);
    // The connection is out of every transaction: a plain write commits on its own.
    await db.loginAttempt.create({ data: attempt("plain@example.org") });
    expect(committed("plain@example.org")).toBe(1);
  });

  it("when the shared COMMIT fails, no transaction of the group is acknowledged and none is committed", async () => {
    // The middle one's deferred foreign-key violation is found only by the COMMIT that the three share.
    const results = await Promise.allSettled([
      db.$transaction((tx) => tx.loginAttempt.create({ data: attempt("first@example.org") })),
      db.$transaction((tx) => orphanComment(tx)),
      db.$transaction((tx) => tx.loginAttempt.create({ data: attempt("third@example.org") })),
    ]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected", "rejected"]);
    expect(String((results[0] as PromiseRejectedResult).reason)).toMatch(/foreign ?key/i);
    expect(committed("first@example.org") + committed("third@example.org")).toBe(0);
    expect(committedCount(`SELECT COUNT(*) AS n FROM "Comment" WHERE "id" = 'orphan'`)).toBe(0);
    expect((await comment()).status).toBe(201);
  });
});

describe("a busy database", () => {
  it("waits for a lock held by another connection, then writes", async () => {
    const other = new Database(file());
    other.exec("BEGIN IMMEDIATE");
    const patient = createDb(process.env.DATABASE_URL!, 60_000);
    try {
      const write = patient.loginAttempt.create({ data: { email: "patient@example.org", ip: "192.0.2.2" } });
      setTimeout(() => other.exec("COMMIT"), 100);
      await expect(write).resolves.toMatchObject({ email: "patient@example.org" });
      const tx = await patient.$transaction(async (t) => t.loginAttempt.count());
      expect(tx).toBeGreaterThan(0);
    } finally {
      if (other.inTransaction) other.exec("ROLLBACK");
      other.close();
      await patient.$disconnect();
    }
  });

  it("answers 503 with Retry-After when the lock outlasts the busy timeout, and 201 once it is released", async () => {
    const other = new Database(file());
    other.exec("BEGIN IMMEDIATE");
    try {
      const res = await comment();
      expect(res.status).toBe(503);
      expect(res.body.error.code).toBe("SERVICE_UNAVAILABLE");
      expect(Number(res.headers.get("Retry-After"))).toBeGreaterThan(0);
      // A write outside a transaction meets the same lock.
      await expect(db.loginAttempt.create({ data: { email: "a@example.org", ip: "192.0.2.3" } })).rejects.toSatisfy(
        (error) => classifyDbError(error) === "busy",
      );
    } finally {
      other.exec("ROLLBACK");
      other.close();
    }
    expect((await comment()).status).toBe(201);
  });
});

describe("a full database (max_page_count)", () => {
  it("answers 503 while full, /readyz fails, and both recover when room is made", async () => {
    const [{ page_count: pages }] = await db.$queryRawUnsafe<{ page_count: bigint }[]>("PRAGMA page_count");
    await db.$executeRawUnsafe(`PRAGMA max_page_count = ${Number(pages)}`);
    try {
      // Use up the free pages too, so that the next write must grow the file.
      for (let i = 0; i < 10_000; i++) {
        try {
          await db.$executeRawUnsafe(
            `INSERT INTO "LoginAttempt" ("id", "email", "ip", "createdAt", "updatedAt") VALUES (?, ?, '192.0.2.9', 0, 0)`,
            `filler-${i}`,
            "f".repeat(3000),
          );
        } catch (error) {
          expect(classifyDbError(error)).toBe("full");
          break;
        }
      }
      const res = await comment("x".repeat(5000));
      expect(res.status).toBe(503);
      expect(res.headers.get("Retry-After")).toBe("60");
      expect(res.body.error.message).toMatch(/storage is full/);
      const ready = await readyStatus();
      expect(ready.status).toBe(503);
      expect(ready.body.checks.writes!.ok).toBe(false);
    } finally {
      await db.$executeRawUnsafe("PRAGMA max_page_count = 1073741823");
      await db.$executeRawUnsafe(`DELETE FROM "LoginAttempt" WHERE "id" LIKE 'filler-%'`);
    }
    expect((await comment("x".repeat(5000))).status).toBe(201);
    expect((await readyStatus()).status).toBe(200);
  });
});

describe("a read-only database (query_only)", () => {
  it("API and page writes answer 503 while read-only, reads go on, and writes succeed once it clears", async () => {
    const session = await login("officer.itb@demo.gov.hk");
    const pageAction = withDbFaultResponses(initiativeAction);
    const pageComment = () =>
      run(() =>
        pageAction(
          args(post(`/initiatives/${ref}`, { intent: "comment", body: "From the page" }, session), { ref }) as never,
        ),
      );
    await db.$executeRawUnsafe("PRAGMA query_only = ON");
    try {
      const res = await comment();
      expect(res.status).toBe(503);
      expect(res.body.error.message).toMatch(/read-only/);
      const page = await pageComment();
      expect(page.status).toBe(503);
      expect(await page.text()).toBe("read-only");
      expect(page.headers.get("Retry-After")).toBe("60");
      expect((await call("GET", `/api/v1/initiatives/${ref}`, { token })).status).toBe(200);
      expect((await readyStatus()).status).toBe(503);
    } finally {
      await db.$executeRawUnsafe("PRAGMA query_only = OFF");
    }
    expect((await comment()).status).toBe(201);
    expect((await pageComment()).status).toBe(302);
    expect((await readyStatus()).status).toBe(200);
  });
});

describe("the classifier", () => {
  it("names SQLite's faults and leaves every other error alone", () => {
    const sqlite = (code: string, message = "") => Object.assign(new Error(message), { code });
    expect(classifyDbError(sqlite("SQLITE_BUSY_SNAPSHOT"))).toBe("busy");
    expect(classifyDbError(sqlite("SQLITE_FULL"))).toBe("full");
    expect(classifyDbError(sqlite("SQLITE_READONLY_DBMOVED"))).toBe("read-only");
    expect(classifyDbError(sqlite("SQLITE_IOERR_WRITE"))).toBe("unavailable");
    expect(classifyDbError({ meta: { driverAdapterError: { cause: { originalCode: "SQLITE_FULL" } } } })).toBe("full");
    expect(classifyDbError(new Error("attempt to write a readonly database"))).toBe("read-only");
    expect(classifyDbError(sqlite("SQLITE_CONSTRAINT_UNIQUE"))).toBeUndefined();
    expect(classifyDbError(new Error("something else"))).toBeUndefined();
    expect(dbFaultHttpError(sqlite("SQLITE_BUSY"))?.status).toBe(503);
  });
});
