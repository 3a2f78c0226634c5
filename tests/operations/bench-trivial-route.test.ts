// The benchmark's floor, a page of one paragraph (scripts/bench/trivial-route.tsx), is never shipped: the
// route manifest that `remix build` reads for the app lacks it and the app builds into build/; only with
// BENCH_BUILD_DIR (set by `npm run bench` for its own build) is the route there.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { readConfig } from "@remix-run/dev/dist/config.js";
import { afterEach, expect, it, vi } from "vitest";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const isTrivial = (route: { path?: string; file: string }) =>
  route.path === "bench/trivial" || route.file.includes("trivial-route");

afterEach(() => {
  vi.unstubAllEnvs();
});

it("leaves the trivial route out of the app's build", async () => {
  vi.stubEnv("BENCH_BUILD_DIR", "");
  const config = await readConfig(root);
  const routes = Object.values(config.routes);
  expect(routes.map((r) => r.file)).toContain("routes/login.tsx");
  expect(routes.filter(isTrivial)).toEqual([]);
  expect(config.serverBuildPath).toBe(path.join(root, "build", "index.js"));
});

it("adds the trivial route to the benchmark's build only", async () => {
  vi.stubEnv("BENCH_BUILD_DIR", path.join(root, "bench-build"));
  const config = await readConfig(root);
  expect(
    Object.values(config.routes)
      .filter(isTrivial)
      .map((r) => r.path),
  ).toEqual(["bench/trivial"]);
});
