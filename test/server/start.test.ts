import { expect } from 'chai';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawnTs, waitForExit, waitForLine } from '../support/processes.js';

const MAIN = 'server/main.ts';

describe('starting and stopping the app', function () {
  this.timeout(120_000);
  let dataDir: string;
  before(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'palermo-start-'));
  });
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it('stops with one line naming the variable and exit code 1 on a bad value', async () => {
    const result = await waitForExit(spawnTs(MAIN, [], { PORT: 'abc', DATA_DIR: dataDir }));
    expect(result.code).to.equal(1);
    expect(result.stderr.trim().split('\n')).to.deep.equal(['palermo-assess: PORT: got "abc"; expected an integer from 0 to 65535 (0 picks a free port)']);
  });

  it('creates the embedded store on first start, prints its URL, and stops cleanly on SIGTERM', async () => {
    const child = spawnTs(MAIN, [], { PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'info' });
    const exited = waitForExit(child);
    const line = await waitForLine(child, /listening on/);
    const url = /listening on (http:\/\/[^"\s]+)/.exec(line)?.[1];
    expect(url).to.match(/^http:\/\/127\.0\.0\.1:\d+$/);
    const health = (await (await fetch(`${url}/healthz`)).json()) as { store: string };
    expect(health.store).to.equal('pglite');
    expect(readdirSync(dataDir)).to.include('pglite').and.include('session-secret');

    child.kill('SIGTERM');
    const result = await exited;
    expect(result.code).to.equal(0);
    expect(result.stdout).to.contain('stopped cleanly');
    expect(existsSync(path.join(dataDir, 'pglite.palermo-assess.lock'))).to.equal(false);
  });

  it('refuses to open a data folder another running instance holds', async () => {
    const first = spawnTs(MAIN, [], { PORT: '0', DATA_DIR: dataDir });
    const firstExit = waitForExit(first);
    await waitForLine(first, /listening on/);
    try {
      const second = await waitForExit(spawnTs(MAIN, [], { PORT: '0', DATA_DIR: dataDir }));
      expect(second.code).to.equal(1);
      expect(second.stderr).to.contain('is in use by another palermo-assess process');
    } finally {
      first.kill('SIGTERM');
      await firstExit;
    }
  });
});
