// Another process holding SQLite's write lock, as a backup, a second instance or a worker would:
// opens the database file, takes the write lock with BEGIN IMMEDIATE, says "locked" on standard output,
// keeps the lock for the given milliseconds (or until SIGTERM), rolls back and exits.
//
//   node scripts/reliability/lock-holder.mjs <database file> <milliseconds>
import Database from "better-sqlite3";

const [file, ms] = process.argv.slice(2);
const holdMs = Number(ms);
if (!file || !Number.isFinite(holdMs) || holdMs < 0) {
  console.error("usage: lock-holder.mjs <database file> <milliseconds>");
  process.exit(2);
}
// The app may be writing when we start: wait for our turn as a patient writer would.
const database = new Database(file, { fileMustExist: true, timeout: 30_000 });
database.exec("BEGIN IMMEDIATE");
process.stdout.write(`locked ${Date.now()}\n`);

let released = false;
function release() {
  if (released) return;
  released = true;
  database.exec("ROLLBACK");
  database.close();
  process.stdout.write(`released ${Date.now()}\n`);
  process.exit(0);
}
setTimeout(release, holdMs);
process.once("SIGTERM", release);
