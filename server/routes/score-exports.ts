import ExcelJS from 'exceljs';
import type { Response } from 'express';
import { statusLabels, type RoundScores } from '../../assessments/index.js';
import type { Answer, CompiledRubric } from '../../rubric/index.js';
import { roundScore } from './score-explain.js';

type Cell = string | number | null;

/** One sheet of an export: the same rows go to CSV and to XLSX. */
export interface ExportTable {
  /** File name without extension: letters, digits, dots and hyphens only. */
  name: string;
  sheet: string;
  title: string;
  columns: { header: string; width: number }[];
  rows: Cell[][];
}

function safeName(name: string): string {
  return name.replace(/[^A-Za-z0-9.-]+/g, '-').slice(0, 120);
}

function compared(scores: RoundScores) {
  const comparison = scores.comparison;
  return comparison ? scores.cards.filter((c) => (c.state.sample === true) === comparison.sample) : [];
}

function prefix(scores: RoundScores): string {
  return `${scores.round.isSample || scores.comparison?.sample ? 'SAMPLE-' : ''}round-${scores.round.slug}`;
}

/** States × provisions, with sub-region, rank, the two indices and every pillar; rows by rank. */
export function matrixTable(scores: RoundScores): ExportTable {
  const comparison = scores.comparison;
  const name = safeName(`${prefix(scores)}-matrix`);
  const title = `Scores per state: ${scores.round.title}`;
  if (!comparison) return { name, sheet: 'Matrix', title, columns: [{ header: 'State code', width: 10 }], rows: [] };
  const cards = new Map(compared(scores).map((c) => [c.state.code, c]));
  const row = (table: typeof comparison.provisions, code: string) => table.rows.find((r) => r.state.code === code)?.values ?? [];
  const columns = [
    { header: 'Rank', width: 6 },
    { header: 'State code', width: 10 },
    { header: 'State', width: 22 },
    { header: 'Sub-region', width: 18 },
    { header: 'Sample', width: 8 },
    { header: 'Assessment status', width: 18 },
    { header: 'Treaty index', width: 12 },
    { header: 'Good-practice index', width: 12 },
    ...comparison.pillars.columns.map((p) => ({ header: `Pillar: ${p}`, width: 12 })),
    ...comparison.provisions.columns.map((p) => ({ header: p, width: 10 })),
  ];
  const rows = comparison.ranking.map((r): Cell[] => {
    const card = cards.get(r.state.code)!;
    return [
      r.rank,
      r.state.code,
      r.state.name,
      card.subregionName,
      r.state.sample ? 'SAMPLE' : '',
      statusLabels[card.status],
      ...row(comparison.indices, r.state.code).map(roundScore),
      ...row(comparison.pillars, r.state.code).map(roundScore),
      ...row(comparison.provisions, r.state.code).map(roundScore),
    ];
  });
  return { name, sheet: 'Matrix', title, columns, rows };
}

function valueText(value: Answer['value']): Cell {
  if (value === undefined) return null;
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value)) return value.join('; ');
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** One row per state × indicator × citation (an answer without a citation has one row); excerpts verbatim. */
export async function answersTable(scores: RoundScores, rubricFor: (key: string) => Promise<CompiledRubric>): Promise<ExportTable> {
  const columns = [
    { header: 'State code', width: 10 },
    { header: 'State', width: 20 },
    { header: 'Sample', width: 8 },
    { header: 'Assessment status', width: 16 },
    { header: 'Indicator', width: 24 },
    { header: 'Question', width: 36 },
    { header: 'Pillar', width: 16 },
    { header: 'Answer status', width: 14 },
    { header: 'Value', width: 24 },
    { header: 'Finding', width: 10 },
    { header: 'Score', width: 8 },
    { header: 'Not applicable: reason', width: 14 },
    { header: 'Justification', width: 30 },
    { header: 'Notes', width: 30 },
    { header: 'Citation', width: 8 },
    { header: 'Instrument', width: 30 },
    { header: 'Section', width: 12 },
    { header: 'Year', width: 8 },
    { header: 'Link', width: 30 },
    { header: 'Excerpt', width: 60 },
    { header: 'Language', width: 9 },
  ];
  const rows: Cell[][] = [];
  for (const card of compared(scores)) {
    const rubric = await rubricFor(card.card.rubric);
    const scored = new Map(card.card.indicators.map((i) => [i.indicatorId, i]));
    for (const indicator of rubric.indicators) {
      const answer = card.answers[indicator.id] as Answer | undefined;
      const s = scored.get(indicator.id);
      const head: Cell[] = [
        card.state.code, card.state.name, card.state.sample ? 'SAMPLE' : '', statusLabels[card.status],
        indicator.id, indicator.title, indicator.pillar,
        answer?.status ?? 'not answered', valueText(answer?.value), s?.finding ?? null, s?.score == null ? null : roundScore(100 * s.score),
        answer?.naReason ?? null, answer?.justification ?? null, answer?.notes ?? null,
      ];
      const citations = Array.isArray(answer?.citations) ? answer.citations : [];
      if (citations.length === 0) rows.push([...head, null, null, null, null, null, null, null]);
      citations.forEach((c, n) => rows.push([...head, n + 1, c.instrument ?? null, c.provision ?? null, c.year ?? null, c.url ?? null, c.excerpt ?? null, c.language ?? null]));
    }
  }
  return { name: safeName(`${prefix(scores)}-answers`), sheet: 'Answers', title: `Answers and citations: ${scores.round.title}`, columns, rows };
}

/**
 * A text cell that a spreadsheet would read as a formula (= + - @, or a leading tab or carriage
 * return) gets a leading apostrophe: an excerpt of law must never run as a formula (CSV injection,
 * OWASP). Numbers are written as numbers and are never touched.
 */
export function neutralise(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** One field of RFC 4180: quoted when it holds a comma, a quote or a line break; quotes doubled. */
function csvField(cell: Cell): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return String(cell);
  const text = neutralise(cell);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180 CSV with CRLF line ends and a byte-order mark, so Excel reads it as UTF-8. */
export function toCsv(table: ExportTable): string {
  const lines = [table.columns.map((c) => c.header), ...table.rows].map((row) => row.map(csvField).join(','));
  return `\uFEFF${lines.map((l) => `${l}\r\n`).join('')}`;
}

export function sendCsv(res: Response, table: ExportTable): void {
  res.attachment(`${table.name}.csv`).type('text/csv; charset=utf-8').send(toCsv(table));
}

/**
 * Text as Excel stores it: control characters and text that looks like an escape are written as
 * `_xHHHH_`, which exceljs does not do on writing (see assessments/workbook.ts).
 */
function excelText(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must be escaped
  return text.replace(/_x[0-9A-F]{4}_|[\u0000-\u0008\u000B\u000C\u000D\u000E-\u001F\uFFFE\uFFFF]/g, (match) =>
    match.length > 1 ? `_x005F_${match.slice(1)}` : `_x${match.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`,
  );
}

/** The same table as an Excel workbook: a text cell stays text (XLSX never reads it as a formula). */
export async function toXlsx(table: ExportTable): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'palermo-assess';
  book.title = table.title;
  const sheet = book.addWorksheet(table.sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = table.columns.map((c) => ({ header: c.header, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  for (const row of table.rows) sheet.addRow(row.map((cell) => (typeof cell === 'string' ? excelText(cell) : cell)));
  if (table.rows.length > 0) sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.columns.length } };
  return Buffer.from(await book.xlsx.writeBuffer());
}

export async function sendXlsx(res: Response, table: ExportTable): Promise<void> {
  const file = await toXlsx(table);
  res.attachment(`${table.name}.xlsx`).type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(file);
}
