import { SeededRandom } from "../../../scripts/lib/seeded-random.ts";

/**
 * The one generator every planning step draws from. Planning is a single synchronous pass that starts
 * by restarting it, so the draws — and the portfolio — are the same on every run.
 */
export const random = new SeededRandom(20240401);
