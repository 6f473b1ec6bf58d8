import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MongoClient } from 'mongodb';
import { startTestDocDb, type TestDocDb } from './harness.ts';

describe.each([
  { mode: 'standalone', replicaSet: false as const },
  { mode: 'single-node replica set (retryable writes)', replicaSet: 'rs0' },
])('docdb under concurrent writers ($mode)', ({ replicaSet }) => {
  let t: TestDocDb;
  let second: MongoClient;

  beforeAll(async () => {
    t = await startTestDocDb({ replicaSet });
    second = new MongoClient(t.docdb.uri, { maxPoolSize: 50 });
    await second.connect();
  });
  afterAll(async () => {
    await second.close();
    await t.close();
  });

  it('should apply 100 concurrent $inc on one document exactly once each', async () => {
    // given a counter; when 100 increments race over two clients (many pooled connections)
    const c = t.client.db('conc').collection('counters');
    const c2 = second.db('conc').collection('counters');
    await c.insertOne({ _id: 'k' as never, n: 0 });
    await Promise.all(Array.from({ length: 100 }, (_, i) => (i % 2 ? c : c2).updateOne({ _id: 'k' as never }, { $inc: { n: 1 } })));
    // then the counter moved by exactly +100
    expect((await c.findOne({ _id: 'k' as never }))?.n).toBe(100);
  });

  it('should create exactly one document from 200 concurrent upserts on one key', async () => {
    const c = t.client.db('conc').collection('upserts');
    const c2 = second.db('conc').collection('upserts');
    await c.createIndex({ key: 1 }, { unique: true });
    const results = await Promise.allSettled(Array.from({ length: 200 }, (_, i) => (i % 2 ? c : c2)
      .updateOne({ key: 'case-1' }, { $inc: { hits: 1 }, $setOnInsert: { created: i } }, { upsert: true })));
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    expect(await c.countDocuments({ key: 'case-1' })).toBe(1);
    expect((await c.findOne({ key: 'case-1' }))?.hits).toBe(200);
    const upserted = results.filter((r) => r.status === 'fulfilled' && r.value.upsertedCount === 1);
    expect(upserted).toHaveLength(1);
  });

  it('should keep a unique index intact when many writers insert the same key', async () => {
    const c = t.client.db('conc').collection('uniq');
    await c.createIndex({ email: 1 }, { unique: true });
    const results = await Promise.allSettled(Array.from({ length: 100 }, () => c.insertOne({ email: 'same@x.cn' })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected').every((r) => (r as PromiseRejectedResult).reason.code === 11000)).toBe(true);
    expect(await c.countDocuments()).toBe(1);
  });

  it('should serialize concurrent findOneAndUpdate so each caller gets a distinct ticket', async () => {
    const c = t.client.db('conc').collection('seq');
    await c.insertOne({ _id: 'ticket' as never, next: 0 });
    const got = await Promise.all(Array.from({ length: 50 }, () => c.findOneAndUpdate({ _id: 'ticket' as never }, { $inc: { next: 1 } }, { returnDocument: 'after' })));
    const values = got.map((d) => d?.next as number).sort((a, b) => a - b);
    expect(values).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
  });
});
