import { beforeAll, describe, expect, it } from "vitest";
import { apiJson, apiRoute, MAX_BODY_BYTES, readJson } from "~/api/api.server.ts";
import { seed } from "../../prisma/seed/index.ts";
import { args, ORIGIN } from "../helpers/http.ts";
import { takeLogs } from "../helpers/logs.ts";
import { call, tokenFor } from "./client.ts";

let token: string;
beforeAll(async () => {
  await seed({ demoData: true, portfolio: false });
  token = await tokenFor("officer.itb@demo.gov.hk");
});

const invoke = (handler: Parameters<typeof apiRoute>[0], init: RequestInit = {}) =>
  apiRoute(handler)(args(new Request(`${ORIGIN}/api/v1/test`, init)) as never);

describe("apiRoute", () => {
  it("turns an unexpected error into a bare 500 and logs the real error on the server only", async () => {
    const res = await invoke(() => {
      throw new Error("secret database detail at /srv/app/x.ts:12");
    });
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ error: { code: "INTERNAL", message: "Internal error" } });
    expect(text).not.toMatch(/secret|\.ts|at /);
    const [logged] = takeLogs().filter((line) => line.level >= 50);
    expect(logged).toMatchObject({ msg: "API request failed", method: "GET", path: "/api/v1/test" });
    expect(logged!.err!.message).toMatch(/secret database detail/);
    expect(res.headers.get("Cache-Control")).toBe("no-store");
  });

  it("converts a thrown plain Response into the JSON error shape, keeping its status", async () => {
    const res = await invoke(() => {
      throw new Response("Cross-site request refused", { status: 403 });
    });
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ error: { code: "FORBIDDEN", message: "Cross-site request refused" } });
    expect(res.headers.get("Content-Type")).toMatch(/application\/json/);
  });

  it("answers an unsupported method with a JSON 405 and Allow, HEAD going to GET", async () => {
    const handlers = { GET: () => apiJson({ ok: true }), PATCH: () => apiJson({ ok: true }) };
    const del = await invoke(handlers, { method: "DELETE" });
    expect(del.status).toBe(405);
    expect(del.headers.get("Allow")).toBe("GET, HEAD, PATCH");
    expect((await del.json()).error.code).toBe("METHOD_NOT_ALLOWED");
    expect((await invoke(handlers, { method: "HEAD" })).status).toBe(200);
  });

  it("sets no-store and the security headers on every answer", async () => {
    const res = await invoke(() => apiJson({ ok: true }));
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
  });
});

describe("readJson", () => {
  const read = (body: BodyInit | null, headers: Record<string, string> = { "Content-Type": "application/json" }) =>
    invoke(async ({ request }) => apiJson(await readJson(request)), { method: "POST", body, headers });

  it("reads a JSON object", async () => {
    const res = await read(JSON.stringify({ a: 1 }), { "Content-Type": "application/json; charset=utf-8" });
    expect(await res.json()).toEqual({ a: 1 });
  });

  it("refuses malformed JSON, an empty body and a non-object with 400", async () => {
    for (const body of ["{ not json", "", "[1,2]", '"text"', "null"]) {
      const res = await read(body);
      expect(res.status, body).toBe(400);
      expect((await res.json()).error.code).toBe("BAD_REQUEST");
    }
  });

  it("refuses a body that is not declared as JSON with 415", async () => {
    const res = await read("email=a&password=b", { "Content-Type": "application/x-www-form-urlencoded" });
    expect(res.status).toBe(415);
    expect((await res.json()).error.code).toBe("UNSUPPORTED_MEDIA_TYPE");
  });

  it("refuses a body above 1 MB with 413, whether or not Content-Length says so", async () => {
    const big = JSON.stringify({ pad: "x".repeat(MAX_BODY_BYTES) });
    const declared = await read(big, { "Content-Type": "application/json", "Content-Length": String(big.length) });
    expect(declared.status).toBe(413);
    const stream = new ReadableStream({
      start(c) {
        c.enqueue(new TextEncoder().encode(big));
        c.close();
      },
    });
    const chunked = await apiRoute(async ({ request }) => apiJson(await readJson(request)))(
      args(
        new Request(`${ORIGIN}/api/v1/test`, {
          method: "POST",
          body: stream,
          headers: { "Content-Type": "application/json" },
          duplex: "half",
        } as RequestInit),
      ) as never,
    );
    expect(chunked.status).toBe(413);
    expect((await chunked.json()).error.code).toBe("PAYLOAD_TOO_LARGE");
  });
});

describe("unknown API addresses", () => {
  it("answers any method on an unknown /api/v1 path with a JSON 404", async () => {
    for (const method of ["GET", "POST", "PUT", "DELETE"]) {
      const res = await call(method, "/api/v1/nothing/here", { token });
      expect(res.status, method).toBe(404);
      expect(res.body.error.code).toBe("NOT_FOUND");
      expect(res.headers.get("Cache-Control")).toBe("no-store");
    }
    expect((await call("GET", "/api/v1/initiatives/DPO-2026-0001/unknown", { token })).status).toBe(404);
  });
});
