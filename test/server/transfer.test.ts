import { expect } from 'chai';
import { signedInClient, type Client } from '../support/client.js';
import { fillCompleteAnswers, openTestAssessment, startTestApp, type TestApp } from '../support/http.js';

interface ExportFile {
  format: string;
  rubric: string;
  state: { code: string };
  answers: Record<string, { status: string; notes?: string; value?: unknown }>;
}

describe('JSON export and import of one assessment', function () {
  this.timeout(60_000);
  let app: TestApp;
  let consultant: Client;
  let api: string;

  before(async () => {
    app = await startTestApp('postgres');
    const assessment = await openTestAssessment(app.store, 'ID', 'transfer');
    await fillCompleteAnswers(app.store, assessment.id);
    api = `/api/v1/assessments/${assessment.id}`;
    consultant = await signedInClient(app.url, app.store, 'consultant', ['ID']);
  });
  after(() => app.stop());

  const answerCount = async () => (await app.store.query<{ n: number }>('SELECT count(*)::int AS n FROM answers'))[0]!.n;
  const historyCount = async () => (await app.store.query<{ n: number }>('SELECT count(*)::int AS n FROM answer_history'))[0]!.n;

  it('exports every answer with the rubric, state and format, as a file download', async () => {
    const res = await consultant.get(`${api}/export`);
    expect(res.status).to.equal(200);
    expect(res.headers.get('content-disposition')).to.match(/^attachment; filename="?assessment-ID-\d+\.json"?$/);
    const file = (await res.json()) as ExportFile;
    expect(file).to.include({ format: 'palermo-assess/assessment@1', rubric: 'palermo-tip@1.0.0' });
    expect(file.state.code).to.equal('ID');
    expect(Object.keys(file.answers)).to.have.length(84);
  });

  it('imports a corrected file, changing only what differs and keeping the history', async () => {
    const file = (await (await consultant.get(`${api}/export`)).json()) as ExportFile;
    file.answers['CRIM-CONSENT'] = { ...file.answers['CRIM-CONSENT']!, notes: 'Corrected offline in the spreadsheet.' };
    const before = await historyCount();
    const res = await consultant.request('POST', `${api}/import`, { json: file });
    expect(res.status).to.equal(200);
    expect(await res.json()).to.deep.equal({ imported: 1, unchanged: 83 });
    expect(await historyCount()).to.equal(before + 1);
    const stored = await app.store.query<{ document: { notes: string } }>(`SELECT document FROM answers WHERE indicator_id = 'CRIM-CONSENT'`);
    expect(stored[0]?.document.notes).to.equal('Corrected offline in the spreadsheet.');
  });

  it('changes nothing when the file has problems, and lists every one with its place', async () => {
    const file = (await (await consultant.get(`${api}/export`)).json()) as ExportFile;
    file.answers['CRIM-CONSENT'] = { ...file.answers['CRIM-CONSENT']!, notes: 'Should not land.' };
    file.answers['GP-NONPUNISHMENT-FORM'] = { status: 'answered', value: 9 };
    file.answers['NO-SUCH-QUESTION'] = { status: 'unknown' };
    const [answers, history] = [await answerCount(), await historyCount()];
    const res = await consultant.request('POST', `${api}/import`, { json: file });
    expect(res.status).to.equal(422);
    const body = (await res.json()) as { detail: string; errors: { pointer: string; detail: string }[] };
    expect(body.detail).to.match(/^Nothing was imported: the file has 2 problem\(s\)\.$/);
    expect(body.errors.map((e) => e.pointer).sort()).to.deep.equal(['/answers/GP-NONPUNISHMENT-FORM/value', '/answers/NO-SUCH-QUESTION']);
    expect([await answerCount(), await historyCount()]).to.deep.equal([answers, history]);
    const stored = await app.store.query<{ document: { notes: string } }>(`SELECT document FROM answers WHERE indicator_id = 'CRIM-CONSENT'`);
    expect(stored[0]?.document.notes).to.equal('Corrected offline in the spreadsheet.');
  });

  it('refuses a file of another state or rubric, saying which', async () => {
    const file = (await (await consultant.get(`${api}/export`)).json()) as ExportFile;
    const res = await consultant.request('POST', `${api}/import`, { json: { ...file, state: { code: 'TH' }, rubric: 'palermo-tip@0.9.0' } });
    expect(res.status).to.equal(422);
    const details = ((await res.json()) as { errors: { detail: string }[] }).errors.map((e) => e.detail);
    expect(details).to.deep.equal([
      'The file was written against palermo-tip@0.9.0; this assessment uses palermo-tip@1.0.0.',
      'The file holds answers for TH; this assessment is of ID.',
    ]);
  });
});
