import { expect } from 'chai';
import { signedInClient, type Client } from '../support/client.js';
import { fillCompleteAnswers, openTestAssessment, startTestApp, type TestApp } from '../support/http.js';

const unescape = (html: string) => html.replace(/&#x3D;/g, '=').replace(/&#x27;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');

describe('questionnaire without JavaScript', function () {
  this.timeout(60_000);
  let app: TestApp;
  let consultant: Client;
  let colleague: Client;
  let manager: Client;
  let page: string;
  let assessmentPath: string;

  before(async () => {
    app = await startTestApp('pglite');
    const assessment = await openTestAssessment(app.store, 'MV', 'questionnaire');
    assessmentPath = assessment.path;
    page = `${assessment.path}/questionnaire/criminalisation`;
    consultant = await signedInClient(app.url, app.store, 'consultant', ['MV']);
    colleague = await signedInClient(app.url, app.store, 'consultant', ['MV']);
    manager = await signedInClient(app.url, app.store, 'programme_manager');
  });
  after(() => app.stop());

  const assessmentId = () => Number(assessmentPath.split('/').at(-1));

  async function citationsOf(path: string, indicatorId: string): Promise<Record<string, unknown>[]> {
    const rows = await app.store.query<{ document: { citations?: Record<string, unknown>[] } }>(
      'SELECT document FROM answers WHERE assessment_id = $1 AND indicator_id = $2',
      [Number(path.split('/').at(-1)), indicatorId],
    );
    return rows[0]?.document.citations ?? [];
  }

  it('shows each question of a pillar with its provisions, obligation level, guidance and progress', async () => {
    const res = await consultant.get(page);
    expect(res.status).to.equal(200);
    const html = await res.text();
    expect(html).to.contain('CRIM-MEANS').and.contain('TIP.3.a.means').and.contain('Mandatory').and.contain('Guidance for CRIM-MEANS');
    expect(html).to.contain('0 of 18 answered');
    expect(html).to.match(/<button type="submit" class="button">Save this part<\/button>/);
  });

  it('saves what was typed, valid or not, and shows each problem next to its field', async () => {
    const excerpt = 'A person who, by fraud or deception, recruits <b>another</b> commits an offence.';
    const res = await consultant.post(page, {
      'CRIM-MEANS.base': '0',
      'CRIM-MEANS.value': ['fraud', 'deception'],
      'CRIM-MEANS.c0.instrument': 'Anti-Trafficking Act',
      'CRIM-MEANS.c0.url': 'ftp://nowhere',
      'CRIM-MEANS.c0.excerpt': excerpt,
      'CRIM-INTENT.base': '0',
      'CRIM-INTENT.status': 'not_applicable',
    });
    expect(res.status).to.equal(303);
    const html = await (await consultant.get(page)).text();
    expect(html).to.contain('Saved 2 answer(s); 2 still need attention');
    expect(html).to.match(/name="CRIM-MEANS.value" value="fraud" checked/);
    expect(unescape(html)).to.contain(`>${excerpt}</textarea>`);
    expect(html).to.contain('value="ftp://nowhere"');
    expect(html).to.contain('Enter a web address starting with http:// or https://');
    expect(html).to.contain('A justification is required');
    expect(html).to.contain('2 of 18 answered');
  });

  it('refuses to overwrite a colleague\'s newer save, showing both versions, and keeps what was typed', async () => {
    // Both open the page at revision 1 of CRIM-CONSENT.
    await consultant.post(page, { 'CRIM-CONSENT.base': '0', 'CRIM-CONSENT.value': 'true', 'CRIM-CONSENT.notes': 'first' });
    expect((await colleague.post(page, { 'CRIM-CONSENT.base': '1', 'CRIM-CONSENT.value': 'false', 'CRIM-CONSENT.notes': 'the colleague\'s view' })).status).to.equal(303);
    const res = await consultant.post(page, { 'CRIM-CONSENT.base': '1', 'CRIM-CONSENT.value': 'true', 'CRIM-CONSENT.notes': 'my newer view' });
    expect(res.status).to.equal(409);
    const html = unescape(await res.text());
    expect(html).to.contain('were changed by someone else while you worked');
    expect(html).to.contain('"notes": "the colleague\'s view"');
    expect(html).to.contain('>my newer view</textarea>');
    expect(html).to.contain('name="CRIM-CONSENT.base" value="2"');
    const stored = await app.store.query<{ document: { notes: string } }>(`SELECT document FROM answers WHERE indicator_id = 'CRIM-CONSENT'`);
    expect(stored[0]?.document.notes).to.equal("the colleague's view");
  });

  it('reorders citations with the move buttons, keeping every field of each', async () => {
    const other = await openTestAssessment(app.store, 'MV', 'questionnaire-reorder');
    const page = `${other.path}/questionnaire/criminalisation`;
    const readCitations = (id: string) => citationsOf(other.path, id);
    const rows = {
      'CRIM-ORGANISING.base': '0',
      'CRIM-ORGANISING.c0.instrument': 'First Act', 'CRIM-ORGANISING.c0.provision': 's. 1',
      'CRIM-ORGANISING.c1.instrument': 'Second Act', 'CRIM-ORGANISING.c1.provision': 's. 2', 'CRIM-ORGANISING.c1.year': '2019',
      'CRIM-ORGANISING.c2.instrument': 'Third Act',
    };
    expect((await consultant.post(page, rows)).status).to.equal(303);
    const saved = await readCitations('CRIM-ORGANISING');
    expect(saved.map((c) => c.instrument)).to.deep.equal(['First Act', 'Second Act', 'Third Act']);
    let html = await (await consultant.get(page)).text();
    expect(html).to.contain('value="CRIM-ORGANISING.c1.up">Move citation 2 up</button>');
    expect(html).not.to.contain('value="CRIM-ORGANISING.c0.up"');
    expect(html).not.to.contain('value="CRIM-ORGANISING.c2.down"');
    expect(html).to.match(/<form[^>]*>\s*<input type="hidden" name="_csrf"[^>]*>\s*<button type="submit" class="visually-hidden" tabindex="-1">Save this part<\/button>/);

    const revision = html.match(/name="CRIM-ORGANISING.base" value="(\d+)"/)![1]!;
    await consultant.post(page, { ...rows, 'CRIM-ORGANISING.base': revision, move: 'CRIM-ORGANISING.c1.up' });
    expect(await readCitations('CRIM-ORGANISING')).to.deep.equal([
      { instrument: 'Second Act', provision: 's. 2', year: 2019 },
      { instrument: 'First Act', provision: 's. 1' },
      { instrument: 'Third Act' },
    ]);
    html = await (await consultant.get(page)).text();
    const next = html.match(/name="CRIM-ORGANISING.base" value="(\d+)"/)![1]!;
    await consultant.post(page, { ...rows, 'CRIM-ORGANISING.base': next, 'CRIM-ORGANISING.c0.instrument': 'First Act', move: 'CRIM-ORGANISING.c0.down' });
    expect((await readCitations('CRIM-ORGANISING')).map((c) => c.instrument)).to.deep.equal(['Second Act', 'First Act', 'Third Act']);
  });

  it('never shows one database\'s answers in another\'s page, whatever ids they share (caches are per store)', async () => {
    // Two fresh databases in one process: the same assessment id, question and revision in each.
    const apps = [await startTestApp('pglite'), await startTestApp('pglite')];
    try {
      const pages: { client: Client; path: string; notes: string }[] = [];
      for (const [n, other] of apps.entries()) {
        const assessment = await openTestAssessment(other.store, 'MV', 'questionnaire-cache');
        const notes = `Notes kept in database ${n + 1}`;
        await other.store.query(`INSERT INTO answers (assessment_id, indicator_id, document) VALUES ($1, 'CRIM-OFFENCE', $2::jsonb)`, [assessment.id, JSON.stringify({ status: 'unknown', notes })]);
        pages.push({ client: await signedInClient(other.url, other.store, 'consultant', ['MV']), path: `${assessment.path}/questionnaire/criminalisation`, notes });
      }
      expect(pages[0]!.path).to.equal(pages[1]!.path);
      for (let round = 0; round < 2; round++) {
        for (const p of pages) expect(await (await p.client.get(p.path)).text()).to.contain(p.notes);
      }
    } finally {
      for (const other of apps) await other.stop();
    }
  });

  it('shows each question\'s history: every revision, who and when', async () => {
    const html = await (await consultant.get(page)).text();
    expect(html).to.contain('History of CRIM-CONSENT (2 change(s))');
    expect(html).to.match(/Revision 2 · Test consultant \d+ · \d{1,2} \w{3} \d{4}, \d{2}:\d{2} UTC/);
  });

  it('lists each state\'s completeness on the assessments page', async () => {
    const answered = (await app.store.query<{ n: number }>('SELECT count(*)::int AS n FROM answers WHERE assessment_id = $1', [assessmentId()]))[0]!.n;
    const html = await (await manager.get('/assessments')).text();
    expect(html).to.match(new RegExp(`\\d+% <span class="muted">\\(${answered} of \\d+ questions\\)</span>`));
  });

  it('leaves answers alone whose questions were not on the posted form', async () => {
    expect((await consultant.post(page, { 'CRIM-ATTEMPT.base': '0', 'CRIM-ATTEMPT.value': 'true' })).status).to.equal(303);
    const stored = await app.store.query<{ indicator_id: string }>(`SELECT indicator_id FROM answers WHERE assessment_id = $1 ORDER BY indicator_id`, [assessmentId()]);
    expect(stored.map((r) => r.indicator_id)).to.deep.equal(['CRIM-ATTEMPT', 'CRIM-CONSENT', 'CRIM-INTENT', 'CRIM-MEANS']);
  });

  it('hides a follow-up question while the answer it depends on makes it moot', async () => {
    const html = await (await consultant.get(page.replace('criminalisation', 'good-practice'))).text();
    expect(html).to.match(/Not asked: this question depends on the answer to <a href="#q-GP-NONPUNISHMENT">GP-NONPUNISHMENT<\/a>/);
  });

  it('lets a programme manager read the questionnaire but not save it', async () => {
    expect((await manager.get(page)).status).to.equal(200);
    expect(await (await manager.get(page)).text()).not.to.contain('Save this part');
    expect((await manager.post(page, { 'CRIM-OFFENCE.base': '0', 'CRIM-OFFENCE.value': '3' })).status).to.equal(403);
  });

  it('takes no change once submitted, and says why', async () => {
    await fillCompleteAnswers(app.store, Number(assessmentPath.split('/').at(-1)));
    expect((await consultant.post(`${assessmentPath}/submit`)).status).to.equal(303);
    const res = await consultant.post(page, { 'CRIM-OFFENCE.base': '0', 'CRIM-OFFENCE.value': '3' });
    expect(res.status).to.equal(409);
    expect(await res.text()).to.contain('can change again only if the programme manager requests changes');
  });
});
