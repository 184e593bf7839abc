import type { Indicator } from '../../rubric/index.js';

/**
 * The questionnaire form's fields for one indicator are named `<INDICATOR>.<field>` (ids hold no
 * dots); citations `<INDICATOR>.c<n>.<field>`. This file turns posted fields into the answer
 * document exactly as typed, converting only what is unambiguous (a number typed as digits, yes/no),
 * so that validation, not the form, says what is wrong.
 */
export const CITATION_FIELDS = ['instrument', 'provision', 'year', 'url', 'excerpt', 'language'] as const;

/** Business limit: citation rows one form post may carry for one answer. */
export const MAX_CITATION_ROWS = 20;

type Fields = Record<string, unknown>;

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : Array.isArray(value) ? String(value.at(-1)) : undefined);

function valueOf(indicator: Indicator, fields: Fields): unknown {
  const key = `${indicator.id}.value`;
  const raw = fields[key];
  switch (indicator.questionType) {
    case 'elements':
      // Form fields arrive as strings, or arrays of strings when a name repeats.
      return raw === undefined ? [] : (Array.isArray(raw) ? raw : [raw]).filter((v): v is string => typeof v === 'string');
    case 'yesno': {
      const v = text(raw);
      return v === 'true' ? true : v === 'false' ? false : v;
    }
    case 'level': {
      const v = text(raw);
      return v !== undefined && /^\d+$/.test(v) ? Number(v) : v;
    }
    case 'years': {
      if (text(fields[`${indicator.id}.life`]) === 'on') return 'life';
      const v = text(raw)?.trim();
      return v === undefined || v === '' ? undefined : /^\d+(\.\d+)?$/.test(v) ? Number(v) : v;
    }
    case 'text':
      return text(raw);
  }
}

function citationsOf(id: string, fields: Fields): Record<string, unknown>[] {
  const rows: { n: number; row: Record<string, unknown> }[] = [];
  for (let n = 0; n < MAX_CITATION_ROWS; n++) {
    if (text(fields[`${id}.c${n}.remove`]) === 'on') continue;
    const row: Record<string, unknown> = {};
    for (const field of CITATION_FIELDS) {
      const v = text(fields[`${id}.c${n}.${field}`]);
      if (v !== undefined && v.trim() !== '') row[field] = field === 'year' && /^\d{1,4}$/.test(v.trim()) ? Number(v.trim()) : v;
    }
    if (Object.keys(row).length > 0) rows.push({ n, row });
  }
  moveCitation(id, rows, text(fields.move));
  return rows.map((r) => r.row);
}

/**
 * Reordering without script: each citation has "Move up" and "Move down" submit buttons named
 * `move` with the value `<INDICATOR>.c<n>.up|down`; the row swaps places with its neighbour.
 */
function moveCitation(id: string, rows: { n: number }[], move: string | undefined): void {
  const match = move === undefined ? null : /^(.+)\.c(\d+)\.(up|down)$/.exec(move);
  if (!match || match[1] !== id) return;
  const at = rows.findIndex((r) => r.n === Number(match[2]));
  const to = match[3] === 'up' ? at - 1 : at + 1;
  if (at < 0 || to < 0 || to >= rows.length) return;
  [rows[at], rows[to]] = [rows[to]!, rows[at]!];
}

/** The answer typed for `indicator`, or null when the form leaves it entirely blank (not answered yet). */
export function answerFromForm(indicator: Indicator, fields: Fields): Record<string, unknown> | null {
  const id = indicator.id;
  const answer: Record<string, unknown> = {};
  const status = text(fields[`${id}.status`]);
  if (status) answer.status = status;
  const value = valueOf(indicator, fields);
  const blankValue = value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
  if (!blankValue) answer.value = value;
  for (const field of ['justification', 'naReason', 'notes'] as const) {
    const v = text(fields[`${id}.${field}`]);
    if (v !== undefined && v.trim() !== '') answer[field] = v;
  }
  const citations = citationsOf(id, fields);
  if (citations.length > 0) answer.citations = citations;
  if (Object.keys(answer).length === 0) return null;
  // A consultant who ticks or types a value but no status has answered.
  if (!answer.status && answer.value !== undefined) answer.status = 'answered';
  return answer;
}

/** Whether the question was on the posted form: each carries its base revision in a hidden field. */
export function wasOnForm(id: string, fields: Fields): boolean {
  return text(fields[`${id}.base`]) !== undefined;
}

/** The revision the form was based on, per indicator (0 when the answer did not exist). */
export function baseRevisionOf(id: string, fields: Fields): number {
  const v = text(fields[`${id}.base`]);
  return v !== undefined && /^\d{1,9}$/.test(v) ? Number(v) : 0;
}
