import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import {
  Form,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useRouteLoaderData,
} from "@remix-run/react";
import { useEffect, type ReactNode } from "react";
import { getSessionUser, csrfTokenFor } from "~/auth/session.server.ts";
import { NotificationBadge } from "~/components/notification-badge.tsx";
import { headerUnread } from "~/notifications/header.server.ts";
import { navigationFor } from "~/auth/navigation.ts";
import { CsrfInput } from "~/components/csrf-input.tsx";
import { ErrorPage } from "~/components/error-page.tsx";
import { getLocale } from "~/i18n/i18n.server.ts";
import { pageTitle } from "~/i18n/meta.ts";
import { getT } from "~/i18n/t.ts";
import { LocaleProvider, useLocale, useT } from "~/i18n/use-t.ts";
import { DEFAULT_LOCALE, type Locale } from "~/i18n/locales.ts";
import { useNonce } from "~/utils/nonce.tsx";
import { requestIdOf } from "~/utils/request-id.server.ts";
import stylesheet from "~/styles/app.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = ({ matches }) => pageTitle(matches);

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await getSessionUser(request);
  const locale = await getLocale(request, user?.locale);
  return json({
    locale,
    // Shown on the error page, so that a user's report can be matched to the log.
    requestId: requestIdOf(context) ?? null,
    csrf: user ? csrfTokenFor(user.sessionId) : "",
    unread: await headerUnread(user),
    user: user
      ? {
          name: user.name,
          email: user.email,
          role: user.role,
          bureauCode: user.bureauCode,
          divisionCode: user.divisionCode,
        }
      : null,
  });
}

export type RootData = ReturnType<typeof useRootData>;
export function useRootData() {
  return useRouteLoaderData<typeof loader>("root");
}

export function Layout({ children }: { children: ReactNode }) {
  const data = useRootData();
  const locale: Locale = data?.locale ?? DEFAULT_LOCALE;
  const nonce = useNonce();
  const t = getT(locale);
  return (
    <html lang={locale === "zh-Hant" ? "zh-Hant-HK" : "en-HK"}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <LocaleProvider value={locale}>
          <a className="skip-link" href="#main">
            {t("nav.skip")}
          </a>
          <Header />
          <main id="main" className="page" tabIndex={-1}>
            {children}
          </main>
          <footer className="site-footer">
            <p>{t("app.footer")}</p>
          </footer>
        </LocaleProvider>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

function Header() {
  const data = useRootData();
  const location = useLocation();
  const t = useT();
  const locale = useLocale();
  const user = data?.user ?? null;
  const items = user ? navigationFor(user.role) : [];
  const otherLocale: Locale = locale === "en" ? "zh-Hant" : "en";
  return (
    <header className="site-header">
      <div className="site-header__top">
        <a href="/" className="site-header__brand">
          <span className="site-header__owner">{t("app.owner")}</span>
          <span className="site-header__name">{t("app.name")}</span>
        </a>
        <div className="site-header__tools">
          <Form method="post" action="/lang" className="inline-form">
            <input type="hidden" name="lang" value={otherLocale} />
            <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
            <button type="submit" className="link-button">
              <span className="visually-hidden">{t("lang.switchLabel")}: </span>
              <span lang={otherLocale === "zh-Hant" ? "zh-Hant-HK" : "en"}>{t("lang.switch")}</span>
            </button>
          </Form>
          {user ? (
            <>
              {items.length > 0 ? <NotificationBadge unread={data?.unread ?? 0} /> : null}
              <a href="/account" className="site-header__user">
                {t("nav.signedInAs", { name: user.name })} · {t(`roles.${user.role}`)}
              </a>
              <Form method="post" action="/logout" className="inline-form">
                <CsrfInput />
                <button type="submit" className="link-button">
                  {t("nav.signOut")}
                </button>
              </Form>
            </>
          ) : null}
        </div>
      </div>
      {items.length > 0 ? (
        <nav aria-label={t("nav.main")} className="site-nav">
          <ul>
            {items.map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} end={item.to === "/"}>
                  {t(item.label)}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
    </header>
  );
}

export default function App() {
  // Marks the page as enhanced once React has taken over, for styles and browser tests that need to know.
  useEffect(() => {
    document.documentElement.dataset.hydrated = "";
  }, []);
  return <Outlet />;
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
