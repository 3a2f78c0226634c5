// The server under test: the real `node server.mjs` as a child process, in production mode, on a database
// and a build of the benchmark's choosing; and its resident memory, read from /proc.
import { spawn, type ChildProcess } from "node:child_process";
import { openSync, readFileSync } from "node:fs";
import { PORT } from "./options.ts";

export type Server = { url: string; pid: number; stop: () => Promise<void> };

let nextPort = PORT;

/** The environment every server and script of the benchmark gets (the same session secret as this process). */
export function serverEnv(databaseUrl: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: "production",
    SESSION_SECRET: process.env.SESSION_SECRET,
    DATABASE_URL: databaseUrl,
    ...extra,
  };
}

/** Resolves when `url` answers 200, or rejects when the process ends first or after `timeoutMs`. */
export async function waitUntilReady(child: ChildProcess, url: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode}`);
    try {
      if ((await fetch(url)).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs / 1000} s`);
}

/** Stops a child process with SIGTERM (SIGKILL after 30 s) and waits for it to end. */
export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const ended = new Promise<void>((r) => child.once("exit", () => r()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
  await ended;
  clearTimeout(timer);
}

/**
 * Starts `node server.mjs` on `databaseUrl` with the build at `buildPath` (the benchmark's own by default)
 * and waits until /readyz answers 200. Its log goes nowhere (the benchmark prints figures, not requests)
 * unless BENCH_SERVER_LOG names a file to append it to.
 */
export async function startServer(
  databaseUrl: string,
  buildPath: string,
  extra: Record<string, string> = {},
): Promise<Server> {
  const port = nextPort++;
  const log = process.env.BENCH_SERVER_LOG ? openSync(process.env.BENCH_SERVER_LOG, "a") : "ignore";
  const child = spawn(process.execPath, ["server.mjs"], {
    env: serverEnv(databaseUrl, { PORT: String(port), SERVER_BUILD_PATH: buildPath, ...extra }),
    stdio: ["ignore", log, "pipe"],
  });
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => void (stderr = (stderr + chunk.toString()).slice(-4000)));
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitUntilReady(child, `${url}/readyz`);
  } catch (error) {
    await stopProcess(child);
    throw new Error(`${(error as Error).message}\n${stderr}`);
  }
  return { url, pid: child.pid!, stop: () => stopProcess(child) };
}

/** A process's resident memory in MB (VmRSS in /proc/<pid>/status). */
export function rssMb(pid: number): number {
  const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  if (!match) throw new Error(`no VmRSS for process ${pid}`);
  return Number(match[1]) / 1024;
}
