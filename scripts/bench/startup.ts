// Start-up: what `npm start` does on an empty database, timed in its parts. The build (`npm run build`) is
// timed on its own; the goal is on the rest — `npm run db:setup` (migrations and the demo portfolio, or on
// SQLite the copy of a demo database kept from an earlier build) and then `node server.mjs` until /readyz
// first answers 200, from the start of the first process to that answer.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { judge, printTable } from "./goals.ts";
import { emptyDatabase, run, setUpDatabase } from "./databases.ts";
import { PORT } from "./options.ts";
import { SERVER_NODE_FLAGS, serverEnv, stopProcess, waitUntilReady } from "./server.ts";

const GOAL_SECONDS = 4;

/** One `npm start` on a new empty database without its build step: seconds of db:setup and of the server. */
async function startOnce(env: Record<string, string>): Promise<{ url: string; setup: number; serve: number }> {
  const url = await emptyDatabase("startup");
  const setup = await setUpDatabase(url, serverEnv(url, env));
  // A port outside the other servers' range, so that no server of this run is already on it.
  const port = PORT + 99;
  const started = performance.now();
  const server = spawn(process.execPath, [...SERVER_NODE_FLAGS, "server.mjs"], {
    env: serverEnv(url, { PORT: String(port) }),
    stdio: "ignore",
  });
  let serve: number;
  try {
    await waitUntilReady(server, `http://127.0.0.1:${port}/readyz`);
    // Taken before the server is stopped: its shutdown (which waits for a jobs pass under way) is not start-up.
    serve = (performance.now() - started) / 1000;
  } finally {
    await stopProcess(server);
  }
  return { url, setup, serve };
}

/**
 * Times the start-up and returns the demo database it made (fresh demo data for the other sections). On
 * SQLite twice, with a folder of kept demo databases of its own: the first start builds the demo database
 * (as on a new machine, or after a change to the app), the second copies the one the first kept.
 */
export async function startUp(engine: string): Promise<string> {
  const section = `start-up (${engine})`;
  const started = performance.now();
  await run("npm", ["run", "build"], serverEnv("file:unused.db"));
  const buildSeconds = (performance.now() - started) / 1000;

  const kept = { DEMO_DATABASE_CACHE: mkdtempSync(path.join(os.tmpdir(), "bench-kept-demo-")) };
  const first = await startOnce(kept);
  const second = engine === "SQLite" ? await startOnce(kept) : null;
  rmSync(kept.DEMO_DATABASE_CACHE, { recursive: true, force: true });
  const rows = (label: string, r: { setup: number; serve: number }) => {
    const total = r.setup + r.serve;
    return [
      [`${label}: npm run db:setup`, r.setup.toFixed(1), "—", "—"],
      [`${label}: node server.mjs until /readyz answers 200`, r.serve.toFixed(1), "—", "—"],
      [
        `${label}: db:setup + server ready`,
        ...judge(
          section,
          `npm start to ready, ${label} (s)`,
          total.toFixed(1),
          `≤ ${GOAL_SECONDS}`,
          total <= GOAL_SECONDS,
        ),
      ],
    ];
  };
  printTable(
    `Start-up on an empty database, ${engine} (npm start without its build step)`,
    ["part", "seconds", "goal", ""],
    [
      ["npm run build (timed apart; not in the goal)", buildSeconds.toFixed(1), "—", "—"],
      ...rows("demo database built", first),
      ...(second ? rows("demo database copied from the kept one", second) : []),
    ],
  );
  return first.url;
}
