/**
 * `npm run rubric:check -- FILE`: prints every problem of a rubric file as `POINTER  message`, then
 * a count; exit code 1 when there is any problem or the file cannot be read.
 */
import { readRubricFile } from './load.js';
import { checkRubric } from './check.js';
import { compileRubric } from './compile.js';
import { RubricError } from './errors.js';

async function main(args: readonly string[]): Promise<number> {
  const file = args[0];
  if (!file || args.length > 1) {
    console.error('usage: npm run rubric:check -- FILE');
    return 1;
  }
  let doc: unknown;
  try {
    doc = await readRubricFile(file);
  } catch (error) {
    if (error instanceof RubricError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
  const problems = checkRubric(doc);
  for (const problem of problems) console.log(`${problem.pointer || '/'}  ${problem.message}`);
  if (problems.length > 0) {
    console.log(`${file}: ${problems.length} problem${problems.length === 1 ? '' : 's'}`);
    return 1;
  }
  const rubric = compileRubric(doc);
  console.log(`${file}: valid rubric ${rubric.key} (${rubric.indicators.length} indicators)`);
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
