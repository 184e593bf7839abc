import { performance } from 'node:perf_hooks';
import { loadConfig } from './config.js';
import { exitWithStartupError } from './fatal.js';
import { countUsers } from './auth/users.js';
import { createLogger } from './log.js';
import { startServer } from './server.js';

/** Entry point of `npm start`: configuration, store, HTTP; a clear line and exit code 1 on a bad start. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const running = await startServer(config, logger);
  logger.info(
    { store: running.store.kind, startupMs: Math.round(performance.now()), chromium: config.chromiumPath ?? 'not found' },
    `palermo-assess listening on ${running.url}`,
  );
  if ((await countUsers(running.store)) === 0) {
    logger.warn('No user account yet: create the first administrator with  npm run user:create -- --email you@example.org --name "Your Name"');
  }
  if (!config.chromiumPath) logger.warn('Chromium not found: PDF reports are unavailable (apt-get install chromium, or set CHROMIUM_PATH)');

  let signalled = false;
  const shutdown = (signal: string) => {
    if (signalled) return;
    signalled = true;
    logger.info({ signal }, 'shutting down: finishing requests in flight');
    running.stop().then(
      () => {
        logger.info('stopped cleanly');
        logger.flush();
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => exitWithStartupError('palermo-assess', error));
