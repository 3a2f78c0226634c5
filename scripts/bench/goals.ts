// Each figure beside its goal: the sections print their own tables with these columns, and the entry point
// prints every goal once more at the end.
import { markdownTable } from "./report.ts";

export type Goal = { section: string; figure: string; value: string; goal: string; met: boolean | null };

const goals: Goal[] = [];

/** "met", "NOT met", or a dash where a figure has no goal (or could not be measured). */
export const verdict = (met: boolean | null) => (met === null ? "—" : met ? "met" : "NOT met");

/** Records a figure against its goal (for the summary) and returns it as the last three cells of a row. */
export function judge(section: string, figure: string, value: string, goal: string, met: boolean | null): string[] {
  if (goal) goals.push({ section, figure, value, goal, met });
  return [value, goal || "—", verdict(goal ? met : null)];
}

/** Prints a section's table (numbers right-aligned from column `firstNumber`). */
export function printTable(title: string, header: string[], rows: string[][], firstNumber = 1): void {
  console.log(`\n${title}\n`);
  console.log(markdownTable(header, (i) => (i < firstNumber ? "---" : "---:"), rows));
}

/** Every goal of the run, and how many are met. */
export function printGoals(): void {
  const rows = goals.map((g) => [g.section, g.figure, g.value, g.goal, verdict(g.met)]);
  printTable("Goals", ["section", "figure", "measured", "goal", ""], rows, 2);
  const met = goals.filter((g) => g.met).length;
  console.log(`\n${met} of ${goals.length} goals met.`);
}
