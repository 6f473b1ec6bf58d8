/**
 * Public entry point of the embedded MongoDB-compatible document store.
 * The application imports only this file; everything else in engine/docdb is internal.
 */
import type net from 'node:net';
import os from 'node:os';
import { StorageEngine } from './storage/storage-engine.ts';
import { CursorRegistry } from './storage/cursor-registry.ts';
import { startTtlMonitor } from './storage/ttl-monitor.ts';
import { createServer } from './server.ts';
import { DEFAULT_TUNING } from './docdb-options.ts';
import { DocDbOptionsError } from './errors.ts';
import { RetryableWrites } from './retryable-writes.ts';
import { TransactionManager } from './transactions/transaction-manager.ts';
import type { ServerInfo } from './commands/context.ts';

/** Options for {@link startDocDb}. */
export interface DocDbOptions {
  /** Interface to bind; 127.0.0.1 by default. */
  host?: string;
  /** Wire-protocol port; 0 picks a free one. */
  port: number;
  /** Directory for the lmdb files. */
  dataDir: string;
  /** TTL monitor interval in ms (MongoDB's default: 60 000). */
  ttlMonitorIntervalMs?: number;
  /** Idle cursor timeout in ms (MongoDB's default: 10 minutes). */
  cursorTimeoutMs?: number;
  /**
   * Replica set name (default "docdb"): docdb presents itself as the primary of a single-node
   * replica set, which lets drivers use change streams (`watch()`), retryable writes and
   * multi-document transactions (snapshot isolation). `false` presents a standalone mongod
   * (transactions and change streams then fail with mongod's standalone errors).
   */
  replicaSet?: string | false;
  /** host:port the replica set advertises in hello (default: host, or the machine name when bound to all interfaces). */
  advertisedHost?: string;
  /** Called when a connection is closed for a protocol violation or a background task fails. */
  onError?: (err: Error, context: string) => void;
}

/** A running embedded document store. */
export interface RunningDocDb {
  /** mongodb:// URI for MONGODB_URI / mongoose. */
  readonly uri: string;
  readonly port: number;
  readonly host: string;
  /** Stops taking connections, flushes storage and closes. */
  stop(): Promise<void>;
}

/** Starts the embedded document store and resolves once it is listening. */
export async function startDocDb(options: DocDbOptions): Promise<RunningDocDb> {
  if (!options.dataDir) throw new DocDbOptionsError('dataDir is required');
  if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535) {
    throw new DocDbOptionsError(`port must be an integer between 0 and 65535, got ${options.port}`);
  }
  const host = options.host ?? '127.0.0.1';
  const ttlMonitorIntervalMs = options.ttlMonitorIntervalMs ?? DEFAULT_TUNING.ttlMonitorIntervalMs;
  const onError = options.onError ?? (() => undefined);
  const replicaSet = options.replicaSet === undefined ? 'docdb' : options.replicaSet || undefined;
  const engine = new StorageEngine(options.dataDir, { changeLog: replicaSet !== undefined });
  const cursors = new CursorRegistry(options.cursorTimeoutMs ?? DEFAULT_TUNING.cursorTimeoutMs);
  const server: ServerInfo & { port: number } = {
    host: options.advertisedHost ?? (host === '0.0.0.0' || host === '::' ? os.hostname() : host),
    port: options.port, startedAt: new Date(), ttlMonitorIntervalMs, replicaSet,
  };
  const transactions = new TransactionManager(engine);
  const tcp = createServer({ engine, cursors, server, retryable: new RetryableWrites(), transactions }, (err, id) => onError(err, `connection ${id}`));
  try {
    await new Promise<void>((resolve, reject) => {
      tcp.once('error', reject);
      tcp.listen(options.port, host, () => resolve());
    });
  } catch (err) {
    cursors.close();
    await engine.close();
    throw err;
  }
  const port = (tcp.address() as net.AddressInfo).port;
  server.port = port;
  const stopTtl = startTtlMonitor(engine, ttlMonitorIntervalMs, (err) => onError(err as Error, 'ttl monitor'));
  let stopped: Promise<void> | undefined;
  return {
    // no ?replicaSet= in the URI: drivers discover the set from hello, and callers may append a db name
    uri: `mongodb://${host}:${port}/`,
    port,
    host,
    stop() {
      stopped ??= (async () => {
        const ttlStopped = stopTtl();
        engine.oplog?.stop();
        await new Promise<void>((resolve) => tcp.close(() => resolve()));
        await Promise.all([ttlStopped, tcp.drained()]);
        cursors.close();
        transactions.close();
        await engine.close();
      })();
      return stopped;
    },
  };
}
