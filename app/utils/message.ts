import type { MessageKey, TParams } from "~/i18n/t.ts";

/** A message for people: an i18n key and the values of its `{placeholders}`. Browser-safe. */
export type Message = { key: MessageKey; values?: TParams };
