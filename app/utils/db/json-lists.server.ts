/**
 * Several lists of rows read in one statement: each list is a JSON aggregate of a correlated subquery,
 * spelled for the database in use (SQLite's json_group_array / json_object, PostgreSQL's json_agg /
 * json_build_object), and converted back to the values Prisma would have given. Prisma sends one statement
 * per relation, and each costs the time of its query compiler and runtime; a page that shows a dozen lists
 * of one row pays that a dozen times.
 *
 * Table, column and condition texts come from the modules that declare their lists, never from a request.
 */

/** A column's kind: text, a whole number, a date and time, or a yes/no; `?` when it may be null. */
export type Kind = "text" | "text?" | "int" | "int?" | "date" | "date?" | "bool";

type ValueOf = {
  text: string;
  "text?": string | null;
  int: number;
  "int?": number | null;
  date: Date;
  "date?": Date | null;
  bool: boolean;
};

export type Columns = Readonly<Record<string, Kind>>;

/** A row as the list gives it back, typed from its columns' kinds. */
export type RowOf<C extends Columns> = { -readonly [K in keyof C]: ValueOf[C[K]] };

export type ListSpec = {
  /** The table, aliased `t` in `where` and `orderBy`. */
  table: string;
  columns: Columns;
  /** Which rows belong to the outer row (aliased as the caller's SQL names it), e.g. `t."initiativeId" = i."id"`. */
  where: string;
  /** Columns of `t`, ascending, or `column DESC`. */
  orderBy: string[];
};

export type Dialect = "sqlite" | "postgresql";

export const quoted = (name: string) => `"${name}"`;

/** One row as a JSON object. */
export function jsonObject(alias: string, columns: Columns, dialect: Dialect): string {
  const pairs = Object.keys(columns).map((c) => `'${c}', ${alias}.${quoted(c)}`);
  return `${dialect === "postgresql" ? "json_build_object" : "json_object"}(${pairs.join(", ")})`;
}

function orderOf(spec: ListSpec): string {
  return spec.orderBy
    .map((c) => {
      const [column, direction] = c.split(" ");
      return `t.${quoted(column!)}${direction ? ` ${direction}` : ""}`;
    })
    .join(", ");
}

/** A list as a JSON array (as text), in its order, `[]` when there are no rows. */
export function jsonList(spec: ListSpec, dialect: Dialect): string {
  const postgres = dialect === "postgresql";
  const order = orderOf(spec);
  const object = jsonObject("t", spec.columns, dialect);
  const from = `FROM ${quoted(spec.table)} t WHERE ${spec.where}`;
  return postgres
    ? `(SELECT COALESCE(json_agg(${object} ORDER BY ${order}), '[]'::json)::text ${from})`
    : `(SELECT json_group_array(${object} ORDER BY ${order}) ${from})`;
}

/**
 * A stored date and time as JSON gives it: SQLite's text as Prisma writes it (with its offset) or as a
 * column default writes it (UTC, without one), or milliseconds; PostgreSQL's timestamp (UTC, without one).
 */
export function dateOf(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "number") return new Date(value);
  const text = String(value);
  const zoned = /(Z|[+-]\d{2}:?\d{2})$/.test(text);
  return new Date(zoned ? text : `${text.replace(" ", "T")}Z`);
}

/** A list's JSON text as rows with Prisma's values: dates as Date, yes/no as boolean (SQLite gives 0 or 1). */
export function rowsOf<C extends Columns>(json: string | null | undefined, columns: C): RowOf<C>[] {
  const rows = JSON.parse(json ?? "[]") as Record<string, unknown>[];
  const dates = Object.keys(columns).filter((c) => columns[c] === "date" || columns[c] === "date?");
  const flags = Object.keys(columns).filter((c) => columns[c] === "bool");
  for (const row of rows) {
    for (const c of dates) row[c] = dateOf(row[c]);
    for (const c of flags) row[c] = row[c] === null ? null : Boolean(row[c]);
  }
  return rows as RowOf<C>[];
}
