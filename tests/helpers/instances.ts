// Real app instances for the multi-instance tests: `node server.mjs` on the built app, each on its own
// port, all on the test file's database.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

export type Instance = { url: string; process: ChildProcess; output: string[] };

/**
 * Builds the app once per test run (the tests need the server build of this very checkout). Test files run
 * in worker processes of one vitest process: the first to get here builds, under a lock so that two files
 * never write build/ at once, and leaves a mark with the run's process id that the others find.
 */
export async function buildApp(): Promise<void> {
  const lock = "tests/.tmp/build.lock";
  const mark = `build/.built-for-test-run-${process.ppid}`;
  mkdirSync("tests/.tmp", { recursive: true });
  for (let i = 0; ; i++) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // Another file of this run (or a lock left by a killed run: taken over after ten minutes) is building.
      if (i > 6000) rmSync(lock, { recursive: true, force: true });
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  try {
    if (existsSync(mark)) return;
    // A production build, as the instances run with NODE_ENV=production (vitest's "test" would pick React's
    // development JSX runtime, which production React does not have).
    execFileSync(process.execPath, [require.resolve("@remix-run/dev/dist/cli.js"), "build"], {
      stdio: "ignore",
      env: { ...process.env, NODE_ENV: "production" },
    });
    writeFileSync(mark, "");
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Starts an instance on the current DATABASE_URL and waits until it answers /healthz. */
export async function startInstance(env: Record<string, string> = {}): Promise<Instance> {
  const port = await freePort();
  const child = spawn(process.execPath, ["server.mjs"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      SESSION_SECRET: process.env.SESSION_SECRET!,
      DATABASE_URL: process.env.DATABASE_URL!,
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  child.stdout!.on("data", (d) => output.push(String(d)));
  child.stderr!.on("data", (d) => output.push(String(d)));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`instance exited with ${child.exitCode}: ${output.join("")}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) return { url, process: child, output };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill("SIGKILL");
  throw new Error(`instance did not start: ${output.join("")}`);
}

/** Stops an instance with SIGTERM and resolves with its exit code. */
export async function stopInstance(instance: Instance): Promise<number | null> {
  if (instance.process.exitCode !== null) return instance.process.exitCode;
  const exited = new Promise<number | null>((resolve) => instance.process.once("exit", (code) => resolve(code)));
  instance.process.kill("SIGTERM");
  const timer = setTimeout(() => instance.process.kill("SIGKILL"), 20_000);
  const code = await exited;
  clearTimeout(timer);
  return code;
}
