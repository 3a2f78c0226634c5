// console.error treated as a failure: an error logged during a test is a bug until proven otherwise.
import { afterAll, afterEach, beforeEach, vi } from "vitest";

let errors: unknown[][] = [];
const original = console.error;

beforeEach(() => {
  errors = [];
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    errors.push(args);
  });
});

afterEach(() => {
  vi.mocked(console.error).mockRestore();
  if (errors.length > 0) {
    const first = errors[0]!.map((a) => (a instanceof Error ? a.stack : String(a))).join(" ");
    errors = [];
    throw new Error(`console.error was called during the test: ${first}`);
  }
});

afterAll(() => {
  console.error = original;
});
