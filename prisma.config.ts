import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { DEFAULT_DATABASE_URL, databaseProvider, sqliteFilePath } from "./app/utils/database-url.ts";
import { PostgresCliAdapter } from "./prisma/postgres-cli-adapter.ts";

process.env.DATABASE_URL ??= DEFAULT_DATABASE_URL;
const url = process.env.DATABASE_URL;
const provider = databaseProvider(url);

// The JS schema engine runs migrations through the same driver adapters as the app, so no engine
// binary is ever downloaded. PostgreSQL has its own schema, generated from prisma/schema.prisma
// (npm run db:schema), and its own migrations beside it.
export default defineConfig({
  experimental: { adapter: true },
  schema:
    provider === "postgresql"
      ? path.join("prisma", "postgresql", "schema.prisma")
      : path.join("prisma", "schema.prisma"),
  engine: "js",
  async adapter() {
    if (provider === "postgresql") return new PostgresCliAdapter(url);
    return new PrismaBetterSQLite3({ url: sqliteFilePath(url) });
  },
});
