import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { listStates, loadSampleData, sampleStates } from '../../assessments/index.js';
import { loadDefaultRubric, validateAnswers, type CompiledRubric } from '../../rubric/index.js';
import { startTestServer } from '../support/http.js';
import { signedInClient } from '../support/client.js';
import { openTestStore, storeKinds, type TestStore } from '../support/stores.js';

for (const kind of storeKinds) {
  describe(`SAMPLE demo data on ${kind}`, function () {
    let t: TestStore;
    let rubric: CompiledRubric;
    before(async () => {
      t = await openTestStore(kind);
      rubric = await loadDefaultRubric();
    });
    after(() => t.dispose());

    it('adds 45 fictional states on user-assigned codes, three rounds and an assessment each, once', async () => {
      expect(await loadSampleData(t.store, rubric)).to.deep.equal({ states: 45, rounds: 3, assessments: 135 });
      expect(await loadSampleData(t.store, rubric)).to.deep.equal({ states: 0, rounds: 0, assessments: 0 });
      const samples = (await listStates(t.store, { includeSamples: true })).filter((s) => s.isSample);
      expect(samples).to.have.length(45);
      expect(samples.every((s) => /^(X[A-Z0-9]|Q[M-Z])$/.test(s.code))).to.equal(true);
      expect(samples.every((s) => !s.baliProcessMember)).to.equal(true);
      const real = await listStates(t.store, { includeSamples: false });
      expect(real.some((s) => s.isSample)).to.equal(false);
    });

    it('gives every SAMPLE assessment a valid answer to every question, states improving from round to round', async () => {
      const rows = await t.store.query<{ slug: string; state_code: string; answers: Record<string, unknown> }>(
        `SELECT r.slug, a.state_code, jsonb_object_agg(x.indicator_id, x.document) AS answers
         FROM assessments a JOIN rounds r ON r.id = a.round_id JOIN answers x ON x.assessment_id = a.id
         WHERE r.is_sample GROUP BY r.slug, a.state_code`,
      );
      expect(rows).to.have.length(135);
      for (const row of rows) {
        expect(Object.keys(row.answers)).to.have.length(rubric.indicators.length);
        expect(validateAnswers(rubric, { answers: row.answers }), `${row.slug} ${row.state_code}`).to.deep.equal([]);
      }
      const yes = (slug: string) => rows.filter((r) => r.slug === slug).flatMap((r) => Object.values(r.answers)).filter((a) => (a as { value?: unknown }).value === true).length;
      expect(yes('sample-2025')).to.be.greaterThan(yes('sample-2023'));
    });

    it('marks every sample state SAMPLE on the registry page', async () => {
      const dataDir = mkdtempSync(path.join(tmpdir(), 'palermo-sample-'));
      const app = await startTestServer(t.store, dataDir);
      try {
        const client = await signedInClient(app.url, t.store, 'consultant', ['XA']);
        const html = await (await client.get('/states')).text();
        for (const { name } of sampleStates) {
          expect(html).to.match(new RegExp(`${name} <span class="badge badge-sample">SAMPLE</span>`));
        }
      } finally {
        await app.stop();
        rmSync(dataDir, { recursive: true, force: true });
      }
    });
  });
}
