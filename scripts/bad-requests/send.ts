/**
 * Sends generated bad requests to a real server over plain HTTP (node:http, so that the Host header and
 * the framing are exactly what the case says) and tallies the answers per family.
 */
import http from "node:http";
import type { BadRequest } from "./cases.ts";

/** The answer's status; 0 when none came (`error` says why), -1 when Node would not even send the case. */
export type Outcome = { status: number; error?: string };

const CHUNK = 64 * 1024;

/** One request; resolves with the status, or status 0 and the error when no answer came. */
export function send(base: URL, request: BadRequest, agent: http.Agent): Promise<Outcome> {
  return new Promise((resolve) => {
    let settled = false;
    const done = (outcome: Outcome) => {
      if (settled) return;
      settled = true;
      resolve(outcome);
    };
    const headers: Record<string, string | number> = { ...request.headers };
    if (request.body && !request.chunked) headers["Content-Length"] = request.body.length;
    if (request.body && request.chunked) headers["Transfer-Encoding"] = "chunked";
    let req: http.ClientRequest;
    try {
      req = http.request({
        host: base.hostname,
        port: base.port,
        method: request.method,
        path: request.path,
        headers,
        setHost: false,
        agent,
      });
    } catch (error) {
      // A header Node itself refuses to send is no test of the server.
      done({ status: -1, error: error instanceof Error ? error.message : String(error) });
      return;
    }
    let answered = false;
    let bodySent = !request.body;
    req.on("response", (res) => {
      answered = true;
      res.resume();
      res.on("end", () => {
        // Answered before the declared body was all sent: the connection cannot carry another request.
        if (!bodySent) req.destroy();
        done({ status: res.statusCode ?? 0 });
      });
      res.on("error", () => done({ status: res.statusCode ?? 0 }));
    });
    req.on("error", (error) => {
      // An error after the answer (the server closed a connection we were still writing to) is fine.
      if (!answered) done({ status: 0, error: (error as NodeJS.ErrnoException).code ?? error.message });
    });
    req.setTimeout(60_000, () => req.destroy(new Error("timeout")));
    const body = request.body;
    if (!body) {
      req.end();
      return;
    }
    let offset = 0;
    // A body with a declared length stops when the answer comes (as browsers and curl do); a chunked one
    // is sent to its end, so that the server must take it all and still answer rather than reset.
    const pump = () => {
      while (offset < body.length && !(answered && !request.chunked)) {
        const chunk = body.subarray(offset, offset + CHUNK);
        offset += chunk.length;
        if (!req.write(chunk)) {
          req.once("drain", pump);
          return;
        }
      }
      if (offset >= body.length) bodySent = true;
      req.end();
    };
    pump();
  });
}

export type Tally = Map<string, Map<number, number>>;

/** Sends every request with `concurrency` at a time; returns the statuses counted per family. */
export async function sendAll(
  base: URL,
  requests: Iterable<BadRequest>,
  concurrency: number,
  onOutcome?: (request: BadRequest, outcome: Outcome) => void,
): Promise<{ tally: Tally }> {
  // One connection per request: a case that leaves its connection unusable (as some must) cannot then
  // make an innocent case after it fail. The agent must not limit its sockets (the workers limit the
  // concurrency): with a finite maxSockets Node keeps connections alive and hands one whose oversized
  // body was cut short after an early answer to the next request. The server, still reading the rest
  // of the declared body, then takes that request's bytes for body and closes the connection when it
  // times out, which the next request saw as a connection reset without an answer.
  const agent = new http.Agent({ keepAlive: false });
  const tally: Tally = new Map();
  const iterator = requests[Symbol.iterator]();
  const worker = async () => {
    for (;;) {
      const next = iterator.next();
      if (next.done) return;
      const outcome = await send(base, next.value, agent);
      const family = tally.get(next.value.family) ?? new Map<number, number>();
      family.set(outcome.status, (family.get(outcome.status) ?? 0) + 1);
      tally.set(next.value.family, family);
      onOutcome?.(next.value, outcome);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  agent.destroy();
  return { tally };
}

/** Requests that got a 5xx or no answer at all (status 0). */
export function failures(tally: Tally): number {
  let n = 0;
  for (const statuses of tally.values()) {
    for (const [status, count] of statuses) if (status === 0 || status >= 500) n += count;
  }
  return n;
}

/** A plain-text table: family, requests, statuses seen. */
export function formatTally(tally: Tally): string {
  const rows = [...tally.entries()].map(([family, statuses]) => {
    const total = [...statuses.values()].reduce((a, b) => a + b, 0);
    const seen = [...statuses.entries()]
      .sort(([a], [b]) => a - b)
      .map(([status, count]) => `${status === 0 ? "no answer" : status === -1 ? "unsendable" : status}×${count}`)
      .join(" ");
    return `  ${family.padEnd(32)} ${String(total).padStart(6)}  ${seen}`;
  });
  return rows.join("\n");
}
