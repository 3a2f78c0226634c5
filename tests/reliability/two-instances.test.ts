// Two app processes (`node server.mjs`) on one database — a SQLite file under `npm test`, PostgreSQL
// under `npm run test:postgres`: decisions on the same initiatives raced through both give exactly one 200
// and 409s for the rest, never a 500 (SQLite's SQLITE_BUSY_SNAPSHOT, when the adapter began with a plain
// BEGIN), and each decision is written once.
import { afterAll, beforeAll, expect, it } from "vitest";
import { verifyAuditChain } from "~/audit/audit.server.ts";
import { db } from "~/utils/db.server.ts";
import { DEMO_PASSWORD } from "../../prisma/seed/index.ts";
import { api, apiToken } from "../../scripts/reliability/http.ts";
import { completeProposal } from "../factories/initiatives.ts";
import { buildApp, startInstance, stopInstance, type Instance } from "../helpers/instances.ts";
import { demoAccounts } from "./fixtures.ts";

const INITIATIVES = 6;
const RACERS = 8;
let a: Instance;
let b: Instance;

beforeAll(async () => {
  await demoAccounts();
  await buildApp();
  [a, b] = await Promise.all([startInstance(), startInstance()]);
});

afterAll(async () => {
  await Promise.all([a && stopInstance(a), b && stopInstance(b)]);
});

it(`${RACERS} racing decisions on each of ${INITIATIVES} initiatives, through two processes: one 200 each, the rest 409`, async () => {
  const officer = await apiToken(a.url, "officer.itb@demo.gov.hk", DEMO_PASSWORD);
  const reviewer = await apiToken(b.url, "reviewer.dg@demo.gov.hk", DEMO_PASSWORD);
  const submitted: { ref: string; version: number }[] = [];
  for (let i = 0; i < INITIATIVES; i++) {
    const created = await api(a.url, "POST", "/api/v1/initiatives", { token: officer, json: completeProposal() });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const ref = created.body.ref as string;
    const sent = await api(b.url, "POST", `/api/v1/initiatives/${ref}/events`, {
      token: officer,
      json: { type: "SUBMIT", expectedVersion: created.body.version },
    });
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    submitted.push({ ref, version: sent.body.version });
  }

  // Every decision on every initiative at once, alternating between the two processes.
  const answers = await Promise.all(
    submitted.flatMap(({ ref, version }) =>
      Array.from({ length: RACERS }, (_, i) =>
        api(i % 2 ? a.url : b.url, "POST", `/api/v1/initiatives/${ref}/events`, {
          token: reviewer,
          json: { type: "APPROVE", expectedVersion: version },
        }).then((answer) => ({ ref, ...answer })),
      ),
    ),
  );
  for (const { ref, version } of submitted) {
    const mine = answers.filter((x) => x.ref === ref);
    const statuses = mine.map((x) => x.status).sort();
    expect(statuses, `${ref}: ${JSON.stringify(mine.filter((x) => x.status >= 500).map((x) => x.body))}`).toEqual([
      200,
      ...Array(RACERS - 1).fill(409),
    ]);
    const row = await db.initiative.findUniqueOrThrow({ where: { ref }, select: { id: true, version: true } });
    expect(row.version).toBe(version + 1);
    expect(await db.auditEvent.count({ where: { initiativeId: row.id, event: "APPROVE" } })).toBe(1);
    expect(await db.signoff.count({ where: { initiativeId: row.id } })).toBe(1);
  }
  expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
});
