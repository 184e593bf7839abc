import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadRoundScores, loadSampleData, type RoundScores } from '../../assessments/index.js';
import { printRound } from '../../reports/batch.js';
import { Printer } from '../../reports/index.js';
import { loadDefaultRubric, type CompiledRubric } from '../../rubric/index.js';
import { signedInClient, type Client } from '../support/client.js';
import { startTestApp, type TestApp } from '../support/http.js';
import { pdfFonts, pdfInfo, pdfOutline, pdfText, squeeze } from '../reports/pdf-tools.js';

const PAYLOAD = '<script>document.title="pwned"</script><img src=x onerror=alert(1)>';

describe('country and regional reports as pages and PDFs', function () {
  this.timeout(180_000);
  let app: TestApp;
  let rubric: CompiledRubric;
  let dir: string;
  let consultant: Client;
  let manager: Client;
  let focalPoint: Client;
  let roundId: number;
  let scores: RoundScores;
  let xa: number;

  const write = (name: string, bytes: ArrayBuffer | Buffer) => {
    const file = path.join(dir, name);
    writeFileSync(file, Buffer.from(bytes as ArrayBuffer));
    return file;
  };
  const flat = (text: string) => text.replace(/\s+/g, ' ');

  before(async () => {
    app = await startTestApp('pglite');
    rubric = await loadDefaultRubric();
    dir = mkdtempSync(path.join(tmpdir(), 'palermo-reports-'));
    await loadSampleData(app.store, rubric);
    roundId = (await app.store.query<{ id: number }>(`SELECT id FROM rounds WHERE slug = 'sample-2025'`))[0]!.id;
    xa = (await app.store.query<{ id: number }>(`SELECT id FROM assessments WHERE state_code = 'XA' AND round_id = $1`, [roundId]))[0]!.id;
    // A legal excerpt carrying markup must print as the text it is.
    await app.store.query(
      `UPDATE answers SET document = jsonb_set(document, '{citations}', $3::jsonb) WHERE assessment_id = $1 AND indicator_id = $2`,
      [xa, 'CRIM-OFFENCE', JSON.stringify([{ instrument: 'Penal Code (SAMPLE)', provision: 's. 1', year: 2020, excerpt: `Section 1. ${PAYLOAD}`, language: 'en' }])],
    );
    await app.store.query(`UPDATE answers SET document = document || '{"status":"answered","value":3}'::jsonb WHERE assessment_id = $1 AND indicator_id = 'CRIM-OFFENCE'`, [xa]);
    scores = (await loadRoundScores(app.store, roundId, () => Promise.resolve(rubric)))!;
    consultant = await signedInClient(app.url, app.store, 'consultant', ['XA']);
    manager = await signedInClient(app.url, app.store, 'programme_manager');
    focalPoint = await signedInClient(app.url, app.store, 'focal_point', ['XA']);
  });
  after(async () => {
    await app?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows the country report as a page, the excerpt\'s markup escaped', async () => {
    const res = await consultant.get(`/assessments/${xa}/report`);
    expect(res.status).to.equal(200);
    const html = await res.text();
    expect(html).to.contain('Azuria');
    expect(html).not.to.contain(PAYLOAD);
    expect(html).to.contain('&lt;script&gt;');
  });

  it('prints the country report: the state, its overall score and every gap\'s recommendation, tagged, every font embedded', async () => {
    const res = await consultant.get(`/assessments/${xa}/report.pdf`);
    expect(res.status).to.equal(200);
    expect(res.headers.get('content-type')).to.equal('application/pdf');
    expect(res.headers.get('content-disposition')).to.contain('country-report-XA-sample-2025.pdf');
    const file = write('xa.pdf', await res.arrayBuffer());
    const info = pdfInfo(file);
    expect(info.Tagged).to.equal('yes');
    expect(info['Page size']).to.contain('A4');
    expect(Number(info.Pages)).to.be.greaterThan(4);
    for (const font of pdfFonts(file)) expect(font.embedded, font.name).to.equal(true);
    const text = flat(pdfText(file));
    expect(text).to.contain('Azuria');
    expect(text).to.contain('SAMPLE');
    expect(text).to.contain('DRAFT');
    const card = scores.cards.find((c) => c.state.code === 'XA')!.card;
    expect(text).to.contain(String(Math.round(card.overall.score!)));
    for (const gap of card.gaps) {
      for (const advice of [gap.recommendation, ...gap.missingElements.map((e) => e.recommendation)].filter((r): r is string => !!r)) {
        expect(squeeze(text), `${gap.indicatorId}: ${advice}`).to.contain(squeeze(advice));
      }
    }
    expect(squeeze(text)).to.contain(squeeze(`Section 1. ${PAYLOAD}`));
    expect(pdfOutline(file).length).to.be.greaterThan(3);
  });

  it('lets the focal point read the draft report once it is shared, not before', async () => {
    expect((await focalPoint.get(`/assessments/${xa}/report.pdf`)).status).to.equal(404);
    await app.store.query(`UPDATE assessments SET status = 'approved', shared_with_focal_point_at = now() WHERE id = $1`, [xa]);
    const res = await focalPoint.get(`/assessments/${xa}/report`);
    expect(res.status).to.equal(200);
    expect(await res.text()).to.contain('Azuria');
  });

  it('keeps a published report with its snapshot: the same bytes again, whatever changes elsewhere', async () => {
    await app.store.query(`UPDATE assessments SET status = 'approved' WHERE id = $1`, [xa]);
    expect((await manager.post(`/assessments/${xa}/publish`)).status).to.equal(303);
    const first = Buffer.from(await (await consultant.get(`/assessments/${xa}/report.pdf`)).arrayBuffer());
    const text = flat(pdfText(write('published.pdf', first)));
    expect(text).not.to.contain('DRAFT');
    const snapshot = (await app.store.query<{ content_hash: string }>('SELECT content_hash FROM assessment_snapshots WHERE assessment_id = $1', [xa]))[0]!;
    expect(squeeze(text)).to.contain(squeeze(snapshot.content_hash.slice(0, 12)));
    // Another state's answers move the regional averages; the published report does not move.
    await app.store.query(`UPDATE answers SET document = '{"status":"unknown"}'::jsonb WHERE assessment_id = (SELECT id FROM assessments WHERE state_code = 'XB' AND round_id = $1)`, [roundId]);
    const again = Buffer.from(await (await manager.get(`/assessments/${xa}/report.pdf`)).arrayBuffer());
    expect(again.equals(first)).to.equal(true);
    const stored = await app.store.query<{ n: number }>('SELECT count(*)::int AS n FROM published_reports WHERE assessment_id = $1', [xa]);
    expect(stored[0]!.n).to.equal(1);
  });

  it('prints the comparative report for programme managers only: every state with its summary line', async () => {
    expect((await consultant.get(`/rounds/${roundId}/report.pdf`)).status).to.equal(403);
    const res = await manager.get(`/rounds/${roundId}/report.pdf`);
    expect(res.status).to.equal(200);
    const file = write('regional.pdf', await res.arrayBuffer());
    expect(pdfInfo(file).Tagged).to.equal('yes');
    const text = flat(pdfText(file));
    for (const card of scores.cards) expect(text, card.state.name).to.contain(card.state.name);
    expect(text).to.contain('SAMPLE');
  });

  it('prints a whole round in a batch, then skips what has not changed and resumes what is missing', async () => {
    const out = path.join(dir, 'batch');
    const printer = new Printer();
    const small = (await app.store.query<{ id: number }>(`SELECT id FROM rounds WHERE slug = 'sample-2023'`))[0]!.id;
    // Three states are enough to show the mechanics; the benchmark prints all 45.
    await app.store.query(`DELETE FROM answers WHERE assessment_id IN (SELECT id FROM assessments WHERE round_id = $1 AND state_code NOT IN ('XA', 'XB', 'XC'))`, [small]);
    await app.store.query(`DELETE FROM assessments WHERE round_id = $1 AND state_code NOT IN ('XA', 'XB', 'XC')`, [small]);
    try {
      const run = () => printRound({ db: app.store, printer, rubricFor: () => Promise.resolve(rubric), roundId: small, outDir: out });
      const first = await run();
      expect(first.failed).to.deep.equal([]);
      expect(first.printed).to.have.length(4);
      expect(readdirSync(out).filter((f) => f.endsWith('.pdf')).sort()).to.deep.equal([
        'country-report-XA-sample-2023.pdf', 'country-report-XB-sample-2023.pdf', 'country-report-XC-sample-2023.pdf', 'regional-report-sample-2023.pdf',
      ]);
      const second = await run();
      expect(second.printed).to.deep.equal([]);
      expect(second.skipped).to.have.length(4);
      unlinkSync(path.join(out, 'country-report-XB-sample-2023.pdf'));
      const third = await run();
      expect(third.printed).to.deep.equal(['country-report-XB-sample-2023.pdf']);
    } finally {
      await printer.close();
    }
  });

  it('runs as npm run reports: usage errors in one line', () => {
    let stderr = '';
    try {
      execFileSync(process.execPath, ['--import', 'tsx', 'reports/cli.ts', '--round', 'x'], { encoding: 'utf8', stdio: 'pipe', env: { ...process.env, DATA_DIR: dir } });
    } catch (error) {
      stderr = (error as { stderr: string }).stderr;
      expect((error as { status: number }).status).to.equal(2);
    }
    expect(stderr).to.match(/^palermo-assess reports: --round and --out are required\./);
  });
});
