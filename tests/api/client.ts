// A small HTTP-like client for the JSON API tests: it builds real Requests and hands them to the real
// route modules, picking the module and params the way Remix's flat routes would, and the loader for
// GET/HEAD or the action for every other method, as Remix does.
import * as tokens from "~/routes/api.v1.tokens.ts";
import * as initiatives from "~/routes/api.v1.initiatives._index.ts";
import * as initiative from "~/routes/api.v1.initiatives.$ref._index.ts";
import * as events from "~/routes/api.v1.initiatives.$ref.events.ts";
import * as comments from "~/routes/api.v1.initiatives.$ref.comments.ts";
import * as splat from "~/routes/api.v1.$.ts";
import * as attachments from "~/routes/api.v1.initiatives.$ref.attachments._index.ts";
import * as attachment from "~/routes/api.v1.initiatives.$ref.attachments.$id.ts";
import * as openapi from "~/routes/api.v1.openapi[.]json.ts";
import * as fundingRounds from "~/routes/api.v1.funding-rounds._index.ts";
import * as fundingRound from "~/routes/api.v1.funding-rounds.$fy._index.ts";
import * as fundingScores from "~/routes/api.v1.funding-rounds.$fy.scores.$ref.ts";
import * as fundingFinalise from "~/routes/api.v1.funding-rounds.$fy.finalise.ts";
import * as fundingMoves from "~/routes/api.v1.funding-rounds.$fy.moves.ts";
import * as fundingUrgent from "~/routes/api.v1.funding-rounds.$fy.urgent.ts";
import * as notifications from "~/routes/api.v1.notifications._index.ts";
import * as notificationsRead from "~/routes/api.v1.notifications.read.ts";
import * as delegations from "~/routes/api.v1.delegations._index.ts";
import * as delegation from "~/routes/api.v1.delegations.$id.ts";
import { DEMO_PASSWORD } from "../../prisma/seed/index.ts";
import { args, ORIGIN, run } from "../helpers/http.ts";
import { checkAnswer } from "./contract.ts";

type RouteModule = { loader: (a: never) => Promise<Response>; action: (a: never) => Promise<Response> };

function route(pathname: string): { module: RouteModule; params: Record<string, string> } {
  const parts = pathname.replace(/\/+$/, "").split("/").slice(1).map(decodeURIComponent);
  const [api, v1, a, ref, sub, ...more] = parts;
  if (api === "api" && v1 === "v1" && a === "initiatives" && ref !== undefined && sub === "attachments") {
    if (more.length === 0) return { module: attachments, params: { ref } };
    if (more.length === 1) return { module: attachment, params: { ref, id: more[0]! } };
  }
  if (api === "api" && v1 === "v1" && a === "openapi.json" && ref === undefined) return { module: openapi, params: {} };
  if (api === "api" && v1 === "v1" && a === "funding-rounds") {
    const fy = ref;
    if (fy === undefined) return { module: fundingRounds, params: {} };
    if (sub === undefined) return { module: fundingRound, params: { fy } };
    if (sub === "scores" && more.length === 1) return { module: fundingScores, params: { fy, ref: more[0]! } };
    if (sub === "finalise" && more.length === 0) return { module: fundingFinalise, params: { fy } };
    if (sub === "moves" && more.length === 0) return { module: fundingMoves, params: { fy } };
    if (sub === "urgent" && more.length === 0) return { module: fundingUrgent, params: { fy } };
  }
  if (api === "api" && v1 === "v1" && more.length === 0) {
    if (a === "tokens" && ref === undefined) return { module: tokens, params: {} };
    if (a === "notifications" && ref === undefined) return { module: notifications, params: {} };
    if (a === "notifications" && ref === "read" && sub === undefined) return { module: notificationsRead, params: {} };
    if (a === "delegations" && ref === undefined) return { module: delegations, params: {} };
    if (a === "delegations" && ref !== undefined && sub === undefined)
      return { module: delegation, params: { id: ref } };
    if (a === "initiatives" && ref === undefined) return { module: initiatives, params: {} };
    if (a === "initiatives" && ref !== undefined && sub === undefined) return { module: initiative, params: { ref } };
    if (a === "initiatives" && ref !== undefined && sub === "events") return { module: events, params: { ref } };
    if (a === "initiatives" && ref !== undefined && sub === "comments") return { module: comments, params: { ref } };
  }
  return { module: splat, params: { "*": parts.slice(2).join("/") } };
}

/** `raw` is the untouched Response of a file download (its body not yet read). */
export type ApiResponse<T = any> = { status: number; headers: Headers; body: T; raw?: Response };

export type CallOptions = {
  token?: string;
  /** Serialised as JSON with `Content-Type: application/json`. */
  json?: unknown;
  /** Sent as is (for malformed bodies); set the content type in `headers`. */
  raw?: BodyInit;
  headers?: Record<string, string>;
  /** The raw body is a stream (sent chunked, without Content-Length). */
  duplex?: boolean;
};

/** Sends one request through the matching API route module and reads the JSON answer. */
export async function call<T = any>(method: string, path: string, opts: CallOptions = {}): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.token) headers.Authorization = `Bearer ${opts.token}`;
  let body: BodyInit | undefined = opts.raw;
  // fetch's Request refuses a body on GET and HEAD, as a real client would never send one.
  if (opts.json !== undefined && method !== "GET" && method !== "HEAD") {
    body = JSON.stringify(opts.json);
    headers["Content-Type"] ??= "application/json";
  }
  const request = new Request(`${ORIGIN}${path}`, {
    method,
    headers,
    body,
    ...(opts.duplex ? { duplex: "half" } : {}),
  } as RequestInit);
  const { module, params } = route(new URL(request.url).pathname);
  const fn = method === "GET" || method === "HEAD" ? module.loader : module.action;
  const res = await run(() => fn(args(request, params) as never));
  const isJson = (res.headers.get("Content-Type") ?? "").includes("json");
  const text = isJson || res.status >= 400 ? await res.text() : "";
  const parsed = text ? JSON.parse(text) : null;
  // Every answer an API test receives must match the OpenAPI contract.
  if (method !== "HEAD") await checkAnswer(method, new URL(request.url).pathname, res.status, parsed);
  return {
    status: res.status,
    headers: res.headers,
    body: parsed,
    ...(isJson || res.status >= 400 ? {} : { raw: res }),
  };
}

/** A token for a demo account, through POST /api/v1/tokens. */
export async function tokenFor(email: string, password = DEMO_PASSWORD): Promise<string> {
  const res = await call<{ token: string }>("POST", "/api/v1/tokens", { json: { email, password } });
  if (res.status !== 201) throw new Error(`token for ${email}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.token;
}

/** Tokens for every demo account, by the factories' short names. */
export async function demoTokens() {
  const [itb, immd, dg, dgov, di, leader, admin] = await Promise.all(
    [
      "officer.itb@demo.gov.hk",
      "officer.immd@demo.gov.hk",
      "reviewer.dg@demo.gov.hk",
      "reviewer.dgov@demo.gov.hk",
      "reviewer.di@demo.gov.hk",
      "leader@demo.gov.hk",
      "admin@demo.gov.hk",
    ].map((email) => tokenFor(email)),
  );
  return { itb: itb!, immd: immd!, dg: dg!, dgov: dgov!, di: di!, leader: leader!, admin: admin! };
}
export type Tokens = Awaited<ReturnType<typeof demoTokens>>;
