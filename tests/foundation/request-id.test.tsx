// @vitest-environment happy-dom
// A user's report can be matched to the log: each HTTP request gets an id (a proxy's well-formed
// X-Request-Id, or a new one), echoed in the response header, written on the request's access-log line
// and on the error logged while serving it, and shown on the error page the user sees.
import { createServer, request as httpRequest, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { Outlet } from "@remix-run/react";
import { createRemixStub } from "@remix-run/testing";
import { cleanup, render, screen } from "@testing-library/react";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ErrorPage } from "~/components/error-page.tsx";
import { handleError } from "~/entry.server.tsx";
import { loader as rootLoader } from "~/root.tsx";
import { getLogger } from "~/utils/logger.server.ts";
import { requestIdFrom, requestLogger } from "~/utils/request-id.server.ts";
import { takeLogs, type LogLine } from "../helpers/logs.ts";

afterEach(cleanup);

type RootData = Awaited<ReturnType<Awaited<ReturnType<typeof rootLoader>>["json"]>>;
let served: RootData | undefined;
/** The X-Request-Id the app part saw on the request (what Remix's Request is built from). */
let seenOnRequest: string | string[] | undefined;
let port = 0;
let close: () => void;

beforeAll(async () => {
  // The server's middleware order: the access log first, then the app. The app part runs what Remix
  // runs for a page whose loader fails: the real root loader and the real handleError, with the load
  // context that server.mjs builds.
  const accessLog = requestLogger(getLogger());
  const server = createServer((req, res) => {
    accessLog(req, res);
    seenOnRequest = req.headers["x-request-id"];
    void (async () => {
      const context = { clientAddress: "127.0.0.1", requestId: req.id as string };
      const request = new Request(`http://localhost${req.url}`, {
        headers: { Cookie: req.headers.cookie ?? "", Authorization: req.headers.authorization ?? "" },
      });
      served = await (await rootLoader({ request, params: {}, context })).json();
      handleError(new Error("the loader failed"), { request, params: {}, context });
      res.writeHead(500, { "Content-Type": "text/plain" }).end("Sorry, something went wrong");
    })();
  });
  server.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  port = (server.address() as AddressInfo).port;
  close = () => server.close();
});
afterAll(() => close());

function get(path: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: IncomingHttpHeaders }>((resolve, reject) => {
    const req = httpRequest({ host: "127.0.0.1", port, path, headers }, (res) => {
      res.resume();
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
    });
    req.on("error", reject);
    req.end();
  });
}

/** The log lines of one request, waiting for the access-log line (written when the response ends). */
async function linesOf(id: string): Promise<LogLine[]> {
  const kept: LogLine[] = [];
  for (let i = 0; i < 50 && !kept.some((l) => l.res); i++) {
    kept.push(...takeLogs());
    await new Promise((r) => setTimeout(r, 10));
  }
  return kept.filter((line) => line.reqId === id || (line.req as { id?: string } | undefined)?.id === id);
}

function showErrorPage(root: RootData) {
  const Stub = createRemixStub([
    {
      id: "root",
      path: "/",
      loader: () => root,
      Component: Outlet,
      ErrorBoundary: ErrorPage,
      children: [
        {
          path: "broken",
          loader: () => {
            throw new Response("", { status: 500 });
          },
          Component: () => null,
          ErrorBoundary: ErrorPage,
        },
      ],
    },
  ]);
  render(<Stub initialEntries={["/broken"]} />);
}

describe("the request id", () => {
  it("is on the error page and on the log lines of the request that failed", async () => {
    const res = await get("/broken", { Cookie: "__session=sekrit-cookie", Authorization: "Bearer sekrit-token" });
    expect(res.status).toBe(500);
    const id = res.headers["x-request-id"] as string;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);

    const lines = await linesOf(id);
    const failure = lines.find((l) => l.msg === "request failed")!;
    expect(failure).toMatchObject({ level: 50, reqId: id, method: "GET", path: "/broken" });
    expect(failure.err!.message).toBe("the loader failed");
    const access = lines.find((l) => l.res)!;
    expect(access).toMatchObject({ level: 50, req: { id, method: "GET", url: "/broken" }, res: { statusCode: 500 } });
    // Cookies and credentials never reach the log.
    const text = JSON.stringify(lines);
    expect(text).not.toContain("sekrit-cookie");
    expect(text).not.toContain("sekrit-token");
    expect((access.req as { headers: Record<string, string> }).headers.cookie).toBe("[redacted]");

    expect(served!.requestId).toBe(id);
    showErrorPage(served!);
    expect(await screen.findByText(`Reference: ${id}`)).toBeTruthy();
  });

  it("keeps a proxy's well-formed id and replaces a malformed one", async () => {
    const kept = await get("/broken", { "X-Request-Id": "lb-7f3a9c2e41" });
    expect(kept.headers["x-request-id"]).toBe("lb-7f3a9c2e41");
    expect((await linesOf("lb-7f3a9c2e41")).some((l) => l.msg === "request failed")).toBe(true);

    const replaced = await get("/broken", { "X-Request-Id": "forged line, with spaces" });
    expect(replaced.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
    // The app sees the id that was given, not the malformed one: the loaders of a request share by it.
    expect(seenOnRequest).toBe(replaced.headers["x-request-id"]);
    takeLogs();
    expect(requestIdFrom(["abcdefgh-1", "other"])).toBe("abcdefgh-1");
    expect(requestIdFrom("short")).not.toBe("short");
  });
});
