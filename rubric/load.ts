import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { projectRoot } from './assets.js';
import { compileRubric } from './compile.js';
import { RubricError } from './errors.js';
import type { CompiledRubric } from './types.js';

/** The default rubric, read from the project root (the build does not copy JSON next to the JavaScript). */
export const DEFAULT_RUBRIC_PATH = path.join(projectRoot, 'rubric', 'palermo-tip', '1.0.0.json');

/** Reads and parses a rubric file; an unreadable or non-JSON file is a RubricError 'RUBRIC_UNREADABLE'. */
export async function readRubricFile(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new RubricError('RUBRIC_UNREADABLE', `${file}: cannot read the rubric file (${reason})`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new RubricError('RUBRIC_UNREADABLE', `${file}: not valid JSON (${(error as Error).message})`);
  }
}

export async function loadRubricFile(file: string): Promise<CompiledRubric> {
  return compileRubric(await readRubricFile(file));
}

export function loadDefaultRubric(): Promise<CompiledRubric> {
  return loadRubricFile(DEFAULT_RUBRIC_PATH);
}
