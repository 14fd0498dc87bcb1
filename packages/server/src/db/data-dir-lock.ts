import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/**
 * PGlite is PostgreSQL in one process: two processes opening the same data directory would
 * corrupt it. A lock file holding the owner's pid keeps a second `postern serve` or
 * `postern admin …` out while the first runs; a lock left by a process that died is taken over.
 */
export class DataDirInUseError extends Error {
  readonly code = 'DATA_DIR_IN_USE';
  constructor(
    readonly dir: string,
    readonly pid: number,
  ) {
    super(
      `Another Postern process (pid ${pid}) is using the embedded database in ${dir}. ` +
        'Stop it first, or use that running server (as the operator, the outbox is at /admin/outbox in the web app).',
    );
    this.name = 'DataDirInUseError';
  }
}

export const LOCK_FILE = 'postern.lock';

/** Takes the lock or throws DataDirInUseError; returns the function that releases it. */
export function lockDataDir(dir: string): () => void {
  const path = join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(readFileSync(path, 'utf8').trim());
      if (Number.isInteger(owner) && owner > 0 && isAlive(owner)) throw new DataDirInUseError(dir, owner);
      rmSync(path, { force: true }); // left behind by a process that is gone
    }
  }
  throw new Error(`Could not take the lock ${path}`);
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
