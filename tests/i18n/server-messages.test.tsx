// What the service says reaches a Chinese page in Chinese: real Requests to the real loaders and
// actions, signed in with Traditional Chinese chosen, and the real route components rendered with what
// they answered.
import { beforeAll, describe, expect, it } from "vitest";
import { ErrorPage } from "~/components/error-page.tsx";
import { sendEvent } from "~/initiatives/send-event.server.ts";
import { action as editAction, default as EditProposal } from "~/routes/initiatives.$ref.edit.tsx";
import { loader as editLoader } from "~/routes/initiatives.$ref.edit.tsx";
import {
  action as pageAction,
  default as InitiativePage,
  loader as pageLoader,
} from "~/routes/initiatives.$ref._index.tsx";
import { loader as dashboardLoader } from "~/routes/dashboard.tsx";
import { action as loginAction, default as LoginPage } from "~/routes/login.tsx";
import { seed } from "../../prisma/seed.ts";
import { completeProposal, demoCallers, initiativeIn, type Callers } from "../factories/initiatives.ts";
import { args, get, login, post, run, type Session } from "../helpers/http.ts";
import { cookieFor, renderPage, rootDataFor } from "./render.tsx";
import { createDraft } from "~/initiatives/drafts.server.ts";

let c: Callers;
let itb: Session;

beforeAll(async () => {
  await seed({ demoData: true });
  c = await demoCallers();
  itb = await login("officer.itb@demo.gov.hk");
});

/** The proposal as the form posts it. */
function formFields(p: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(p)) {
    if (k === "milestones") {
      (v as { name: string; due: string }[]).forEach((m, i) => {
        out[`milestones.${i}.name`] = m.name;
        out[`milestones.${i}.due`] = m.due;
      });
    } else out[k] = String(v);
  }
  return out;
}

describe("signed in with Traditional Chinese chosen", () => {
  it("a rejected proposal submit says why in Chinese", async () => {
    const cookie = await cookieFor("zh-Hant", itb);
    const proposal = completeProposal();
    const { ref } = await createDraft(c.itb, proposal);
    // The officer opens the form; meanwhile the proposal is submitted from another tab.
    const opened = await run(() =>
      editLoader(args(get(`/initiatives/${ref}/edit`, undefined, { Cookie: cookie }), { ref }) as never),
    );
    const loaderData = await opened.json();
    await sendEvent(c.itb, ref, { type: "SUBMIT" });

    const res = await run(() =>
      editAction(
        args(post(`/initiatives/${ref}/edit`, { intent: "submit", ...formFields(proposal) }, itb, { Cookie: cookie }), {
          ref,
        }) as never,
      ),
    );
    expect(res.status).toBe(422);
    const actionData = await res.json();
    expect(actionData.fields).toEqual({ _form: ["problems.notEditable"] });

    const html = renderPage({
      root: await rootDataFor(cookie),
      Component: EditProposal,
      path: `/initiatives/${ref}/edit`,
      loaderData,
      actionData,
    });
    expect(html).toContain("建議書只可在草稿或退回修改期間編輯");
    expect(html).not.toContain("can be edited only");
  });

  it("a refused lifecycle action says why in Chinese", async () => {
    const cookie = await cookieFor("zh-Hant", itb);
    const ref = await initiativeIn("efficiencyReview", c);
    const res = await run(() =>
      pageAction(args(post(`/initiatives/${ref}`, { intent: "COMPLETE" }, itb, { Cookie: cookie }), { ref }) as never),
    );
    expect(res.status).toBe(422);
    const actionData = await res.json();
    expect(actionData.message).toEqual({
      key: "refusal.notPossible",
      values: { type: "COMPLETE", state: "efficiencyReview" },
    });

    const page = await run(() =>
      pageLoader(args(get(`/initiatives/${ref}`, undefined, { Cookie: cookie }), { ref }) as never),
    );
    const html = renderPage({
      root: await rootDataFor(cookie),
      Component: InitiativePage,
      path: `/initiatives/${ref}`,
      loaderData: await page.json(),
      actionData,
    });
    expect(html).toContain("項目目前所處的階段不容許此操作");
    expect(html).not.toContain("is not possible while");
  });

  it("a throttled sign-in (429) says so in Chinese", async () => {
    const cookie = await cookieFor("zh-Hant");
    const email = "reviewer.di@demo.gov.hk";
    let res: Response | undefined;
    for (let i = 0; i < 11; i++) {
      res = await run(() =>
        loginAction(args(post("/login", { email, password: `wrong-${i}` }, undefined, { Cookie: cookie })) as never),
      );
    }
    expect(res!.status).toBe(429);
    const html = renderPage({
      root: await rootDataFor(cookie),
      Component: LoginPage,
      path: "/login",
      loaderData: {},
      actionData: await res!.json(),
    });
    expect(html).toMatch(/嘗試次數過多，請於 \d+ 分鐘後再試/);
  });

  it("the error page says a domain error's message (here a 400) in Chinese", async () => {
    const leader = await login("leader@demo.gov.hk");
    const cookie = await cookieFor("zh-Hant", leader);
    const thrown = await run(() =>
      dashboardLoader(args(get("/dashboard?fy=2026", undefined, { Cookie: cookie })) as never),
    );
    expect(thrown.status).toBe(400);
    const body = await thrown.json();
    expect(body).toMatchObject({ messageKey: "problems.invalidFilter", values: { names: "fy" } });
    const html = renderPage({
      root: await rootDataFor(cookie),
      Component: () => null,
      ErrorBoundary: ErrorPage,
      path: "/dashboard",
      // What Remix makes of a thrown Response for the error boundary (isRouteErrorResponse's shape).
      error: { status: 400, statusText: "Bad Request", internal: false, data: body },
    });
    expect(html).toContain("篩選條件無效：fy。");
  });
});

describe("the JSON API keeps English and adds the key", () => {
  it("answers a refusal with an English message, its messageKey and the old code", async () => {
    const ref = await initiativeIn("efficiencyReview", c);
    const error = await sendEvent(c.itb, ref, { type: "COMPLETE" }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      status: 422,
      code: "UNPROCESSABLE",
      message: "COMPLETE is not possible while the initiative is in efficiencyReview.",
      messageKey: "refusal.notPossible",
    });
  });
});
