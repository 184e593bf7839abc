import { execFileSync } from 'node:child_process';

/** Reads a PDF back the way a reader's tools would: poppler-utils (pdfinfo, pdffonts, pdftotext, pdftohtml). */

function run(tool: string, args: string[]): string {
  return execFileSync(tool, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

export function pdfInfo(file: string): Record<string, string> {
  const info: Record<string, string> = {};
  for (const line of run('pdfinfo', [file]).split('\n')) {
    const match = /^([^:]+):\s*(.*)$/.exec(line);
    if (match) info[match[1]!] = match[2]!;
  }
  return info;
}

/** The tagged structure tree, one element per line (H1, P, Figure...). */
export function pdfStructure(file: string): string {
  return run('pdfinfo', ['-struct', file]);
}

export interface PdfFont {
  name: string;
  type: string;
  embedded: boolean;
}

export function pdfFonts(file: string): PdfFont[] {
  // Columns are fixed width; the header's dashes give each column's extent.
  const lines = run('pdffonts', [file]).split('\n');
  const widths = lines[1]!.split(' ').map((dashes) => dashes.length);
  return lines.slice(2).filter(Boolean).map((line) => {
    const cells: string[] = [];
    let at = 0;
    for (const width of widths) {
      cells.push(line.slice(at, at + width).trim());
      at += width + 1;
    }
    return { name: cells[0]!, type: cells[1]!, embedded: cells[3] === 'yes' };
  });
}

export function pdfText(file: string, pages?: { first: number; last: number }): string {
  const range = pages ? ['-f', String(pages.first), '-l', String(pages.last)] : [];
  return run('pdftotext', [...range, file, '-']);
}

/** Bookmarks in document order, each as "depth title" (depth 1 for the top level). */
export function pdfOutline(file: string): string[] {
  const xml = run('pdftohtml', ['-xml', '-stdout', '-i', '-q', file]);
  const start = xml.indexOf('<outline>');
  if (start < 0) return [];
  const items: string[] = [];
  let depth = 0;
  for (const [, tag, title] of xml.slice(start).matchAll(/<(\/?outline)>|<item[^>]*>([^<]*)<\/item>/g)) {
    if (tag === 'outline') depth++;
    else if (tag === '/outline') depth--;
    else items.push(`${depth} ${decodeXml(title!)}`);
  }
  return items;
}

function decodeXml(text: string): string {
  return text.replace(/&(lt|gt|amp|quot|apos);/g, (_, name: string) => ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" })[name]!);
}

/**
 * Text compared without line breaks, spaces and bidi marks: pdftotext inserts spaces inside
 * clusters of some scripts (Khmer, Nastaliq) and wraps right-to-left runs in embedding marks.
 */
export function squeeze(text: string): string {
  return text.normalize('NFC').replace(/[\s\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, '');
}
