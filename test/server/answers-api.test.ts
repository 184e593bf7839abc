import { expect } from 'chai';
import { signedInClient, type Client } from '../support/client.js';
import { fillCompleteAnswers, openTestAssessment, startTestApp, type TestApp } from '../support/http.js';
import { storeKinds } from '../support/stores.js';

interface Saved {
  revision: number;
  problems: { field: string; message: string }[];
}

for (const kind of storeKinds) {
  describe(`answers through the API on ${kind}`, function () {
    this.timeout(60_000);
    let app: TestApp;
    let consultant: Client;
    let colleague: Client;
    let manager: Client;
    let base: string;
    before(async () => {
      app = await startTestApp(kind);
      const assessment = await openTestAssessment(app.store, 'LK', 'answers');
      base = `/api/v1/assessments/${assessment.id}/answers`;
      consultant = await signedInClient(app.url, app.store, 'consultant', ['LK']);
      colleague = await signedInClient(app.url, app.store, 'consultant', ['LK']);
      manager = await signedInClient(app.url, app.store, 'programme_manager');
    });
    after(() => app.stop());

    const put = (client: Client, indicator: string, baseRevision: number, answer: unknown) =>
      client.request('PUT', `${base}/${indicator}`, { json: { baseRevision, answer } });

    it('saves a first answer at revision 1 with no problems when it is valid', async () => {
      const res = await put(consultant, 'CRIM-OFFENCE', 0, { status: 'answered', value: 3 });
      expect(res.status).to.equal(200);
      expect((await res.json()) as Saved).to.deep.include({ revision: 1, problems: [] });
    });

    it('keeps an invalid answer exactly as typed and reports its problem in plain words', async () => {
      const typed = { status: 'answered', value: 7, notes: 'Level unclear: check s. 5 of the Penal Code.' };
      const res = await put(consultant, 'GP-NONPUNISHMENT-FORM', 0, typed);
      expect(res.status).to.equal(200);
      const saved = (await res.json()) as Saved;
      expect(saved.problems).to.have.length(1);
      expect(saved.problems[0]?.field).to.equal('value');
      expect(saved.problems[0]?.message).not.to.match(/must be|instancePath|\/answers\//);
      const all = (await (await consultant.get(base)).json()) as { answers: { indicatorId: string; document: unknown; problems: unknown[] }[] };
      const stored = all.answers.find((a) => a.indicatorId === 'GP-NONPUNISHMENT-FORM');
      expect(stored?.document).to.deep.equal(typed);
      expect(stored?.problems).to.have.length(1);
    });

    it('refuses a save based on a stale revision with 409, showing both versions, and overwrites nothing', async () => {
      const first = (await (await put(consultant, 'CRIM-CONSENT', 0, { status: 'answered', value: true, notes: 'mine' })).json()) as Saved;
      expect((await put(colleague, 'CRIM-CONSENT', first.revision, { status: 'answered', value: false, notes: 'theirs' })).status).to.equal(200);
      const stale = await put(consultant, 'CRIM-CONSENT', first.revision, { status: 'unknown', notes: 'mine again' });
      expect(stale.status).to.equal(409);
      const problem = (await stale.json()) as { detail: string; current: { revision: number; document: { notes: string } }; yours: { document: { notes: string } } };
      expect(problem.detail).to.contain('Someone else saved this answer');
      expect(problem.current.revision).to.equal(2);
      expect(problem.current.document.notes).to.equal('theirs');
      expect(problem.yours.document.notes).to.equal('mine again');
    });

    it('keeps every change of an answer: who, when, before and after', async () => {
      const res = await consultant.get(`${base}/CRIM-CONSENT/history`);
      const body = (await res.json()) as { revision: number; history: { revision: number; before: { notes: string } | null; after: { notes: string }; changedBy: string }[] };
      expect(body.revision).to.equal(2);
      expect(body.history.map((h) => h.revision)).to.deep.equal([2, 1]);
      expect(body.history[0]?.before?.notes).to.equal('mine');
      expect(body.history[0]?.after.notes).to.equal('theirs');
      expect(body.history[1]?.before).to.equal(null);
      expect(body.history[0]?.changedBy).to.match(/^Test consultant/);
    });

    it('answers 404 for a question the rubric does not have, and 422 with pointers for a malformed body', async () => {
      expect((await put(consultant, 'NO-SUCH-QUESTION', 0, { status: 'unknown' })).status).to.equal(404);
      const bad = await consultant.request('PUT', `${base}/CRIM-OFFENCE`, { json: { baseRevision: -1, answer: 'yes' } });
      expect(bad.status).to.equal(422);
      const body = (await bad.json()) as { errors: { pointer: string }[] };
      expect(body.errors.map((e) => e.pointer).sort()).to.deep.equal(['/answer', '/baseRevision']);
    });

    it('refuses changes once the assessment is submitted, and to anyone but its consultants', async () => {
      expect((await put(manager, 'CRIM-OFFENCE', 1, { status: 'unknown' })).status).to.equal(403);
      await fillCompleteAnswers(app.store, Number(base.split('/')[4]));
      expect((await consultant.post(`${base.replace('/api/v1', '').replace('/answers', '')}/submit`)).status).to.equal(303);
      const res = await put(consultant, 'CRIM-OFFENCE', 2, { status: 'unknown' });
      expect(res.status).to.equal(409);
      expect(((await res.json()) as { detail: string }).detail).to.contain('can change again only if the programme manager requests changes');
    });

    it('serves the rubric the assessment is pinned to', async () => {
      const res = await consultant.get('/api/v1/rubrics/palermo-tip@1.0.0');
      expect(res.status).to.equal(200);
      expect(((await res.json()) as { $id: string }).$id).to.equal('urn:palermo-assess:rubric:palermo-tip:1.0.0');
    });
  });
}
