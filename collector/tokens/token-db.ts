/**
 * The slice of the collector's database the token module needs: the same two verbs as collector/db/database.ts
 * (PGlite and PostgreSQL behind one interface), declared here so this module builds and tests on its own.
 */
export interface TokenQueryable {
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<{ rows: T[] }>;
}

export interface TokenDb extends TokenQueryable {
  transaction<T>(fn: (tx: TokenQueryable) => Promise<T>): Promise<T>;
}
