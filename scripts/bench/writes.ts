// Write throughput: `clients` concurrent API clients, each driving initiatives of its own through the
// lifecycle over HTTP (POST /api/v1/initiatives/:ref/events with the version it last saw, and
// `Prefer: return=minimal`: it needs the new version and stage, not the whole initiative) for `seconds`.
// Each client is an officer of its own B/D with a few drafts; one reviewer of Digital Government (the
// proposals' only required division) sends them back. The loop is the review's: SUBMIT, then REQUEST_CHANGES
// and RESUBMIT in turn, so every transition changes stage (a stay closed and opened, a sign-off or a
// submission round, notifications, one audit entry), as the busiest part of the year does. A client owns
// its initiatives, so a 409 between clients cannot happen: every non-2xx answer counts as an error.
//
// Run on its own against a server started by hand (DATABASE_URL naming the server's database):
//   node --import tsx scripts/bench/writes.ts [baseUrl] [seconds]
// prints the figures at 1, 4 and 16 clients. BENCH_CLIENTS=1,4,16 and BENCH_SECONDS override the defaults.
import { createHash, randomBytes } from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createDb, type Db } from "../../app/utils/db.server.ts";

export type WriteOptions = { baseUrl: string; databaseUrl: string; clients: number; seconds: number };
export type WriteResult = {
  clients: number;
  transitionsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  transitions: number;
};

/** Initiatives per client: enough that no one initiative's history grows long during a run. */
const INITIATIVES_PER_CLIENT = 8;
const LEAD = "DIGITAL_GOVERNMENT";
const REVIEWER_EMAIL = "bench.reviewer@bench.invalid";
// Never a valid argon2 hash: these accounts use API tokens only and cannot sign in with a password.
const NO_PASSWORD = "!bench";

type Client = { officerToken: string; initiatives: Tracked[] };
type Tracked = { ref: string; version: number; stage: string };

/** Creates (or reuses) the bench's users, gives each a fresh 8-hour API token as the app stores it. */
async function prepareUsers(db: Db, clients: number): Promise<{ officers: string[]; reviewer: string }> {
  const bureaux = await db.bureau.findMany({ select: { code: true }, orderBy: { code: "asc" } });
  if (bureaux.length === 0) throw new Error("the database has no B/Ds: run `npm run db:setup` on it first");
  const ensure = async (email: string, data: { role: string; bureauCode?: string; divisionCode?: string }) => {
    const user = await db.user.upsert({
      where: { email },
      // Officers keep their B/D across runs with another number of clients.
      update: { ...data, disabledAt: null },
      create: { email, name: email.split("@")[0]!, passwordHash: NO_PASSWORD, ...data },
      select: { id: true },
    });
    return tokenFor(db, user.id);
  };
  const officers: string[] = [];
  for (let i = 0; i < clients; i++) {
    // One officer per B/D where possible, so that "the officers of the B/D" are told of one client's work only.
    const bureauCode = bureaux[i % bureaux.length]!.code;
    officers.push(await ensure(`bench.officer.${i + 1}@bench.invalid`, { role: "OFFICER", bureauCode }));
  }
  const reviewer = await ensure(REVIEWER_EMAIL, { role: "REVIEWER", divisionCode: LEAD });
  return { officers, reviewer };
}

/** A token as POST /api/v1/tokens issues it: 32 random bytes, the database keeping only their SHA-256. */
async function tokenFor(db: Db, userId: string): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  const now = new Date();
  await db.apiToken.deleteMany({ where: { userId, expiresAt: { lte: now } } });
  await db.apiToken.create({
    data: {
      userId,
      tokenHash: createHash("sha256").update(token).digest("hex"),
      expiresAt: new Date(now.getTime() + 8 * 3600_000),
    },
    select: { id: true },
  });
  return token;
}

/** A complete proposal that only its lead division (Digital Government) must sign, below the business-case threshold. */
export function proposal(n: number) {
  const year = new Date().getUTCFullYear() + 1;
  return {
    titleEn: `Bench initiative ${n}`,
    titleZh: `基準測試項目 ${n}`,
    category: "E_SERVICE",
    leadDivision: LEAD,
    summary: "An online service measured by the write benchmark.",
    handlesPersonalData: false,
    sharesDataAcrossBureaux: false,
    needsNewInfrastructure: false,
    citizenFacing: true,
    nonRecurrentCost: 2_000_000,
    recurrentCost: 300_000,
    expectedAnnualSavings: 500_000,
    expectedStaffHoursSaved: 2_000,
    plannedStart: `${year}-04-01`,
    plannedEnd: `${year + 1}-03-31`,
    milestones: [
      { name: "Tender awarded", due: `${year}-07-31` },
      { name: "System live", due: `${year + 1}-02-28` },
    ],
  };
}

/** One API request of a client, and its answer: over HTTP here; write-floors.ts answers them in process. */
export type Transport = (
  token: string,
  method: "GET" | "POST",
  pathname: string,
  body?: unknown,
) => Promise<{ status: number; json: Record<string, unknown> | null }>;

/** A client's request to the API at `baseUrl`, as the write benchmark sends it. */
export function apiRequest(baseUrl: string, token: string, method: string, pathname: string, body?: unknown): Request {
  return new Request(new URL(pathname, baseUrl), {
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      Accept: "application/json",
      // The loop needs only the new version and stage, not the initiative read again after each transition.
      ...(method === "POST" ? { Prefer: "return=minimal" } : {}),
      ...(body === undefined ? {} : { "Content-Type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** An answer's status and JSON body (null when empty). */
export async function readAnswer(res: Response): Promise<{ status: number; json: Record<string, unknown> | null }> {
  const text = await res.text();
  return { status: res.status, json: (text ? JSON.parse(text) : null) as Record<string, unknown> | null };
}

/** The API over HTTP, at `baseUrl`. */
export function overHttp(baseUrl: string): Transport {
  return async (token, method, pathname, body) =>
    readAnswer(await fetch(apiRequest(baseUrl, token, method, pathname, body)));
}

/** The next event of the review loop for an initiative in `stage`, and who sends it. */
function nextEvent(stage: string, n: number): { type: string; by: "officer" | "reviewer"; payload: object } {
  if (stage === "draft") return { type: "SUBMIT", by: "officer", payload: {} };
  if (stage === "returned") return { type: "RESUBMIT", by: "officer", payload: {} };
  return {
    type: "REQUEST_CHANGES",
    by: "reviewer",
    payload: { reasonCode: "INCOMPLETE_BUSINESS_CASE", reason: `Please quantify the savings (pass ${n}).` },
  };
}

/** Creates each client's drafts through the API, as an officer would. */
async function prepareInitiatives(call: Transport, officers: string[]): Promise<Client[]> {
  return Promise.all(
    officers.map(async (officerToken, c) => {
      const initiatives: Tracked[] = [];
      for (let k = 0; k < INITIATIVES_PER_CLIENT; k++) {
        const res = await call(officerToken, "POST", "/api/v1/initiatives", proposal(c * 100 + k));
        if (res.status !== 201 || !res.json) {
          throw new Error(`creating a draft answered ${res.status}: ${JSON.stringify(res.json)}`);
        }
        initiatives.push({ ref: String(res.json.ref), version: Number(res.json.version), stage: "draft" });
      }
      return { officerToken, initiatives };
    }),
  );
}

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;

/**
 * Prepares users, tokens and initiatives in the server's database, then runs `clients` concurrent clients
 * for `seconds` and reports transitions per second, latency percentiles and errors (every non-2xx).
 */
export async function measureWrites(
  options: WriteOptions,
  call: Transport = overHttp(options.baseUrl),
): Promise<WriteResult> {
  const { databaseUrl, clients, seconds } = options;
  const db = createDb(databaseUrl, 5000);
  let prepared: { officers: string[]; reviewer: string };
  try {
    prepared = await prepareUsers(db, clients);
  } finally {
    await db.$disconnect();
  }
  const { reviewer } = prepared;
  const all = await prepareInitiatives(call, prepared.officers);

  const latencies: number[] = [];
  let errors = 0;
  let pass = 0;
  const start = performance.now();
  const deadline = start + seconds * 1000;
  const drive = async (client: Client) => {
    for (let k = 0; performance.now() < deadline; k = (k + 1) % client.initiatives.length) {
      const it = client.initiatives[k]!;
      const ev = nextEvent(it.stage, ++pass);
      const token = ev.by === "officer" ? client.officerToken : reviewer;
      const t0 = performance.now();
      const res = await call(token, "POST", `/api/v1/initiatives/${it.ref}/events`, {
        type: ev.type,
        expectedVersion: it.version,
        ...ev.payload,
      });
      const ms = performance.now() - t0;
      if (res.status >= 200 && res.status < 300 && res.json) {
        latencies.push(ms);
        it.version = Number(res.json.version);
        it.stage = String(res.json.stage);
        continue;
      }
      errors++;
      // Learn where the initiative stands now and carry on from there.
      const now = await call(client.officerToken, "GET", `/api/v1/initiatives/${it.ref}`);
      if (now.json && now.status === 200) {
        it.version = Number(now.json.version);
        it.stage = String(now.json.stage);
      }
    }
  };
  await Promise.all(all.map(drive));
  const elapsed = (performance.now() - start) / 1000;
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    clients,
    transitionsPerSecond: Math.round((latencies.length / elapsed) * 10) / 10,
    p50Ms: Math.round(percentile(sorted, 0.5) * 10) / 10,
    p99Ms: Math.round(percentile(sorted, 0.99) * 10) / 10,
    errors,
    transitions: latencies.length,
  };
}

async function main() {
  const baseUrl = process.argv[2] ?? process.env.BENCH_BASE_URL ?? "http://127.0.0.1:3000";
  const seconds = Number(process.argv[3] ?? process.env.BENCH_SECONDS ?? 10);
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error("DATABASE_URL must name the database of the server at " + baseUrl);
  const counts = (process.env.BENCH_CLIENTS ?? "1,4,16").split(",").map(Number);
  console.log(`writes against ${baseUrl}, ${seconds} s per row`);
  console.log("clients  transitions/s   p50 ms   p99 ms  errors  transitions");
  for (const clients of counts) {
    const r = await measureWrites({ baseUrl, databaseUrl, clients, seconds });
    console.log(
      `${String(r.clients).padStart(7)}  ${r.transitionsPerSecond.toFixed(1).padStart(13)}  ${r.p50Ms.toFixed(1).padStart(7)}  ${r.p99Ms.toFixed(1).padStart(7)}  ${String(r.errors).padStart(6)}  ${String(r.transitions).padStart(11)}`,
    );
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
