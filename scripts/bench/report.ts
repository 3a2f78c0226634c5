// The benchmark's printed report: Markdown tables of the timings.
import os from "node:os";
import { RUNS, WARMUP } from "./environment.ts";

/** A Markdown table; `align(i)` is column i's separator (`---`, or `---:` for numbers). */
export const markdownTable = (header: string[], align: (i: number) => string, rows: string[][]) =>
  [header, header.map((_, i) => align(i)), ...rows].map((r) => `| ${r.join(" | ")} |`).join("\n");

export function printReport(rows: string[][], cases: { name: string }[], perAggregate: string[][], engine: string) {
  const header = [
    "filters",
    "initiatives",
    "loader p50 (ms)",
    "loader p95 (ms)",
    "plain SQL p50 (ms)",
    "plain SQL p95 (ms)",
    "p95 ratio",
  ];
  console.log(
    `\n${RUNS} runs each after ${WARMUP} warm-up runs, on ${os.cpus().length} × ${os.cpus()[0]?.model ?? "CPU"}, Node ${process.version}, ${engine}:\n`,
  );
  console.log(markdownTable(header, (i) => (i < 2 ? "---" : "---:"), rows));
  const header2 = ["plain SQL p50 (ms) per aggregate", ...cases.map((c) => c.name)];
  console.log(`\n${markdownTable(header2, (i) => (i === 0 ? "---" : "---:"), perAggregate)}`);
}
