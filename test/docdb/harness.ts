/** Test harness: an embedded docdb on a free loopback port with a temp data dir, and a driver client. */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { startDocDb, type DocDbOptions, type RunningDocDb } from '../../engine/docdb/index.ts';

/** A running docdb with a connected client. */
export interface TestDocDb {
  docdb: RunningDocDb;
  client: MongoClient;
  dataDir: string;
  /** Restarts the server on the same data dir (new port, new client). */
  restart(): Promise<void>;
  close(): Promise<void>;
}

/** Makes a temp directory for a test's data. */
export function tempDir(prefix = 'docdb-test-'): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Starts docdb and connects the driver. */
export async function startTestDocDb(extra: Partial<DocDbOptions> = {}): Promise<TestDocDb> {
  const dataDir = tempDir();
  const start = async (): Promise<{ docdb: RunningDocDb; client: MongoClient }> => {
    const docdb = await startDocDb({ port: 0, dataDir, ...(process.env.DOCDB_TEST_STANDALONE ? { replicaSet: false as const } : {}), ...extra });
    const client = new MongoClient(docdb.uri, { serverSelectionTimeoutMS: 5000 });
    await client.connect();
    return { docdb, client };
  };
  let current = await start();
  const t: TestDocDb = {
    get docdb() {
      return current.docdb;
    },
    get client() {
      return current.client;
    },
    dataDir,
    async restart() {
      await current.client.close();
      await current.docdb.stop();
      current = await start();
    },
    async close() {
      await current.client.close();
      await current.docdb.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return t;
}

/**
 * Opens a change stream's cursor on the server before the test writes anything. A stream is lazy:
 * its aggregate goes out with the first read, and a write that overtakes it is not in the stream
 * (a fixed pause before writing only makes that unlikely). One empty poll (tryNext) opens it.
 */
export async function opened<S extends { tryNext(): Promise<unknown> }>(stream: S): Promise<S> {
  const early = await stream.tryNext();
  if (early !== null) throw new Error(`the change stream delivered ${JSON.stringify(early)} before the test wrote anything`);
  return stream;
}
