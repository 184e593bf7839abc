import { loadConfig } from '../server/config.js';
import { postgresBinDir, startCluster, type Cluster } from './support/pg-cluster.js';

/**
 * Before any test: make sure the real parts are there (a PostgreSQL server, Chromium), and when
 * DATABASE_URL is not given start a throwaway PostgreSQL cluster for the server leg of the storage
 * tests. Missing binaries stop the run at once, naming the Debian packages to install.
 */
let cluster: Cluster | null = null;

export async function mochaGlobalSetup(): Promise<void> {
  const missing: string[] = [];
  const config = loadConfig({ DATA_DIR: '/tmp/palermo-assess-test-config' });
  if (!config.chromiumPath) missing.push('chromium');
  const binDir = process.env.DATABASE_URL ? null : postgresBinDir();
  if (!process.env.DATABASE_URL && !binDir) missing.push('postgresql');
  if (missing.length > 0) {
    throw new Error(`missing system packages: run  apt-get install -y ${missing.join(' ')}  (as root), then npm test again`);
  }
  if (process.env.DATABASE_URL) {
    process.env.TEST_ADMIN_DATABASE_URL = process.env.DATABASE_URL;
  } else {
    cluster = await startCluster(binDir!);
    process.env.TEST_ADMIN_DATABASE_URL = cluster.url;
  }
  process.env.TEST_CHROMIUM_PATH = config.chromiumPath!;
}

export function mochaGlobalTeardown(): void {
  cluster?.stop();
}
