// PostgreSQL's Prisma schema is generated from prisma/schema.prisma, the one source of truth: the same
// models with the provider and the generated client's folder changed. `npm run db:schema` writes it;
// `npm run db:drift` fails when the committed copy differs.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

export const SOURCE_SCHEMA = path.join("prisma", "schema.prisma");
export const POSTGRES_SCHEMA = path.join("prisma", "postgresql", "schema.prisma");

/** The PostgreSQL schema for a SQLite schema's text. */
export function postgresSchema(source: string): string {
  const replace = (text: string, from: RegExp, to: string) => {
    if (!from.test(text)) throw new Error(`${SOURCE_SCHEMA}: expected ${from} in the schema`);
    return text.replace(from, to);
  };
  let out = replace(source, /provider = "sqlite"/, 'provider = "postgresql"');
  out = replace(
    out,
    /output(\s+)= "\.\.\/app\/generated\/prisma"/,
    'output$1= "../../app/generated/prisma-postgresql"',
  );
  return `// GENERATED from ../schema.prisma by \`npm run db:schema\`: edit that file, never this one.\n${out}`;
}

function main() {
  writeFileSync(POSTGRES_SCHEMA, postgresSchema(readFileSync(SOURCE_SCHEMA, "utf8")));
  console.log(`Wrote ${POSTGRES_SCHEMA}; run npm run db:generate for its client`);
}

if (process.argv[1]?.endsWith("db-schema.ts")) main();
