// @vitest-environment happy-dom
// The error page when working days cannot be counted for lack of holiday data: a 503 that says which
// year is missing and what to do, in the reader's language, instead of a wrong age or a bare 500.
import { Outlet } from "@remix-run/react";
import type { Locale } from "~/i18n/locales.ts";
import { LocaleProvider } from "~/i18n/use-t.ts";
import { createRemixStub } from "@remix-run/testing";
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { HolidayDataMissingError } from "~/calendar/working-days.ts";
import { forPage } from "~/utils/http.server.ts";
import { takeLogs } from "../../tests/helpers/logs.ts";
import { ErrorPage } from "./error-page.tsx";

afterEach(cleanup);

async function thrownBy(fn: () => Promise<unknown>): Promise<unknown> {
  try {
    await fn();
  } catch (thrown) {
    return thrown;
  }
  throw new Error("nothing was thrown");
}

function show(locale: Locale, thrown: unknown) {
  const Stub = createRemixStub([
    {
      id: "root",
      path: "/",
      loader: () => ({ locale, requestId: "req-12345678" }),
      Component: Outlet,
      ErrorBoundary: ErrorPage,
      children: [
        {
          path: "reviews",
          loader: () => {
            throw thrown;
          },
          Component: () => null,
          ErrorBoundary: ErrorPage,
        },
      ],
    },
  ]);
  render(
    <LocaleProvider value={locale}>
      <Stub initialEntries={["/reviews"]} />
    </LocaleProvider>,
  );
}

describe("a page that reaches a year without holiday data", () => {
  it("answers 503 and explains the missing year, in English and in Chinese", async () => {
    const thrown = await thrownBy(() =>
      forPage(async () => {
        throw new HolidayDataMissingError(2031);
      }),
    );
    expect(thrown).toBeInstanceOf(Response);
    expect((thrown as Response).status).toBe(503);
    expect(takeLogs()).toEqual([expect.objectContaining({ level: 40, year: 2031 })]);

    show("en", thrown);
    expect(await screen.findByRole("heading", { name: "Working days cannot be counted" })).toBeTruthy();
    expect(screen.getByText(/general holidays of 2031 have not been added/)).toBeTruthy();
    expect(screen.getByText(/Reference: req-12345678/)).toBeTruthy();
    cleanup();

    // A Response's body is read once: the Chinese page gets an answer of its own.
    show("zh-Hant", await thrownBy(() => forPage(async () => Promise.reject(new HolidayDataMissingError(2031)))));
    takeLogs();
    expect(await screen.findByRole("heading", { name: "無法計算工作天" })).toBeTruthy();
    expect(screen.getByText(/2031年的香港公眾假期/)).toBeTruthy();
    expect(screen.getByText(/參考編號：req-12345678/)).toBeTruthy();
  });
});
