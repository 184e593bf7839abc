/** The one data-access layer: plain SQL with positional parameters, the same on both engines. */
export type StoreKind = 'pglite' | 'postgres';

export interface Queryable {
  /** Runs one statement with $1, $2... parameters and returns its rows. */
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
}

export interface Transaction extends Queryable {
  /** Runs a script of several statements without parameters (migrations). */
  exec(script: string): Promise<void>;
}

export interface Store extends Queryable {
  readonly kind: StoreKind;
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** PostgreSQL type ids whose default JavaScript parsing differs between the drivers. */
export const PG_TYPE = { date: 1082 } as const;
