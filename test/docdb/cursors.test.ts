import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MongoClient, type Document } from 'mongodb';
import { startTestDocDb, type TestDocDb } from './harness.ts';

describe('docdb cursors', () => {
  let t: TestDocDb;

  beforeAll(async () => {
    t = await startTestDocDb();
    const docs = Array.from({ length: 20_000 }, (_, i) => ({ i, even: i % 2 === 0 }));
    await t.client.db('cur').collection('big').insertMany(docs);
  });
  afterAll(async () => {
    await t.close();
  });

  it('should stream 20,000 documents in batches through getMore', async () => {
    const client = new MongoClient(t.docdb.uri, { monitorCommands: true });
    let getMores = 0;
    client.on('commandStarted', (e) => {
      if (e.commandName === 'getMore') getMores++;
    });
    const c = client.db('cur').collection('big');
    let count = 0;
    let last = -1;
    let ordered = true;
    for await (const doc of c.find({}, { batchSize: 1000 }).sort({ i: 1 })) {
      if (doc.i <= last) ordered = false;
      last = doc.i;
      count++;
    }
    expect(count).toBe(20_000);
    expect(ordered).toBe(true);
    expect(getMores).toBe(19); // 1,000 in the first batch, 19 getMore batches of 1,000
    await client.close();
  });

  it('should page with skip/limit and return only the first batch with singleBatch semantics', async () => {
    const c = t.client.db('cur').collection('big');
    const page = await c.find({ even: true }).sort({ i: -1 }).skip(10).limit(5).toArray();
    expect(page.map((d) => d.i)).toEqual([19978, 19976, 19974, 19972, 19970]);
    const reply = await t.client.db('cur').command({ find: 'big', filter: {}, batchSize: 3, singleBatch: true });
    expect(reply.cursor.firstBatch).toHaveLength(3);
    expect(Number(reply.cursor.id)).toBe(0);
  });

  it('should kill an open cursor so getMore afterwards fails with CursorNotFound', async () => {
    const db = t.client.db('cur');
    const first = await db.command({ find: 'big', filter: {}, batchSize: 10 });
    const id = first.cursor.id;
    expect(Number(id)).not.toBe(0);
    const more = await db.command({ getMore: id, collection: 'big', batchSize: 10 });
    expect(more.cursor.nextBatch).toHaveLength(10);
    const killed = await db.command({ killCursors: 'big', cursors: [id] });
    expect(killed.cursorsKilled.map(Number)).toEqual([Number(id)]);
    await expect(db.command({ getMore: id, collection: 'big' })).rejects.toMatchObject({ code: 43, codeName: 'CursorNotFound' });
  });

  it('should close a driver cursor early with killCursors', async () => {
    const client = new MongoClient(t.docdb.uri, { monitorCommands: true });
    const killed: Document[] = [];
    client.on('commandSucceeded', (e) => {
      if (e.commandName === 'killCursors') killed.push(e.reply as Document);
    });
    try {
      const cursor = client.db('cur').collection('big').find({}, { batchSize: 100 });
      await cursor.next();
      await cursor.close();
      expect(killed).toHaveLength(1);
      expect(killed[0].cursorsKilled).toHaveLength(1);
    } finally {
      await client.close();
    }
  });
});
