/**
 * Query plans that hold placeholders instead of values, so that Prisma's query compiler compiles a query's
 * shape once, whatever its values (see query-plan-cache.server.ts).
 *
 * `parameterise(request)` replaces the plain values of a JSON-protocol request's arguments (strings, numbers,
 * booleans, dates) with `$type: "Param"` placeholders and returns the values apart; `bind(plan, values)`
 * puts them back where the compiler left the placeholders, as the compiler writes a value it was given.
 *
 * Left as they are, because they change the query's shape or the compiler reads them: null, lists of values
 * (lists of objects are walked into, keeping their length), whole numbers beyond the safe range,
 * other typed values (JSON, bytes, big integers, decimals, field references), whatever sits under the keys in
 * {@link SHAPE_KEYS} (paging, ordering, pattern matching), and upserts and raw SQL as a whole. In the test
 * suite every plan made this way is compared with the compiler's own (query-plan-cache.server.ts).
 */
export const PARAM_PREFIX = "$kept";

/** Argument keys whose values shape the plan (LIMIT and its direction, ordering, LIKE patterns). */
const SHAPE_KEYS = new Set([
  "take",
  "skip",
  "cursor",
  "distinct",
  "orderBy",
  "contains",
  "startsWith",
  "endsWith",
  "search",
  "mode",
  "relationLoadStrategy",
  "by",
  "having",
]);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** The request with placeholders, and the values in placeholder order; null when nothing was replaced. */
export function parameterise(request: string): { shape: string; values: Json[] } | null {
  // Raw SQL (no model) is not worth reading: it is compiled as it comes.
  if (!request.startsWith('{"modelName"')) return null;
  const parsed = JSON.parse(request) as { [key: string]: Json };
  // An upsert's plan depends on its values: the database's own upsert only where the unique key it looks for
  // is the one it would create.
  if (String(parsed.action).startsWith("upsert")) return null;
  const values: Json[] = [];
  const placeholder = (value: Json): Json => {
    values.push(value);
    return { $type: "Param", value: `${PARAM_PREFIX}${values.length - 1}` };
  };
  const walkArguments = (node: Json, key: string | null): Json => {
    if (key !== null && SHAPE_KEYS.has(key)) return node;
    if (typeof node === "string" || typeof node === "boolean") return placeholder(node);
    // Whole numbers beyond the safe range are left (JSON's numbers are finite, and never -0).
    if (typeof node === "number")
      return Number.isSafeInteger(node) || !Number.isInteger(node) ? placeholder(node) : node;
    if (node === null) return node;
    // A list of objects (rows to create, OR / AND clauses) keeps its length in the shape, not its values; a
    // list of values (`in`) is left whole: its length shapes the SQL.
    if (Array.isArray(node)) {
      const objects = node.every(
        (item) => item !== null && typeof item === "object" && !Array.isArray(item) && !("$type" in item),
      );
      return objects ? node.map((item) => walkArguments(item, null)) : node;
    }
    if ("$type" in node) return node.$type === "DateTime" ? placeholder(node.value ?? null) : node;
    const out: { [key: string]: Json } = {};
    for (const [k, v] of Object.entries(node)) out[k] = walkArguments(v, k);
    return out;
  };
  const walk = (node: Json): Json => {
    if (node === null || typeof node !== "object" || Array.isArray(node)) return node;
    const out: { [key: string]: Json } = {};
    for (const [k, v] of Object.entries(node)) out[k] = k === "arguments" ? walkArguments(v, null) : walk(v);
    return out;
  };
  const shape = walk(parsed);
  return values.length === 0 ? null : { shape: JSON.stringify(shape), values };
}

type Placeholder = { prisma__type: "param"; prisma__value: { name: string; type?: string } };

/** The index of the value that `node` stands for, when it is one of our placeholders. */
function placeholderIndex(node: unknown): number | null {
  const p = node as Placeholder | null;
  if (p === null || typeof p !== "object" || p.prisma__type !== "param") return null;
  const name = p.prisma__value?.name;
  return typeof name === "string" && name.startsWith(PARAM_PREFIX) ? Number(name.slice(PARAM_PREFIX.length)) : null;
}

/** Significant digits the compiler keeps of a fraction. */
const FRACTION_DIGITS = 16;

/**
 * A fraction as the compiler writes it: its exact value rounded to 16 significant digits (half to even), in
 * plain decimal notation without trailing zeros and never with an exponent (0.30000000000000004 is "0.3",
 * 46.396636962890625 is "46.39663696289062", 6.5e-7 is "0.00000065").
 */
export function plainDecimal(value: number): string {
  if (value === 0) return "0";
  // A double's exact value has a finite decimal expansion; its first hundred digits are enough to round.
  const [mantissa, exponentText] = Math.abs(value).toExponential(99).split("e") as [string, string];
  const all = mantissa.replace(".", "");
  const rest = all.slice(FRACTION_DIGITS);
  let kept = BigInt(all.slice(0, FRACTION_DIGITS));
  const tie = rest[0] === "5" && /^0*$/.test(rest.slice(1));
  if (rest[0]! > "5" || (rest[0] === "5" && !tie) || (tie && kept % 2n === 1n)) kept += 1n;
  let exponent = Number(exponentText);
  let digits = kept.toString();
  if (digits.length > FRACTION_DIGITS) {
    // Rounded up from sixteen nines (1e-305 is stored as 9.99999999999999996…e-306): a power of ten.
    exponent += 1;
    digits = digits.slice(0, FRACTION_DIGITS);
  }
  digits = digits.replace(/0+$/, "");
  const sign = value < 0 ? "-" : "";
  // Where the decimal point falls among the digits.
  const point = exponent + 1;
  if (point <= 0) return `${sign}0.${"0".repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${"0".repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/**
 * A copy of `plan` with each of our placeholders replaced by its value, written as the compiler writes a
 * value it was given: a number as its digits (a whole number typed `bigint` beside the statement's other
 * arguments, a fraction in plain decimal notation). A fraction where the column holds whole numbers is an
 * error here, as the compiler would have refused it.
 */
export function bind(plan: unknown, values: readonly Json[]): unknown {
  const valueOf = (node: unknown, index: number): Json => {
    const value = values[index]!;
    const type = (node as Placeholder).prisma__value.type;
    if (typeof value !== "number") return value;
    if (type === "Int" || type === "BigInt") {
      if (!Number.isInteger(value)) {
        throw new TypeError(`${value} is not a whole number, and the column holds whole numbers (${type})`);
      }
      return String(value);
    }
    return type === "Float" || type === "Decimal" ? plainDecimal(value) : value;
  };
  const visit = (node: unknown): unknown => {
    if (node === null || typeof node !== "object") return node;
    if (Array.isArray(node)) return node.map(visit);
    const index = placeholderIndex(node);
    if (index !== null) return valueOf(node, index);
    const record = node as Record<string, unknown>;
    // A statement's arguments and their types are parallel lists: the types follow the arguments below.
    const parallel = Array.isArray(record.args) && Array.isArray(record.argTypes);
    const out: Record<string, unknown> = {};
    // (Each key is set in the plan's order, the types' too, so that a filled plan reads as the compiler's.)
    for (const [k, v] of Object.entries(record)) out[k] = parallel && k === "argTypes" ? null : visit(v);
    if (parallel) {
      out.argTypes = (record.argTypes as unknown[]).map((argType, i) => {
        const arg = record.args as unknown[];
        const p = arg[i] as Placeholder;
        const t = placeholderIndex(p) === null ? null : p.prisma__value.type;
        return t === "Int" || t === "BigInt" ? { ...(argType as object), scalarType: "bigint" } : visit(argType);
      });
    }
    return out;
  };
  return visit(plan);
}
