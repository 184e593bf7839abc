import { RubricChangedError } from '../assessments/index.js';
import { RubricError } from '../rubric/index.js';
import { ConfigError } from './config.js';
import { FolderLockedError, MigrationError } from './store/index.js';

/**
 * Ends a command that could not start: one plain line for the failures a user can fix (bad
 * configuration, a failed migration, a data folder in use, an invalid
 * or changed rubric), the stack too for anything else.
 */
export function exitWithStartupError(command: string, error: unknown): never {
  const expected = [ConfigError, MigrationError, FolderLockedError, RubricError, RubricChangedError].some((kind) => error instanceof kind);
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`${command}: ${expected ? message : `could not start: ${message}`}\n`);
  if (!expected && error instanceof Error && error.stack) process.stderr.write(error.stack + '\n');
  process.exit(1);
}
