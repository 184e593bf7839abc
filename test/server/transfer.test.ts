import { expect } from 'chai';
import ExcelJS from 'exceljs';
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

describe('export and import page (Excel workbook and JSON file)', function () {
  this.timeout(60_000);
  let app: TestApp;
  let consultant: Client;
  let manager: Client;
  let base: string;
  let assessmentId: number;

  before(async () => {
    app = await startTestApp('pglite');
    const assessment = await openTestAssessment(app.store, 'TH', 'transfer-page');
    assessmentId = assessment.id;
    await fillCompleteAnswers(app.store, assessment.id);
    base = assessment.path;
    consultant = await signedInClient(app.url, app.store, 'consultant', ['TH']);
    manager = await signedInClient(app.url, app.store, 'programme_manager');
  });
  after(() => app.stop());

  const historyCount = async () =>
    (await app.store.query<{ n: number }>('SELECT count(*)::int AS n FROM answer_history WHERE assessment_id = $1', [assessmentId]))[0]!.n;
  const notesOf = async (id: string) =>
    (await app.store.query<{ notes: string | null }>(`SELECT document->>'notes' AS notes FROM answers WHERE assessment_id = $1 AND indicator_id = $2`, [assessmentId, id]))[0]?.notes;

  async function downloadWorkbook(): Promise<ExcelJS.Workbook> {
    const res = await consultant.get(`${base}/export.xlsx`);
    expect(res.status).to.equal(200);
    expect(res.headers.get('content-type')).to.contain('spreadsheetml');
    expect(res.headers.get('content-disposition')).to.match(/attachment; filename="?assessment-TH-\d+\.xlsx"?/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await res.arrayBuffer());
    return book;
  }

  /** The row of question `id` on the Answers sheet and the column number headed `heading`. */
  function cellOf(book: ExcelJS.Workbook, id: string, heading: string): ExcelJS.Cell {
    const sheet = book.getWorksheet('Answers')!;
    let headerRow = 0;
    let column = 0;
    let row = 0;
    sheet.eachRow((r, n) => {
      r.eachCell((c, col) => {
        if (c.text === 'Question id') headerRow = n;
        if (headerRow === n && c.text === heading) column = col;
      });
      if (headerRow && n > headerRow && r.getCell(1).text === id) row = n;
    });
    expect(row, `row of ${id}`).to.be.greaterThan(0);
    expect(column, `column ${heading}`).to.be.greaterThan(0);
    return sheet.getRow(row).getCell(column);
  }

  async function upload(book: ExcelJS.Workbook): Promise<Response> {
    const data = new Uint8Array(await book.xlsx.writeBuffer());
    return consultant.upload(`${base}/import`, { name: 'answers.xlsx', data, type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
  }

  it('offers both downloads, and the import form only to whoever may edit', async () => {
    const mine = await (await consultant.get(`${base}/transfer`)).text();
    expect(mine).to.contain(`href="${base}/export.xlsx"`).and.contain('enctype="multipart/form-data"').and.contain('<label for="field-file">');
    const theirs = await (await manager.get(`${base}/transfer`)).text();
    expect(theirs).to.contain(`href="${base}/export.xlsx"`).and.not.contain('enctype="multipart/form-data"');
    expect((await manager.get(`${base}/export.xlsx`)).status).to.equal(200);
  });

  it('takes back an unchanged workbook changing nothing, and an edited one changing only the edits', async () => {
    const before = await historyCount();
    let html = await (await upload(await downloadWorkbook())).text();
    expect(html).to.contain('0 answer(s) changed, 84 already as in the file');
    expect(await historyCount()).to.equal(before);

    const book = await downloadWorkbook();
    cellOf(book, 'CRIM-CONSENT', 'Notes').value = 'Checked offline against the 2019 Act.';
    html = await (await upload(book)).text();
    expect(html).to.contain('1 answer(s) changed, 83 already as in the file');
    expect(await notesOf('CRIM-CONSENT')).to.equal('Checked offline against the 2019 Act.');
    expect(await historyCount()).to.equal(before + 1);
  });

  it('refuses a workbook with any invalid answer, changing nothing and saying where each problem is', async () => {
    const before = await historyCount();
    const book = await downloadWorkbook();
    cellOf(book, 'CRIM-CHILD-AGE', 'Notes').value = 'This edit must not land.';
    const answer = cellOf(book, 'ENF-GRAVITY', 'Answer');
    answer.value = 'high';
    const res = await upload(book);
    expect(res.status).to.equal(422);
    const html = await res.text();
    expect(html).to.contain('Nothing was imported');
    expect(html).to.match(new RegExp(`sheet Answers, row ${answer.row}, column Answer`));
    expect(html).to.contain(`href="${base}/questionnaire/enforcement#q-ENF-GRAVITY"`);
    expect(await historyCount()).to.equal(before);
    expect(await notesOf('CRIM-CHILD-AGE')).not.to.equal('This edit must not land.');
  });

  it('takes a JSON export too, and refuses another state\'s file, a broken file and an empty form plainly', async () => {
    const file = (await (await consultant.get(`/api/v1/assessments/${assessmentId}/export`)).json()) as ExportFile;
    let res = await consultant.upload(`${base}/import`, { name: 'a.json', data: JSON.stringify(file), type: 'application/json' });
    expect(res.status).to.equal(200);
    expect(await res.text()).to.contain('0 answer(s) changed');

    res = await consultant.upload(`${base}/import`, { name: 'a.json', data: JSON.stringify({ ...file, state: { code: 'VN' } }) });
    expect(res.status).to.equal(422);
    expect(await res.text()).to.contain('The file holds answers for VN; this assessment is of TH.');

    res = await consultant.upload(`${base}/import`, { name: 'notes.txt', data: 'not a file we know' });
    expect(res.status).to.equal(422);
    expect(await res.text()).to.contain('neither an Excel workbook (.xlsx) nor valid JSON');

    res = await consultant.request('POST', `${base}/import`, { multipart: new FormData() });
    expect(res.status).to.equal(422);
    expect(await res.text()).to.contain('Choose a file to import');
  });

  it('refuses a file over 5 MB with 413, and an upload without the form\'s token with 403', async () => {
    const res = await consultant.upload(`${base}/import`, { name: 'big.json', data: new Uint8Array(5 * 1024 * 1024 + 1) });
    expect(res.status).to.equal(413);
    const form = new FormData();
    form.append('file', new Blob(['{}']), 'a.json');
    expect((await consultant.request('POST', `${base}/import`, { multipart: form, csrf: false })).status).to.equal(403);
  });

  it('lets a programme manager download but not import', async () => {
    const res = await manager.upload(`${base}/import`, { name: 'a.json', data: '{}' });
    expect(res.status).to.equal(403);
  });
});
