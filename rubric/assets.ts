import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The project root: the nearest folder above this file holding package.json. Rubric files and the
 * catalogue are read from there because the `dist/` build holds JavaScript only, so the same code
 * runs from sources (tsx) and from the build.
 */
function findProjectRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('package.json not found above ' + fileURLToPath(import.meta.url));
    dir = parent;
  }
  return dir;
}

export const projectRoot = findProjectRoot();

/** Parses one of the JSON files shipped in `rubric/` (meta-schemas, catalogue). */
export function readRubricAsset(relativePath: string): unknown {
  return JSON.parse(readFileSync(path.join(projectRoot, 'rubric', relativePath), 'utf8'));
}
