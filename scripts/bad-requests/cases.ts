/**
 * Generated bad requests against a real server, family by family: every kind of input the app must turn
 * into a 4xx without writing anything. Deterministic (a seeded generator), so a failure can be replayed
 * with the same seed and count.
 */
import { SeededRandom } from "../lib/seeded-random.ts";

export type BadRequest = {
  family: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
  /** Send the body with `Transfer-Encoding: chunked` (no declared length). */
  chunked?: boolean;
};

/** What the generator needs from a signed-in session: an officer's cookie, CSRF token, API token, a draft. */
export type Credentials = { cookie: string; csrf: string; token: string; ref: string; origin: string; host: string };

const KB = 1024;
const MB = 1024 * KB;

const ODD_TEXT = [
  "A".repeat(5000),
  "標".repeat(3000),
  "\u202Eevil\u202C",
  "nul\u0000byte",
  "zero\u200Bwidth\uFEFF",
  "e\u0301\u0301\u0301",
  "𠜎𠜱😀🇭🇰",
  '\'; DROP TABLE "Initiative"; --',
  "<script>alert(1)</script>",
  "${7*7}{{7*7}}",
  "../../etc/passwd",
  "\u3000",
  "\r\n\t",
];
const ODD_NUMBERS = [
  "1e308",
  "-1",
  "0",
  "NaN",
  "Infinity",
  "-Infinity",
  "1.5",
  "99999999999999999999",
  "0x10",
  "1e-7",
  "-0",
  " ",
  "%",
  "1;DROP",
  "10001",
];
const LONE_SURROGATES = ["\\ud800", "\\udfff", "\\ud83d", "x\\ude00y", "\\ud800\\ud800"];
const BAD_UTF8 = [
  Buffer.from([0xff, 0xfe]),
  Buffer.from([0xc3]),
  Buffer.from([0xed, 0xa0, 0x80]),
  Buffer.from([0xe2, 0x28, 0xa1]),
  Buffer.from([0xf8, 0x88, 0x80, 0x80, 0x80]),
  Buffer.from([0xc0, 0xaf]),
];
const BAD_HOSTS = [
  "a b",
  "<evil>",
  "[::1",
  "a:b:c",
  "localhost:99999",
  "localhost:0",
  "exa mple.org:80",
  "%2e%2e",
  "x".repeat(300),
  "évil.example",
  "host/path",
  "host?q",
  "host#frag",
  "user@host",
  "",
  "\\\\evil",
];
const ODD_METHODS = [
  "TRACE",
  "PROPFIND",
  "MKCOL",
  "LOCK",
  "UNLOCK",
  "COPY",
  "MOVE",
  "FOO",
  "PURGE",
  "OPTIONS",
  "SEARCH",
  "REPORT",
];
const NON_FORM_TYPES = [
  "text/plain",
  "application/json",
  "multipart/form-data",
  "multipart/form-data; boundary=",
  "multipart/form-data; charset=utf-8",
  "application/octet-stream",
  "application/xml",
  "",
  "x-www-form-urlencoded",
  "text/html; charset=utf-7",
];
const MALFORMED_JSON = [
  "{",
  '{"a":}',
  '{"a":1,}',
  "[]",
  "null",
  "42",
  '"text"',
  "{'single':1}",
  '{"a":1} trailing',
  "\uFEFF{}",
  '{"a":1e999}',
  '{"__proto__":{"polluted":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  "/* comment */ {}",
  '{"a":NaN}',
  '{"a":"\\x41"}',
  "[".repeat(5000) + "]".repeat(5000),
  '{"a":' + "[".repeat(20000) + "]".repeat(20000) + "}",
  " ",
  "",
];

type Family = (r: SeededRandom, c: Credentials) => BadRequest;

const pagePaths = (c: Credentials) => [
  "/initiatives/new",
  `/initiatives/${c.ref}/edit`,
  `/initiatives/${c.ref}`,
  "/account",
  "/admin",
  "/",
  "/logout",
];
const anonymousForms = ["/login", "/lang"];

function sessionHeaders(c: Credentials, extra: Record<string, string> = {}): Record<string, string> {
  return { Host: c.host, Origin: c.origin, Cookie: c.cookie, ...extra };
}
function tokenHeaders(c: Credentials, extra: Record<string, string> = {}): Record<string, string> {
  return { Host: c.host, Authorization: `Bearer ${c.token}`, ...extra };
}

const jsonWriteTargets = (c: Credentials): [string, string][] => [
  ["POST", "/api/v1/tokens"],
  ["POST", "/api/v1/initiatives"],
  ["PATCH", `/api/v1/initiatives/${c.ref}`],
  ["POST", `/api/v1/initiatives/${c.ref}/events`],
  ["POST", `/api/v1/initiatives/${c.ref}/comments`],
];

function filler(size: number): Buffer {
  return Buffer.alloc(size, "a");
}

/** Each family builds one request; the generator cycles through them so every family is well covered. */
export const FAMILIES: Record<string, Family> = {
  "oversized sign-in form": (r, c) => {
    const size = r.pick([17 * KB, 64 * KB, 1 * MB + 1, 3 * MB]);
    const body = Buffer.concat([Buffer.from("password=x&email="), filler(size)]);
    return {
      family: "",
      method: "POST",
      path: r.pick(anonymousForms),
      headers: { Host: c.host, Origin: c.origin, "Content-Type": "application/x-www-form-urlencoded" },
      body,
      chunked: r.chance(0.5),
    };
  },
  "oversized page form": (r, c) => {
    const size = r.pick([1 * MB + 1, 1.5 * MB, 3 * MB]);
    const body = Buffer.concat([Buffer.from(`_csrf=${c.csrf}&summary=`), filler(size)]);
    return {
      family: "",
      method: "POST",
      path: r.pick(pagePaths(c)),
      headers: sessionHeaders(c, { "Content-Type": "application/x-www-form-urlencoded" }),
      body,
      chunked: r.chance(0.5),
    };
  },
  "oversized JSON": (r, c) => {
    const [method, path] = r.pick(jsonWriteTargets(c));
    const size = r.pick([1 * MB + 1, 1.5 * MB, 3 * MB]);
    const body = Buffer.concat([Buffer.from('{"summary":"'), filler(size), Buffer.from('"}')]);
    return {
      family: "",
      method,
      path,
      headers: tokenHeaders(c, { "Content-Type": "application/json" }),
      body,
      chunked: r.chance(0.5),
    };
  },
  "lone surrogate in JSON": (r, c) => {
    const [method, path] = r.pick(jsonWriteTargets(c));
    const s = r.pick(LONE_SURROGATES);
    const field = r.pick(["titleEn", "summary", "email", "password", "type", "body", "text", "reason", s]);
    const body = Buffer.from(
      `{"${field}":"${s}","email":"a${s}@x.org","password":"p${s}","type":"SUBMIT","body":"${s}","titleEn":"${s}"}`,
    );
    return { family: "", method, path, headers: tokenHeaders(c, { "Content-Type": "application/json" }), body };
  },
  "invalid UTF-8": (r, c) => {
    const bytes = r.pick(BAD_UTF8);
    if (r.chance(0.5)) {
      const [method, path] = r.pick(jsonWriteTargets(c));
      const body = Buffer.concat([Buffer.from('{"titleEn":"'), bytes, Buffer.from('","email":"x","password":"y"}')]);
      return { family: "", method, path, headers: tokenHeaders(c, { "Content-Type": "application/json" }), body };
    }
    const body = Buffer.concat([Buffer.from(`_csrf=${c.csrf}&titleEn=`), bytes, Buffer.from("&summary=%ED%A0%80%FF")]);
    return {
      family: "",
      method: "POST",
      path: r.pick(["/initiatives/new", `/initiatives/${c.ref}/edit`, "/login"]),
      headers: sessionHeaders(c, { "Content-Type": "application/x-www-form-urlencoded" }),
      body,
    };
  },
  "non-form body to a page action": (r, c) => {
    const type = r.pick(NON_FORM_TYPES);
    const path = r.pick([...pagePaths(c), ...anonymousForms]);
    const body = Buffer.from(
      r.pick(['{"email":"a@b.c","password":"x"}', "hello", "--x\r\nContent-Disposition: form-data\r\n\r\n", ""]),
    );
    return { family: "", method: "POST", path, headers: sessionHeaders(c, type ? { "Content-Type": type } : {}), body };
  },
  "absurd paging": (r, c) => {
    const name = r.pick(["page", "pageSize", "page", "page"]);
    const value = r.pick(ODD_NUMBERS);
    const api = r.chance(0.5);
    const path = api
      ? r.pick(["/api/v1/initiatives", "/api/v1/dashboard"])
      : r.pick(["/initiatives", "/initiatives/export.csv", "/reviews", "/dashboard", "/finance-committee"]);
    const query = `${name}=${encodeURIComponent(value)}${r.chance(0.3) ? `&fy=${encodeURIComponent(r.pick(ODD_NUMBERS))}` : ""}`;
    return {
      family: "",
      method: "GET",
      path: `${path}?${query}`,
      headers: api ? tokenHeaders(c) : sessionHeaders(c),
    };
  },
  "unknown method": (r, c) => ({
    family: "",
    method: r.pick(ODD_METHODS),
    path: r.pick([
      "/",
      "/login",
      "/initiatives",
      "/api/v1/initiatives",
      `/initiatives/${c.ref}`,
      "/healthz",
      "/favicon.svg",
    ]),
    headers: r.chance(0.5) ? sessionHeaders(c) : tokenHeaders(c),
  }),
  "malformed Host": (r, c) => {
    const bad = r.pick(BAD_HOSTS);
    const forwarded = r.chance(0.3);
    return {
      family: "",
      method: r.pick(["GET", "POST"]),
      path: r.pick(["/", "/login", "/initiatives", "/api/v1/initiatives", "/healthz"]),
      headers: forwarded
        ? { ...sessionHeaders(c), "X-Forwarded-Host": bad }
        : { ...sessionHeaders(c), Host: bad, "Content-Type": "application/x-www-form-urlencoded" },
      body: Buffer.from(`_csrf=${c.csrf}`),
    };
  },
  "oversized headers and cookies": (r, c) => {
    const kind = r.int(0, 4);
    const headers: Record<string, string> =
      kind === 0
        ? { Host: c.host, Cookie: `${c.cookie}; junk=${"x".repeat(r.pick([4 * KB, 20 * KB, 70 * KB]))}` }
        : kind === 1
          ? { Host: c.host, Cookie: Array.from({ length: 300 }, (_, i) => `c${i}=${"y".repeat(30)}`).join("; ") }
          : kind === 2
            ? { Host: c.host, "X-Padding": "z".repeat(r.pick([8 * KB, 17 * KB, 40 * KB])) }
            : kind === 3
              ? {
                  Host: c.host,
                  Cookie: r.pick([
                    "__Host-it_session=%%%",
                    "it_session=" + "a".repeat(2000),
                    "lang=%E0%A4%A",
                    "lang=\u00ff",
                  ]),
                }
              : { Host: c.host, "Accept-Language": r.pick(["x".repeat(8000), "*;q=2", "zh-Hant;q=NaN", ",,,,;"]) };
    return { family: "", method: "GET", path: r.pick(["/", "/login", "/initiatives", "/api/v1/initiatives"]), headers };
  },
  "malformed JSON": (r, c) => {
    const [method, path] = r.pick(jsonWriteTargets(c));
    return {
      family: "",
      method,
      path,
      headers: tokenHeaders(c, {
        "Content-Type": r.pick(["application/json", "application/json; charset=utf-8", "application/problem+json"]),
      }),
      body: Buffer.from(r.pick(MALFORMED_JSON)),
    };
  },
  "wrong JSON types": (r, c) => {
    const [method, path] = r.pick(jsonWriteTargets(c).slice(1));
    const value = () =>
      r.pick<unknown>([null, true, 1e308, -1, [], {}, [1, 2], "", r.pick(ODD_TEXT), { nested: { deep: [1] } }]);
    // Always one field that no schema accepts, so a case can never be a valid request by chance.
    const body: Record<string, unknown> = { titleEn: { not: "a string" }, type: ["SUBMIT"], body: 12 };
    for (const key of [
      "summary",
      "category",
      "nonRecurrentCost",
      "plannedStart",
      "milestones",
      "expectedVersion",
      "reason",
      "payload",
    ]) {
      if (r.chance(0.5)) body[key] = value();
    }
    return {
      family: "",
      method,
      path,
      headers: tokenHeaders(c, { "Content-Type": "application/json" }),
      body: Buffer.from(JSON.stringify(body)),
    };
  },
  "odd paths and queries": (r, c) => ({
    family: "",
    method: "GET",
    path: r.pick([
      "/initiatives/%E0%A4%A",
      "/initiatives/%00",
      "/initiatives/..%2f..%2fetc%2fpasswd",
      "/api/v1/initiatives/%ZZ",
      `/api/v1/initiatives/${"x".repeat(4000)}`,
      "/initiatives?q=%",
      "/initiatives?stage=%3Cscript%3E",
      "/initiatives?" + Array.from({ length: 500 }, () => "stage=DRAFT").join("&"),
      "/initiatives?sort=__proto__&dir=sideways",
      "/dashboard?fy=9999-99",
      "/reviews?tab=%F0%9F%98%80",
      "/login?redirectTo=%09%2F%2Fevil.example",
      "//evil.example/",
      "/%2e%2e/%2e%2e/",
      `/api/v1/initiatives/${c.ref}?include=%00`,
      "/api/v1/initiatives?include=" + "x,".repeat(1000),
    ]),
    headers: r.chance(0.5) ? sessionHeaders(c) : tokenHeaders(c),
  }),
  "forged or odd forms": (r, c) => {
    const fields = new URLSearchParams();
    if (r.chance(0.5)) fields.set("_csrf", r.pick(["", "wrong", c.csrf + "x"]));
    for (let i = 0; i < r.int(1, 6); i++)
      fields.append(r.pick(["intent", "type", "titleEn", "lang", "redirectTo", "__proto__"]), r.pick(ODD_TEXT));
    if (r.chance(0.3)) for (let i = 0; i < 5000; i++) fields.append(`f${i}`, "v");
    return {
      family: "",
      method: "POST",
      path: r.pick([...pagePaths(c), "/lang"]),
      headers: sessionHeaders(c, {
        "Content-Type": "application/x-www-form-urlencoded",
        ...(r.chance(0.2) ? { Origin: "https://evil.example" } : {}),
      }),
      body: Buffer.from(fields.toString()),
    };
  },
};

/** `count` bad requests, cycling through every family (so each is covered), varied by the seed. */
export function* generateBadRequests(count: number, credentials: Credentials, seed = 19): Generator<BadRequest> {
  const r = new SeededRandom(seed);
  const names = Object.keys(FAMILIES);
  for (let i = 0; i < count; i++) {
    const name = names[i % names.length]!;
    yield { ...FAMILIES[name]!(r, credentials), family: name };
  }
}
