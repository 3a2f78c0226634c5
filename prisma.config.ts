import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { DEFAULT_DATABASE_URL, sqliteFilePath } from "./app/utils/database-url.ts";

process.env.DATABASE_URL ??= DEFAULT_DATABASE_URL;

// The JS schema engine runs migrations through the same driver adapter as the app, so no engine
// binary is ever downloaded.
export default defineConfig({
  experimental: { adapter: true },
  schema: path.join("prisma", "schema.prisma"),
  engine: "js",
  async adapter() {
    return new PrismaBetterSQLite3({ url: sqliteFilePath(process.env.DATABASE_URL!) });
  },
});
