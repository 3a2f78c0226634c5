// The part of better-sqlite3's API that the benchmark and backup scripts use. better-sqlite3 comes with the Prisma
// driver adapter; its community types (@types/better-sqlite3) are not a dependency of this project.
declare module "better-sqlite3" {
  export interface Options {
    readonly?: boolean;
    fileMustExist?: boolean;
    timeout?: number;
  }

  export interface RunResult {
    changes: number;
    lastInsertRowid: number | bigint;
  }

  export interface Statement {
    all(...params: unknown[]): unknown[];
    get(...params: unknown[]): unknown;
    run(...params: unknown[]): RunResult;
    iterate(...params: unknown[]): IterableIterator<unknown>;
    /** Rows as arrays of values rather than objects. */
    raw(toggle?: boolean): this;
  }

  export interface Database {
    prepare(sql: string): Statement;
    exec(sql: string): this;
    pragma(source: string, options?: { simple?: boolean }): unknown;
    transaction<F extends (...args: never[]) => unknown>(fn: F): F;
    close(): this;
    readonly inTransaction: boolean;
    /** SQLite's online backup API: a consistent copy of the database while others read and write it. */
    backup(destination: string): Promise<{ totalPages: number; remainingPages: number }>;
  }

  const Database: {
    new (filename: string, options?: Options): Database;
  };
  export default Database;
}
