import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MongoServerError } from 'mongodb';
import { startTestDocDb, type TestDocDb } from './harness.ts';

describe('docdb indexes', () => {
  let t: TestDocDb;

  beforeAll(async () => {
    t = await startTestDocDb({ ttlMonitorIntervalMs: 200 });
  });
  afterAll(async () => {
    await t.close();
  });

  it('should report a unique violation on one field as E11000 with keyPattern and keyValue', async () => {
    const c = t.client.db('idx').collection('users');
    await c.createIndex({ email: 1 }, { unique: true });
    await c.insertOne({ email: 'a@x.cn' });
    const err = await c.insertOne({ email: 'a@x.cn' }).catch((e: MongoServerError) => e);
    expect(err).toMatchObject({
      code: 11000,
      keyPattern: { email: 1 },
      keyValue: { email: 'a@x.cn' },
      message: 'E11000 duplicate key error collection: idx.users index: email_1 dup key: { email: "a@x.cn" }',
    });
  });

  it('should report a compound unique violation with every key field', async () => {
    const c = t.client.db('idx').collection('posts');
    await c.createIndex({ office: 1, seq: -1 }, { unique: true, name: 'office_seq' });
    await c.insertMany([{ office: 'A', seq: 1 }, { office: 'A', seq: 2 }, { office: 'B', seq: 1 }]);
    const err = await c.updateOne({ office: 'B' }, { $set: { office: 'A' } }).catch((e: MongoServerError) => e);
    expect(err).toMatchObject({
      code: 11000,
      keyPattern: { office: 1, seq: -1 },
      keyValue: { office: 'A', seq: 1 },
      message: 'E11000 duplicate key error collection: idx.posts index: office_seq dup key: { office: "A", seq: 1 }',
    });
    expect(await c.countDocuments({ office: 'B' })).toBe(1);
  });

  it('should stop an ordered batch at the first error and continue an unordered one', async () => {
    const c = t.client.db('idx').collection('batch');
    await c.createIndex({ k: 1 }, { unique: true });
    const ordered = await c.insertMany([{ k: 1 }, { k: 1 }, { k: 2 }]).catch((e: MongoServerError) => e);
    expect(ordered).toMatchObject({ code: 11000 });
    expect(await c.countDocuments()).toBe(1);
    const unordered = await c.insertMany([{ k: 3 }, { k: 1 }, { k: 4 }, { k: 3 }], { ordered: false }).catch((e: MongoServerError) => e) as MongoServerError & { writeErrors: { index: number }[] };
    expect(unordered.writeErrors.map((w) => w.index)).toEqual([1, 3]);
    expect(await c.countDocuments()).toBe(3);
  });

  it('should fail to build a unique index over existing duplicates', async () => {
    const c = t.client.db('idx').collection('dups');
    await c.insertMany([{ v: 1 }, { v: 1 }]);
    await expect(c.createIndex({ v: 1 }, { unique: true })).rejects.toMatchObject({ code: 11000 });
    expect((await c.indexes()).map((i) => i.name)).toEqual(['_id_']);
  });

  it('should use an index for equality and range queries (explain IXSCAN, few docs examined)', async () => {
    const c = t.client.db('idx').collection('plan');
    await c.insertMany(Array.from({ length: 2000 }, (_, i) => ({ n: i, g: i % 10 })));
    await c.createIndex({ n: 1 });
    const eq = await c.find({ n: 1234 }).explain('executionStats');
    expect(eq.queryPlanner.winningPlan.inputStage).toMatchObject({ stage: 'IXSCAN', indexName: 'n_1' });
    expect(eq.executionStats).toMatchObject({ nReturned: 1, totalDocsExamined: 1 });
    const range = await c.find({ n: { $gte: 100, $lt: 110 } }).explain('executionStats');
    expect(range.executionStats).toMatchObject({ nReturned: 10, totalDocsExamined: 10 });
    const scan = await c.find({ g: 3 }).explain('executionStats');
    expect(scan.queryPlanner.winningPlan.stage).toBe('COLLSCAN');
    expect(scan.executionStats.totalDocsExamined).toBe(2000);
    expect(await c.countDocuments({ n: { $in: [5, 6, 7000] } })).toBe(2);
  });

  it('should use a compound index prefix and keep results correct for mixed types', async () => {
    const c = t.client.db('idx').collection('mixed');
    await c.createIndex({ a: 1, b: 1 });
    await c.insertMany([{ a: 1, b: 'x' }, { a: 1, b: 2 }, { a: '1', b: 3 }, { a: 1.0, b: null }, { a: [1, 5], b: 9 }]);
    const plan = await c.find({ a: 1, b: { $gt: 0 } }).explain('executionStats');
    expect(plan.queryPlanner.winningPlan.inputStage.indexName).toBe('a_1_b_1');
    expect((await c.find({ a: 1, b: { $gt: 0 } }).toArray()).map((d) => d.b).sort()).toEqual([2, 9]);
    expect(await c.countDocuments({ a: 1 })).toBe(4);
    expect(await c.countDocuments({ a: 5 })).toBe(1);
  });

  it('should honour sparse and partial indexes for uniqueness', async () => {
    const c = t.client.db('idx').collection('sparse');
    await c.createIndex({ code: 1 }, { unique: true, sparse: true });
    await c.insertMany([{ x: 1 }, { x: 2 }, { code: 'a' }]);
    await expect(c.insertOne({ code: 'a' })).rejects.toMatchObject({ code: 11000 });
    const p = t.client.db('idx').collection('partial');
    await p.createIndex({ user: 1 }, { unique: true, partialFilterExpression: { active: true } });
    await p.insertMany([{ user: 'u', active: false }, { user: 'u', active: false }, { user: 'u', active: true }]);
    await expect(p.insertOne({ user: 'u', active: true })).rejects.toMatchObject({ code: 11000 });
    const listed = await p.indexes();
    expect(listed[1]).toMatchObject({ name: 'user_1', unique: true, partialFilterExpression: { active: true } });
  });

  it('should list and drop indexes, refusing to drop _id_ or a missing index', async () => {
    const c = t.client.db('idx').collection('drop');
    await c.createIndexes([{ key: { a: 1 } }, { key: { b: -1 }, name: 'bee' }]);
    expect((await c.indexes()).map((i) => i.name)).toEqual(['_id_', 'a_1', 'bee']);
    await c.dropIndex('bee');
    await expect(c.dropIndex('nope')).rejects.toMatchObject({ code: 27, codeName: 'IndexNotFound' });
    await expect(c.dropIndex('_id_')).rejects.toMatchObject({ code: 72 });
    await c.dropIndexes();
    expect((await c.indexes()).map((i) => i.name)).toEqual(['_id_']);
    await expect(t.client.db('idx').collection('nothere').indexes()).rejects.toMatchObject({ code: 26 });
  });

  it('should follow a hint and reject a hint naming no index', async () => {
    const c = t.client.db('idx').collection('hints');
    await c.createIndex({ a: 1 });
    await c.insertMany([{ a: 1, b: 1 }, { a: 2, b: 1 }]);
    const plan = await c.find({ b: 1 }).hint('a_1').explain('executionStats');
    expect(plan.queryPlanner.winningPlan.inputStage.indexName).toBe('a_1');
    expect(await c.find({ b: 1 }).hint({ a: 1 }).toArray()).toHaveLength(2);
    await expect(c.find({ b: 1 }).hint('nope_1').toArray()).rejects.toMatchObject({ code: 2 });
  });

  it('should refuse a write concern a single node cannot satisfy', async () => {
    await expect(t.client.db('idx').collection('wc').insertOne({ a: 1 }, { writeConcern: { w: 3 } })).rejects.toMatchObject({ code: 100 });
    await t.client.db('idx').collection('wc').insertOne({ a: 2 }, { writeConcern: { w: 'majority', j: true } });
    expect(await t.client.db('idx').collection('wc').countDocuments({ a: 2 })).toBe(1);
  });

  it('should reject conflicting index definitions as MongoDB does', async () => {
    const c = t.client.db('idx').collection('conflict');
    await c.createIndex({ a: 1 }, { name: 'x' });
    await expect(c.createIndex({ b: 1 }, { name: 'x' })).rejects.toMatchObject({ code: 86 });
    await expect(c.createIndex({ a: 1 }, { name: 'y' })).rejects.toMatchObject({ code: 85 });
    await expect(c.createIndex({ loc: '2dsphere' })).rejects.toMatchObject({ code: 67 });
  });

  it('should delete expired documents through a TTL index', async () => {
    const c = t.client.db('idx').collection('ttl');
    await c.createIndex({ at: 1 }, { expireAfterSeconds: 1 });
    await c.insertMany([{ at: new Date(Date.now() - 5000) }, { at: new Date(Date.now() + 60_000) }, { at: 'not a date' }]);
    await expect.poll(() => c.countDocuments(), { timeout: 5000, interval: 100 }).toBe(2);
    expect((await c.indexes())[1]).toMatchObject({ expireAfterSeconds: 1 });
  });
});

describe('docdb index-provided sort order', () => {
  let t: TestDocDb;

  beforeAll(async () => {
    t = await startTestDocDb();
    const c = t.client.db('sort').collection('tasks');
    await c.createIndex({ status: 1, due: 1 });
    await c.insertMany(Array.from({ length: 3000 }, (_, i) => ({ status: i % 3 === 0 ? 'open' : 'done', due: (i * 7919) % 3000, tags: i % 500 === 0 ? [i, -i] : undefined })));
  });
  afterAll(async () => {
    await t.close();
  });

  it('should read a sorted page through the index and stop at the limit', async () => {
    const c = t.client.db('sort').collection('tasks');
    const plan = await c.find({ status: 'open' }).sort({ due: -1 }).limit(5).explain('executionStats');
    expect(plan.queryPlanner.winningPlan).toMatchObject({ stage: 'FETCH', inputStage: { stage: 'IXSCAN', indexName: 'status_1_due_1', direction: 'backward' } });
    expect(plan.executionStats.totalDocsExamined).toBe(5);
    const page = (await c.find({ status: 'open' }).sort({ due: -1 }).skip(2).limit(5).toArray()).map((d) => d.due);
    const expected = (await c.find({ status: 'open' }).toArray()).map((d) => d.due as number).sort((a, b) => b - a).slice(2, 7);
    expect(page).toEqual(expected);
  });

  it('should sort by _id through the _id index and fall back to an in-memory sort otherwise', async () => {
    const c = t.client.db('sort').collection('tasks');
    const byId = await c.find({}).sort({ _id: -1 }).limit(3).explain('executionStats');
    expect(byId.executionStats.totalDocsExamined).toBe(3);
    const last = await c.find({}).sort({ _id: -1 }).limit(1).toArray();
    const all = await c.find({}).toArray();
    expect(String(last[0]._id)).toBe(String(all[all.length - 1]._id));
    const mem = await c.find({ due: { $gt: 5 } }).sort({ status: -1, due: 1 }).limit(3).explain('executionStats');
    expect(mem.queryPlanner.winningPlan.stage).toBe('SORT');
    const rows = await c.find({ due: { $gt: 5 } }).sort({ status: -1, due: 1 }).limit(3).toArray();
    const expected = all
      .filter((d) => (d.due as number) > 5)
      .sort((a, b) => (a.status === b.status ? (a.due as number) - (b.due as number) : a.status < b.status ? 1 : -1))
      .slice(0, 3)
      .map((d) => [d.status, d.due]);
    expect(rows.map((d) => [d.status, d.due])).toEqual(expected);
  });
});
