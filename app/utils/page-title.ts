import type { MetaFunction } from "@remix-run/node";

/** A page's `<title>` from its loader's translated `title` (see pageTitle), so that it follows the page's language. */
export const titleFromLoader: MetaFunction = ({ data }) => [
  { title: (data as { title?: string } | undefined)?.title ?? "Initiative Tracker" },
];
