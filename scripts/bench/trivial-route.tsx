// The benchmark's floor: a page of one paragraph under the app's root layout, so that each page's req/s
// can be read as a share of what the framework itself manages. Added only to the benchmark's own build
// (remix.config.js, BENCH_BUILD_DIR); the app never ships it.
export default function TrivialPage() {
  return <p>Initiative Tracker</p>;
}
