// The server log under tests: every line the app writes through pino is parsed and kept here instead of
// going to standard output, so that tests can assert on it (the request id, redaction, the security log).
import { Writable } from "node:stream";
import { setLogDestination } from "~/utils/logger.server.ts";

export type LogLine = { level: number; msg?: string; reqId?: string; err?: { message?: string } } & Record<
  string,
  unknown
>;

/** pino's number for `error`: lines at this level or above fail the test that wrote them (per-file.ts). */
export const ERROR_LEVEL = 50;

const lines: LogLine[] = [];

/** Starts capturing (per-file.ts does this once per test file). */
export function captureLogs(level = process.env.LOG_LEVEL ?? "info"): void {
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const text of chunk.toString("utf8").split("\n")) if (text) lines.push(JSON.parse(text) as LogLine);
      done();
    },
  });
  setLogDestination(stream, level);
}

/** The lines written since the last call, removed from the capture: a test that expects an error takes it. */
export function takeLogs(): LogLine[] {
  return lines.splice(0, lines.length);
}
