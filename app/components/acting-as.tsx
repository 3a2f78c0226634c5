import { createContext, useContext } from "react";

/** The delegator whose decisions the forms below take (their e-mail address), or null for oneself. */
export const ActingAsContext = createContext<string | null>(null);

/**
 * The hidden field that tells the server on whose behalf a form acts; nothing when acting for oneself.
 * Every decision form renders it beside its CSRF token, so one switch on the page changes them all.
 */
export function ActingAsInput() {
  const onBehalfOf = useContext(ActingAsContext);
  return onBehalfOf ? <input type="hidden" name="onBehalfOf" value={onBehalfOf} /> : null;
}
