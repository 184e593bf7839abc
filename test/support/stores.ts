import { migrate, openPglite, openPostgres, type Store, type StoreKind } from '../../server/store/index.js';
import { createDatabase } from './pg-cluster.js';

/** Every storage test runs against both engines. */
export const storeKinds: readonly StoreKind[] = ['pglite', 'postgres'];

export interface TestStore {
  store: Store;
  /** For the server leg, the URL of this test's own database. */
  url: string | null;
  dispose(): Promise<void>;
}

/** A migrated, empty store of the given kind: PGlite in memory, or a new database on the test server. */
export async function openTestStore(kind: StoreKind, options: { migrate?: boolean } = {}): Promise<TestStore> {
  let result: TestStore;
  if (kind === 'pglite') {
    const store = await openPglite(null);
    result = { store, url: null, dispose: () => store.close() };
  } else {
    const adminUrl = process.env.TEST_ADMIN_DATABASE_URL;
    if (!adminUrl) throw new Error('TEST_ADMIN_DATABASE_URL is not set: run the tests through mocha (npm test)');
    const database = await createDatabase(adminUrl);
    const store = await openPostgres(database.url);
    result = {
      store,
      url: database.url,
      async dispose() {
        await store.close();
        await database.drop();
      },
    };
  }
  if (options.migrate !== false) await migrate(result.store);
  return result;
}
