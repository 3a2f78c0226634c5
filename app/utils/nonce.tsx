import { createContext, useContext } from "react";

const NonceContext = createContext<string>("");

/** Carries the CSP nonce of this response to the components that render inline scripts. */
export const NonceProvider = NonceContext.Provider;

/** The CSP nonce on the server; empty in the browser, where it is not needed after hydration. */
export const useNonce = () => useContext(NonceContext);
