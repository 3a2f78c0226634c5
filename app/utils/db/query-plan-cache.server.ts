/**
 * Keeps the query plans Prisma's query compiler makes, per query shape, so that a query asked again (with
 * the same values or others) is not compiled again.
 *
 * Why: with Prisma 6.19's client engine every statement is first compiled by a WebAssembly query compiler,
 * from the query's JSON (values included) to a plan; nothing keeps the result. That compilation was a fifth
 * to a third of the server's busy time on page loads, and a fifth of a lifecycle transition's, where every
 * write carries fresh values (a timestamp, a version, an id).
 *
 * What is kept: the plan of a query's shape, its plain values replaced by placeholders (plan-parameters.ts);
 * each use gets a copy with its own values put back, exactly as the compiler would have written them. Queries
 * whose shape is longer than {@link MAX_QUERY_LENGTH} characters (a long value, such as an initiative's
 * snapshot, does not count), and raw SQL, are compiled each time. Per
 * compiler (one per client, so per database and provider), the {@link KEPT_PLANS} most recently used. A kept
 * plan is frozen: should Prisma ever change a plan while running it, that is an error here instead of a
 * wrong answer later.
 *
 * How: the compiler class of each provider's runtime module (the module Prisma loads itself) gets its
 * `compile` wrapped once. If a Prisma upgrade moves or renames it, nothing is wrapped and nothing changes.
 * {@link comparePlans} (tests) compiles each query both ways and throws where the plans differ, so that a
 * Prisma upgrade that writes values differently is caught by the test suite, not by the data.
 */
import * as postgresCompiler from "@prisma/client/runtime/query_compiler_bg.postgresql.mjs";
import * as sqliteCompiler from "@prisma/client/runtime/query_compiler_bg.sqlite.mjs";
import { LruCache } from "~/utils/lru-cache.ts";
import { bind, parameterise } from "./plan-parameters.ts";

export const KEPT_PLANS = 500;
export const MAX_QUERY_LENGTH = 4000;

type Compiler = { compile(request: string): unknown };
const plansOf = new WeakMap<object, LruCache<string, unknown>>();
let hits = 0;
let misses = 0;
let comparing = false;
let compared = 0;

/** How many queries found their plan kept, and how many were compiled (since the process started). */
export function queryPlanCacheCounts() {
  return { hits, misses };
}

/**
 * Tests: while on, every query with values is also compiled as it came, and a kept plan with its values put
 * back must equal that plan, or the query throws. Answers how many queries were compared so far.
 */
export function comparePlans(on: boolean): number {
  comparing = on;
  return compared;
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
    const parameterised = parameterise(request);
    const key = parameterised?.shape ?? request;
    if (key.length > MAX_QUERY_LENGTH || !key.startsWith('{"modelName"')) return compile.call(this, request);
    let plans = plansOf.get(this);
    if (!plans) plansOf.set(this, (plans = new LruCache(KEPT_PLANS)));
    let plan = plans.get(key);
    if (plan !== undefined) {
      hits++;
    } else {
      misses++;
      plan = deepFreeze(compile.call(this, key));
      plans.set(key, plan);
    }
    if (!parameterised) return plan;
    const bound = bind(plan, parameterised.values);
    if (comparing) {
      compared++;
      const direct = JSON.stringify(compile.call(this, request));
      if (JSON.stringify(bound) !== direct) throw new Error(`A kept plan differs from the compiler's for ${request}`);
    }
    return bound;
  };
  proto.compile = Object.assign(kept, { kept: true as const });
}

keepPlans(sqliteCompiler);
keepPlans(postgresCompiler);
