/**
 * The arrows of the lifecycle diagram, drawn by hand: one orthogonal polyline per pair of top-level
 * states that a transition connects, from the border of the source box to the border of the target box,
 * in the SVG user units of the fixed box layout in `diagram.ts` (boxes 180 wide on a 230 pitch, starting
 * at x = 28; the main row's centre line is y = 250). The picture is small and changes rarely, so a table
 * is easier to read and to adjust than a router. `diagram.test.ts` fails when the machine gains a
 * transition between two states that has no route here, when a route is left over after one is removed,
 * or when a route does not start and end on its boxes or crosses another box.
 */
import type { Point } from "./diagram.ts";

/** The key of a route: `from → to`. */
export function routeKey(from: string, to: string): string {
  return `${from} → ${to}`;
}

export const ROUTES: Readonly<Record<string, readonly Point[]>> = {
  // Along the main row, box to box.
  "draft → efficiencyReview": [
    [208, 250],
    [258, 250],
  ],
  "efficiencyReview → fundingReview": [
    [438, 250],
    [488, 250],
  ],
  "fundingReview → delivery": [
    [668, 250],
    [718, 250],
  ],
  "delivery → benefitsReview": [
    [898, 250],
    [948, 250],
  ],
  "benefitsReview → closed": [
    [1128, 250],
    [1178, 250],
  ],

  // Up to the side states above the main row and back, a pair of lanes each.
  "efficiencyReview → returned": [
    [335, 158],
    [335, 98],
  ],
  "returned → efficiencyReview": [
    [366, 98],
    [366, 158],
  ],
  "fundingReview → deferred": [
    [591, 215],
    [591, 98],
  ],
  "deferred → fundingReview": [
    [560, 98],
    [560, 215],
  ],

  // The Finance Committee below funding review.
  "fundingReview → awaitingFinanceCommittee": [
    [623, 285],
    [623, 402],
  ],
  "awaitingFinanceCommittee → delivery": [
    [738, 402],
    [738, 323],
  ],

  // Down to the ends: withdrawn (left) and rejected (middle), through the gutters between columns.
  "draft → withdrawn": [
    [163, 285],
    [163, 532],
  ],
  "efficiencyReview → withdrawn": [
    [303, 342],
    [303, 532],
  ],
  "returned → withdrawn": [
    [258, 81],
    [246, 81],
    [246, 532],
  ],
  "fundingReview → withdrawn": [
    [488, 268],
    [450, 268],
    [450, 567],
    [323, 567],
  ],
  "deferred → withdrawn": [
    [488, 81],
    [450, 81],
    [450, 567],
    [323, 567],
  ],
  "efficiencyReview → rejected": [
    [405.5, 342],
    [405.5, 549],
    [488, 549],
  ],
  "fundingReview → rejected": [
    [578, 285],
    [578, 532],
  ],
  "awaitingFinanceCommittee → rejected": [
    [648, 472],
    [648, 532],
  ],
};
