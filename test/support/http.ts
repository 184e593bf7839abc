import { Writable } from 'node:stream';
import { loadConfig } from '../../server/config.js';
import { createLogger } from '../../server/log.js';
import { startServer, type Running } from '../../server/server.js';
import type { Store } from '../../server/store/index.js';

/** Lines the app logged during a test, parsed. */
export type LogLines = Record<string, unknown>[];

/** The real HTTP server on a free port of 127.0.0.1, over the given store; logs captured for assertions. */
export async function startTestServer(store: Store, dataDir: string, env: Record<string, string> = {}): Promise<Running & { logs: LogLines }> {
  const logs: LogLines = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) logs.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const config = loadConfig({ DATA_DIR: dataDir, PORT: '0', ...env });
  const running = await startServer(config, createLogger('info', sink), store);
  return Object.assign(running, { logs });
}
