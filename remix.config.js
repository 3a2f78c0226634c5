import path from "node:path";

// `npm run bench` builds the app into a folder of its own (BENCH_BUILD_DIR, beside build/: the server
// bundle finds files of the project one folder up) with one extra route, a page of
// one paragraph that measures the framework's floor (scripts/bench/trivial-route.tsx). The app's own build
// (`build/`, `public/build/`) never has that route.
const benchBuild = process.env.BENCH_BUILD_DIR;

/** @type {import('@remix-run/dev').AppConfig} */
export default {
  ignoredRouteFiles: ["**/.*", "**/*.test.{ts,tsx}"],
  serverModuleFormat: "esm",
  serverDependenciesToBundle: [],
  ...(benchBuild && {
    serverBuildPath: path.join(benchBuild, "index.js"),
    assetsBuildDirectory: path.join(benchBuild, "public/build"),
  }),
  routes: async (defineRoutes) =>
    process.env.BENCH_BUILD_DIR
      ? defineRoutes((route) => route("bench/trivial", "../scripts/bench/trivial-route.tsx"))
      : {},
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_lazyRouteDiscovery: true,
    v3_singleFetch: false,
  },
};
