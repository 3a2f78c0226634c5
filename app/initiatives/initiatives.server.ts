/**
 * The initiative write use-cases, gathered for callers that want them all (the seed, the tests): drafts,
 * lifecycle events and comments. Each lives in a module of its own.
 */
export { addComment } from "./comments.server.ts";
export { createDraft, updateDraft } from "./drafts.server.ts";
export { sendEvent, type SendEventResult } from "./send-event.server.ts";
export type { WriteOptions } from "./versioning.server.ts";
