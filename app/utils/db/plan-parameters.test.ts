import { describe, expect, it } from "vitest";
import { bind, parameterise, plainDecimal, PARAM_PREFIX } from "./plan-parameters.ts";

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

  it("replaces fractions too, but not whole numbers beyond the safe range", () => {
    const a = parameterise(request("updateMany", { where: { score: { gt: 0.5 } }, data: { score: 6.5e-7 } }));
    expect(a!.values).toEqual([0.5, 6.5e-7]);
    expect(parameterise(request("updateMany", { where: { score: { gt: 1.25 } }, data: { score: 3.75 } }))!.shape).toBe(
      a!.shape,
    );
    expect(parameterise(request("findMany", { where: { score: 2 ** 60 } }))).toBeNull();
  });

  it("leaves what shapes the query: null, lists of values, paging, ordering and patterns", () => {
    const args = {
      where: { email: { in: ["a", "b"], startsWith: "x" }, disabledAt: null, score: [0.5] },
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

  it("writes a fraction as the compiler does, typed as the compiler typed it", () => {
    const plan = {
      args: [{ prisma__type: "param", prisma__value: { name: `${PARAM_PREFIX}0`, type: "Float" } }],
      argTypes: [{ scalarType: "decimal" }],
    };
    expect(bind(plan, [6.712962962962963e-7])).toEqual({
      args: ["0.0000006712962962962963"],
      argTypes: [{ scalarType: "decimal" }],
    });
  });

  it("refuses a fraction where the column holds whole numbers, as the compiler would", () => {
    const plan = { args: [{ prisma__type: "param", prisma__value: { name: `${PARAM_PREFIX}0`, type: "Int" } }] };
    expect(() => bind(plan, [2.5])).toThrow(/not a whole number/);
  });
});

describe("plainDecimal", () => {
  it("rounds the exact value to 16 significant digits, half to even, and never writes an exponent", () => {
    expect(plainDecimal(0.30000000000000004)).toBe("0.3");
    expect(plainDecimal(2.8333333333333335)).toBe("2.833333333333333");
    // Exact ties at the 17th digit: to the even 16th.
    expect(plainDecimal(46.396636962890625)).toBe("46.39663696289062");
    expect(plainDecimal(2254681587219237.5)).toBe("2254681587219238");
    expect(plainDecimal(2254681587219238.5)).toBe("2254681587219238");
    expect(plainDecimal(6.712962962962963e-7)).toBe("0.0000006712962962962963");
    expect(plainDecimal(-0.000001234)).toBe("-0.000001234");
    expect(plainDecimal(1e21)).toBe("1000000000000000000000");
    expect(plainDecimal(5e-324)).toBe(`0.${"0".repeat(323)}4940656458412465`);
    expect(plainDecimal(1 - 2 ** -53)).toBe("0.9999999999999999");
    // Rounding up from sixteen nines carries into the next power of ten.
    expect(plainDecimal(1e-305)).toBe(`0.${"0".repeat(304)}1`);
    expect(plainDecimal(123456.789)).toBe("123456.789");
  });
});
