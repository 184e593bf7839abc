import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../root.js';
import type { Store } from './types.js';

export const MIGRATIONS_DIR = path.join(projectRoot, 'server', 'store', 'migrations');

/** Migration files are named `<yyyymmddhhmm>-<verb-noun>.sql` and applied in name order. */
const MIGRATION_NAME = /^(\d{12})-[a-z0-9-]+\.sql$/;

export class MigrationError extends Error {
  constructor(
    readonly migration: string,
    cause: unknown,
  ) {
    super(`migration ${migration} failed: ${cause instanceof Error ? cause.message : String(cause)}; the database was left as it was`);
    this.name = 'MigrationError';
  }
}

export interface MigrationResult {
  applied: string[];
  schemaVersion: string | null;
}

/**
 * Applies every pending migration in one transaction: either all of them land or none does, so a
 * failing migration leaves the database exactly as it was. An advisory lock keeps two app
 * processes starting together against one server from migrating twice.
 */
export async function migrate(store: Store, dir = MIGRATIONS_DIR): Promise<MigrationResult> {
  const files = listMigrations(dir);
  return store.transaction(async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('palermo-assess:migrations'))`);
    await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version text PRIMARY KEY,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const done = new Set((await tx.query<{ version: string }>('SELECT version FROM schema_migrations')).map((r) => r.version));
    const applied: string[] = [];
    for (const file of files) {
      const version = file.replace(/\.sql$/, '');
      if (done.has(version)) continue;
      try {
        await tx.exec(readFileSync(path.join(dir, file), 'utf8'));
        await tx.query('INSERT INTO schema_migrations (version) VALUES ($1)', [version]);
      } catch (error) {
        throw new MigrationError(file, error);
      }
      applied.push(version);
    }
    return { applied, schemaVersion: files.at(-1)?.replace(/\.sql$/, '') ?? null };
  });
}

export async function schemaVersion(store: Store): Promise<string | null> {
  const rows = await store.query<{ version: string }>('SELECT max(version) AS version FROM schema_migrations');
  return rows[0]?.version ?? null;
}

function listMigrations(dir: string): string[] {
  const files = readdirSync(dir).filter((f) => f.endsWith('.sql')).sort();
  const misnamed = files.find((f) => !MIGRATION_NAME.test(f));
  if (misnamed) throw new MigrationError(misnamed, new Error('file name must look like 202611230900-create-things.sql'));
  return files;
}
