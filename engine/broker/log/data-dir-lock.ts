/**
 * One broker per data directory. Two brokers appending to one record log would interleave
 * positions and keys, so the directory is claimed with `broker.lock` holding the owner's pid.
 * A lock whose owner is no longer alive (after `kill -9`) is taken over, so a restart just works.
 * (engine/docdb has its own lock: the two servers share no code by design.)
 */
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { BrokerStartError } from '../errors.ts';

const claimedHere = new Set<string>();

function ownerOf(file: string): number | undefined {
  const pid = Number.parseInt(readFileSync(file, 'utf8'), 10);
  return Number.isInteger(pid) ? pid : undefined;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Claims `dataDir` for this broker; the returned function gives it back. */
export function claimDataDir(dataDir: string): () => void {
  const dir = path.resolve(dataDir);
  mkdirSync(dir, { recursive: true });
  if (claimedHere.has(dir)) throw new BrokerStartError(`data directory ${dir} is already used by another broker in this process`);
  const file = path.join(dir, 'broker.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      claimedHere.add(dir);
      return () => {
        claimedHere.delete(dir);
        rmSync(file, { force: true });
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = ownerOf(file);
      if (pid !== undefined && pid !== process.pid && isRunning(pid)) {
        throw new BrokerStartError(`data directory ${dir} is in use by another broker (pid ${pid}); stop it or choose another --data directory`);
      }
      rmSync(file, { force: true });
    }
  }
  throw new BrokerStartError(`could not claim data directory ${dir}`);
}
