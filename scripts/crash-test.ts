// 50 (--kills) `kill -9`s of a real server under write load, each followed by a restart: prints how many
// writes were acknowledged and whether any was lost, whether creations cut by a crash and retried with
// their Idempotency-Key exist once, whether the audit chain verifies, and the app's `synchronous` setting
// (see scripts/reliability/crash-trial.ts). Runs the built app (`npm run build` first) on a fresh database
// in a temporary folder, on --port (default 3432).
//
//   npm run crash-test [-- --kills 50 --writers 6 --port 3432]
import { existsSync, rmSync } from "node:fs";
import { parseArgs } from "node:util";
import { disconnectDb } from "../app/utils/db.server.ts";
import { crashTrialHolds, formatCrashTrial, runCrashTrial } from "./reliability/crash-trial.ts";
import { prepareDatabase } from "./reliability/database.ts";

const { values } = parseArgs({
  options: {
    kills: { type: "string", default: "50" },
    writers: { type: "string", default: "6" },
    port: { type: "string", default: "3432" },
  },
});

if (!existsSync("build/index.js")) {
  console.error("No build: run `npm run build` first.");
  process.exit(1);
}
const { dir, file } = await prepareDatabase("crash-test");
let holds = false;
try {
  const result = await runCrashTrial({
    file,
    port: Number(values.port),
    env: { SESSION_SECRET: "crash-test-run-session-secret-0123456789abcdef" },
    kills: Number(values.kills),
    writers: Number(values.writers),
    upMs: [500, 2500],
    log: (line) => console.log(line),
  });
  console.log("");
  for (const line of formatCrashTrial(result)) console.log(line);
  holds = crashTrialHolds(result);
  console.log(holds ? "Holds: no acknowledged write lost, one write per key, chain intact, FULL." : "FAILED");
} finally {
  await disconnectDb();
  rmSync(dir, { recursive: true, force: true });
}
process.exit(holds ? 0 : 1);
