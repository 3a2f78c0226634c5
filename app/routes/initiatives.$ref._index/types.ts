import type { SerializeFrom } from "@remix-run/node";
import type { loader } from "./route.tsx";

/** The initiative as the page receives it. */
export type InitiativeView = SerializeFrom<typeof loader>["view"];
