/**
 * Starts the embedded broker for a client test file: a free port on loopback and a fresh data
 * directory under the OS temp dir, removed again by {@link TestBroker.stop}.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startBroker, type RunningBroker } from '../../../../engine/broker/index.ts';

/** A broker started for one test file. */
export interface TestBroker {
  readonly broker: RunningBroker;
  /** host:port as zeebe-node and zbctl take it. */
  readonly address: string;
  readonly port: number;
  readonly dataDir: string;
  /** Stops the broker and removes its data directory. */
  stop(): Promise<void>;
}

/** Starts a broker on 127.0.0.1, port 0, with a temporary data directory. */
export async function startTestBroker(): Promise<TestBroker> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'streetflow-client-test-'));
  let broker: RunningBroker;
  try {
    broker = await startBroker({ host: '127.0.0.1', port: 0, dataDir });
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  return {
    broker,
    address: broker.address,
    port: broker.port,
    dataDir,
    async stop() {
      try {
        await broker.stop();
      } finally {
        await rm(dataDir, { recursive: true, force: true });
      }
    },
  };
}

/** Absolute path of a BPMN fixture of the client tests. */
export function fixturePath(name: string): string {
  return path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', name);
}

/** Resolves when `predicate` is true, polling every 10 ms; rejects after `timeoutMs`. */
export async function waitUntil(predicate: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
