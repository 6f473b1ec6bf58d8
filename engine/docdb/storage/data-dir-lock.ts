/**
 * One docdb per data directory: a `docdb.lock` file holds the owner's pid. A lock left by a killed
 * process (pid no longer alive) is taken over, so a restart after `kill -9` just works.
 */
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { DocDbOptionsError } from '../errors.ts';

const openInThisProcess = new Set<string>();

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the lock of `dataDir`; returns a function that releases it. */
export function lockDataDir(dataDir: string): () => void {
  const dir = path.resolve(dataDir);
  const file = path.join(dir, 'docdb.lock');
  if (openInThisProcess.has(dir)) throw new DocDbOptionsError(`data directory ${dir} is already open in this process`);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      openInThisProcess.add(dir);
      return () => {
        openInThisProcess.delete(dir);
        rmSync(file, { force: true });
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = Number.parseInt(readFileSync(file, 'utf8'), 10);
      if (Number.isInteger(owner) && owner !== process.pid && alive(owner)) {
        throw new DocDbOptionsError(`data directory ${dir} is in use by another docdb (pid ${owner})`);
      }
      rmSync(file, { force: true }); // stale: its owner is gone
    }
  }
  throw new DocDbOptionsError(`could not lock data directory ${dir}`);
}
