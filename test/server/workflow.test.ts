import { expect } from 'chai';
import { saveAnswer } from '../../assessments/index.js';
import { signedInClient, type Client } from '../support/client.js';
import { fillCompleteAnswers, openTestAssessment, startTestApp, type TestApp } from '../support/http.js';

describe('review workflow', function () {
  this.timeout(60_000);
  let app: TestApp;
  let page: string;
  let consultant: Client;
  let manager: Client;
  let focalPoint: Client;
  let otherFocalPoint: Client;

  before(async () => {
    app = await startTestApp('pglite');
    const assessment = await openTestAssessment(app.store, 'KI', 'wf');
    await saveAnswer(app.store, { assessmentId: assessment.id, indicatorId: 'CRIM-OFFENCE', baseRevision: 0, userId: null, problems: [], document: { status: 'answered', value: 3 } });
    await fillCompleteAnswers(app.store, assessment.id);
    page = assessment.path;
    consultant = await signedInClient(app.url, app.store, 'consultant', ['KI']);
    manager = await signedInClient(app.url, app.store, 'programme_manager');
    focalPoint = await signedInClient(app.url, app.store, 'focal_point', ['KI']);
    otherFocalPoint = await signedInClient(app.url, app.store, 'focal_point', ['NR']);
  });
  after(async () => {
    await app.stop();
  });

  const status = async () => ((await (await manager.get(`/api${page.replace('/assessments', '/v1/assessments')}`)).json()) as { assessment: { status: string } }).assessment.status;

  it('shows each person what awaits them on their home page', async () => {
    expect(await (await consultant.get('/')).text()).to.contain('Kiribati');
    expect(await (await manager.get('/')).text()).to.contain('Nothing waits for you now');
  });

  it('refuses a step the workflow does not allow now with 409 and a plain reason', async () => {
    const res = await manager.post(`${page}/approve`);
    expect(res.status).to.equal(409);
    expect(await res.text()).to.contain('Only an assessment submitted for review can be approved.');
  });

  it('refuses submission while questions are unanswered or invalid, listing each with a link to it', async () => {
    await app.store.query(`DELETE FROM answers WHERE indicator_id IN ('CRIM-MEANS', 'PREV-POLICY')`);
    await app.store.query(`UPDATE answers SET document = '{"status": "not_applicable"}' WHERE indicator_id = 'CRIM-CONSENT'`);
    const res = await consultant.post(`${page}/submit`);
    expect(res.status).to.equal(422);
    const html = await res.text();
    expect(html).to.contain('Not ready to submit: 3 question(s)');
    expect(html).to.contain(`href="${page}/questionnaire/criminalisation#q-CRIM-MEANS"`);
    expect(html).to.contain(`href="${page}/questionnaire/prevention#q-PREV-POLICY"`);
    expect(html).to.contain('A justification is required');
    expect(await status()).to.equal('draft');

    // The same through the API: problem+json with a pointer per question.
    const api = await consultant.request('POST', `/api/v1${page}/submit`, { json: {} });
    expect(api.status).to.equal(422);
    expect(api.headers.get('content-type')).to.contain('application/problem+json');
    const problem = (await api.json()) as { errors: { pointer: string; question: string; detail: string }[] };
    expect(problem.errors.map((e) => e.pointer)).to.include.members(['/answers/CRIM-MEANS', '/answers/PREV-POLICY', '/answers/CRIM-CONSENT']);
    expect(await status()).to.equal('draft');
    await fillCompleteAnswers(app.store, Number(page.split('/').at(-1)));
  });

  it('submits through the API once every question has a valid answer, and says so in JSON', async () => {
    const res = await consultant.request('POST', `/api/v1${page}/submit`, { json: {} });
    expect(res.status).to.equal(200);
    expect(((await res.json()) as { assessment: { status: string } }).assessment.status).to.equal('submitted');
    expect((await manager.request('POST', `/api/v1${page}/request-changes`, { json: {} })).status).to.equal(200);
    expect(await status()).to.equal('changes_requested');
  });

  it('goes draft -> submitted -> changes requested -> submitted -> approved', async () => {
    expect((await consultant.post(`${page}/submit`)).status).to.equal(303);
    expect(await status()).to.equal('submitted');
    expect(await (await manager.get('/')).text()).to.contain('Kiribati');
    expect((await manager.post(`${page}/comments`, { body: 'Please cite the 2019 amendment.', indicatorId: 'CRIM-OFFENCE' })).status).to.equal(303);
    expect((await manager.post(`${page}/request-changes`)).status).to.equal(303);
    expect(await status()).to.equal('changes_requested');
    expect((await consultant.post(`${page}/submit`)).status).to.equal(303);
    expect((await manager.post(`${page}/approve`)).status).to.equal(303);
    expect(await status()).to.equal('approved');
  });

  it('hides the assessment from its focal point until it is shared, and from other states always', async () => {
    expect((await focalPoint.get(page)).status).to.equal(404);
    expect((await manager.post(`${page}/share`)).status).to.equal(303);
    const html = await (await focalPoint.get(page)).text();
    expect(html).to.contain('Please cite the 2019 amendment.');
    expect((await otherFocalPoint.get(page)).status).to.equal(404);
    expect((await otherFocalPoint.get(`/api/v1${page}`)).status).to.equal(404);
  });

  it('lets the focal point send comments and corrections before publication', async () => {
    const res = await focalPoint.post(`${page}/comments`, { body: 'An amendment passed in March 2025 (Act No. 4 of 2025).' });
    expect(res.status).to.equal(303);
    expect(await (await manager.get(page)).text()).to.contain('Act No. 4 of 2025');
  });

  it('publishes a frozen snapshot with a content hash, after which no comment is taken', async () => {
    expect((await manager.post(`${page}/publish`)).status).to.equal(303);
    expect(await status()).to.equal('published');
    const rows = await app.store.query<{ content_hash: string; content: { answers: Record<string, unknown> } }>(
      'SELECT content_hash, content FROM assessment_snapshots',
    );
    expect(rows).to.have.length(1);
    expect(rows[0]?.content_hash).to.match(/^[0-9a-f]{64}$/);
    expect(Object.keys(rows[0]!.content.answers)).to.include('CRIM-OFFENCE');
    expect(Object.keys(rows[0]!.content.answers)).to.have.length(84);
    expect(await (await focalPoint.get(page)).text()).to.contain(rows[0]!.content_hash);
    expect((await focalPoint.post(`${page}/comments`, { body: 'Too late' })).status).to.equal(403);
    expect((await consultant.post(`${page}/submit`)).status).to.equal(409);
  });

  it('records every step in the audit log', async () => {
    const rows = await app.store.query<{ action: string }>(`SELECT action FROM audit_log WHERE entity_type = 'assessment' ORDER BY id`);
    expect(rows.map((r) => r.action)).to.deep.equal([
      'assessment.submit', 'assessment.request-changes', 'assessment.submit', 'comment.add', 'assessment.request-changes', 'assessment.submit', 'assessment.approve',
      'assessment.share', 'comment.add', 'assessment.publish',
    ]);
  });
});
