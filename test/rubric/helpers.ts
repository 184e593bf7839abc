import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const projectRoot = path.resolve(here, '..', '..');
export const fixtures = path.join(projectRoot, 'test', 'fixtures', 'rubric');
export const defaultRubricFile = path.join(projectRoot, 'rubric', 'palermo-tip', '1.0.0.json');

export function readJson(file: string): unknown {
  return JSON.parse(readFileSync(file, 'utf8'));
}

/** A fresh, mutable copy of the default rubric file, for making broken variants. */
export function defaultRubricDocument(): RubricFile {
  return readJson(defaultRubricFile) as RubricFile;
}

/** Loose view of a rubric file, enough to mutate it in tests. */
export interface RubricFile {
  $id: string;
  rubric: { version: string; pillars: { id: string }[] };
  properties: { answers: { properties: Record<string, Record<string, unknown> & IndicatorFile> } };
  $defs: { answer: { properties: Record<string, Record<string, unknown>> } };
  [key: string]: unknown;
}

export interface IndicatorFile {
  guidance: { examples?: Record<string, string> };
  elements?: { id: string; weight: number }[];
  levels?: { value: number; recommendation?: string }[];
  recommendations?: Record<string, string>;
  condition?: { indicator: string; equals?: unknown };
  properties: { value: { items?: { enum: string[] } } };
}
