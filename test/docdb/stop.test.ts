/**
 * Stopping the store while clients are mid-work: writes already dispatched finish before the
 * storage closes (lmdb throws an uncaught error for a write to a closed environment), so every
 * acknowledged write is there after a restart; a change stream waiting for events (getMore with a
 * long await) does not hold the stop for its await time.
 */
import { describe, expect, it } from 'vitest';
import { MongoClient } from 'mongodb';
import { startDocDb } from '../../engine/docdb/index.ts';
import { tempDir } from './harness.ts';

describe('docdb stop', () => {
  it('should finish dispatched writes before closing the storage and release a waiting change stream at once', async () => {
    const dataDir = tempDir();
    const docdb = await startDocDb({ port: 0, dataDir });
    // no retries: a write the stop cut off fails at once instead of looking for a server again
    const client = new MongoClient(docdb.uri, { serverSelectionTimeoutMS: 1000, retryWrites: false, retryReads: false, maxPoolSize: 20 });
    await client.connect();
    const coll = client.db('stop').collection<{ n: number }>('events');
    // given a change stream whose getMore waits up to 60 s for events on another collection
    const stream = client.db('stop').collection('other').watch([], { maxAwaitTimeMS: 60_000 });
    const waiting = stream.tryNext().catch((err: Error) => err);
    // and writes streaming in from 20 connections
    const acknowledged: number[] = [];
    let stopping = false;
    const writers = Array.from({ length: 20 }, async (_, w) => {
      for (let i = 0; !stopping; i++) {
        const n = w * 100_000 + i;
        try {
          await coll.insertOne({ n });
          acknowledged.push(n);
        } catch {
          return;
        }
      }
    });
    while (acknowledged.length < 200) await new Promise((r) => setTimeout(r, 5));
    // when the server stops in the middle of them
    const started = Date.now();
    await docdb.stop();
    const stopMs = Date.now() - started;
    stopping = true;
    await Promise.all(writers);
    await waiting;
    await client.close(true);
    // then the waiting stream did not hold the stop for its await time
    expect(stopMs).toBeLessThan(30_000);
    // and every write the client saw acknowledged is there after a restart
    const again = await startDocDb({ port: 0, dataDir });
    const c2 = new MongoClient(again.uri, { serverSelectionTimeoutMS: 5000 });
    try {
      await c2.connect();
      const stored = new Set((await c2.db('stop').collection<{ n: number }>('events').find().toArray()).map((d) => d.n));
      expect(acknowledged.filter((n) => !stored.has(n))).toEqual([]);
    } finally {
      await c2.close();
      await again.stop();
    }
  });
});
