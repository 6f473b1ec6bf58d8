import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startBroker, type RunningBroker } from '../../../engine/broker/index.ts';

describe('broker data directory', () => {
  const dirs: string[] = [];
  const brokers: RunningBroker[] = [];
  const tempDir = () => {
    const d = mkdtempSync(path.join(os.tmpdir(), 'broker-lock-'));
    dirs.push(d);
    return d;
  };
  afterEach(async () => {
    await Promise.all(brokers.splice(0).map((b) => b.stop()));
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('should refuse a second broker on a data directory that is in use, naming it', async () => {
    // Given a running broker
    const dataDir = tempDir();
    brokers.push(await startBroker({ port: 0, dataDir }));
    // When another broker is started on the same directory
    // Then it is refused with the directory in the message
    await expect(startBroker({ port: 0, dataDir })).rejects.toThrow(`data directory ${dataDir} is already used by another broker`);
  });

  it('should free the directory when the broker stops', async () => {
    const dataDir = tempDir();
    const first = await startBroker({ port: 0, dataDir });
    await first.stop();
    const second = await startBroker({ port: 0, dataDir });
    brokers.push(second);
    expect(second.port).toBeGreaterThan(0);
  });

  it('should refuse a directory claimed by another live process and take over one left by a dead process', async () => {
    const dataDir = tempDir();
    // Given a lock held by a live process (the parent of this test process)
    writeFileSync(path.join(dataDir, 'broker.lock'), String(process.ppid));
    await expect(startBroker({ port: 0, dataDir })).rejects.toThrow(`is in use by another broker (pid ${process.ppid})`);
    // Given a lock left behind by a process that no longer exists
    writeFileSync(path.join(dataDir, 'broker.lock'), '2147483646');
    const broker = await startBroker({ port: 0, dataDir });
    brokers.push(broker);
    expect(broker.port).toBeGreaterThan(0);
  });
});
