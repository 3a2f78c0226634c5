/**
 * Real app servers for the reliability scripts (and the tests that run them in small): `node server.mjs`
 * on the built app, on a given database and port, stopped gracefully or killed outright.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";

export type ServerProcess = { url: string; child: ChildProcess; output: string[] };

/** A free TCP port on the loopback interface, chosen by the system. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Starts `node server.mjs` with `env` on top of this process's environment; resolves once /healthz answers. */
export async function startServer(port: number, env: Record<string, string | undefined>): Promise<ServerProcess> {
  const child = spawn(process.execPath, ["server.mjs"], {
    env: { ...process.env, NODE_ENV: "production", LOG_LEVEL: "warn", ...env, PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  // Only the tail matters (why a server did not start); a long run must not keep every line.
  const keep = (d: Buffer) => {
    output.push(String(d));
    if (output.length > 200) output.splice(0, output.length - 200);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`the server exited (${child.exitCode ?? child.signalCode}): ${output.join("")}`);
    }
    try {
      if ((await fetch(`${url}/healthz`)).ok) return { url, child, output };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill("SIGKILL");
  throw new Error(`the server did not start: ${output.join("")}`);
}

/** Resolves when the process has exited (at once if it already has). */
export function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once("exit", () => resolve()));
}

/** `kill -9`: no shutdown code runs, whatever the server was doing. */
export async function killServer(server: ServerProcess): Promise<void> {
  server.child.kill("SIGKILL");
  await exited(server.child);
}

/** SIGTERM (graceful shutdown), then SIGKILL if it has not exited after 20 s. */
export async function stopServer(server: ServerProcess): Promise<void> {
  server.child.kill("SIGTERM");
  const timer = setTimeout(() => server.child.kill("SIGKILL"), 20_000);
  await exited(server.child);
  clearTimeout(timer);
}
