/**
 * The /reviews workspace of one user: their own division's queue (a reviewer), and the queue of each
 * reviewer they act for today, each item marked with on whose behalf it is. A leader acting for a reviewer
 * gets the page too; anyone with neither is refused, as before.
 */
import { actingFor, asDelegator } from "~/delegations/acting-as.server.ts";
import type { Caller } from "~/initiatives/access.server.ts";
import { isDivision, type Division } from "~/lifecycle/divisions.ts";
import { MAX_PAGE } from "~/initiatives/initiatives.queries.server.ts";
import { HttpError } from "~/utils/http.server.ts";
import { getFundingQueue, getRecentDecisions, getReviewCounts, getReviewQueue } from "./review-queue.server.ts";

type OnBehalfOf = { name: string; email: string } | null;

/** One queue the user works: their own or a delegator's, with that division's authority. */
export type Desk = { caller: Caller; division: Division; onBehalfOf: OnBehalfOf };

/** The desks of a user today; a 403 when they have none (not a reviewer and acting for no reviewer). */
export async function reviewDesks(user: Caller, now = new Date()): Promise<Desk[]> {
  const desks: Desk[] = [];
  if (user.role === "REVIEWER" && isDivision(user.divisionCode)) {
    desks.push({ caller: user, division: user.divisionCode, onBehalfOf: null });
  }
  for (const a of await actingFor(user, now)) {
    const division = a.delegator.divisionCode;
    // A leader's authority has no queue here; a colleague of the same division already sees this one.
    if (a.delegator.role !== "REVIEWER" || !isDivision(division) || desks.some((d) => d.division === division))
      continue;
    desks.push({
      caller: asDelegator(user, a.delegator),
      division,
      onBehalfOf: { name: a.delegator.name, email: a.delegator.email },
    });
  }
  if (desks.length === 0) throw new HttpError(403, { key: "problems.queueReviewersOnly" });
  return desks;
}

export type Tab = "queue" | "funding" | "decided";

const byAge = (a: { stageEnteredAt?: Date; roundSubmittedAt?: Date; ref: string }, b: typeof a) =>
  (a.roundSubmittedAt ?? a.stageEnteredAt)!.getTime() - (b.roundSubmittedAt ?? b.stageEnteredAt)!.getTime() ||
  a.ref.localeCompare(b.ref);

/** The `page` query parameter of /reviews: 1 when absent; anything but a whole number 1–MAX_PAGE is a 400. */
export function reviewPageOf(params: URLSearchParams): number {
  const raw = params.get("page");
  if (raw === null || raw.trim() === "") return 1;
  const page = Number(raw);
  if (!Number.isInteger(page) || page < 1 || page > MAX_PAGE)
    throw new HttpError(400, { key: "problems.invalidFilter", values: { names: "page" } });
  return page;
}

/** Items a page of the queue or funding tab shows. */
export const REVIEW_PAGE_SIZE = 50;

/**
 * The counts of every desk and one page of the open tab's items of every desk, merged and marked, oldest
 * first. Each desk reads only as far as the page's end, so a page costs the same however long the queue.
 */
export async function getReviewWorkspace(
  user: Caller,
  tab: Tab,
  now = new Date(),
  { page = 1, pageSize = REVIEW_PAGE_SIZE } = {},
) {
  const desks = await reviewDesks(user, now);
  const mark = <T>(desk: Desk, items: T[]) => items.map((i) => ({ ...i, onBehalfOf: desk.onBehalfOf }));
  const start = (page - 1) * pageSize;
  const upTo = { now, take: start + pageSize };
  const pageOf = <T>(items: T[]) => items.slice(start, start + pageSize);
  const [perDesk, queues, fundings, decideds] = await Promise.all([
    Promise.all(desks.map((d) => getReviewCounts(d.caller))),
    tab === "queue" ? Promise.all(desks.map((d) => getReviewQueue(d.caller, upTo))) : null,
    tab === "funding" ? Promise.all(desks.map((d) => getFundingQueue(d.caller, upTo))) : null,
    tab === "decided" ? Promise.all(desks.map((d) => getRecentDecisions(d.caller))) : null,
  ]);
  const counts = perDesk.reduce((a, b) => ({ queue: a.queue + b.queue, funding: a.funding + b.funding }), {
    queue: 0,
    funding: 0,
  });
  return {
    divisions: desks.map((d) => d.division),
    actingFor: desks.flatMap((d) => (d.onBehalfOf ? [{ ...d.onBehalfOf, division: d.division }] : [])),
    counts,
    // The decided tab is one short list (the latest decisions), never paged.
    paging: tab === "decided" ? null : { page, pageSize, total: counts[tab] },
    queue: queues && {
      slaDays: queues[0]!.slaDays,
      items: pageOf(desks.flatMap((d, i) => mark(d, queues[i]!.items)).sort(byAge)),
    },
    funding: fundings && {
      slaDays: fundings[0]!.slaDays,
      blockAllocationLimit: fundings[0]!.blockAllocationLimit,
      items: pageOf(desks.flatMap((d, i) => mark(d, fundings[i]!.items)).sort(byAge)),
    },
    decided: decideds && {
      items: desks
        .flatMap((d, i) => mark(d, decideds[i]!.items))
        .sort((a, b) => b.at.getTime() - a.at.getTime() || a.ref.localeCompare(b.ref)),
    },
  };
}
