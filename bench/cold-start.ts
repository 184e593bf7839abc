import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { projectRoot } from '../server/root.js';
import { figure, median, type Figure } from './measure.js';

const RUNS = 3;

/** Milliseconds from spawning `args` until it prints a line matching `ready`; then it is stopped. */
function timeToReady(args: string[], env: Record<string, string>, ready: RegExp): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(process.execPath, args, { cwd: projectRoot, env: { PATH: process.env.PATH ?? '', ...env } });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (ready.test(out)) {
        const ms = Number(process.hrtime.bigint() - start) / 1e6;
        child.once('exit', () => resolve(ms));
        child.kill('SIGTERM');
      }
    });
    child.once('exit', (code) => {
      if (!ready.test(out)) reject(new Error(`exited with ${String(code)} before it was ready: ${out}`));
    });
  });
}

/** Cold start of the built app on an existing PGlite data folder, against a bare Node HTTP server. */
export async function run(): Promise<Figure[]> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'palermo-cold-'));
  const env = { DATA_DIR: dataDir, PORT: '0', NODE_ENV: 'production' };
  const app = ['dist/server/main.js'];
  const bare = ['-e', `require('http').createServer(() => {}).listen(0, '127.0.0.1', () => console.log('listening'))`];
  try {
    await timeToReady(app, env, /listening on/); // first start creates the folder (initdb); not measured
    const ours: number[] = [];
    const baseline: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      ours.push(await timeToReady(app, env, /listening on/));
      baseline.push(await timeToReady(bare, {}, /listening/));
    }
    return [figure('cold start to listening, existing PGlite folder', median(ours), median(baseline), 'ms')];
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
