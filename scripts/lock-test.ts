// A write lock held by another process for 15 s (--hold), as a backup or a second instance might hold it,
// while writers post through a real server: prints how each write was answered and how long it waited,
// whether reads went on, and whether writes succeed once the lock is gone. Runs the built app
// (`npm run build` first) on a fresh database in a temporary folder, with the app's default busy timeout
// (--busy-timeout, in ms), on --port (default 3431).
//
//   npm run lock-test [-- --hold 15 --busy-timeout 5000 --writers 4 --port 3431]
import { existsSync, rmSync } from "node:fs";
import { parseArgs } from "node:util";
import { DEMO_PASSWORD, prepareDatabase } from "./reliability/database.ts";
import { apiToken, createDraft } from "./reliability/http.ts";
import { formatLockTrial, lockTrialHolds, runLockTrial } from "./reliability/lock-trial.ts";
import { startServer, stopServer } from "./reliability/server-process.ts";

const { values } = parseArgs({
  options: {
    hold: { type: "string", default: "15" },
    "busy-timeout": { type: "string", default: "5000" },
    writers: { type: "string", default: "4" },
    port: { type: "string", default: "3431" },
  },
});
const holdMs = Number(values.hold) * 1000;
const busyTimeoutMs = Number(values["busy-timeout"]);

if (!existsSync("build/index.js")) {
  console.error("No build: run `npm run build` first.");
  process.exit(1);
}
const { dir, file, url } = await prepareDatabase("lock-test");
const server = await startServer(Number(values.port), {
  DATABASE_URL: url,
  DATABASE_BUSY_TIMEOUT_MS: String(busyTimeoutMs),
  SESSION_SECRET: "lock-test-run-session-secret-0123456789abcdef",
});
let holds = false;
try {
  const token = await apiToken(server.url, "officer.itb@demo.gov.hk", DEMO_PASSWORD);
  const ref = await createDraft(server.url, token, "Written while another process holds the lock");
  console.log(`Holding the write lock from another process for ${values.hold} s …`);
  const result = await runLockTrial({ base: server.url, file, token, ref, holdMs, writers: Number(values.writers) });
  for (const line of formatLockTrial(result, busyTimeoutMs)) console.log(line);
  holds = lockTrialHolds(result, busyTimeoutMs);
  console.log(holds ? "Holds: busy writes answered 503 with Retry-After, none 500, writes succeed after." : "FAILED");
} finally {
  await stopServer(server);
  rmSync(dir, { recursive: true, force: true });
}
process.exit(holds ? 0 : 1);
