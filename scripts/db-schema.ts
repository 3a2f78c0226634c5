// PostgreSQL's Prisma schema is generated from prisma/schema.prisma, the one source of truth: the same
// models with the provider and the generated client's folder changed. `npm run db:schema` writes it;
// `--check` fails when the committed copy differs (part of `npm run db:drift`).
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
  out = replace(out, /output(\s+)= "\.\.\/app\/generated\/prisma"/, 'output$1= "../../app/generated/prisma-postgresql"');
  return `// GENERATED from ../schema.prisma by \`npm run db:schema\`: edit that file, never this one.\n${out}`;
}

function main() {
  const expected = postgresSchema(readFileSync(SOURCE_SCHEMA, "utf8"));
  if (process.argv.includes("--check")) {
    let actual = "";
    try {
      actual = readFileSync(POSTGRES_SCHEMA, "utf8");
    } catch {
      // missing: reported below
    }
    if (actual !== expected) {
      console.error(`${POSTGRES_SCHEMA} is not generated from ${SOURCE_SCHEMA}: run npm run db:schema`);
      process.exit(1);
    }
    console.log(`${POSTGRES_SCHEMA} matches ${SOURCE_SCHEMA}`);
    return;
  }
  writeFileSync(POSTGRES_SCHEMA, expected);
  console.log(`Wrote ${POSTGRES_SCHEMA}`);
}

if (process.argv[1]?.endsWith("db-schema.ts")) main();
