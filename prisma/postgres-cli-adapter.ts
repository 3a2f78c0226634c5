// The driver adapter that Prisma's CLI (migrate deploy, migrate diff) uses on PostgreSQL. The app itself
// uses the adapter through its own wrapper (app/utils/db/postgres-adapter.server.ts); the CLI needs four mends to adapter-pg 6.19.3:
// - the catalogue queries of the JS schema engine return `name` and `"char"` columns, which the adapter
//   refuses as unsupported types: report them as text (https://github.com/prisma/prisma/issues/27403);
// - the shadow database gets its own connection fields: given a connection string, the adapter's
//   `{ ...config, database }` would still connect to the main database;
// - an argument-less call with several statements gets one result back (the shadow database replays a
//   migration through one call), and a migration is sent whole (the simple query protocol runs several statements), because the adapter
//   splits scripts at every `;`, which breaks the PL/pgSQL bodies of the audit log's triggers.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";

const TEXT_OID = 25;
const NAME_OID = 19;
const CHAR_OID = 18;

/** Connection fields from a `postgresql://` URL (user, password, host, port, database, sslmode). */
export function pgConfigFromUrl(url: string): pg.PoolConfig {
  const u = new URL(url);
  const sslmode = u.searchParams.get("sslmode");
  return {
    host: decodeURIComponent(u.hostname) || u.searchParams.get("host") || "localhost",
    port: u.port ? Number(u.port) : 5432,
    user: decodeURIComponent(u.username) || undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    database: decodeURIComponent(u.pathname.replace(/^\//, "")) || undefined,
    ssl: sslmode && sslmode !== "disable" ? { rejectUnauthorized: sslmode === "verify-full" } : undefined,
  };
}

type Result = { fields: { dataTypeID: number }[]; rowCount: number | null };
type Queryable = { performIO(query: unknown): Promise<Result | Result[]> };
type Adapter = Awaited<ReturnType<PrismaPg["connect"]>>;

function textForCatalogueTypes(queryable: Queryable): void {
  const performIO = queryable.performIO.bind(queryable);
  queryable.performIO = async (query) => {
    let result = await performIO(query);
    // An argument-less call with several statements (the shadow database replaying a migration) returns
    // one result per statement; the adapter expects one.
    if (Array.isArray(result)) {
      const rowCount = result.reduce((sum, r) => sum + (r.rowCount ?? 0), 0);
      result = { ...result[result.length - 1]!, rowCount };
    }
    for (const field of result.fields) {
      if (field.dataTypeID === NAME_OID || field.dataTypeID === CHAR_OID) field.dataTypeID = TEXT_OID;
    }
    return result;
  };
}

function mend(adapter: Adapter, pool: pg.Pool): Adapter {
  textForCatalogueTypes(adapter as unknown as Queryable);
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (isolationLevel) => {
    const tx = await startTransaction(isolationLevel);
    textForCatalogueTypes(tx as unknown as Queryable);
    return tx;
  };
  adapter.executeScript = async (script: string) => {
    await pool.query(script);
  };
  return adapter;
}

/** A migration-aware adapter factory for Prisma's CLI on the PostgreSQL database of `url`. */
export class PostgresCliAdapter extends PrismaPg {
  constructor(private readonly url: string) {
    const pool = new pg.Pool(pgConfigFromUrl(url));
    super(pool, { disposeExternalPool: true });
    this.pool = pool;
  }

  private readonly pool: pg.Pool;

  override async connect() {
    return mend(await super.connect(), this.pool);
  }

  override async connectToShadowDb() {
    const database = `prisma_shadow_${randomUUID().replace(/-/g, "")}`;
    await this.pool.query(`CREATE DATABASE "${database}"`);
    const shadowPool = new pg.Pool({ ...pgConfigFromUrl(this.url), database });
    const shadow = await new PrismaPg(shadowPool, { disposeExternalPool: true }).connect();
    const dispose = shadow.dispose.bind(shadow);
    shadow.dispose = async () => {
      await dispose();
      await this.pool.query(`DROP DATABASE IF EXISTS "${database}"`);
    };
    return mend(shadow, shadowPool);
  }
}
