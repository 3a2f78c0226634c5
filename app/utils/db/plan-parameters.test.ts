import { describe, expect, it } from "vitest";
import { bind, parameterise, PARAM_PREFIX } from "./plan-parameters.ts";

const request = (action: string, args: unknown, modelName: string | null = "LoginAttempt") =>
  JSON.stringify({
    ...(modelName ? { modelName } : {}),
    action,
    query: { arguments: args, selection: { $scalars: true } },
  });
const param = (n: number) => ({ $type: "Param", value: `${PARAM_PREFIX}${n}` });

describe("parameterise", () => {
  it("replaces plain values in the arguments, not in the selection, and two requests of one shape match", () => {
    const a = parameterise(
      request("findMany", {
        where: {
          email: "a@example.org",
          attempts: 3,
          locked: false,
          at: { $type: "DateTime", value: "2026-01-01T00:00:00.000Z" },
        },
      }),
    );
    const b = parameterise(
      request("findMany", {
        where: {
          email: "b@example.org",
          attempts: 4,
          locked: true,
          at: { $type: "DateTime", value: "2027-01-01T00:00:00.000Z" },
        },
      }),
    );
    expect(a!.values).toEqual(["a@example.org", 3, false, "2026-01-01T00:00:00.000Z"]);
    expect(JSON.parse(a!.shape).query).toEqual({
      arguments: { where: { email: param(0), attempts: param(1), locked: param(2), at: param(3) } },
      selection: { $scalars: true },
    });
    expect(a!.shape).toBe(b!.shape);
  });

  it("leaves what shapes the query: null, fractions, lists of values, paging, ordering and patterns", () => {
    const args = {
      where: { email: { in: ["a", "b"], startsWith: "x" }, disabledAt: null, score: 0.5 },
      orderBy: { email: "asc" },
      take: 10,
      skip: 20,
    };
    expect(parameterise(request("findMany", args))).toBeNull();
  });

  it("walks into lists of objects, keeping their length in the shape", () => {
    const two = parameterise(request("createMany", { data: [{ email: "a" }, { email: "b" }] }));
    const three = parameterise(request("createMany", { data: [{ email: "a" }, { email: "b" }, { email: "c" }] }));
    expect(two!.values).toEqual(["a", "b"]);
    expect(two!.shape).not.toBe(three!.shape);
  });

  it("leaves upserts and raw SQL whole", () => {
    expect(parameterise(request("upsertOne", { where: { id: "x" }, create: { id: "x" }, update: {} }))).toBeNull();
    expect(parameterise(request("queryRaw", { query: "SELECT 1", parameters: "[]" }, null))).toBeNull();
  });
});

describe("bind", () => {
  it("puts each value back where its placeholder stands, numbers as digits typed bigint beside the other arguments", () => {
    const placeholder = (n: number, type: string) => ({
      prisma__type: "param",
      prisma__value: { name: `${PARAM_PREFIX}${n}`, type },
    });
    const plan = {
      type: "query",
      args: [
        placeholder(0, "String"),
        placeholder(1, "Int"),
        { prisma__type: "param", prisma__value: { name: "@generated$id" } },
      ],
      argTypes: [{ scalarType: "string" }, { scalarType: "int" }, { scalarType: "string" }],
    };
    expect(bind(plan, ["a@example.org", 7])).toEqual({
      type: "query",
      args: ["a@example.org", "7", { prisma__type: "param", prisma__value: { name: "@generated$id" } }],
      argTypes: [{ scalarType: "string" }, { scalarType: "bigint" }, { scalarType: "string" }],
    });
    // The kept plan itself is not changed.
    expect(plan.args[0]).toEqual(placeholder(0, "String"));
  });
});
