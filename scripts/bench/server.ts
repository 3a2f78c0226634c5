// The server under test: the real `node server.mjs` as a child process, in production mode, on a database
// and a build of the benchmark's choosing; and its resident memory, read from /proc.
import { spawn, type ChildProcess } from "node:child_process";
import { appendFileSync, openSync, readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { PORT } from "./options.ts";

/** The server's own `memory` log line (MB; server.mjs, MEMORY_LOG_SECONDS): the main thread's heap and more. */
export type MemoryLog = { rss: number; heapTotal: number; heapUsed: number; external: number; arrayBuffers: number };

export type Server = {
  url: string;
  pid: number;
  stop: () => Promise<void>;
  /** The last `memory` line the server logged, when it was started with MEMORY_LOG_SECONDS. */
  lastMemoryLog: () => MemoryLog | null;
};

let nextPort = PORT;

/**
 * The Node flags `npm start` gives the server (package.json's start script), so that the benchmark times the
 * server as it is run: flags V8 reads only when it starts (the young generation's size) cannot be set from
 * server.mjs. BENCH_NODE_FLAGS replaces them (empty: none), to compare.
 */
export const SERVER_NODE_FLAGS: string[] = (() => {
  const { scripts } = JSON.parse(readFileSync("package.json", "utf8")) as { scripts: Record<string, string> };
  const flags =
    process.env.BENCH_NODE_FLAGS ??
    /\bnode((?:\s+--[\w-]+(?:=\S+)?)*)\s+server\.mjs\b/.exec(scripts.start ?? "")?.[1] ??
    "";
  return flags.split(/\s+/).filter(Boolean);
})();

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
  // A server asked to log its memory is read line by line (its log still reaches BENCH_SERVER_LOG).
  const readLog = Boolean(extra.MEMORY_LOG_SECONDS);
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, "server.mjs"], {
    env: serverEnv(databaseUrl, { PORT: String(port), SERVER_BUILD_PATH: buildPath, ...extra }),
    stdio: ["ignore", readLog ? "pipe" : log, "pipe"],
  });
  let memoryLog: MemoryLog | null = null;
  if (readLog) {
    createInterface({ input: child.stdout! }).on("line", (line) => {
      if (typeof log === "number") appendFileSync(log, line + "\n");
      if (!line.includes('"event":"memory"')) return;
      try {
        memoryLog = JSON.parse(line) as MemoryLog;
      } catch {
        // not a whole JSON line: keep the last one read
      }
    });
  }
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => void (stderr = (stderr + chunk.toString()).slice(-4000)));
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitUntilReady(child, `${url}/readyz`);
  } catch (error) {
    await stopProcess(child);
    throw new Error(`${(error as Error).message}\n${stderr}`);
  }
  return { url, pid: child.pid!, stop: () => stopProcess(child), lastMemoryLog: () => memoryLog };
}

/** A process's resident memory in MB (VmRSS in /proc/<pid>/status). */
export function rssMb(pid: number): number {
  return residentMb(pid).rss;
}

/**
 * A process's resident memory in MB, and its split: `anon` (heaps, malloc, stacks: what the process allocated)
 * and `file` (mapped files: the Node binary's and native modules' code), from /proc/<pid>/status.
 */
export function residentMb(pid: number): { rss: number; anon: number; file: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (field: string) => {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status);
    if (!match) throw new Error(`no ${field} for process ${pid}`);
    return Number(match[1]) / 1024;
  };
  return { rss: kb("VmRSS"), anon: kb("RssAnon"), file: kb("RssFile") + kb("RssShmem") };
}

/** CPU time (ms, user + system, every thread) a process has used so far, from /proc/<pid>/stat. */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  // The fields after the command name (which may hold spaces), counted from the state (field 3).
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const ticksPerSecond = 100; // USER_HZ on Linux
  return ((Number(fields[11]) + Number(fields[12])) / ticksPerSecond) * 1000;
}
