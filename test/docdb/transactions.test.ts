import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MongoClient, type Collection, type Document } from 'mongodb';
import { opened, startTestDocDb, type TestDocDb } from './harness.ts';

describe('docdb multi-document transactions (single-node replica set)', () => {
  let t: TestDocDb;
  let other: MongoClient;
  let accounts: Collection<Document>;

  beforeAll(async () => {
    t = await startTestDocDb({ replicaSet: 'rs0' });
    other = new MongoClient(t.docdb.uri);
    await other.connect();
  });
  afterAll(async () => {
    await other.close();
    await t.close();
  });
  beforeEach(async () => {
    accounts = t.client.db('tx').collection('accounts');
    await accounts.deleteMany({});
    await accounts.insertMany([{ _id: 'a' as never, balance: 100 }, { _id: 'b' as never, balance: 0 }]);
  });

  it('should make all writes of a committed transaction visible at once, and none before', async () => {
    const session = t.client.startSession();
    try {
      session.startTransaction();
      await accounts.updateOne({ _id: 'a' as never }, { $inc: { balance: -30 } }, { session });
      await accounts.updateOne({ _id: 'b' as never }, { $inc: { balance: 30 } }, { session });
      await accounts.insertOne({ _id: 'log1' as never, note: 'a→b 30' }, { session });
      // inside: the transaction sees its own writes
      expect((await accounts.findOne({ _id: 'a' as never }, { session }))?.balance).toBe(70);
      // outside: nothing yet
      const outside = other.db('tx').collection('accounts');
      expect((await outside.findOne({ _id: 'a' as never }))?.balance).toBe(100);
      expect(await outside.countDocuments({ _id: 'log1' as never })).toBe(0);
      await session.commitTransaction();
      expect((await outside.findOne({ _id: 'a' as never }))?.balance).toBe(70);
      expect((await outside.findOne({ _id: 'b' as never }))?.balance).toBe(30);
      expect(await outside.countDocuments({ _id: 'log1' as never })).toBe(1);
    } finally {
      await session.endSession();
    }
  });

  it('should discard every write of an aborted transaction', async () => {
    const session = t.client.startSession();
    try {
      session.startTransaction();
      await accounts.updateOne({ _id: 'a' as never }, { $set: { balance: 0 } }, { session });
      await accounts.deleteOne({ _id: 'b' as never }, { session });
      await session.abortTransaction();
    } finally {
      await session.endSession();
    }
    expect(await accounts.find().sort({ _id: 1 }).toArray()).toEqual([{ _id: 'a', balance: 100 }, { _id: 'b', balance: 0 }]);
  });

  it('should read from a snapshot and fail the later committer of a conflicting write with a transient error', async () => {
    const session = t.client.startSession();
    try {
      session.startTransaction();
      expect((await accounts.findOne({ _id: 'a' as never }, { session }))?.balance).toBe(100);
      await other.db('tx').collection('accounts').updateOne({ _id: 'a' as never }, { $inc: { balance: 1 } });
      // snapshot isolation: the transaction still sees the value from its start
      expect((await accounts.findOne({ _id: 'a' as never }, { session }))?.balance).toBe(100);
      await accounts.updateOne({ _id: 'a' as never }, { $inc: { balance: -10 } }, { session });
      const err = await session.commitTransaction().catch((e: Error & { code?: number; hasErrorLabel?: (l: string) => boolean }) => e);
      expect(err).toMatchObject({ code: 112 });
      expect((err as { hasErrorLabel(l: string): boolean }).hasErrorLabel('TransientTransactionError')).toBe(true);
    } finally {
      await session.endSession();
    }
    expect((await accounts.findOne({ _id: 'a' as never }))?.balance).toBe(101);
  });

  it('should keep the total constant across 20 concurrent transfers retried by withTransaction', async () => {
    await Promise.all(Array.from({ length: 20 }, async (_, i) => {
      const session = (i % 2 ? t.client : other).startSession();
      const coll = (i % 2 ? t.client : other).db('tx').collection('accounts');
      try {
        await session.withTransaction(async () => {
          await coll.updateOne({ _id: 'a' as never }, { $inc: { balance: -1 } }, { session });
          await coll.updateOne({ _id: 'b' as never }, { $inc: { balance: 1 } }, { session });
        });
      } finally {
        await session.endSession();
      }
    }));
    const all = await accounts.find().sort({ _id: 1 }).toArray();
    expect(all).toEqual([{ _id: 'a', balance: 80 }, { _id: 'b', balance: 20 }]);
  });

  it('should abort the transaction on a duplicate key inside it', async () => {
    const session = t.client.startSession();
    try {
      session.startTransaction();
      await accounts.insertOne({ _id: 'c' as never, balance: 5 }, { session });
      await expect(accounts.insertOne({ _id: 'a' as never }, { session })).rejects.toMatchObject({ code: 11000 });
      await expect(session.commitTransaction()).rejects.toMatchObject({ code: 251 });
    } finally {
      await session.endSession();
    }
    expect(await accounts.countDocuments({ _id: 'c' as never })).toBe(0);
  });

  it('should publish change events of a transaction only when it commits', async () => {
    const stream = await opened(accounts.watch([], { maxAwaitTimeMS: 100 }));
    const first = stream.next();
    const session = t.client.startSession();
    try {
      await session.withTransaction(async () => {
        await accounts.insertOne({ _id: 'z' as never, balance: 1 }, { session });
      });
    } finally {
      await session.endSession();
    }
    expect(await first).toMatchObject({ operationType: 'insert', documentKey: { _id: 'z' } });
    await stream.close();
  });

  it('should refuse DDL and implicit collection creation inside a transaction', async () => {
    const session = t.client.startSession();
    try {
      session.startTransaction();
      await expect(t.client.db('tx').collection('brand-new').insertOne({ a: 1 }, { session })).rejects.toMatchObject({ code: 263 });
      await session.abortTransaction().catch(() => undefined);
      session.startTransaction();
      await expect(t.client.db('tx').command({ create: 'other' }, { session })).rejects.toMatchObject({ code: 263 });
      await session.abortTransaction().catch(() => undefined);
    } finally {
      await session.endSession();
    }
  });
});
