import { expect } from 'chai';
import ExcelJS from 'exceljs';
import path from 'node:path';
import { readAnswersWorkbook, writeAnswersWorkbook, type WorkbookHeader, type WorkbookRead } from '../../assessments/index.js';
import { loadDefaultRubric, type CompiledRubric } from '../../rubric/index.js';
import { fixtures, readJson } from '../rubric/helpers.js';

type Answers = Record<string, Record<string, unknown>>;

/** A fresh copy of the complete, valid answers of a fictional state (every question answered). */
function completeAnswers(): Answers {
  return (readJson(path.join(fixtures, 'answers', 'complete-valid.json')) as { answers: Answers }).answers;
}

function headerFor(rubric: CompiledRubric, sample = false): WorkbookHeader {
  return {
    rubric,
    state: sample ? { code: 'XA', name: 'Azuria', sample: true } : { code: 'TH', name: 'Thailand', sample: false },
    round: { title: '2024 baseline' },
    status: 'draft',
    exportedAt: new Date('2024-05-01T09:30:00Z'),
  };
}

async function open(data: Buffer): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(data as unknown as ExcelJS.Buffer);
  return book;
}

async function save(book: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await book.xlsx.writeBuffer());
}

function sheetOf(book: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const sheet = book.getWorksheet(name);
  expect(sheet, `sheet ${name}`).to.not.equal(undefined);
  return sheet!;
}

/** The row number of the `nth` row whose first column reads `id`. */
function rowOf(sheet: ExcelJS.Worksheet, id: string, nth = 0): number {
  const rows: number[] = [];
  sheet.eachRow((row, n) => {
    if (row.getCell(1).text === id) rows.push(n);
  });
  expect(rows[nth], `row ${nth} of ${id} on ${sheet.name}`).to.be.a('number');
  return rows[nth]!;
}

/** The cell of question `id` (its `nth` row) under the column headed `heading`. */
function cellOf(book: ExcelJS.Workbook, sheetName: string, id: string, heading: string, nth = 0): ExcelJS.Cell {
  const sheet = sheetOf(book, sheetName);
  let column = 0;
  sheet.getRow(1).eachCell((cell, n) => {
    if (cell.text === heading) column = n;
  });
  expect(column, `column ${heading}`).to.be.greaterThan(0);
  return sheet.getRow(rowOf(sheet, id, nth)).getCell(column);
}

function aboutValue(book: ExcelJS.Workbook, label: string): ExcelJS.Cell {
  const about = sheetOf(book, 'About');
  return about.getRow(rowOf(about, label)).getCell(2);
}

function problemsOf(read: WorkbookRead) {
  expect(read.ok, 'the workbook should be refused').to.equal(false);
  expect(read).to.not.have.property('answers');
  return read.ok ? [] : read.problems;
}

describe('answers workbook (Excel export and import)', function () {
  this.timeout(30_000);
  let rubric: CompiledRubric;
  before(async () => {
    rubric = await loadDefaultRubric();
  });

  /** Writes the complete answers, lets `edit` change the workbook as a spreadsheet program would, and reads it back. */
  async function roundTrip(edit: (book: ExcelJS.Workbook) => void, answers: Answers = completeAnswers()): Promise<WorkbookRead> {
    const book = await open(await writeAnswersWorkbook(headerFor(rubric), answers));
    edit(book);
    return readAnswersWorkbook(rubric, await save(book));
  }

  it('gives back exactly the answers it was written from, citations in order and excerpts word for word', async () => {
    const answers = completeAnswers();
    answers['CRIM-FRAMEWORK']!.citations = [
      ...(answers['CRIM-FRAMEWORK']!.citations as unknown[]),
      {
        instrument: 'พระราชบัญญัติป้องกันและปราบปรามการค้ามนุษย์ พ.ศ. 2551',
        provision: 'มาตรา 6',
        year: 2008,
        url: 'https://example.org/th?a=1&b=2',
        excerpt: 'ผู้ใดกระทำการค้ามนุษย์\r\n"quoted" <script>alert(1)</script>\n  indented\tand _x0041_ kept',
        language: 'th',
      },
      { instrument: 'Penal Code (SAMPLE)', provision: '12' },
    ];
    answers['CRIM-FRAMEWORK']!.notes = '  Leading and trailing spaces.  \r\nSecond line.';
    answers['ENF-PENALTY-RANGE']!.value = '15';
    answers['ENF-MAX-PENALTY']!.value = 'life';
    answers['PREV-AWARENESS']!.value = [];

    const read = await readAnswersWorkbook(rubric, await writeAnswersWorkbook(headerFor(rubric), answers));

    expect(read).to.deep.equal({ ok: true, rubricKey: 'palermo-tip@1.0.0', stateCode: 'TH', answers });
  });

  it('lists every question of the rubric in rubric order, answered or not, with how to answer each', async () => {
    const book = await open(await writeAnswersWorkbook(headerFor(rubric), { 'CRIM-OFFENCE': { status: 'answered', value: 2 } }));
    const sheet = sheetOf(book, 'Answers');
    const ids: string[] = [];
    sheet.eachRow((row, n) => {
      if (n > 1) ids.push(row.getCell(1).text);
    });
    expect(ids).to.deep.equal(rubric.indicators.map((i) => i.id));
    expect(sheet.getRow(1).font?.bold).to.equal(true);
    expect(sheet.views[0]).to.include({ state: 'frozen', ySplit: 1 });
    expect(cellOf(book, 'Answers', 'CRIM-MEANS', 'How to answer').text).to.contain('fraud = ').and.contain('; deception = ');
    expect(cellOf(book, 'Answers', 'CRIM-OFFENCE', 'How to answer').text).to.match(/^0-3: 0 = No offence; 1 = /);
    expect(cellOf(book, 'Answers', 'CRIM-OFFENCE', 'Answer').value).to.equal(2);
    expect(cellOf(book, 'Answers', 'CRIM-OFFENCE', 'Status').dataValidation).to.include({ type: 'list' });
    expect(cellOf(book, 'Answers', 'COOP-CARRIER-SANCTIONS', 'How to answer').text).to.equal('yes or no\nOnly asked when COOP-CARRIER-DOCUMENT-CHECKS is yes.');
    expect(cellOf(book, 'Answers', 'ENF-MAX-PENALTY', 'How to answer').text).to.equal('a number of years, or life');
  });

  it('says on the About sheet whose answers these are, and marks a sample state SAMPLE', async () => {
    const book = await open(await writeAnswersWorkbook(headerFor(rubric, true), {}));
    expect(aboutValue(book, 'SAMPLE').text).to.contain('not a real assessment');
    expect(aboutValue(book, 'State').text).to.equal('Azuria (XA)');
    expect(aboutValue(book, 'Round').text).to.equal('2024 baseline');
    expect(aboutValue(book, 'Assessment status').text).to.equal('Draft');
    expect(aboutValue(book, 'Rubric key').text).to.equal('palermo-tip@1.0.0');
    expect(aboutValue(book, 'File format').text).to.equal('palermo-assess/assessment-workbook@1');
    expect(sheetOf(book, 'Answers').headerFooter.oddHeader).to.contain('SAMPLE');
    const real = await open(await writeAnswersWorkbook(headerFor(rubric), {}));
    expect(sheetOf(real, 'About').getColumn(1).values).to.not.include('SAMPLE');
  });

  it('leaves out the questions whose rows are blank', async () => {
    const partial = { 'CRIM-OFFENCE': { status: 'answered', value: 2 }, 'GP-PLATFORMS': { status: 'unknown' } };
    const read = await readAnswersWorkbook(rubric, await writeAnswersWorkbook(headerFor(rubric), partial));
    expect(read).to.deep.equal({ ok: true, rubricKey: 'palermo-tip@1.0.0', stateCode: 'TH', answers: partial });
    const empty = await readAnswersWorkbook(rubric, await writeAnswersWorkbook(headerFor(rubric), {}));
    expect(empty).to.deep.include({ ok: true, answers: {} });
  });

  it('takes in what a consultant edited offline: a changed status, ticked elements, a new answer and an added citation', async () => {
    const answers = completeAnswers();
    delete answers['CRIM-OCG'];
    const read = await roundTrip((book) => {
      cellOf(book, 'Answers', 'GP-PLATFORMS', 'Status').value = 'answered';
      cellOf(book, 'Answers', 'GP-PLATFORMS', 'Answer').value = 2;
      cellOf(book, 'Answers', 'CRIM-ACTS', 'Answer').value = 'recruitment, Transportation; transfer;harbouring';
      cellOf(book, 'Answers', 'CRIM-OCG', 'Status').value = 'Answered';
      cellOf(book, 'Answers', 'CRIM-OCG', 'Answer').value = 'YES';
      cellOf(book, 'Answers', 'CRIM-OCG', 'Notes').value = 'Added offline.';
      cellOf(book, 'Answers', 'CRIM-OFFENCE', 'Status').value = 'Not applicable';
      cellOf(book, 'Answers', 'CRIM-OFFENCE', 'Not-applicable reason').value = 'not relevant';
      cellOf(book, 'Answers', 'CRIM-OFFENCE', 'Justification').value = 'Covered by the general Penal Code.';
      // A new citation typed at the bottom, to come before the exported one.
      sheetOf(book, 'Citations').addRow(['CRIM-ACTS', 0, 'Labour Protection Act (SAMPLE)', 's. 9', 2018, 'https://example.org/lpa', 'Verbatim text.', 'en']);
    }, answers);

    const expected = completeAnswers();
    delete expected['CRIM-OCG'];
    expected['GP-PLATFORMS'] = { status: 'answered', value: 2, notes: expected['GP-PLATFORMS']!.notes };
    expected['CRIM-ACTS']!.value = ['recruitment', 'transportation', 'transfer', 'harbouring'];
    expected['CRIM-ACTS']!.citations = [
      { instrument: 'Labour Protection Act (SAMPLE)', provision: 's. 9', year: 2018, url: 'https://example.org/lpa', excerpt: 'Verbatim text.', language: 'en' },
      ...(expected['CRIM-ACTS']!.citations as unknown[]),
    ];
    expected['CRIM-OCG'] = { status: 'answered', value: true, notes: 'Added offline.' };
    Object.assign(expected['CRIM-OFFENCE']!, { status: 'not_applicable', naReason: 'not_relevant', justification: 'Covered by the general Penal Code.' });
    expect(read).to.deep.equal({ ok: true, rubricKey: 'palermo-tip@1.0.0', stateCode: 'TH', answers: expected });
  });

  it('reads each cell as the person sees it: rich text, hyperlinks, formulas, numbers, TRUE/FALSE and dates', async () => {
    const read = await roundTrip((book) => {
      cellOf(book, 'Answers', 'CRIM-FRAMEWORK', 'Answer').value = 1960;
      cellOf(book, 'Answers', 'CRIM-FRAMEWORK', 'Notes').value = { richText: [{ text: 'Bold ', font: { bold: true } }, { text: 'and plain.' }] };
      cellOf(book, 'Answers', 'CRIM-OFFENCE', 'Answer').value = { formula: '1+2', result: 3 };
      cellOf(book, 'Answers', 'CRIM-INTENT', 'Answer').value = true;
      cellOf(book, 'Answers', 'ENF-MAX-PENALTY', 'Answer').value = ' Life ';
      const date = cellOf(book, 'Answers', 'CRIM-CONSENT', 'Justification');
      date.value = new Date(Date.UTC(2024, 4, 1));
      // A style of its own: exceljs shares a loaded style between the cells that use it.
      date.style = { ...date.style, numFmt: 'yyyy-mm-dd' };
      cellOf(book, 'Citations', 'CRIM-MEANS', 'Link').value = { text: 'https://example.org/shown', hyperlink: 'https://example.org/target' };
      cellOf(book, 'Citations', 'CRIM-MEANS', 'Year').value = '2019';
      cellOf(book, 'Citations', 'CRIM-MEANS', 'Section or article').value = 3;
    });
    expect(read.ok ? [] : read.problems).to.deep.equal([]);
    const answers = (read.ok ? read.answers : {}) as Answers;
    expect(answers['CRIM-FRAMEWORK']).to.include({ value: '1960', notes: 'Bold and plain.' });
    expect(answers['CRIM-OFFENCE']).to.include({ value: 3 });
    expect(answers['CRIM-INTENT']).to.include({ value: true });
    expect(answers['ENF-MAX-PENALTY']).to.include({ value: 'life' });
    expect(answers['CRIM-CONSENT']).to.include({ justification: '2024-05-01' });
    expect((answers['CRIM-MEANS']!.citations as unknown[])[0]).to.include({ url: 'https://example.org/shown', year: 2019, provision: '3' });
  });

  describe('refuses, saying where each problem is', () => {
    it('an unknown question id, at its row, and the citations left without their question', async () => {
      let row = 0;
      let citationRow = 0;
      const read = await roundTrip((book) => {
        const cell = cellOf(book, 'Answers', 'CRIM-INTENT', 'Question id');
        row = Number(cell.row);
        cell.value = 'CRIM-NOPE';
        citationRow = rowOf(sheetOf(book, 'Citations'), 'CRIM-INTENT');
      });
      expect(problemsOf(read)).to.deep.equal([
        { sheet: 'Answers', row, column: 'Question id', question: 'CRIM-NOPE', message: "'CRIM-NOPE' is not a question of palermo-tip@1.0.0; do not change the Question id column." },
        { sheet: 'Citations', row: citationRow, column: 'Question id', question: 'CRIM-INTENT', message: 'CRIM-INTENT has citations but no row on the Answers sheet; put back its row, or delete its citations.' },
      ]);
    });

    it('a question given two rows', async () => {
      let row = 0;
      const read = await roundTrip((book) => {
        row = sheetOf(book, 'Answers').addRow(['CRIM-INTENT']).number;
        sheetOf(book, 'Answers').getRow(row).getCell(8).value = 'unknown';
      });
      const first = rowOf(sheetOf(await open(await writeAnswersWorkbook(headerFor(rubric), {})), 'Answers'), 'CRIM-INTENT');
      expect(problemsOf(read)).to.deep.equal([
        { sheet: 'Answers', row, column: 'Question id', question: 'CRIM-INTENT', message: `CRIM-INTENT already has a row (row ${first}); keep one row per question.` },
      ]);
    });

    it('a level typed as "high", at its Answer cell', async () => {
      let row = 0;
      const read = await roundTrip((book) => {
        const cell = cellOf(book, 'Answers', 'CRIM-OFFENCE', 'Answer');
        row = Number(cell.row);
        cell.value = 'high';
      });
      expect(problemsOf(read)).to.deep.equal([{ sheet: 'Answers', row, column: 'Answer', question: 'CRIM-OFFENCE', message: 'Choose a level from 0 to 3' }]);
    });

    it('an element that is not on the list, at its Answer cell', async () => {
      const read = await roundTrip((book) => {
        cellOf(book, 'Answers', 'ENF-GRAVITY', 'Answer').value = 'high';
      });
      expect(problemsOf(read)).to.deep.equal([
        { sheet: 'Answers', row: rowOf(sheetOf(await open(await writeAnswersWorkbook(headerFor(rubric), {})), 'Answers'), 'ENF-GRAVITY'), column: 'Answer', question: 'ENF-GRAVITY', message: "'high' is not one of the listed elements" },
      ]);
    });

    it('a workbook written against another rubric, naming both', async () => {
      const read = await roundTrip((book) => {
        aboutValue(book, 'Rubric key').value = 'palermo-tip@0.9.0';
      });
      const [problem, ...others] = problemsOf(read);
      expect(others).to.deep.equal([]);
      expect(problem).to.include({ sheet: 'About', column: null, question: null, message: 'The workbook was written against palermo-tip@0.9.0; this assessment uses palermo-tip@1.0.0.' });
    });

    it('a workbook that has lost its file format, as one plain problem', async () => {
      const read = await roundTrip((book) => {
        aboutValue(book, 'File format').value = null;
      });
      expect(problemsOf(read)).to.have.length(1);
      expect(problemsOf(read)[0]!.message).to.contain('was not exported by palermo-assess');
    });

    it('a citation link that is not a web address (ftp://), at its row and the Link column', async () => {
      let row = 0;
      const read = await roundTrip((book) => {
        const cell = cellOf(book, 'Citations', 'CRIM-ACTS', 'Link');
        row = Number(cell.row);
        cell.value = 'ftp://legislation.example.org/atip-2019';
      });
      expect(problemsOf(read)).to.deep.equal([
        { sheet: 'Citations', row, column: 'Link', question: 'CRIM-ACTS', message: 'Enter a web address starting with http:// or https://' },
      ]);
    });

    it('the second citation of a question at its own row, whatever the order of the rows', async () => {
      let row = 0;
      const read = await roundTrip((book) => {
        row = sheetOf(book, 'Citations').addRow(['CRIM-ACTS', 2, 'Labour Protection Act (SAMPLE)', 's. 9', 1700]).number;
        // Typed above the exported citation, but ordered after it.
        sheetOf(book, 'Citations').spliceRows(2, 0, ['CRIM-ACTS', 3, 'Extra Act', '', 'n.d.']);
        row += 1;
      });
      expect(problemsOf(read)).to.deep.equal([
        { sheet: 'Citations', row: 2, column: 'Section or article', question: 'CRIM-ACTS', message: 'Enter the section or article cited' },
        { sheet: 'Citations', row: 2, column: 'Year', question: 'CRIM-ACTS', message: 'Enter a year between 1800 and 2100' },
        { sheet: 'Citations', row, column: 'Year', question: 'CRIM-ACTS', message: 'Enter a year between 1800 and 2100' },
      ]);
    });

    it('a citation for a question that is not in the rubric', async () => {
      let row = 0;
      const read = await roundTrip((book) => {
        row = sheetOf(book, 'Citations').addRow(['CRIM-NOPE', 1, 'Some Act', 's. 1']).number;
      });
      expect(problemsOf(read)).to.deep.equal([
        { sheet: 'Citations', row, column: 'Question id', question: 'CRIM-NOPE', message: "'CRIM-NOPE' is not a question of palermo-tip@1.0.0; do not change the Question id column." },
      ]);
    });

    it('not applicable without a justification, at the Justification cell', async () => {
      let row = 0;
      const read = await roundTrip((book) => {
        const cell = cellOf(book, 'Answers', 'ENF-JURISDICTION-EXTRA', 'Justification');
        row = Number(cell.row);
        cell.value = null;
      });
      expect(problemsOf(read)).to.deep.equal([
        { sheet: 'Answers', row, column: 'Justification', question: 'ENF-JURISDICTION-EXTRA', message: 'A justification is required when the question is marked not applicable' },
      ]);
    });

    it('an answer typed without a status, rather than dropping it', async () => {
      const answers = completeAnswers();
      delete answers['CRIM-OCG'];
      const read = await roundTrip((book) => {
        cellOf(book, 'Answers', 'CRIM-OCG', 'Notes').value = 'Typed offline, status forgotten.';
      }, answers);
      expect(problemsOf(read)).to.deep.equal([
        { sheet: 'Answers', row: rowOf(sheetOf(await open(await writeAnswersWorkbook(headerFor(rubric), {})), 'Answers'), 'CRIM-OCG'), column: 'Status', question: 'CRIM-OCG', message: 'Choose an answer status: answered, not applicable or unknown' },
      ]);
    });

    it('a file that is not an Excel workbook, in one plain sentence', async () => {
      const notXlsx = [{ ok: false, problems: [{ sheet: '', row: null, column: null, question: null, message: 'This file is not an Excel workbook (.xlsx)' }] }];
      for (const bytes of [Buffer.from('{"answers":{}}'), Buffer.alloc(0), Buffer.from('PK\u0003\u0004 broken zip', 'latin1')]) {
        expect([await readAnswersWorkbook(rubric, bytes)]).to.deep.equal(notXlsx);
      }
    });

    it('a sheet of more than 2,000 rows, before reading it', async () => {
      const read = await roundTrip((book) => {
        const citations = sheetOf(book, 'Citations');
        for (let i = 0; i < 2000; i++) citations.addRow(['CRIM-ACTS', i + 2, 'Act', 's. 1']);
      });
      expect(problemsOf(read)).to.deep.equal([
        { sheet: 'Citations', row: null, column: null, question: null, message: 'This sheet has 2,082 rows; a workbook may hold at most 2,000 rows per sheet.' },
      ]);
    });
  });

  it('returns no answers at all when anything is wrong, and lists every problem, not only the first', async () => {
    const read = await roundTrip((book) => {
      cellOf(book, 'Answers', 'CRIM-CONSENT', 'Notes').value = 'A good edit that must not come back alone.';
      cellOf(book, 'Citations', 'CRIM-ACTS', 'Link').value = 'ftp://example.org';
      cellOf(book, 'Answers', 'CRIM-OFFENCE', 'Answer').value = 'high';
      cellOf(book, 'Answers', 'CRIM-INTENT', 'Question id').value = 'CRIM-NOPE';
      cellOf(book, 'Answers', 'ENF-JURISDICTION-EXTRA', 'Justification').value = ' ';
    });
    const problems = problemsOf(read);
    expect(problems.map((p) => [p.sheet, p.question, p.column])).to.deep.equal([
      ['Answers', 'CRIM-OFFENCE', 'Answer'],
      ['Answers', 'CRIM-NOPE', 'Question id'],
      ['Answers', 'ENF-JURISDICTION-EXTRA', 'Justification'],
      ['Citations', 'CRIM-ACTS', 'Link'],
      ['Citations', 'CRIM-INTENT', 'Question id'],
    ]);
  });
});
