import { PGlite } from '@electric-sql/pglite';
import { mkdirSync } from 'node:fs';
import { PG_TYPE, type Store, type Transaction } from './types.js';
import { acquireFolderLock } from './lock.js';

/**
 * The embedded store: PostgreSQL compiled to WebAssembly, persisted in a folder.
 * `folder` null keeps the database in memory (tests that need no persistence).
 */
export async function openPglite(folder: string | null): Promise<Store> {
  // PGlite does not lock its folder against a second process: two writers would corrupt it.
  const lock = folder ? acquireFolderLock(folder) : null;
  let db: PGlite;
  try {
    if (folder) mkdirSync(folder, { recursive: true });
    db = await PGlite.create(folder ?? undefined, {
      // Keep SQL dates as 'YYYY-MM-DD' strings, as the server driver is set to: no time-zone shifts.
      parsers: { [PG_TYPE.date]: (value: string) => value },
    });
  } catch (error) {
    lock?.release();
    throw error;
  }
  return {
    kind: 'pglite',
    async query<Row>(sql: string, params: readonly unknown[] = []) {
      const result = await db.query<Row>(sql, [...params]);
      return result.rows;
    },
    transaction<T>(work: (tx: Transaction) => Promise<T>) {
      return db.transaction((tx) =>
        work({
          async query<Row>(sql: string, params: readonly unknown[] = []) {
            return (await tx.query<Row>(sql, [...params])).rows;
          },
          async exec(script: string) {
            await tx.exec(script);
          },
        }),
      );
    },
    async close() {
      try {
        await db.close();
      } finally {
        lock?.release();
      }
    },
  };
}
