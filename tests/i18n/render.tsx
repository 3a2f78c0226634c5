// Renders a real route module's page with the data its real loader and action answered, the way the
// browser would show it, so that a test reads the words a person reads.
import { createRemixStub } from "@remix-run/testing";
import type { ComponentType } from "react";
import { renderToString } from "react-dom/server";
import { langCookie } from "~/i18n/i18n.server.ts";
import type { Locale } from "~/i18n/locales.ts";
import { LocaleProvider } from "~/i18n/use-t.ts";
import { loader as rootLoader } from "~/root.tsx";
import { args, get, type Session } from "../helpers/http.ts";

/** The Cookie header of a reader who chose `locale` (and is signed in, when a session is given). */
export async function cookieFor(locale: Locale, session?: Session): Promise<string> {
  const lang = (await langCookie.serialize(locale)).split(";")[0]!;
  return session ? `${session.cookie}; ${lang}` : lang;
}

/** The root loader's data for a reader: the page's locale and CSRF token, as the app shell gets them. */
export async function rootDataFor(cookie: string): Promise<unknown> {
  const res = (await rootLoader(args(get("/", undefined, { Cookie: cookie })) as never)) as Response;
  return res.json();
}

type Page = {
  root: unknown;
  Component: ComponentType;
  path: string;
  loaderData?: unknown;
  actionData?: unknown;
  /** A Response the page's loader threw, shown by `ErrorBoundary`. */
  error?: unknown;
  ErrorBoundary?: ComponentType;
};

/** The page's HTML as rendered with the given data (no loader or action runs again). */
export function renderPage({ root, Component, path, loaderData, actionData, error, ErrorBoundary }: Page): string {
  const Stub = createRemixStub([
    {
      id: "root",
      path: "/",
      children: [{ id: "page", path: path.replace(/^\//, ""), Component, ErrorBoundary }],
    },
  ]);
  // The stub's router is the browser's, whose layout effects React flags when rendered to a string; that
  // warning is about this way of rendering, not about the page, so it alone is let through.
  const reportError = console.error;
  console.error = (...args: unknown[]) => {
    if (typeof args[0] === "string" && args[0].includes("useLayoutEffect does nothing on the server")) return;
    reportError(...args);
  };
  try {
    // The root layout gives its locale to the page; the stub has no layout, so the test gives it here.
    const locale = (root as { locale?: Locale } | null)?.locale ?? "en";
    return renderToString(
      <LocaleProvider value={locale}>
        <Stub
          initialEntries={[path]}
          hydrationData={{
            loaderData: { root, page: loaderData ?? null },
            ...(actionData !== undefined ? { actionData: { page: actionData } } : {}),
            ...(error !== undefined ? { errors: { page: error } } : {}),
          }}
        />
      </LocaleProvider>,
    );
  } finally {
    console.error = reportError;
  }
}
