import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChangeStreamDocument, Document } from 'mongodb';
import { opened, startTestDocDb, type TestDocDb } from './harness.ts';

describe('docdb as a single-node replica set: change streams and retryable writes', () => {
  let t: TestDocDb;

  beforeAll(async () => {
    t = await startTestDocDb({ replicaSet: 'rs0' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('should present itself as the primary of a single-node replica set', async () => {
    const hello = await t.client.db('admin').command({ hello: 1 });
    expect(hello).toMatchObject({ isWritablePrimary: true, secondary: false, setName: 'rs0', hosts: [`127.0.0.1:${t.docdb.port}`], primary: `127.0.0.1:${t.docdb.port}` });
  });

  it('should stream insert, update, replace and delete events of a collection in order', async () => {
    const c = t.client.db('cs').collection('cases');
    const stream = await opened(c.watch([], { fullDocument: 'updateLookup', maxAwaitTimeMS: 200 }));
    const seen: ChangeStreamDocument<Document>[] = [];
    const reading = (async () => {
      for await (const ev of stream) {
        seen.push(ev);
        if (seen.length === 4) break;
      }
    })();
    await c.insertOne({ _id: 'c1' as never, status: 'open', meta: { a: 1, b: 2 } });
    await c.updateOne({ _id: 'c1' as never }, { $set: { status: 'done', 'meta.a': 9 }, $unset: { 'meta.b': '' } });
    await c.replaceOne({ _id: 'c1' as never }, { status: 'reopened' });
    await c.deleteOne({ _id: 'c1' as never });
    await reading;
    await stream.close();
    expect(seen.map((e) => e.operationType)).toEqual(['insert', 'update', 'replace', 'delete']);
    const [ins, upd, rep, del] = seen as Document[];
    expect(ins).toMatchObject({ ns: { db: 'cs', coll: 'cases' }, documentKey: { _id: 'c1' }, fullDocument: { _id: 'c1', status: 'open' } });
    expect(upd.updateDescription).toEqual({ updatedFields: { status: 'done', 'meta.a': 9 }, removedFields: ['meta.b'], truncatedArrays: [] });
    expect(upd.fullDocument).toMatchObject({ status: 'done', meta: { a: 9 } });
    expect(rep.fullDocument).toEqual({ _id: 'c1', status: 'reopened' });
    expect(del.documentKey).toEqual({ _id: 'c1' });
    expect(del.wallTime).toBeInstanceOf(Date);
  });

  it('should filter events with a $match stage and resume after a token', async () => {
    const c = t.client.db('cs').collection('filtered');
    const stream = await opened(c.watch([{ $match: { 'fullDocument.kind': 'permit' } }], { maxAwaitTimeMS: 200 }));
    const next = stream.next();
    await c.insertMany([{ kind: 'rebuild', n: 1 }, { kind: 'permit', n: 2 }, { kind: 'permit', n: 3 }]);
    const first = await next;
    expect(first).toMatchObject({ operationType: 'insert', fullDocument: { n: 2 } });
    const token = stream.resumeToken;
    await stream.close();
    const resumed = c.watch([{ $match: { 'fullDocument.kind': 'permit' } }], { resumeAfter: token, maxAwaitTimeMS: 200 });
    const again = await resumed.next();
    expect(again).toMatchObject({ fullDocument: { n: 3 } });
    await resumed.close();
  });

  it('should watch a whole database and end a collection stream with invalidate when it is dropped', async () => {
    const db = t.client.db('csdb');
    await db.collection('a').insertOne({ x: 0 });
    const dbStream = await opened(db.watch([], { maxAwaitTimeMS: 200 }));
    const collStream = await opened(db.collection('a').watch([], { maxAwaitTimeMS: 200 }));
    const dbNext = dbStream.next();
    const events: string[] = [];
    const collReading = (async () => {
      for await (const ev of collStream) {
        events.push(ev.operationType);
        if (ev.operationType === 'invalidate') break;
      }
    })();
    await db.collection('b').insertOne({ y: 1 });
    await db.collection('a').insertOne({ x: 1 });
    await db.collection('a').drop();
    expect(await dbNext).toMatchObject({ operationType: 'insert', ns: { db: 'csdb', coll: 'b' } });
    await collReading;
    expect(events).toEqual(['insert', 'drop', 'invalidate']);
    await dbStream.close();
    await collStream.close();
  });

  it('should deliver large inserted documents (not copied into the change log) by lookup', async () => {
    const c = t.client.db('cs').collection('large');
    const stream = await opened(c.watch([], { maxAwaitTimeMS: 100 }));
    const next = stream.next();
    const blob = 'p'.repeat(200 * 1024);
    await c.insertOne({ _id: 'big' as never, blob });
    const ev = await next;
    expect(ev).toMatchObject({ operationType: 'insert', documentKey: { _id: 'big' } });
    expect((ev as { fullDocument?: { blob?: string } }).fullDocument?.blob).toHaveLength(blob.length);
    await stream.close();
  });

  it('should apply a retried write (same lsid and txnNumber) only once', async () => {
    const db = t.client.db('cs');
    await db.collection('retry').insertOne({ _id: 'k' as never, n: 0 });
    const session = t.client.startSession();
    const lsid = session.id;
    const cmd = { update: 'retry', updates: [{ q: { _id: 'k' }, u: { $inc: { n: 1 } } }], lsid, txnNumber: 7 };
    const first = await db.command(cmd);
    const retry = await db.command(cmd);
    expect(retry).toEqual(first);
    expect((await db.collection('retry').findOne({ _id: 'k' as never }))?.n).toBe(1);
    await session.endSession();
  });
});
