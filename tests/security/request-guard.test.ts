// The request guard's and body reader's decisions, value by value (the server-level suite,
// bad-requests-server.test.ts, sends the same kinds of input over real connections).
import { describe, expect, it } from "vitest";
import { isFormBody, isWellFormedUrlEncoded, readBodyLimited } from "~/utils/request-body.server.ts";
import { isValidHost } from "~/utils/request-guard.server.ts";

describe("isValidHost", () => {
  it.each(["localhost", "localhost:3000", "127.0.0.1:8080", "[::1]:3000", "tracker.dpo.gov.hk", "app_1:80", "a.b."])(
    "accepts %s",
    (host) => expect(isValidHost(host)).toBe(true),
  );
  it.each([
    "",
    "a b",
    "<evil>",
    "[::1",
    "a:b:c",
    "localhost:0",
    "localhost:99999",
    "host/path",
    "user@host",
    "évil.hk",
    "x".repeat(300),
  ])("refuses %j", (host) => expect(isValidHost(host)).toBe(false));
});

describe("form bodies", () => {
  it.each([
    ["application/x-www-form-urlencoded", true],
    ["application/x-www-form-urlencoded; charset=UTF-8", true],
    ["multipart/form-data; boundary=----x", true],
    ["multipart/form-data", false],
    ["multipart/form-data; boundary=", false],
    ["text/plain", false],
    ["application/json", false],
    [null, false],
  ] as const)("%s is a form: %s", (type, expected) => expect(isFormBody(type)).toBe(expected));

  it.each([
    ["a=1&b=%E6%A8%99", true],
    ["a=%ED%A0%80", false],
    ["a=%FF", false],
    ["a=%", false],
    ["a=%E0%A4%A", false],
  ])("%s is well-formed: %s", (text, expected) =>
    expect(isWellFormedUrlEncoded(new TextEncoder().encode(text))).toBe(expected),
  );
  it("refuses raw bytes that are not UTF-8", () => {
    expect(isWellFormedUrlEncoded(Uint8Array.from([0x61, 0x3d, 0xff]))).toBe(false);
  });
});

describe("readBodyLimited", () => {
  const chunked = (size: number) =>
    new Request("http://localhost/x", {
      method: "POST",
      body: new ReadableStream({
        start(controller) {
          for (let sent = 0; sent < size; sent += 1024) controller.enqueue(new Uint8Array(Math.min(1024, size - sent)));
          controller.close();
        },
      }),
      duplex: "half",
    } as RequestInit);

  it("reads a body within the limit", async () => {
    expect((await readBodyLimited(chunked(4096), 4096)).byteLength).toBe(4096);
  });
  it("counts a chunked body as it arrives and refuses it past the limit with a 413", async () => {
    await expect(readBodyLimited(chunked(4097), 4096)).rejects.toMatchObject({ status: 413 });
  });
  it("refuses a declared length past the limit before reading", async () => {
    const request = new Request("http://localhost/x", {
      method: "POST",
      body: "x",
      headers: { "Content-Length": "999999999" },
    });
    await expect(readBodyLimited(request, 4096, true)).rejects.toMatchObject({
      status: 413,
      messageKey: "problems.bodyTooLarge",
    });
  });
});
