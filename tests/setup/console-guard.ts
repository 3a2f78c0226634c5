// console.error, or a log line at level error, treated as a failure: an error logged during a test is a bug
// until proven otherwise. A test that provokes an error on purpose takes its log lines with takeLogs() and
// asserts them; anything left at error level when the test ends fails it, with the line's message.
import { afterAll, afterEach, beforeEach, vi } from "vitest";
import { captureLogs, ERROR_LEVEL, takeLogs } from "../helpers/logs.ts";

captureLogs();

let errors: unknown[][] = [];
const original = console.error;

beforeEach(() => {
  errors = [];
  takeLogs();
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    errors.push(args);
  });
});

afterEach(() => {
  vi.mocked(console.error).mockRestore();
  for (const line of takeLogs()) {
    if (line.level >= ERROR_LEVEL) errors.push([`log: ${line.msg ?? ""}`, line.err?.message ?? ""]);
  }
  if (errors.length > 0) {
    const first = errors[0]!.map((a) => (a instanceof Error ? a.stack : String(a))).join(" ");
    errors = [];
    throw new Error(`an error was logged during the test (console.error or the log at level error): ${first}`);
  }
});

afterAll(() => {
  console.error = original;
});
