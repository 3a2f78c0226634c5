/**
 * What a bad-input run needs around the requests themselves: a signed-in officer on the running server
 * (cookie, CSRF token, API token, a draft to aim at), a dump of every table to compare before and after,
 * the server's memory, and the sign-in race.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import Database from "better-sqlite3";
import type { Credentials } from "./cases.ts";

export const OFFICER = "officer.itb@demo.gov.hk";
export const PASSWORD = "hk-digital-2026";

/**
 * Tables whose rows bad input may add by design: a failed sign-in is recorded (that is the throttle),
 * and the readiness probe writes its own row. Every other table must be unchanged.
 */
export const WRITTEN_BY_DESIGN = new Set(["LoginAttempt", "ReadinessProbe"]);

/** Columns that any signed-in request moves forward (the idle timeout, a token's last use). */
export const TOUCHED_BY_USE: Record<string, string[]> = {
  Session: ["lastActiveAt", "updatedAt"],
  ApiToken: ["lastUsedAt", "updatedAt"],
};

async function expectStatus(response: Response, status: number, what: string): Promise<Response> {
  if (response.status !== status) {
    throw new Error(`${what}: expected ${status}, got ${response.status}: ${(await response.text()).slice(0, 300)}`);
  }
  return response;
}

/** Signs the officer in through the real pages and API, and creates one draft to aim events at. */
export async function signInOfficer(base: URL): Promise<Credentials> {
  const origin = base.origin;
  const tokenRes = await expectStatus(
    await fetch(new URL("/api/v1/tokens", base), {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ email: OFFICER, password: PASSWORD }),
    }),
    201,
    "token",
  );
  const { token } = (await tokenRes.json()) as { token: string };
  const login = await fetch(new URL("/login", base), {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: origin },
    body: new URLSearchParams({ email: OFFICER, password: PASSWORD }),
  });
  const cookie = (login.headers.get("Set-Cookie") ?? "").split(";")[0]!;
  if (login.status !== 302 || !cookie) throw new Error(`sign-in: got ${login.status}`);
  const root = await expectStatus(
    await fetch(new URL("/?_data=root", base), { headers: { Cookie: cookie } }),
    200,
    "root data",
  );
  const { csrf } = (await root.json()) as { csrf: string };
  const created = await expectStatus(
    await fetch(new URL("/api/v1/initiatives", base), {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
      body: JSON.stringify({ titleEn: "Target of the bad-input run" }),
    }),
    201,
    "draft",
  );
  const { ref } = (await created.json()) as { ref: string };
  return { cookie, csrf, token, ref, origin, host: base.host };
}

export type TableDump = Map<string, { rows: number; sha256: string }>;

/** Every table's row count and a hash of all its rows, read from the SQLite file (read-only). */
export function dumpTables(file: string): TableDump {
  const database = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const tables = database
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
      .all() as { name: string }[];
    const dump: TableDump = new Map();
    for (const { name } of tables) {
      const hash = createHash("sha256");
      let rows = 0;
      const touched = TOUCHED_BY_USE[name] ?? [];
      for (const row of database.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).iterate()) {
        for (const column of touched) delete (row as Record<string, unknown>)[column];
        hash.update(JSON.stringify(row, (_key, value: unknown) => (typeof value === "bigint" ? String(value) : value)));
        rows++;
      }
      dump.set(name, { rows, sha256: hash.digest("hex") });
    }
    return dump;
  } finally {
    database.close();
  }
}

/** The tables that differ between two dumps (ignoring those written by design, and use stamps). */
export function changedTables(before: TableDump, after: TableDump): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names].filter((name) => {
    if (WRITTEN_BY_DESIGN.has(name)) return false;
    const a = before.get(name);
    const b = after.get(name);
    return a?.rows !== b?.rows || a?.sha256 !== b?.sha256;
  });
}

/** A process's resident memory now and at its peak, in MB (Linux /proc). */
export function memoryOf(pid: number): { rssMb: number; peakMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+)`, "m").exec(status)?.[1] ?? 0);
  return { rssMb: Math.round(kb("VmRSS") / 1024), peakMb: Math.round(kb("VmHWM") / 1024) };
}

/**
 * `n` concurrent wrong passwords for one account through the token endpoint. Returns how many were
 * checked (401) and refused by the throttle (429), and anything else.
 */
export async function wrongPasswordRace(base: URL, email: string, n = 40) {
  const statuses = await Promise.all(
    Array.from({ length: n }, async (_, i) => {
      const res = await fetch(new URL("/api/v1/tokens", base), {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ email, password: `wrong-guess-${i}` }),
      });
      await res.arrayBuffer();
      return res.status;
    }),
  );
  return {
    checked: statuses.filter((s) => s === 401).length,
    throttled: statuses.filter((s) => s === 429).length,
    other: statuses.filter((s) => s !== 401 && s !== 429),
  };
}
