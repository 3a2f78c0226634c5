// The chat webhook client under msw (the chat service is not ours to run): retries on 5xx and timeouts,
// gives up after a limit or at once on a 4xx, and never lets the address's secret reach an error or the log.
import { http, HttpResponse, delay } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { takeLogs } from "../../tests/helpers/logs.ts";
import { ChatWebhookError, postChatMessage, redactWebhook } from "./chat-webhook.server.ts";

const SECRET = "T0SECRET/B0SECRET/xoxSuperSecretToken";
const URL_ = `https://chat.example.gov.hk/webhook/${SECRET}?sig=alsoSecret`;
const received: unknown[] = [];
let answers: (number | "hang")[] = [];

const server = setupServer(
  http.post("https://chat.example.gov.hk/webhook/*", async ({ request }) => {
    received.push(await request.json());
    const next = answers.shift() ?? 200;
    if (next === "hang") {
      await delay(2000);
      return new HttpResponse(null, { status: 200 });
    }
    return new HttpResponse(next === 200 ? "1" : "error", { status: next });
  }),
);

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  server.resetHandlers();
  received.length = 0;
  answers = [];
  takeLogs();
});
afterAll(() => server.close());

const fast = { backoffMs: 5, timeoutMs: 200 };

describe("the chat webhook client", () => {
  it("posts the message as JSON", async () => {
    await postChatMessage(URL_, { text: "DPO-2026-0042 awaits Data Governance's review" }, fast);
    expect(received).toEqual([{ text: "DPO-2026-0042 awaits Data Governance's review" }]);
  });

  it("tries again after a 5xx answer and after a timeout", async () => {
    answers = [503, "hang", 200];
    await postChatMessage(URL_, { text: "hello" }, fast);
    expect(received).toHaveLength(3);
  });

  it("gives up after the limit, naming only the host, in the error and the log", async () => {
    answers = [500, 502, 503, 504];
    const error = await postChatMessage(URL_, { text: "hello" }, { ...fast, attempts: 3 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChatWebhookError);
    expect((error as ChatWebhookError).permanent).toBe(false);
    expect((error as Error).message).toBe("chat webhook https://chat.example.gov.hk/… answered 503 (3 tries)");
    expect(received).toHaveLength(3);
    const log = JSON.stringify(takeLogs());
    expect(log).toContain("chat.example.gov.hk");
    expect(log).not.toContain("SECRET");
    expect(log).not.toContain("alsoSecret");
  });

  it("does not try again after a 4xx answer (the address or the message is wrong)", async () => {
    answers = [404, 200];
    const error = await postChatMessage(URL_, { text: "hello" }, fast).catch((e: unknown) => e);
    expect(error).toMatchObject({
      permanent: true,
      message: "chat webhook https://chat.example.gov.hk/… answered 404",
    });
    expect(received).toHaveLength(1);
  });

  it("shows an address without its path or query", () => {
    expect(redactWebhook(URL_)).toBe("https://chat.example.gov.hk/…");
    expect(redactWebhook("not a url")).toBe("(invalid webhook address)");
  });
});
