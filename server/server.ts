import type { Server } from 'node:http';
import { registerRubric } from '../assessments/index.js';
import { currentRubric } from './routes/pinned-rubric.js';
import { createApp } from './app.js';
import type { Config } from './config.js';
import type { Logger } from './log.js';
import { openStore, type Store } from './store/index.js';

/** How long in-flight requests get to finish at shutdown before their connections are cut. */
const SHUTDOWN_GRACE_MS = 10_000;

export interface Running {
  url: string;
  server: Server;
  store: Store;
  stop(): Promise<void>;
}

/** Opens and migrates the store, then listens. Used by `npm start` and by the tests alike. */
export async function startServer(config: Config, logger: Logger, store?: Store): Promise<Running> {
  const theStore = store ?? (await openStore(config));
  // Refuses to start when the rubric file of a version already used by assessments was edited.
  await registerRubric(theStore, await currentRubric());
  const app = createApp({ config, store: theStore, logger });
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(config.port, config.host, (error?: Error) => (error ? reject(error) : resolve(s)));
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;

  let stopping: Promise<void> | null = null;
  return {
    url: `http://${host}:${port}`,
    server,
    store: theStore,
    stop() {
      stopping ??= closeGracefully(server, theStore, store === undefined).then(() => (app.locals.closePrinter as () => Promise<void>)());
      return stopping;
    },
  };
}

/** Stop accepting, let requests in flight finish (cut them after a grace period), then close the store. */
async function closeGracefully(server: Server, store: Store, closeStore: boolean): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const timer = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS);
  await closed;
  clearTimeout(timer);
  if (closeStore) await store.close();
}
