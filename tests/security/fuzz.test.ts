// Generated bad input against the proposal form action and the JSON API: wrong types, huge strings,
// odd Unicode, prototype-pollution keys, duplicated parameters. Whatever arrives, the answer is a 4xx
// (never a 5xx), no row is written, and Object.prototype stays clean. Deterministic: a seeded generator.
import { beforeAll, describe, expect, it } from "vitest";
import { EVENT_TYPES } from "~/lifecycle/events.ts";
import { action as newAction } from "~/routes/initiatives.new.tsx";
import { action as editAction } from "~/routes/initiatives.$ref.edit.tsx";
import { db } from "~/utils/db.server.ts";
import { seed } from "../../prisma/seed/index.ts";
import { call, demoTokens, type Tokens } from "../api/client.ts";
import { demoCallers, initiativeIn } from "../factories/initiatives.ts";
import { args, login, post, run, type Session } from "../helpers/http.ts";

const CASES = 150;

function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
type Rng = ReturnType<typeof rng>;
const pick = <T>(r: Rng, list: readonly T[]): T => list[Math.floor(r() * list.length)]!;

const ODD_STRINGS = [
  "A".repeat(100_000),
  "標".repeat(20_000),
  "\u202Eevil\u202C",
  "nul\u0000byte",
  "\uD800lone surrogate",
  "zero\u200Bwidth\uFEFF",
  "e\u0301\u0301\u0301\u0301",
  "𠜎𠜱𠝹😀🇭🇰",
  '\'; DROP TABLE "Initiative"; --',
  "<script>alert(1)</script>",
  "${7*7}{{7*7}}",
  "../../etc/passwd",
  "1e999",
  "-0",
  "NaN",
  "0x10",
  "1,2,3",
  "12.50",
  "2026-02-30",
  "9999-99-99",
  "",
  " ",
];
const POLLUTION_KEYS = [
  "__proto__",
  "constructor",
  "prototype",
  "__proto__.polluted",
  "constructor.prototype.polluted",
  "milestones.__proto__.name",
  "milestones.0.__proto__",
];
const PROPOSAL_KEYS = [
  "titleEn",
  "titleZh",
  "category",
  "leadDivision",
  "summary",
  "handlesPersonalData",
  "sharesDataAcrossBureaux",
  "needsNewInfrastructure",
  "citizenFacing",
  "nonRecurrentCost",
  "recurrentCost",
  "expectedAnnualSavings",
  "expectedStaffHoursSaved",
  "plannedStart",
  "plannedEnd",
  "milestones.0.name",
  "milestones.0.due",
  "milestones.0.id",
  "milestones.99.name",
  "milestones.-1.due",
  "version",
  "intent",
];
// Values that no money field accepts: every generated proposal carries one, so none is valid.
const INVALID_MONEY = ["lots", "-1", "12.5", "1e999", "NaN", "3000000000", "１２３", "1,2,3"];

function jsonValue(r: Rng, depth = 0): unknown {
  switch (Math.floor(r() * 9)) {
    case 0:
      return pick(r, ODD_STRINGS);
    case 1:
      return Math.floor(r() * 2 ** 53) * (r() < 0.5 ? -1 : 1);
    case 2:
      return r() < 0.5 ? 1.5 : -0.0001;
    case 3:
      return r() < 0.5;
    case 4:
      return null;
    case 5:
      return depth > 3 ? [] : Array.from({ length: Math.floor(r() * 4) }, () => jsonValue(r, depth + 1));
    case 6:
      return depth > 3
        ? {}
        : JSON.parse(
            `{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}, "k": ${JSON.stringify(jsonValue(r, depth + 1) ?? null)}}`,
          );
    case 7:
      return { nested: { deeper: pick(r, ODD_STRINGS) } };
    default:
      return pick(r, ODD_STRINGS).slice(0, 50);
  }
}

async function counts() {
  const [initiatives, milestones, audit, comments, signoffs, funding] = await Promise.all([
    db.initiative.count(),
    db.milestone.count(),
    db.auditEvent.count(),
    db.comment.count(),
    db.signoff.count(),
    db.fundingDecision.count(),
  ]);
  return { initiatives, milestones, audit, comments, signoffs, funding };
}

function expectClean() {
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.keys(Object.prototype)).toEqual([]);
}

let officer: Session;
let tokens: Tokens;
let draftRef: string;
let closedRef: string;
let reviewRef: string;
const statuses = new Map<number, number>();
const tally = (status: number) => statuses.set(status, (statuses.get(status) ?? 0) + 1);

beforeAll(async () => {
  await seed({ demoData: true, portfolio: false });
  const c = await demoCallers();
  officer = await login("officer.itb@demo.gov.hk");
  tokens = await demoTokens();
  draftRef = await initiativeIn("draft", c);
  closedRef = await initiativeIn("closed", c);
  reviewRef = await initiativeIn("efficiencyReview", c);
});

describe("fuzzing", () => {
  it(`the proposal form action with ${CASES} generated bad posts`, async () => {
    const r = rng(20261127);
    const before = await counts();
    for (let i = 0; i < CASES; i++) {
      const fields: [string, string][] = [];
      const n = 1 + Math.floor(r() * 8);
      for (let k = 0; k < n; k++) {
        const key = r() < 0.2 ? pick(r, POLLUTION_KEYS) : pick(r, PROPOSAL_KEYS);
        fields.push([key, pick(r, ODD_STRINGS)]);
        if (r() < 0.3) fields.push([key, pick(r, ODD_STRINGS)]); // the same parameter twice
      }
      fields.push([
        "intent",
        pick(r, ["save", "submit", "save", "addMilestone", "moveUp:99999", "removeMilestone:-1", "DROP", ""]),
      ]);
      fields.push(["nonRecurrentCost", pick(r, INVALID_MONEY)]);
      fields.push(["titleEn", "Fuzz"]);
      const request = post("/initiatives/new", {}, officer);
      const body = new URLSearchParams(await request.text());
      for (const [k, v] of fields) body.append(k, v);
      const onEdit = r() < 0.5;
      const target = onEdit ? `/initiatives/${draftRef}/edit` : "/initiatives/new";
      const req = new Request(`http://localhost:3000${target}`, { method: "POST", body, headers: request.headers });
      const res = await run(() =>
        onEdit ? editAction(args(req, { ref: draftRef }) as never) : newAction(args(req) as never),
      );
      tally(res.status);
      expect(res.status, JSON.stringify(fields).slice(0, 300)).toBeGreaterThanOrEqual(200);
      expect(res.status).toBeLessThan(500);
      expect(res.status).not.toBe(302); // nothing was saved, so nothing redirects to the saved draft
    }
    expect(await counts()).toEqual(before);
    expectClean();
  });

  it(`the JSON API with ${CASES} generated bad requests`, async () => {
    const r = rng(852);
    const before = await counts();
    for (let i = 0; i < CASES; i++) {
      const kind = Math.floor(r() * 5);
      let res;
      if (kind === 0) {
        // Create: a body of random keys and values, always with one money field no schema accepts.
        const body: Record<string, unknown> = JSON.parse(`{"__proto__": {"polluted": true}}`);
        for (let k = 0; k < 1 + Math.floor(r() * 6); k++)
          body[pick(r, [...PROPOSAL_KEYS, ...POLLUTION_KEYS])] = jsonValue(r);
        body.recurrentCost = pick(r, INVALID_MONEY);
        res = await call("POST", "/api/v1/initiatives", { token: tokens.itb, json: body });
      } else if (kind === 1) {
        const body: Record<string, unknown> = { expectedStaffHoursSaved: pick(r, [-1, 1.5, "many", [], {}]) };
        for (let k = 0; k < Math.floor(r() * 6); k++) body[pick(r, PROPOSAL_KEYS)] = jsonValue(r);
        res = await call("PATCH", `/api/v1/initiatives/${draftRef}`, { token: tokens.itb, json: body });
      } else if (kind === 2) {
        // Events on a closed initiative: nothing is possible there, whatever the payload.
        const body: Record<string, unknown> = { type: pick(r, [...EVENT_TYPES, "HACK", "", "__proto__"]) };
        for (let k = 0; k < Math.floor(r() * 5); k++)
          body[
            pick(r, [
              "reason",
              "reasonCode",
              "amount",
              "conditions",
              "milestoneId",
              "conditionId",
              "note",
              "expectedVersion",
              "actor",
              "__proto__",
            ])
          ] = jsonValue(r);
        res = await call("POST", `/api/v1/initiatives/${closedRef}/events`, {
          token: pick(r, [tokens.itb, tokens.dg, tokens.leader]),
          json: body,
        });
      } else if (kind === 3) {
        // Bodies that are not an object of fields at all.
        const raw = pick(r, [
          "",
          "null",
          "[]",
          "42",
          '"text"',
          "{",
          '{"a":',
          "\u0000",
          '{"type":"APPROVE"'.repeat(1000),
          JSON.stringify(jsonValue(r)),
        ]);
        res = await call("POST", `/api/v1/initiatives/${reviewRef}/events`, {
          token: tokens.dg,
          raw,
          headers: { "Content-Type": pick(r, ["application/json", "text/plain", "application/x-www-form-urlencoded"]) },
        });
      } else {
        const q = new URLSearchParams();
        for (let k = 0; k < 1 + Math.floor(r() * 4); k++)
          q.append(
            pick(r, [
              "stage",
              "bureau",
              "division",
              "category",
              "fy",
              "q",
              "page",
              "pageSize",
              "sort",
              "dir",
              "__proto__",
            ]),
            pick(r, ODD_STRINGS).slice(0, 300),
          );
        q.append("pageSize", pick(r, ["0", "-5", "501", "1e9", "abc"]));
        res = await call("GET", `/api/v1/initiatives?${q}`, { token: tokens.leader });
      }
      tally(res.status);
      expect(res.status, `kind ${kind}`).toBeGreaterThanOrEqual(400);
      expect(res.status, `kind ${kind}: ${JSON.stringify(res.body).slice(0, 200)}`).toBeLessThan(500);
      expect(res.body?.error?.code).toEqual(expect.any(String));
    }
    expect(await counts()).toEqual(before);
    expectClean();
    console.log(
      `fuzz: ${CASES} form posts and ${CASES} API requests; answers by status: ${JSON.stringify(Object.fromEntries([...statuses].sort()))}; no 5xx, no row written`,
    );
  });
});
