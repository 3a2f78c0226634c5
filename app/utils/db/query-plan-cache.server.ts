/**
 * Keeps the query plans Prisma's query compiler makes for reads, so that a read asked again in the same
 * words is not compiled again.
 *
 * Why: with Prisma 6.19's client engine every statement is first compiled by a WebAssembly query compiler,
 * from the query's JSON (values included) to a plan; nothing keeps the result. That compilation is a fifth
 * to a third of the server's busy time on page loads, while most of a page's reads repeat from one view to
 * the next (the session, the unread count, the register's page for the same filters, the bureaux). A plan
 * depends only on that JSON and the schema, so the same JSON gets the same plan.
 *
 * What is kept: reads only (find…, count, aggregate, groupBy), whose JSON is at most {@link MAX_QUERY_LENGTH}
 * characters; writes carry fresh values every time and would only push reads out. Per compiler (one per
 * client, so per database and provider), the {@link KEPT_PLANS} most recently used. A kept plan is frozen:
 * should Prisma ever change a plan while running it, that is an error here instead of a wrong answer later.
 *
 * How: the compiler class of each provider's runtime module (the module Prisma loads itself) gets its
 * `compile` wrapped once. If a Prisma upgrade moves or renames it, nothing is wrapped and nothing changes.
 */
import * as postgresCompiler from "@prisma/client/runtime/query_compiler_bg.postgresql.mjs";
import * as sqliteCompiler from "@prisma/client/runtime/query_compiler_bg.sqlite.mjs";
import { LruCache } from "~/utils/lru-cache.ts";

export const KEPT_PLANS = 500;
export const MAX_QUERY_LENGTH = 4000;
const READ =
  /^\{"modelName":"[A-Za-z]+","action":"(findUnique|findUniqueOrThrow|findFirst|findFirstOrThrow|findMany|aggregate|groupBy)"/;

type Compiler = { compile(request: string): unknown };
const plansOf = new WeakMap<object, LruCache<string, unknown>>();
let hits = 0;
let misses = 0;

/** How many reads found their plan kept, and how many were compiled (since the process started). */
export function queryPlanCacheCounts() {
  return { hits, misses };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

function keepPlans(module: { QueryCompiler?: { prototype: Compiler } }): void {
  const proto = module.QueryCompiler?.prototype;
  if (!proto || typeof proto.compile !== "function" || (proto.compile as { kept?: true }).kept) return;
  const compile = proto.compile;
  const kept = function (this: Compiler, request: string): unknown {
    if (request.length > MAX_QUERY_LENGTH || !READ.test(request)) return compile.call(this, request);
    let plans = plansOf.get(this);
    if (!plans) plansOf.set(this, (plans = new LruCache(KEPT_PLANS)));
    const plan = plans.get(request);
    if (plan !== undefined) {
      hits++;
      return plan;
    }
    misses++;
    const made = deepFreeze(compile.call(this, request));
    plans.set(request, made);
    return made;
  };
  proto.compile = Object.assign(kept, { kept: true as const });
}

keepPlans(sqliteCompiler);
keepPlans(postgresCompiler);
