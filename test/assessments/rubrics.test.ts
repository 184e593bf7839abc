import { expect } from 'chai';
import { createAssessment, createRound, registerRubric, RubricChangedError } from '../../assessments/index.js';
import { loadDefaultRubric } from '../../rubric/index.js';
import { openTestStore, storeKinds, type TestStore } from '../support/stores.js';

for (const kind of storeKinds) {
  describe(`rubric versions in the store on ${kind}`, function () {
    let t: TestStore;
    before(async () => {
      t = await openTestStore(kind);
    });
    after(() => t.dispose());

    const version = (hash: string) => ({ key: 'trial@1.0.0', id: 'trial', version: '1.0.0', hash, schema: { hash } });

    it('records the default rubric under its key and content hash, once', async () => {
      const rubric = await loadDefaultRubric();
      await registerRubric(t.store, rubric);
      await registerRubric(t.store, rubric);
      const rows = await t.store.query<{ key: string; content_hash: string }>(`SELECT key, content_hash FROM rubrics`);
      expect(rows).to.deep.equal([{ key: 'palermo-tip@1.0.0', content_hash: rubric.hash }]);
    });

    it('lets an unused version be corrected', async () => {
      await registerRubric(t.store, version('a'.repeat(64)));
      await registerRubric(t.store, version('b'.repeat(64)));
      const rows = await t.store.query<{ content_hash: string }>(`SELECT content_hash FROM rubrics WHERE key = 'trial@1.0.0'`);
      expect(rows[0]?.content_hash).to.equal('b'.repeat(64));
    });

    it('refuses a changed file for a version an assessment uses', async () => {
      const round = await createRound(t.store, { slug: 'trial', title: 'Trial', startsOn: '2025-01-01' });
      await createAssessment(t.store, { stateCode: 'FJ', roundId: round.id, rubricKey: 'trial@1.0.0' });
      let failure: unknown;
      try {
        await registerRubric(t.store, version('c'.repeat(64)));
      } catch (error) {
        failure = error;
      }
      expect(failure).to.be.instanceOf(RubricChangedError);
      expect((failure as Error).message).to.contain('trial@1.0.0').and.contain('immutable once used');
      const rows = await t.store.query<{ content_hash: string }>(`SELECT content_hash FROM rubrics WHERE key = 'trial@1.0.0'`);
      expect(rows[0]?.content_hash).to.equal('b'.repeat(64));
    });
  });
}
