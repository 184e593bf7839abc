import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openStore } from '../../server/store/index.js';
import { spawnTs, waitForExit, waitForLine } from '../support/processes.js';

describe('durability of the embedded store', function () {
  this.timeout(120_000);
  let dataDir: string;
  before(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'palermo-kill-'));
  });
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it('loses no acknowledged write when the process is killed with SIGKILL', async () => {
    const child = spawnTs('test/fixtures/write-until-killed.ts', [dataDir], {});
    const exited = waitForExit(child);
    const line = await waitForLine(child, /^ack 200$/);
    expect(line).to.equal('ack 200');
    child.kill('SIGKILL');
    const finished = await exited;
    expect(finished.signal).to.equal('SIGKILL');
    const acked = Math.max(...[...finished.stdout.matchAll(/^ack (\d+)$/gm)].map((m) => Number(m[1])), 200);

    // The lock left by the killed process is stale and must not keep the folder unusable.
    const store = await openStore({ dataDir, databaseUrl: null });
    try {
      const rows = await store.query<{ slug: string }>(`SELECT slug FROM rounds`);
      const slugs = new Set(rows.map((r) => r.slug));
      const missing = Array.from({ length: acked }, (_, i) => `round-${i + 1}`).filter((s) => !slugs.has(s));
      expect(missing, `acknowledged writes lost (of ${acked})`).to.deep.equal([]);
    } finally {
      await store.close();
    }
  });
});
