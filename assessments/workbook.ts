import ExcelJS from 'exceljs';
import { LIMITS, validateAnswers, type AnswerProblem, type CompiledRubric, type Condition, type Indicator } from '../rubric/index.js';
import { statusLabels, type AssessmentStatus } from './lifecycle.js';

/**
 * One assessment's answers as an Excel workbook, and back, for consultants who work offline. The
 * workbook mirrors the JSON export (`palermo-assess/assessment@1`): reading it gives the same
 * answers object, checked against the rubric; nothing is returned unless the whole workbook is right.
 */

/** The file format of an exported workbook; an import must say the same. */
export const WORKBOOK_FORMAT = 'palermo-assess/assessment-workbook@1';

/** Far more rows than a rubric needs: bounds the work one uploaded file can cause. */
const MAX_ROWS = 2000;

const messages = {
  title: 'Palermo Protocol assessment: answers',
  sample: 'SAMPLE: fictional data for demonstration and training, not a real assessment',
  instructions: [
    'Answers sheet: one row per question, in questionnaire order. Fill in Status and Answer, and where needed Not-applicable reason, Justification and Notes. Leave a row blank to leave its question unanswered.',
    'Do not change the Question id column, the sheet names or the column headings. The grey columns are there to read; changes to them are ignored.',
    'Status: answered, not_applicable or unknown. A question marked not_applicable needs a reason (reservation, declaration, not_relevant or other) and a justification.',
    'Answer, as the How to answer column says for each question: elements: the ids of the elements national law covers, separated by ; (or none); level: a number from 0 to 3; yesno: yes or no; years: a number of years, or life for life imprisonment; text: free text.',
    'Citations sheet: one row per citation of national law: the question id it backs, its order among that question\'s citations (1, 2, ...), the instrument, the section or article, and where known the year, a link starting with http:// or https://, the excerpt quoted word for word and its language (e.g. en, th). Add a row to add a citation; delete a row to remove one.',
    'Import: nothing is imported unless the whole workbook is right; every problem is listed with its sheet, row and column.',
  ],
  notXlsx: 'This file is not an Excel workbook (.xlsx)',
  notOurs: `This workbook was not exported by palermo-assess: its About sheet must keep the file format ${WORKBOOK_FORMAT}. Export a workbook from the assessment and copy your answers into it.`,
  noRubric: 'The About sheet has lost the rubric key; export a workbook from the assessment and copy your answers into it.',
  otherRubric: (theirs: string, ours: string) => `The workbook was written against ${theirs}; this assessment uses ${ours}.`,
  noState: 'The About sheet has lost the state code; put back the code of the state these answers belong to.',
  noSheet: (sheet: string) => `The workbook has no sheet named ${sheet}; keep the sheets as exported.`,
  noColumns: (headings: string[]) => `Row 1 must keep the column heading(s) ${headings.join(', ')}.`,
  tooManyRows: (rows: number) => `This sheet has ${rows.toLocaleString('en')} rows; a workbook may hold at most ${MAX_ROWS.toLocaleString('en')} rows per sheet.`,
  noQuestion: 'This row has an answer but no question id; put back the question id.',
  unknownQuestion: (id: string, rubric: string) => `'${id}' is not a question of ${rubric}; do not change the Question id column.`,
  duplicate: (id: string, row: number) => `${id} already has a row (row ${row}); keep one row per question.`,
  citationNoQuestion: 'This citation has no question id; give the id of the question it backs.',
  citationNoAnswer: (id: string) => `${id} has citations but no row on the Answers sheet; put back its row, or delete its citations.`,
  order: 'Enter the order of the citation as a number (1, 2, ...).',
};

const answerColumns = [
  { key: 'id', heading: 'Question id', width: 26, read: true },
  { key: 'pillar', heading: 'Pillar', width: 20, read: false },
  { key: 'question', heading: 'Question', width: 50, read: false },
  { key: 'obligation', heading: 'Obligation', width: 14, read: false },
  { key: 'provisions', heading: 'Provisions', width: 30, read: false },
  { key: 'type', heading: 'Type', width: 10, read: false },
  { key: 'howTo', heading: 'How to answer', width: 45, read: false },
  // From here on the keys are the fields of an answer, so a problem's field names its column.
  { key: 'status', heading: 'Status', width: 16, read: true },
  { key: 'value', heading: 'Answer', width: 30, read: true },
  { key: 'naReason', heading: 'Not-applicable reason', width: 20, read: true },
  { key: 'justification', heading: 'Justification', width: 40, read: true },
  { key: 'notes', heading: 'Notes', width: 40, read: true },
] as const;

/** The keys after `id` and `order` are the fields of a citation. */
const citationColumns = [
  { key: 'id', heading: 'Question id', width: 26, read: true },
  { key: 'order', heading: 'Order', width: 8, read: true },
  { key: 'instrument', heading: 'Instrument', width: 40, read: true },
  { key: 'provision', heading: 'Section or article', width: 18, read: true },
  { key: 'year', heading: 'Year', width: 8, read: true },
  { key: 'url', heading: 'Link', width: 40, read: true },
  { key: 'excerpt', heading: 'Excerpt (verbatim)', width: 60, read: true },
  { key: 'language', heading: 'Language', width: 10, read: true },
] as const;

/** Labels of the About rows an import reads back. */
const machineRows = { format: 'File format', rubric: 'Rubric key', state: 'State code' } as const;

const statuses = ['answered', 'not_applicable', 'unknown'] as const;
const naReasons = ['reservation', 'declaration', 'not_relevant', 'other'] as const;
const sheetOrder = ['', 'About', 'Answers', 'Citations'];

const readOnlyFill: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
const headingFill: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };

export interface WorkbookHeader {
  rubric: CompiledRubric;
  state: { code: string; name: string; sample: boolean };
  round: { title: string };
  status: string;
  exportedAt: Date;
}

export interface WorkbookProblem {
  sheet: string;
  row: number | null;
  column: string | null;
  question: string | null;
  message: string;
}

export type WorkbookRead =
  | { ok: true; rubricKey: string; stateCode: string; answers: Record<string, unknown> }
  | { ok: false; problems: WorkbookProblem[] };

type AnswerKey = (typeof answerColumns)[number]['key'];
type CitationKey = (typeof citationColumns)[number]['key'];
type Json = Record<string, unknown>;
/** A cell as the person sees it: text, a number or TRUE/FALSE; blank is undefined. */
type Seen = string | number | boolean | undefined;

// ---------------------------------------------------------------- writing

/** Writes every question of the rubric, answered or not, and every citation, as an .xlsx file. */
export async function writeAnswersWorkbook(header: WorkbookHeader, answers: Readonly<Record<string, unknown>>): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'palermo-assess';
  book.created = header.exportedAt;
  book.title = `${messages.title}: ${header.state.name}${header.state.sample ? ' (SAMPLE)' : ''}`;
  const documents = header.rubric.indicators.map((indicator) => [indicator, answerOf(answers, indicator.id)] as const);
  writeAbout(book.addWorksheet('About'), header);
  writeAnswers(book.addWorksheet('Answers'), header.rubric, documents);
  writeCitations(book.addWorksheet('Citations'), documents);
  // Printed pages of sample data say so too.
  if (header.state.sample) for (const sheet of book.worksheets) sheet.headerFooter.oddHeader = '&C&"-,Bold"SAMPLE';
  return Buffer.from(await book.xlsx.writeBuffer());
}

function writeAbout(sheet: ExcelJS.Worksheet, header: WorkbookHeader): void {
  const { rubric, state } = header;
  const grey = { argb: 'FF808080' };
  const line = (label: string, value: string, font: Partial<ExcelJS.Font> = {}) => {
    const row = sheet.addRow([label, excelText(value)]);
    row.font = font;
    row.getCell(1).font = { ...font, bold: true };
    row.alignment = { wrapText: true, vertical: 'top' };
  };
  sheet.columns = [{ width: 26 }, { width: 110 }];
  sheet.addRow([messages.title]).font = { bold: true, size: 14 };
  if (state.sample) line('SAMPLE', messages.sample, { bold: true, color: { argb: 'FFC00000' } });
  line('State', `${state.name} (${state.code})`);
  line('Round', header.round.title);
  line('Assessment status', statusLabels[header.status as AssessmentStatus] ?? header.status);
  line('Rubric', `${rubric.title} (${rubric.key})`);
  line('Exported', `${header.exportedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`);
  sheet.addRow([]);
  sheet.addRow(['How to fill it in']).font = { bold: true };
  for (const instruction of messages.instructions) line('', instruction);
  sheet.addRow([]);
  sheet.addRow(['For the import (do not change)']).font = { bold: true, color: grey };
  line(machineRows.format, WORKBOOK_FORMAT, { color: grey });
  line(machineRows.rubric, rubric.key, { color: grey });
  line(machineRows.state, state.code, { color: grey });
}

function writeAnswers(sheet: ExcelJS.Worksheet, rubric: CompiledRubric, documents: ReadonlyArray<readonly [Indicator, Json]>): void {
  startSheet(sheet, answerColumns);
  for (const [indicator, answer] of documents) {
    const row = sheet.addRow({
      id: indicator.id,
      pillar: rubric.pillars.find((p) => p.id === indicator.pillar)?.title ?? indicator.pillar,
      question: excelText(`${indicator.title}\n${indicator.question}`),
      obligation: indicator.obligation.replace('_', ' '),
      provisions: indicator.provisions.map((id) => `${id}: ${rubric.provisions.find((p) => p.id === id)?.title ?? ''}`).join('\n'),
      type: indicator.questionType,
      howTo: excelText(howToAnswer(indicator)),
      status: written(answer.status),
      value: written(answer.value),
      naReason: written(answer.naReason),
      justification: written(answer.justification),
      notes: written(answer.notes),
    } satisfies Record<AnswerKey, ExcelJS.CellValue>);
    answerColumns.forEach((column, i) => {
      const cell = row.getCell(i + 1);
      cell.alignment = { wrapText: true, vertical: 'top' };
      if (!column.read || column.key === 'id') cell.fill = readOnlyFill;
    });
    row.getCell('status').dataValidation = choice(statuses);
    row.getCell('naReason').dataValidation = choice(naReasons);
    if (indicator.questionType === 'level') row.getCell('value').dataValidation = choice(['0', '1', '2', '3']);
    if (indicator.questionType === 'yesno') row.getCell('value').dataValidation = choice(['yes', 'no']);
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: answerColumns.length } };
}

function writeCitations(sheet: ExcelJS.Worksheet, documents: ReadonlyArray<readonly [Indicator, Json]>): void {
  startSheet(sheet, citationColumns);
  for (const [indicator, answer] of documents) {
    const citations = Array.isArray(answer.citations) ? (answer.citations as unknown[]) : [];
    citations.filter(isRecord).forEach((citation, i) => {
      const row = sheet.addRow({
        id: indicator.id,
        order: i + 1,
        instrument: written(citation.instrument),
        provision: written(citation.provision),
        year: written(citation.year),
        url: written(citation.url),
        excerpt: written(citation.excerpt),
        language: written(citation.language),
      } satisfies Record<CitationKey, ExcelJS.CellValue>);
      row.alignment = { wrapText: true, vertical: 'top' };
    });
  }
}

function startSheet(sheet: ExcelJS.Worksheet, columns: ReadonlyArray<{ key: string; heading: string; width: number }>): void {
  sheet.columns = columns.map((c) => ({ key: c.key, header: c.heading, width: c.width }));
  const heading = sheet.getRow(1);
  heading.font = { bold: true };
  heading.alignment = { wrapText: true, vertical: 'top' };
  heading.eachCell((cell) => (cell.fill = headingFill));
  sheet.views = [{ state: 'frozen', xSplit: 1, ySplit: 1 }];
}

function howToAnswer(indicator: Indicator): string {
  const how = {
    elements: () => `The ids of the elements national law covers, separated by ; (or none): ${(indicator.elements ?? []).map((e) => `${e.id} = ${e.label}`).join('; ')}`,
    level: () => `0-3: ${(indicator.levels ?? []).map((l) => `${l.value} = ${l.label}`).join('; ')}`,
    yesno: () => 'yes or no',
    years: () => 'a number of years, or life',
    text: () => 'free text',
  }[indicator.questionType]();
  return indicator.condition ? `${how}\n${conditionText(indicator.condition)}` : how;
}

function conditionText(condition: Condition): string {
  const show = (v: boolean | number) => (typeof v === 'boolean' ? (v ? 'yes' : 'no') : String(v));
  const values = 'equals' in condition ? [condition.equals] : condition.in;
  return `Only asked when ${condition.indicator} is ${values.map(show).join(' or ')}.`;
}

function choice(values: readonly string[]): ExcelJS.DataValidation {
  return { type: 'list', allowBlank: true, formulae: [`"${values.join(',')}"`], showErrorMessage: true, errorStyle: 'warning', error: `Choose one of: ${values.join(', ')}` };
}

/** An answer field as a cell: element ids joined by "; ", yes/no for booleans, text as typed. */
function written(value: unknown): ExcelJS.CellValue {
  if (value === undefined || value === null) return null;
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'string') return excelText(value);
  if (Array.isArray(value)) return value.length === 0 ? 'none' : excelText(value.map(String).join('; '));
  return excelText(JSON.stringify(value));
}

/**
 * Escapes text the way Excel does (`_xHHHH_`), so that what XML cannot carry survives verbatim:
 * carriage returns (browsers send CRLF from text areas), control characters, and text that itself
 * looks like an escape. exceljs unescapes on reading but does not escape on writing.
 */
function excelText(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must be escaped
  return text.replace(/_x[0-9A-F]{4}_|[\u0000-\u0008\u000B\u000C\u000D\u000E-\u001F\uFFFE\uFFFF]/g, (match) =>
    match.length > 1 ? `_x005F_${match.slice(1)}` : `_x${match.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`,
  );
}

function answerOf(answers: Readonly<Record<string, unknown>>, id: string): Json {
  const answer = Object.hasOwn(answers, id) ? answers[id] : undefined;
  return isRecord(answer) ? answer : {};
}

// ---------------------------------------------------------------- reading

interface SheetRow<K extends string> {
  row: number;
  cells: Partial<Record<K, Seen>>;
}

interface Place {
  answerRow?: number;
  citationRows: number[];
}

/**
 * Reads a workbook written by writeAnswersWorkbook (and edited since) back into answers, all or
 * nothing: any problem anywhere gives the full list of problems and no answers.
 */
export async function readAnswersWorkbook(rubric: CompiledRubric, data: Buffer): Promise<WorkbookRead> {
  const book = await openWorkbook(data);
  if (!book) return { ok: false, problems: [{ sheet: '', row: null, column: null, question: null, message: messages.notXlsx }] };
  const about = readAbout(book, rubric);
  if (about.fatal) return { ok: false, problems: about.problems };

  const problems = [...about.problems];
  const report = (sheet: string, row: number | null, column: string | null, question: string | null, message: string) =>
    problems.push({ sheet, row, column, question, message });
  const answerRows = readSheet(book, 'Answers', answerColumns, problems);
  const citationRows = readSheet(book, 'Citations', citationColumns, problems);

  const rowsOf = new Map<string, SheetRow<AnswerKey>>();
  for (const entry of answerRows) {
    const id = token(entry.cells.id);
    const hasAnswer = answerColumns.some((c) => c.read && c.key !== 'id' && entry.cells[c.key] !== undefined);
    if (id === undefined) {
      if (hasAnswer) report('Answers', entry.row, 'Question id', null, messages.noQuestion);
    } else if (!rubric.indicator(id)) {
      report('Answers', entry.row, 'Question id', id, messages.unknownQuestion(id, rubric.key));
    } else if (rowsOf.has(id)) {
      report('Answers', entry.row, 'Question id', id, messages.duplicate(id, rowsOf.get(id)!.row));
    } else {
      rowsOf.set(id, entry);
    }
  }

  const citationsOf = new Map<string, Array<{ row: number; order: number; citation: Json }>>();
  for (const { row, cells } of citationRows) {
    const id = token(cells.id);
    if (id === undefined) {
      report('Citations', row, 'Question id', null, messages.citationNoQuestion);
      continue;
    }
    if (!rubric.indicator(id)) {
      report('Citations', row, 'Question id', id, messages.unknownQuestion(id, rubric.key));
      continue;
    }
    const order = orderOf(cells.order);
    if (order === null) report('Citations', row, 'Order', id, messages.order);
    const list = citationsOf.get(id) ?? [];
    list.push({ row, order: order ?? Infinity, citation: citationFrom(cells) });
    citationsOf.set(id, list);
  }

  const answers: Record<string, unknown> = {};
  const places = new Map<string, Place>();
  for (const indicator of rubric.indicators) {
    const entry = rowsOf.get(indicator.id);
    const citations = (citationsOf.get(indicator.id) ?? []).sort((a, b) => a.order - b.order || a.row - b.row);
    if (!entry && citations[0]) {
      report('Citations', citations[0].row, 'Question id', indicator.id, messages.citationNoAnswer(indicator.id));
      continue;
    }
    places.set(indicator.id, { answerRow: entry?.row, citationRows: citations.map((c) => c.row) });
    const answer = answerFrom(indicator, entry?.cells ?? {}, citations.map((c) => c.citation));
    if (answer) answers[indicator.id] = answer;
  }
  for (const problem of validateAnswers(rubric, { answers })) problems.push(locate(problem, places));

  if (problems.length > 0) return { ok: false, problems: sortProblems(problems) };
  return { ok: true, rubricKey: about.rubricKey, stateCode: about.stateCode, answers };
}

async function openWorkbook(data: Buffer): Promise<ExcelJS.Workbook | undefined> {
  const book = new ExcelJS.Workbook();
  try {
    // exceljs types its input as its own Buffer interface; a Node Buffer is what it reads at run time.
    await book.xlsx.load(data as unknown as ExcelJS.Buffer);
  } catch {
    return undefined;
  }
  // Any zip file loads; a workbook has at least one sheet.
  return book.worksheets.length > 0 ? book : undefined;
}

function readAbout(book: ExcelJS.Workbook, rubric: CompiledRubric) {
  const values = new Map<string, string>();
  const rows = new Map<string, number>();
  book.getWorksheet('About')?.eachRow((row, n) => {
    const label = token(seen(row.getCell(1).value));
    const value = token(seen(row.getCell(2).value));
    if (label === undefined || value === undefined) return;
    values.set(label.toLowerCase(), value);
    rows.set(label.toLowerCase(), n);
  });
  const at = (label: string) => ({ sheet: 'About', row: rows.get(label.toLowerCase()) ?? null, column: null, question: null });
  const format = values.get(machineRows.format.toLowerCase());
  const rubricKey = values.get(machineRows.rubric.toLowerCase());
  const stateCode = values.get(machineRows.state.toLowerCase()) ?? '';
  if (format !== WORKBOOK_FORMAT) return { fatal: true, problems: [{ ...at(machineRows.format), message: messages.notOurs }], rubricKey: '', stateCode };
  // Rows read against another rubric would give only misleading problems: stop at the rubric.
  if (rubricKey === undefined) return { fatal: true, problems: [{ ...at(machineRows.rubric), message: messages.noRubric }], rubricKey: '', stateCode };
  if (rubricKey !== rubric.key) {
    return { fatal: true, problems: [{ ...at(machineRows.rubric), message: messages.otherRubric(rubricKey, rubric.key) }], rubricKey, stateCode };
  }
  const problems: WorkbookProblem[] = stateCode === '' ? [{ ...at(machineRows.state), message: messages.noState }] : [];
  return { fatal: false, problems, rubricKey, stateCode };
}

/** The rows of a sheet that hold anything in the columns an import reads, found by their headings. */
function readSheet<K extends string>(
  book: ExcelJS.Workbook,
  name: string,
  columns: ReadonlyArray<{ key: K; heading: string; read: boolean }>,
  problems: WorkbookProblem[],
): Array<SheetRow<K>> {
  const sheet = book.getWorksheet(name);
  const refuse = (message: string) => {
    problems.push({ sheet: name, row: null, column: null, question: null, message });
    return [];
  };
  if (!sheet) return refuse(messages.noSheet(name));
  if (sheet.actualRowCount - 1 > MAX_ROWS) return refuse(messages.tooManyRows(sheet.actualRowCount - 1));
  const headings = new Map<string, number>();
  sheet.getRow(1).eachCell((cell, n) => {
    const heading = token(seen(cell.value));
    if (heading !== undefined) headings.set(heading.toLowerCase(), n);
  });
  const read = columns.filter((c) => c.read);
  const missing = read.filter((c) => !headings.has(c.heading.toLowerCase()));
  if (missing.length > 0) {
    problems.push({ sheet: name, row: 1, column: null, question: null, message: messages.noColumns(missing.map((c) => c.heading)) });
    return [];
  }
  const rows: Array<SheetRow<K>> = [];
  sheet.eachRow((row, n) => {
    if (n === 1) return;
    const cells: Partial<Record<K, Seen>> = {};
    for (const c of read) {
      const value = seen(row.getCell(headings.get(c.heading.toLowerCase())!).value);
      if (value !== undefined) cells[c.key] = value;
    }
    if (Object.keys(cells).length > 0) rows.push({ row: n, cells });
  });
  return rows;
}

/** An answer from its row and citations, undefined when the row holds nothing at all. */
function answerFrom(indicator: Indicator, cells: Partial<Record<AnswerKey, Seen>>, citations: Json[]): Json | undefined {
  const answer: Json = {};
  if (cells.status !== undefined) answer.status = choiceOf(cells.status, statuses);
  if (cells.value !== undefined) answer.value = valueOf(indicator, cells.value);
  if (cells.justification !== undefined) answer.justification = text(cells.justification);
  if (cells.naReason !== undefined) answer.naReason = choiceOf(cells.naReason, naReasons);
  if (citations.length > 0) answer.citations = citations;
  if (cells.notes !== undefined) answer.notes = text(cells.notes);
  return Object.keys(answer).length > 0 ? answer : undefined;
}

function citationFrom(cells: Partial<Record<CitationKey, Seen>>): Json {
  const citation: Json = {};
  if (cells.instrument !== undefined) citation.instrument = text(cells.instrument);
  if (cells.provision !== undefined) citation.provision = text(cells.provision);
  if (cells.year !== undefined) citation.year = typeof cells.year === 'string' && /^\s*\d+\s*$/.test(cells.year) ? Number(cells.year) : cells.year;
  if (cells.url !== undefined) citation.url = token(cells.url);
  if (cells.excerpt !== undefined) citation.excerpt = text(cells.excerpt);
  if (cells.language !== undefined) citation.language = token(cells.language);
  return citation;
}

/** The Answer cell by question type, converted only where the meaning is unambiguous, else kept as typed. */
function valueOf(indicator: Indicator, cell: NonNullable<Seen>): unknown {
  const typed = text(cell).trim();
  const lower = typed.toLowerCase();
  switch (indicator.questionType) {
    case 'elements': {
      const ids = (indicator.elements ?? []).map((e) => e.id);
      if (lower === 'none' && !ids.includes('none')) return [];
      return typed.split(/[;,]/).map((s) => s.trim()).filter((s) => s !== '').map((s) => ids.find((id) => id.toLowerCase() === s.toLowerCase()) ?? s);
    }
    case 'level':
      return typeof cell === 'number' ? cell : /^\d+$/.test(typed) ? Number(typed) : cell;
    case 'yesno':
      if (typeof cell === 'boolean') return cell;
      return lower === 'yes' || lower === 'true' ? true : lower === 'no' || lower === 'false' ? false : cell;
    case 'years':
      if (typeof cell === 'number') return cell;
      return lower === 'life' ? 'life' : /^\d+(\.\d+)?$/.test(typed) ? Number(typed) : cell;
    case 'text':
      return text(cell);
  }
}

/** `Not applicable` → `not_applicable`; anything not on the list is kept as typed for validation to explain. */
function choiceOf(cell: NonNullable<Seen>, allowed: readonly string[]): string {
  const typed = text(cell).trim();
  const normal = typed.toLowerCase().replace(/[\s-]+/g, '_');
  return allowed.includes(normal) ? normal : typed;
}

function orderOf(cell: Seen): number | null {
  if (cell === undefined) return Infinity;
  if (typeof cell === 'number') return cell;
  return typeof cell === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(cell) ? Number(cell) : null;
}

/**
 * A cell value as the person sees it: rich text as its plain text, a hyperlink as its text, a
 * formula as its result, a date as an ISO date. Blank or white space only is undefined.
 */
function seen(value: unknown): Seen {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'string') return value.trim() === '' ? undefined : value;
  if (value instanceof Date) return value.toISOString().replace(/T00:00:00\.000Z$/, '');
  if (!isRecord(value)) return undefined;
  if (Array.isArray(value.richText)) return seen((value.richText as unknown[]).map((run) => (isRecord(run) && typeof run.text === 'string' ? run.text : '')).join(''));
  if ('hyperlink' in value) return seen(value.text);
  if ('formula' in value || 'sharedFormula' in value) return seen(value.result);
  if (typeof value.error === 'string') return value.error;
  return undefined;
}

/** Free text as typed; numbers and TRUE/FALSE as Excel shows them. */
function text(cell: NonNullable<Seen>): string {
  return typeof cell === 'boolean' ? (cell ? 'TRUE' : 'FALSE') : String(cell);
}

function token(cell: Seen): string | undefined {
  return cell === undefined ? undefined : text(cell).trim();
}

const answerHeading = Object.fromEntries(answerColumns.map((c) => [c.key, c.heading])) as Record<string, string>;
const citationHeading = Object.fromEntries(citationColumns.map((c) => [c.key, c.heading])) as Record<string, string>;

/** Where a validation problem sits in the workbook: `citations[1].url` → Citations, that citation's row, Link. */
function locate(problem: AnswerProblem, places: Map<string, Place>): WorkbookProblem {
  const question = problem.indicator ?? null;
  const place = question === null ? undefined : places.get(question);
  const citation = /^citations(?:\[(\d+)\](?:\.(\w+))?)?/.exec(problem.field);
  if (citation) {
    // Too many citations has no index: point at the first one over the limit.
    const index = citation[1] === undefined ? LIMITS.citations : Number(citation[1]);
    const column = citation[2] === undefined ? null : (citationHeading[citation[2]] ?? null);
    return { sheet: 'Citations', row: place?.citationRows[index] ?? null, column, question, message: problem.message };
  }
  const field = problem.field.split(/[.[]/)[0] ?? '';
  return { sheet: 'Answers', row: place?.answerRow ?? null, column: answerHeading[field] ?? null, question, message: problem.message };
}

function sortProblems(problems: WorkbookProblem[]): WorkbookProblem[] {
  return problems
    .map((problem, i) => ({ problem, i }))
    .sort((a, b) => sheetOrder.indexOf(a.problem.sheet) - sheetOrder.indexOf(b.problem.sheet) || (a.problem.row ?? 0) - (b.problem.row ?? 0) || a.i - b.i)
    .map(({ problem }) => problem);
}

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
