// `npm start`'s first step: the production build, unless the one in build/ is newer than everything it is
// built from (the app, public files, the configuration and the installed packages), which makes a restart
// take a second rather than a rebuild. `npm run build` always builds. Plain JavaScript, so that the check
// itself costs no compiler start-up.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const BUILD = "build/index.js";
const SOURCES = ["app", "public", "remix.config.js", "package.json", "package-lock.json", "tsconfig.json"];
// Output of the build itself, and what the app writes while it runs, are not sources.
const NOT_SOURCES = new Set([path.join("public", "build")]);

/** The newest modification time under a file or folder (0 when it does not exist). */
function newest(entry) {
  if (NOT_SOURCES.has(entry) || !existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const name of readdirSync(entry)) latest = Math.max(latest, newest(path.join(entry, name)));
  return latest;
}

const built = existsSync(BUILD) && existsSync(path.join("public", "build")) ? statSync(BUILD).mtimeMs : 0;
const changed = Math.max(...SOURCES.map(newest));
if (built > changed) {
  console.log("The build is up to date with the app's sources.");
} else {
  execFileSync(process.execPath, [path.join("node_modules", "@remix-run", "dev", "dist", "cli.js"), "build"], {
    stdio: "inherit",
  });
}
