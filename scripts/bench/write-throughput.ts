// Write throughput: lifecycle transitions through POST /api/v1/initiatives/:ref/events at 1, 4 and 16
// clients, driven by ./writes.ts (which prepares its own users, tokens and initiatives) against a server
// on fresh demo data; then `npm run audit:verify` on that database.
import { judge, printTable } from "./goals.ts";
import { requestsPerSecond } from "./load.ts";
import { run } from "./databases.ts";
import { WRITE_SECONDS } from "./options.ts";
import { serverEnv, type Server } from "./server.ts";
import { measureWrites } from "./writes.ts";

const CLIENTS = [1, 4, 16];
const GOAL_PER_SECOND = 500;
const GOAL_P99_MS = 100;

export async function writeThroughput(server: Server, databaseUrl: string, engine: string): Promise<void> {
  const section = `writes (${engine})`;
  // The ceiling one request per transition puts on any write path: how many requests a second this server
  // answers at 16 connections when each does next to nothing (a liveness check reading one row).
  const ceiling = await requestsPerSecond(server.url, [{ path: "/healthz", headers: {} }], WRITE_SECONDS, 16);
  const rows: string[][] = [];
  for (const clients of CLIENTS) {
    const r = await measureWrites({ baseUrl: server.url, databaseUrl, clients, seconds: WRITE_SECONDS });
    const at16 = clients === 16;
    rows.push([
      String(clients),
      r.transitions.toLocaleString("en"),
      r.p50Ms.toFixed(1),
      at16
        ? judge(section, "p99 at 16 clients (ms)", r.p99Ms.toFixed(1), `< ${GOAL_P99_MS}`, r.p99Ms < GOAL_P99_MS)[0]!
        : r.p99Ms.toFixed(1),
      at16 ? judge(section, "errors at 16 clients", String(r.errors), "0", r.errors === 0)[0]! : String(r.errors),
      ...(at16
        ? judge(
            section,
            "transitions/s at 16 clients",
            r.transitionsPerSecond.toFixed(0),
            `≥ ${GOAL_PER_SECOND}`,
            r.transitionsPerSecond >= GOAL_PER_SECOND,
          )
        : [r.transitionsPerSecond.toFixed(0), "—", "—"]),
    ]);
  }
  await server.stop();
  let verified: boolean;
  try {
    await run("npm", ["run", "audit:verify"], serverEnv(databaseUrl));
    verified = true;
  } catch {
    verified = false;
  }
  printTable(
    `Write throughput (POST /api/v1/initiatives/:ref/events), ${engine}: ${WRITE_SECONDS} s at each number of clients; ` +
      `p99 < ${GOAL_P99_MS} ms and no errors wanted at 16 clients`,
    ["clients", "transitions", "p50 (ms)", "p99 (ms)", "errors", "transitions/s", "goal", ""],
    rows,
  );
  console.log(
    `\nFor scale: the same server answered ${ceiling.perSecond.toFixed(0)} requests a second at 16 connections for ` +
      `GET /healthz (no sign-in, one statement), the most transitions a second it could take at one per request.`,
  );
  console.log(
    `\nnpm run audit:verify afterwards: ${judge(section, "audit:verify after the writes", verified ? "passed" : "FAILED", "passes", verified)[0]}`,
  );
}
