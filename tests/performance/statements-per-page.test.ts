// How many SQL statements a signed-in page costs (the root loader and the page's loader, run together as
// Remix runs them), counted from Prisma's statement events. Each statement has a fixed cost (Prisma's query
// compiler, a round trip on PostgreSQL), so these bounds keep pages from drifting back to redundant reads.
import { beforeAll, describe, expect, it } from "vitest";
import { statementLog } from "~/utils/db.server.ts";
import { loader as rootLoader } from "~/root.tsx";
import { loader as registerLoader } from "~/routes/initiatives._index.tsx";
import { loader as initiativeLoader } from "~/routes/initiatives.$ref._index/route.tsx";
import { loader as reviewsLoader } from "~/routes/reviews.tsx";
import { loader as dashboardLoader } from "~/routes/dashboard/route.tsx";
import { seed } from "../../prisma/seed/index.ts";
import { createDraft } from "~/initiatives/drafts.server.ts";
import { demoCallers, type Callers } from "../factories/initiatives.ts";
import { args, get, login, run, type Session } from "../helpers/http.ts";

// Before any query: only a client opened by statementLog() reports its statements.
const log = statementLog();

type Loader = (a: never) => Promise<unknown>;

let views = 0;

/**
 * The statements of one page view: its loader beside the root loader. Remix gives each loader a Request of
 * its own; both carry the request's id, as the server sets it.
 */
async function statementsOf(loader: Loader, path: string, session: Session, params: Record<string, string> = {}) {
  log.length = 0;
  const id = { "X-Request-Id": `page-view-${++views}` };
  const [root, page] = await Promise.all([
    run(() => rootLoader(args(get(path, session, id)) as never)),
    run(() => loader({ ...(args(get(path, session, id)) as object), params } as never)),
  ]);
  expect(root.status).toBe(200);
  expect(page.status).toBe(200);
  return [...log];
}

/** The register's total as the page's loader answers it to `session`. */
async function totalOf(session: Session): Promise<number> {
  const res = await run(() =>
    registerLoader({ ...(args(get("/initiatives", session)) as object), params: {} } as never),
  );
  return ((await res.json()) as { page: { total: number } }).page.total;
}

let callers: Callers;
let leader: Session;
let reviewer: Session;
let officer: Session;

beforeAll(async () => {
  await seed({ demoData: true });
  leader = await login("leader@demo.gov.hk");
  reviewer = await login("reviewer.dg@demo.gov.hk");
  officer = await login("officer.itb@demo.gov.hk");
  callers = await demoCallers();
  // The first statements of a client are its own (opening, settings): not a page's.
  await statementsOf(registerLoader as Loader, "/initiatives", leader);
  // The whole demo portfolio is seeded: minutes on a busy machine (a limit for hangs, not for speed).
}, 600_000);

describe("statements per page", () => {
  it("checks the session once per page view, in one statement that counts the header's unread notifications", async () => {
    const sql = await statementsOf(registerLoader as Loader, "/initiatives", officer);
    expect(sql.filter((s) => /FROM\s+"Session"|`Session`/.test(s))).toHaveLength(1);
    expect(sql.filter((s) => /Notification/.test(s))).toEqual([expect.stringMatching(/FROM\s+"Session"/)]);
  });

  it("shares the session check only between the loaders of one request", async () => {
    // Two requests at once from one browser (two ids): each reads the session, and so the unread count, for
    // itself. Another request's check may have begun before this request's write (a notification marked
    // read) and would show the count as it was then.
    log.length = 0;
    await Promise.all(
      ["first-request", "second-request"].map((id) =>
        run(() => rootLoader(args(get("/", officer, { "X-Request-Id": id })) as never)),
      ),
    );
    expect(log.filter((s) => /FROM\s+"Session"/.test(s))).toHaveLength(2);
    // Without an id (a script, a test calling a loader) nothing is shared either.
    log.length = 0;
    await Promise.all([1, 2].map(() => run(() => rootLoader(args(get("/", officer)) as never))));
    expect(log.filter((s) => /FROM\s+"Session"/.test(s))).toHaveLength(2);
  });

  it("counts the review tabs in one statement", async () => {
    const sql = await statementsOf(reviewsLoader as Loader, "/reviews", reviewer);
    expect(sql.filter((s) => /COUNT/.test(s) && /pendingSignoffs/.test(s))).toHaveLength(1);
    expect(sql.filter((s) => /_count\$_all/.test(s))).toEqual([]);
  });

  it("reads the register's milestones and conditions for delivery health in one statement", async () => {
    const sql = await statementsOf(registerLoader as Loader, "/initiatives?stage=delivery", leader);
    expect(sql.filter((s) => /"Milestone"|`Milestone`/.test(s))).toHaveLength(1);
    expect(sql.filter((s) => /"Condition"|`Condition`/.test(s))).toHaveLength(1);
    expect(sql.filter((s) => /"Milestone"/.test(s) && /"Condition"/.test(s))).toHaveLength(1);
  });

  it("the register counts and lists its years by one scan each, kept until the next write", async () => {
    // Any write that appends to the audit log lets the kept totals go: here a draft of the officer's B/D.
    const before = await totalOf(officer);
    await createDraft(callers.itb, { titleEn: "A draft that changes the register's totals" });
    const computed = await statementsOf(registerLoader as Loader, "/initiatives", officer);
    expect(computed.filter((s) => /GROUP BY/.test(s) && s.includes("financialYear"))).toHaveLength(1);
    expect(computed.filter((s) => /COUNT\([`"]round[`"]\)/.test(s))).toHaveLength(1);
    expect(await totalOf(officer)).toBe(before + 1);

    // The next view finds them kept: the stamp (the audit log's last entry) is read instead.
    const kept = await statementsOf(registerLoader as Loader, "/initiatives", officer);
    expect(kept.filter((s) => /GROUP BY|COUNT\([`"]round[`"]\)/.test(s))).toEqual([]);
    expect(kept.filter((s) => /FROM "AuditEvent"/.test(s))).toHaveLength(1);
    expect(kept.length).toBeLessThanOrEqual(4);
  });

  it("the initiative page reads its lists in one statement, and its columns, settings and people once each", async () => {
    const sql = await statementsOf(initiativeLoader as Loader, "/initiatives/DPO-2025-0007", reviewer, {
      ref: "DPO-2025-0007",
    });
    // Prisma's statements name a table with its schema, quoted for SQLite or PostgreSQL.
    const reading = (table: string) =>
      sql.filter((s) => new RegExp(`FROM\\s+[\`"]\\w+[\`"]\\.[\`"]${table}[\`"]`).test(s));
    // Every list (and the bureau, the funding rounds, the reasons) comes from one statement of its own.
    const lists = [
      "Milestone",
      "Condition",
      "FundingDecision",
      "Signoff",
      "BenefitReport",
      "Bureau",
      "Baseline",
      "ChangeRequest",
      "FundingBid",
      "FundingRound",
      "StageStay",
      "StatusReport",
      "Comment",
      "AuditEvent",
      "SubmissionRound",
      "Attachment",
    ];
    for (const table of lists) expect(reading(table), table).toEqual([]);
    expect(sql.filter((s) => lists.every((table) => s.includes(`FROM "${table}"`)))).toHaveLength(1);
    expect(reading("Setting")).toHaveLength(1);
    expect(reading("Initiative")).toHaveLength(1);
    // Everyone the page names (reviewers, authors, actors, reporters, uploaders) in one statement.
    expect(reading("User")).toHaveLength(1);
    expect(sql.length).toBeLessThanOrEqual(6);
  });

  it("keeps each page within its statement budget", async () => {
    const counts = {
      // The first view after a write counts and lists its years; the next finds them kept.
      register: (await statementsOf(registerLoader as Loader, "/initiatives", leader)).length,
      registerKept: (await statementsOf(registerLoader as Loader, "/initiatives", leader)).length,
      initiative: (
        await statementsOf(initiativeLoader as Loader, "/initiatives/DPO-2025-0007", leader, { ref: "DPO-2025-0007" })
      ).length,
      reviews: (await statementsOf(reviewsLoader as Loader, "/reviews", reviewer)).length,
      // The first load computes the dashboard's figures; the next finds them kept (nothing was written since).
      dashboard: (await statementsOf(dashboardLoader as Loader, "/dashboard", leader)).length,
      dashboardKept: (await statementsOf(dashboardLoader as Loader, "/dashboard", leader)).length,
    };
    console.info(`statements per page: ${JSON.stringify(counts)}`);
    expect(counts.register).toBeLessThanOrEqual(7);
    expect(counts.registerKept).toBeLessThanOrEqual(4);
    expect(counts.initiative).toBeLessThanOrEqual(6);
    expect(counts.reviews).toBeLessThanOrEqual(6);
    expect(counts.dashboard).toBeLessThanOrEqual(32);
    expect(counts.dashboardKept).toBeLessThanOrEqual(2);
  });

  it("answers the dashboard's figures from one statement while nothing they depend on has changed", async () => {
    await statementsOf(dashboardLoader as Loader, "/dashboard?category=E_SERVICE", leader);
    const kept = await statementsOf(dashboardLoader as Loader, "/dashboard?category=E_SERVICE", leader);
    // The figures' own reads (sign-offs, stays, funding decisions, reports) are not run again.
    expect(kept.filter((s) => /"Signoff"|"StageStay"|"FundingDecision"|StatusReport/.test(s))).toEqual([]);
    expect(kept.filter((s) => /"AuditEvent"/.test(s))).toHaveLength(1);
  });
});
