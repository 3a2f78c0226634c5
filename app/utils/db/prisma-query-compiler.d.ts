// Prisma's query compiler runtime modules ship without type declarations; query-plan-cache.server.ts
// reaches only their compiler class.
declare module "@prisma/client/runtime/query_compiler_bg.sqlite.mjs" {
  export const QueryCompiler: { prototype: { compile(request: string): unknown } } | undefined;
}
declare module "@prisma/client/runtime/query_compiler_bg.postgresql.mjs" {
  export const QueryCompiler: { prototype: { compile(request: string): unknown } } | undefined;
}
