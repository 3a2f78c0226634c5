// A transaction whose COMMIT PostgreSQL refuses (a serializable transaction that lost a race is refused
// there) must give its connection back to the pool. Prisma's pg adapter as it is does not: a few refused
// commits empty the pool and every later query waits forever. The refusal is staged with a deferred
// constraint trigger, which the server runs at COMMIT.
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { beforeAll, describe, expect, it } from "vitest";
import { PrismaClient as PostgresPrismaClient } from "~/generated/prisma-postgresql/client.ts";
import { createDb, type Db } from "~/utils/db.server.ts";
import { classifyDbError } from "~/utils/db/db-errors.server.ts";

const REFUSED = "refused-at-commit@example.org";

beforeAll(async () => {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    await client.query(`CREATE FUNCTION refuse_at_commit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'refused at commit' USING ERRCODE = '40001'; END $$`);
    await client.query(`CREATE CONSTRAINT TRIGGER refuse_at_commit AFTER INSERT ON "LoginAttempt"
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW.email = '${REFUSED}') EXECUTE FUNCTION refuse_at_commit()`);
  } finally {
    await client.end();
  }
});

type Client = Pick<Db, "$transaction" | "loginAttempt">;

const refusedCommit = (client: Client) =>
  client
    .$transaction((tx) => tx.loginAttempt.create({ data: { email: REFUSED, ip: "192.0.2.1" } }))
    .then(
      () => null,
      (error: unknown) => error,
    );

/** Whether a query gets a connection at all: a hang detector, not a speed check (the wait is generous). */
const answers = (client: Client) =>
  Promise.race([
    client.loginAttempt.count().then(() => "answered"),
    new Promise((resolve) => setTimeout(() => resolve("no connection"), 3_000)),
  ]);

describe("a transaction whose COMMIT is refused", () => {
  it("upstream adapter (reproduction): the connection is never given back, so the next query waits forever", async () => {
    // The app's client type, as in app/utils/db.server.ts: the two generated clients answer the same calls.
    const upstream = new PostgresPrismaClient({
      adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL, max: 1 }),
    }) as unknown as Db;
    expect(await refusedCommit(upstream)).not.toBeNull();
    expect(await answers(upstream)).toBe("no connection");
    // Not disconnected: closing the pool would wait for the leaked connection. The file's database is
    // dropped WITH (FORCE) afterwards, which ends it.
  });

  it("the app's adapter gives it back: more refused commits than the pool has connections, then queries still answer", async () => {
    const client = createDb(process.env.DATABASE_URL!);
    try {
      for (let i = 0; i < 12; i++) {
        const error = await refusedCommit(client);
        expect(error).not.toBeNull();
        expect(classifyDbError(error)).toBe("busy");
      }
      expect(await answers(client)).toBe("answered");
      expect(await client.loginAttempt.count({ where: { email: REFUSED } })).toBe(0);
    } finally {
      await client.$disconnect();
    }
  });
});
