import path from 'node:path';
import type { Config } from '../config.js';
import { migrate } from './migrate.js';
import { openPglite } from './pglite.js';
import { openPostgres } from './postgres.js';
import type { Store } from './types.js';

export type { Queryable, Store, StoreKind, Transaction } from './types.js';
export { migrate, schemaVersion, MigrationError, MIGRATIONS_DIR } from './migrate.js';
export { FolderLockedError } from './lock.js';
export { openPglite } from './pglite.js';
export { openPostgres } from './postgres.js';

/** The folder PGlite keeps its database in, inside DATA_DIR. */
export function pgliteFolder(dataDir: string): string {
  return path.join(dataDir, 'pglite');
}

/** Opens the configured store (a PostgreSQL server when DATABASE_URL is set, else PGlite) and migrates it. */
export async function openStore(config: Pick<Config, 'databaseUrl' | 'dataDir'>): Promise<Store> {
  const store = config.databaseUrl ? await openPostgres(config.databaseUrl) : await openPglite(pgliteFolder(config.dataDir));
  try {
    await migrate(store);
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}
