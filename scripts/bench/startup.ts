// Start-up: what `npm start` does on an empty database, timed in its parts. The build (`npm run build`) is
// timed on its own; the goal is on the rest — `npm run db:setup` (migrations and the demo portfolio) and
// then `node server.mjs` until /readyz first answers 200, from the start of the first process to that answer.
import { spawn } from "node:child_process";
import { judge, printTable } from "./goals.ts";
import { emptyDatabase, run, setUpDatabase } from "./databases.ts";
import { PORT } from "./options.ts";
import { SERVER_NODE_FLAGS, serverEnv, stopProcess, waitUntilReady } from "./server.ts";

const GOAL_SECONDS = 4;

/** Times the start-up and returns the demo database it made (fresh demo data for the other sections). */
export async function startUp(engine: string): Promise<string> {
  const section = `start-up (${engine})`;
  let started = performance.now();
  await run("npm", ["run", "build"], serverEnv("file:unused.db"));
  const buildSeconds = (performance.now() - started) / 1000;

  const url = await emptyDatabase("startup");
  const setupSeconds = await setUpDatabase(url);
  // A port outside the other servers' range, so that no server of this run is already on it.
  const port = PORT + 99;
  started = performance.now();
  const server = spawn(process.execPath, [...SERVER_NODE_FLAGS, "server.mjs"], {
    env: serverEnv(url, { PORT: String(port) }),
    stdio: "ignore",
  });
  try {
    await waitUntilReady(server, `http://127.0.0.1:${port}/readyz`);
  } finally {
    await stopProcess(server);
  }
  const serveSeconds = (performance.now() - started) / 1000;
  const total = setupSeconds + serveSeconds;
  printTable(
    `Start-up on an empty database, ${engine} (npm start without its build step)`,
    ["part", "seconds", "goal", ""],
    [
      ["npm run build (timed apart; not in the goal)", buildSeconds.toFixed(1), "—", "—"],
      ["npm run db:setup (migrations, demo portfolio)", setupSeconds.toFixed(1), "—", "—"],
      ["node server.mjs until /readyz answers 200", serveSeconds.toFixed(1), "—", "—"],
      [
        "db:setup + server ready",
        ...judge(section, "npm start to ready (s)", total.toFixed(1), `≤ ${GOAL_SECONDS}`, total <= GOAL_SECONDS),
      ],
    ],
  );
  return url;
}
