import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDocDb, type TestDocDb } from './harness.ts';

describe('docdb in standalone mode (replicaSet: false)', () => {
  let t: TestDocDb;

  beforeAll(async () => {
    t = await startTestDocDb({ replicaSet: false });
  });
  afterAll(async () => {
    await t.close();
  });

  it('should present a standalone mongod without replica set fields', async () => {
    const hello = await t.client.db('admin').command({ hello: 1 });
    expect(hello.isWritablePrimary).toBe(true);
    expect(hello.setName).toBeUndefined();
  });

  it('should answer commitTransaction with IllegalOperation as a standalone mongod does', async () => {
    await expect(t.client.db('admin').command({ commitTransaction: 1 })).rejects.toMatchObject({
      code: 20, codeName: 'IllegalOperation', message: 'Transaction numbers are only allowed on a replica set member or mongos',
    });
  });

  it('should refuse a transaction with the standalone server error', async () => {
    const coll = t.client.db('sa').collection('x');
    const session = t.client.startSession();
    try {
      session.startTransaction();
      // the driver rewrites mongod's code-20 'Transaction numbers are only allowed…' into this message
      const err = await coll.insertOne({ x: 1 }, { session }).catch((e: Error) => e);
      expect((err as Error).message).toMatch(/does not support retryable writes/);
      expect((err as { originalError?: { code?: number } }).originalError?.code).toBe(20);
    } finally {
      await session.endSession();
    }
    expect(await coll.countDocuments()).toBe(0);
  });

  it('should reject $changeStream as only supported on replica sets', async () => {
    await expect(t.client.db('sa').collection('x').aggregate([{ $changeStream: {} }]).toArray()).rejects.toMatchObject({ code: 40573 });
  });
});
