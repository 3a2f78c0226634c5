// Statements per transition through the API (Prisma's query events): what one transition costs grows with
// every statement, so the count is pinned here; a change that adds statements to the write path must
// say why by raising these numbers.
import { beforeAll, describe, expect, it } from "vitest";
import { PrismaClient } from "~/generated/prisma/client.ts";
import { issueToken } from "~/api/tokens.server.ts";
import { sqliteFilePath } from "~/utils/database-url.ts";
import { SafeSqliteAdapterFactory } from "~/utils/db/sqlite-adapter.server.ts";
import * as drafts from "~/routes/api.v1.initiatives._index.ts";
import * as events from "~/routes/api.v1.initiatives.$ref.events.ts";
import { seed } from "../../prisma/seed/index.ts";
import { completeProposal } from "../factories/initiatives.ts";

// The app's client for this file's database, opened with query events on before anything else opens it.
const url = process.env.DATABASE_URL!;
const client = new PrismaClient({
  adapter: new SafeSqliteAdapterFactory(sqliteFilePath(url), { busyTimeoutMs: 5000 }),
  log: [{ emit: "event", level: "query" }],
});
((globalThis as { __dbClients?: Map<string, unknown> }).__dbClients ??= new Map()).set(url, client);
const statements: string[] = [];
client.$on("query", (e) => statements.push(e.query));

let officer: string;
let reviewer: string;
beforeAll(async () => {
  await seed({ demoData: true, portfolio: false });
  // A second reviewer of Digital Government: a submission tells both.
  await client.user.create({
    data: {
      email: "second.dg@demo.gov.hk",
      name: "Second reviewer",
      role: "REVIEWER",
      divisionCode: "DIGITAL_GOVERNMENT",
      passwordHash: "unused",
    },
  });
  const users = await client.user.findMany({ select: { id: true, email: true } });
  const token = async (email: string) => (await issueToken(users.find((u) => u.email === email)!.id)).token;
  officer = await token("officer.itb@demo.gov.hk");
  reviewer = await token("reviewer.dg@demo.gov.hk");
});

async function post(
  module: typeof drafts | typeof events,
  params: Record<string, string>,
  token: string,
  body: unknown,
  headers: Record<string, string> = {},
) {
  const request = new Request("http://localhost/api/v1/x", {
    method: "POST",
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  const res = await module.action({ request, params, context: {} } as never);
  return { status: res.status, headers: res.headers, json: (await res.json()) as Record<string, unknown> };
}

/** The statements of one event sent through the API: all of them, and those up to the commit. */
async function send(ref: string, token: string, body: Record<string, unknown>, headers: Record<string, string> = {}) {
  statements.length = 0;
  const res = await post(events, { ref }, token, body, headers);
  expect(res.status).toBe(200);
  const upTo = statements.map((s) => /COMMIT/.test(s)).lastIndexOf(true) + 1;
  return { all: [...statements], transaction: statements.slice(0, upTo), answer: res.json, headers: res.headers };
}

/** The reviewer returns the initiative for changes, naming the version the last answer gave. */
const returnForChanges = (ref: string, version: unknown) =>
  send(ref, reviewer, {
    type: "REQUEST_CHANGES",
    expectedVersion: version,
    reasonCode: "OTHER",
    reason: "Quantify the savings.",
  });

const inserts = (sql: string[], table: string) =>
  sql.filter((s) => s.startsWith(`INSERT INTO \`main\`.\`${table}\``)).length;

describe("statements per transition (SQLite, through the API)", () => {
  it("a submission and a return for changes run no more statements than they need", async () => {
    // Only Digital Government signs: citizen-facing, no personal data, no new infrastructure.
    const created = await post(drafts, {}, officer, completeProposal({ handlesPersonalData: false }));
    expect(created.status).toBe(201);
    const ref = String(created.json.ref);

    const submit = await send(ref, officer, { type: "SUBMIT", expectedVersion: created.json.version });
    expect(submit.answer).toMatchObject({ stage: "efficiencyReview", initiative: { ref, stage: "efficiencyReview" } });
    // Both reviewers of the division are told, in one statement.
    expect(inserts(submit.transaction, "Notification")).toBe(1);
    expect(await client.notification.count({ where: { ref, event: "SUBMIT" } })).toBe(2);
    expect(submit.all.length).toBeLessThanOrEqual(19);
    // The answer reads the initiative's lists in one statement, and not the settings the transition read.
    const answer = submit.all.slice(submit.transaction.length);
    expect(
      answer.filter((s) =>
        /FROM `main`.`(Milestone|Condition|Signoff|FundingDecision|BenefitReport|Baseline|ChangeRequest|FundingBid|StageStay|StatusReport|AuditEvent)`/.test(
          s,
        ),
      ),
    ).toEqual([]);
    expect(submit.all.filter((s) => s.includes("`Setting`"))).toHaveLength(1);
    // Its columns and every list: two statements (the officer stands in for no one; no one to name yet).
    expect(answer.length).toBeLessThanOrEqual(2);

    const back = await returnForChanges(ref, submit.answer.version);
    expect(back.answer).toMatchObject({ stage: "returned", initiative: { ref, stage: "returned" } });
    // A decision does not read the proposal's milestones.
    expect(back.transaction.some((s) => s.includes("FROM `main`.`Milestone`"))).toBe(false);
    expect(back.all.length).toBeLessThanOrEqual(21);
    expect(back.headers.get("Preference-Applied")).toBeNull();
  });

  it("with Prefer: return=minimal, a transition reads nothing after its commit and answers without the initiative", async () => {
    const created = await post(drafts, {}, officer, completeProposal({ handlesPersonalData: false }));
    const ref = String(created.json.ref);
    const minimal = { Prefer: "respond-async, return=minimal" };
    const submit = await send(ref, officer, { type: "SUBMIT", expectedVersion: created.json.version }, minimal);
    expect(submit.answer).toEqual({
      ref,
      stage: "efficiencyReview",
      state: expect.any(String),
      version: Number(created.json.version) + 1,
      round: 1,
    });
    expect(submit.headers.get("Preference-Applied")).toBe("return=minimal");
    expect(submit.all.length).toBe(submit.transaction.length);
    // The transition itself is the same: the next one, with the full answer, starts from its version.
    const back = await returnForChanges(ref, submit.answer.version);
    expect(back.answer).toMatchObject({ stage: "returned", initiative: { ref, stage: "returned" } });
  });
});
