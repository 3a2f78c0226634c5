import { hasMessage, type TFunction } from "~/i18n/t.ts";

/** A criterion's name in the reader's language; a round's own criterion (not one of the defaults) by its key. */
export function criterionLabel(t: TFunction, key: string): string {
  const messageKey = `criteria.${key}`;
  return hasMessage(messageKey) ? t(messageKey) : key;
}
