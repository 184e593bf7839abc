import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const LOCK_FILE = 'palermo-assess.lock';

export class FolderLockedError extends Error {
  constructor(folder: string, pid: number) {
    super(`the data folder ${folder} is in use by another palermo-assess process (pid ${pid}); stop it first`);
    this.name = 'FolderLockedError';
  }
}

/**
 * A lock file holding our pid. A lock left by a process that no longer exists (after a crash or
 * SIGKILL) is taken over, so a kill never leaves the data folder unusable.
 */
export function acquireFolderLock(folder: string): { release(): void } {
  const file = path.join(folder, '..', `${path.basename(folder)}.${LOCK_FILE}`);
  const holder = readHolder(file);
  if (holder !== null && holder !== process.pid && isAlive(holder)) throw new FolderLockedError(folder, holder);
  writeFileSync(file, String(process.pid));
  return {
    release() {
      if (readHolder(file) === process.pid) rmSync(file, { force: true });
    },
  };
}

function readHolder(file: string): number | null {
  try {
    const pid = Number(readFileSync(file, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
