import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { listStates, loadSampleData } from '../../assessments/index.js';
import { startTestServer } from '../support/http.js';
import { signedInClient } from '../support/client.js';
import { openTestStore, storeKinds, type TestStore } from '../support/stores.js';

for (const kind of storeKinds) {
  describe(`SAMPLE demo data on ${kind}`, function () {
    let t: TestStore;
    before(async () => {
      t = await openTestStore(kind);
    });
    after(() => t.dispose());

    it('adds six fictional states in the user-assigned X range and a sample round, once', async () => {
      expect(await loadSampleData(t.store)).to.deep.equal({ states: 6, rounds: 1 });
      expect(await loadSampleData(t.store)).to.deep.equal({ states: 0, rounds: 0 });
      const samples = (await listStates(t.store, { includeSamples: true })).filter((s) => s.isSample);
      expect(samples.map((s) => s.code)).to.have.members(['XA', 'XB', 'XC', 'XD', 'XE', 'XF']);
      expect(samples.every((s) => !s.baliProcessMember)).to.equal(true);
      const real = await listStates(t.store, { includeSamples: false });
      expect(real.some((s) => s.isSample)).to.equal(false);
    });

    it('marks every sample state SAMPLE on the registry page', async () => {
      const dataDir = mkdtempSync(path.join(tmpdir(), 'palermo-sample-'));
      const app = await startTestServer(t.store, dataDir);
      try {
        const client = await signedInClient(app.url, t.store, 'consultant', ['XA']);
        const html = await (await client.get('/states')).text();
        for (const name of ['Azuria', 'Borealis', 'Coralia', 'Dunmore', 'Estrela', 'Fernhold']) {
          expect(html).to.match(new RegExp(`${name} <span class="badge badge-sample">SAMPLE</span>`));
        }
      } finally {
        await app.stop();
        rmSync(dataDir, { recursive: true, force: true });
      }
    });
  });
}
