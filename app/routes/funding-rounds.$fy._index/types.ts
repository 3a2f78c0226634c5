import type { SerializeFrom } from "@remix-run/node";
import type { RoundView } from "~/funding-rounds/funding-rounds.server.ts";

/** The round as the page receives it (dates as strings). */
export type RoundData = SerializeFrom<RoundView>;
export type BidData = RoundData["bids"][number];
