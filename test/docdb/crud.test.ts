import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Binary, Decimal128, Double, Int32, Long, ObjectId, type Collection, type Document, type UpdateFilter } from 'mongodb';

/** Untyped update documents (the driver's generics cannot type dotted/array operators on Document). */
const U = (u: Document): UpdateFilter<Document> => u as UpdateFilter<Document>;
import { startTestDocDb, type TestDocDb } from './harness.ts';

describe('docdb CRUD through the mongodb driver', () => {
  let t: TestDocDb;
  let coll: Collection<Document>;

  beforeAll(async () => {
    t = await startTestDocDb();
  });
  afterAll(async () => {
    await t.close();
  });
  beforeEach(async () => {
    coll = t.client.db('crud').collection(`c${Math.random().toString(36).slice(2)}`);
    await coll.insertMany([
      { _id: 1 as never, name: 'ann', age: 30, tags: ['a', 'b'], addr: { city: 'Hangzhou', zip: '310000' }, score: 7.5 },
      { _id: 2 as never, name: 'bob', age: 25, tags: ['b'], addr: { city: 'Ningbo' }, score: null },
      { _id: 3 as never, name: 'cid', age: 41, tags: [], items: [{ sku: 'x', qty: 2 }, { sku: 'y', qty: 9 }] },
    ]);
  });

  const ids = async (filter: Document): Promise<unknown[]> => (await coll.find(filter).sort({ _id: 1 }).toArray()).map((d) => d._id);

  it('should answer comparison, logical, element, evaluation and array query operators', async () => {
    // given three documents; when querying with each operator family; then mingo semantics apply
    expect(await ids({ age: { $gt: 26, $lte: 41 } })).toEqual([1, 3]);
    expect(await ids({ name: { $in: ['bob', 'zed'] } })).toEqual([2]);
    expect(await ids({ name: { $nin: ['bob'] } })).toEqual([1, 3]);
    expect(await ids({ age: { $ne: 30 } })).toEqual([2, 3]);
    expect(await ids({ $or: [{ age: 25 }, { name: 'cid' }] })).toEqual([2, 3]);
    expect(await ids({ $and: [{ age: { $gt: 20 } }, { age: { $lt: 35 } }] })).toEqual([1, 2]);
    expect(await ids({ age: { $not: { $gt: 26 } } })).toEqual([2]);
    expect(await ids({ $nor: [{ age: 25 }, { age: 30 }] })).toEqual([3]);
    expect(await ids({ score: { $exists: true } })).toEqual([1, 2]);
    expect(await ids({ score: null })).toEqual([2, 3]);
    expect(await ids({ score: { $type: 'double' } })).toEqual([1]);
    expect(await ids({ name: { $regex: '^b' } })).toEqual([2]);
    expect(await ids({ name: /N/i })).toEqual([1]);
    expect(await ids({ $expr: { $gt: ['$age', 35] } })).toEqual([3]);
    expect(await ids({ age: { $mod: [5, 0] } })).toEqual([1, 2]);
    expect(await ids({ tags: 'b' })).toEqual([1, 2]);
    expect(await ids({ tags: { $all: ['a', 'b'] } })).toEqual([1]);
    expect(await ids({ tags: { $size: 0 } })).toEqual([3]);
    expect(await ids({ items: { $elemMatch: { sku: 'y', qty: { $gt: 5 } } } })).toEqual([3]);
    expect(await ids({ 'addr.city': 'Ningbo' })).toEqual([2]);
    expect(await ids({ 'items.qty': 2 })).toEqual([3]);
  });

  it('should apply projection, sort, skip and limit', async () => {
    const docs = await coll.find({}, { projection: { name: 1, _id: 0 } }).sort({ age: -1 }).skip(1).limit(1).toArray();
    expect(docs).toEqual([{ name: 'ann' }]);
    const excl = await coll.findOne({ _id: 1 as never }, { projection: { addr: 0, tags: 0 } });
    expect(excl).toEqual({ _id: 1, name: 'ann', age: 30, score: 7.5 });
    const slice = await coll.findOne({ _id: 3 as never }, { projection: { items: { $slice: 1 } } });
    expect((slice?.items as unknown[]).length).toBe(1);
  });

  it('should apply every update operator family', async () => {
    await coll.updateOne({ _id: 1 as never }, U({
      $set: { 'addr.zip': '310001' }, $inc: { age: 1 }, $mul: { score: 2 }, $unset: { name: '' },
      $push: { tags: 'c' }, $currentDate: { seen: true },
    }));
    await coll.updateOne({ _id: 1 as never }, { $addToSet: { tags: 'a' }, $min: { age: 20 }, $rename: { addr: 'address' } });
    await coll.updateOne({ _id: 1 as never }, U({ $pull: { tags: 'b' }, $max: { age: 50 } }));
    await coll.updateOne({ _id: 1 as never }, { $pop: { tags: -1 } });
    const d = await coll.findOne({ _id: 1 as never });
    expect(d).toMatchObject({ age: 50, score: 15, tags: ['c'], address: { city: 'Hangzhou', zip: '310001' } });
    expect(d?.name).toBeUndefined();
    expect(d?.seen).toBeInstanceOf(Date);
  });

  it('should update array elements with arrayFilters and the positional operator', async () => {
    await coll.updateOne({ _id: 3 as never }, { $set: { 'items.$[big].flag': true } }, { arrayFilters: [{ 'big.qty': { $gt: 5 } }] });
    await coll.updateOne({ _id: 3 as never, 'items.sku': 'x' }, { $inc: { 'items.$.qty': 10 } });
    const d = await coll.findOne({ _id: 3 as never });
    expect(d?.items).toEqual([{ sku: 'x', qty: 12 }, { sku: 'y', qty: 9, flag: true }]);
  });

  it('should run pipeline-style updates', async () => {
    await coll.updateMany({}, [{ $set: { nextAge: { $add: ['$age', 1] } } }]);
    expect((await coll.find().sort({ _id: 1 }).toArray()).map((d) => d.nextAge)).toEqual([31, 26, 42]);
  });

  it('should upsert with $setOnInsert only when inserting and report upsertedId', async () => {
    const first = await coll.updateOne({ name: 'dan' }, { $set: { age: 1 }, $setOnInsert: { created: 'now' } }, { upsert: true });
    expect(first.upsertedCount).toBe(1);
    expect(first.upsertedId).toBeInstanceOf(ObjectId);
    const second = await coll.updateOne({ name: 'dan' }, { $set: { age: 2 }, $setOnInsert: { created: 'later' } }, { upsert: true });
    expect(second).toMatchObject({ matchedCount: 1, modifiedCount: 1, upsertedCount: 0 });
    expect(await coll.findOne({ name: 'dan' }, { projection: { _id: 0 } })).toEqual({ name: 'dan', age: 2, created: 'now' });
  });

  it('should update many, replace one, count matched vs modified and delete', async () => {
    const many = await coll.updateMany({ age: { $lt: 35 } }, { $set: { young: true } });
    expect(many).toMatchObject({ matchedCount: 2, modifiedCount: 2 });
    const again = await coll.updateMany({ age: { $lt: 35 } }, { $set: { young: true } });
    expect(again).toMatchObject({ matchedCount: 2, modifiedCount: 0 });
    await coll.replaceOne({ _id: 2 as never }, { name: 'bobby' });
    expect(await coll.findOne({ _id: 2 as never })).toEqual({ _id: 2, name: 'bobby' });
    expect((await coll.deleteOne({ young: true })).deletedCount).toBe(1);
    expect((await coll.deleteMany({})).deletedCount).toBe(2);
  });

  it('should reject changing _id with ImmutableField', async () => {
    await expect(coll.updateOne({ _id: 1 as never }, { $set: { _id: 9 } })).rejects.toMatchObject({ code: 66 });
    await expect(coll.replaceOne({ _id: 1 as never }, { _id: 9, x: 1 })).rejects.toMatchObject({ code: 66 });
  });

  it('should reject an unknown update operator with FailedToParse', async () => {
    await expect(coll.updateOne({ _id: 1 as never }, { $frobnicate: { a: 1 } } as Document)).rejects.toMatchObject({ code: 9 });
  });

  it('should findOneAndUpdate / findOneAndDelete / findOneAndReplace with sort, projection, upsert and returnDocument', async () => {
    const before = await coll.findOneAndUpdate({}, { $inc: { age: 100 } }, { sort: { age: -1 }, projection: { age: 1 } });
    expect(before).toEqual({ _id: 3, age: 41 });
    const after = await coll.findOneAndUpdate({ _id: 3 as never }, { $inc: { age: 1 } }, { returnDocument: 'after' });
    expect(after?.age).toBe(142);
    const up = await coll.findOneAndUpdate({ name: 'eve' }, { $set: { age: 5 } }, { upsert: true, returnDocument: 'after', includeResultMetadata: true });
    expect(up.lastErrorObject).toMatchObject({ n: 1, updatedExisting: false });
    expect(up.value?.name).toBe('eve');
    const removed = await coll.findOneAndDelete({ name: 'bob' });
    expect(removed?._id).toBe(2);
    const replaced = await coll.findOneAndReplace({ _id: 1 as never }, { name: 'anna' }, { returnDocument: 'after' });
    expect(replaced).toEqual({ _id: 1, name: 'anna' });
  });

  it('should round-trip and compare BSON types (ObjectId, Date, Decimal128, Binary, Long, Int32, Double)', async () => {
    const oid = new ObjectId();
    const c = t.client.db('crud').collection('types');
    await c.insertOne({
      _id: oid, when: new Date('2026-01-02T03:04:05Z'), price: Decimal128.fromString('12.34'), blob: new Binary(Buffer.from([1, 2, 3])),
      big: Long.fromString('9007199254740993'), i: new Int32(7), d: new Double(2.5),
    });
    const got = await c.findOne({ _id: new ObjectId(oid.toHexString()) }, { promoteLongs: false });
    expect(got?._id.equals(oid)).toBe(true);
    expect(got?.when).toEqual(new Date('2026-01-02T03:04:05Z'));
    expect(got?.price.toString()).toBe('12.34');
    expect(Buffer.from((got?.blob as Binary).buffer)).toEqual(Buffer.from([1, 2, 3]));
    expect((got?.big as Long).toString()).toBe('9007199254740993');
    expect(await c.countDocuments({ when: { $gt: new Date('2026-01-01') } })).toBe(1);
    expect(await c.countDocuments({ _id: { $in: [new ObjectId(oid.toHexString())] } })).toBe(1);
    expect(await c.countDocuments({ blob: new Binary(Buffer.from([1, 2, 3])) })).toBe(1);
  });

  it('should keep int64 (Long) fields as Long through inserts, operator updates and queries', async () => {
    const c = t.client.db('crud').collection('longs');
    await c.insertOne({ _id: 'l' as never, small: Long.fromNumber(5), big: Long.fromString('9007199254740993'), plain: 5 });
    await c.updateOne({ _id: 'l' as never }, { $inc: { small: 1 }, $set: { added: Long.fromNumber(7) } });
    const got = await c.findOne({ _id: 'l' as never }, { promoteLongs: false });
    expect(got?.small).toBeInstanceOf(Long);
    expect((got?.small as Long).toNumber()).toBe(6);
    expect(got?.added).toBeInstanceOf(Long);
    expect(got?.plain).toBe(5);
    expect((got?.big as Long).toString()).toBe('9007199254740993');
    expect(await c.countDocuments({ small: { $gt: 5 }, plain: { $type: 'int' } })).toBe(1);
    const [sum] = await c.aggregate([{ $group: { _id: null, s: { $sum: '$small' } } }]).toArray();
    expect(sum.s).toBe(6);
    const replaced = await c.findOneAndReplace({ _id: 'l' as never }, { small: Long.fromNumber(1) }, { returnDocument: 'after', promoteLongs: false });
    expect(replaced?.small).toBeInstanceOf(Long);
  });

  it('should count and return distinct values', async () => {
    expect(await coll.countDocuments({ age: { $gte: 30 } })).toBe(2);
    expect(await coll.estimatedDocumentCount()).toBe(3);
    expect(await coll.distinct('tags')).toEqual(['a', 'b']);
    expect(await coll.distinct('addr.city', { age: { $lt: 35 } })).toEqual(['Hangzhou', 'Ningbo']);
  });

  it('should list, create, drop collections and databases', async () => {
    const db = t.client.db('ddl');
    await db.createCollection('one');
    await expect(db.createCollection('one')).rejects.toMatchObject({ code: 48, codeName: 'NamespaceExists' });
    await db.collection('two').insertOne({ a: 1 });
    expect((await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name).sort()).toEqual(['one', 'two']);
    const dbs = await t.client.db('admin').admin().listDatabases();
    expect(dbs.databases.map((d) => d.name)).toContain('ddl');
    expect(await db.collection('one').drop()).toBe(true);
    expect((await db.listCollections().toArray()).map((c) => c.name)).toEqual(['two']);
    await db.dropDatabase();
    expect((await t.client.db('admin').admin().listDatabases()).databases.map((d) => d.name)).not.toContain('ddl');
  });

  it('should answer an unknown command with CommandNotFound', async () => {
    await expect(t.client.db('crud').command({ frobnicate: 1 })).rejects.toMatchObject({
      code: 59, codeName: 'CommandNotFound', message: "no such command: 'frobnicate'",
    });
  });
});

describe('docdb bulk writes, collation and renames', () => {
  let t: TestDocDb;

  beforeAll(async () => {
    t = await startTestDocDb();
  });
  afterAll(async () => {
    await t.close();
  });

  it('should execute a mixed bulkWrite and report every count', async () => {
    const c = t.client.db('bulk').collection('items');
    const res = await c.bulkWrite([
      { insertOne: { document: { _id: 1 as never, v: 1 } } },
      { insertOne: { document: { _id: 2 as never, v: 2 } } },
      { updateOne: { filter: { _id: 1 as never }, update: { $inc: { v: 10 } } } },
      { updateMany: { filter: {}, update: { $set: { seen: true } } } },
      { replaceOne: { filter: { _id: 2 as never }, replacement: { v: 20 } } },
      { updateOne: { filter: { _id: 3 as never }, update: { $set: { v: 3 } }, upsert: true } },
      { deleteOne: { filter: { _id: 2 as never } } },
    ]);
    expect(res).toMatchObject({ insertedCount: 2, matchedCount: 4, modifiedCount: 4, upsertedCount: 1, deletedCount: 1 });
    expect(await c.find().sort({ _id: 1 }).toArray()).toEqual([{ _id: 1, v: 11, seen: true }, { _id: 3, v: 3 }]);
  });

  it('should sort with a collation and refuse a collated filter instead of ignoring the collation', async () => {
    const c = t.client.db('bulk').collection('names');
    await c.insertMany([{ n: 'b' }, { n: 'B' }, { n: 'a' }]);
    const sorted = await c.find({}, { collation: { locale: 'en' } }).sort({ n: 1 }).toArray();
    expect(sorted.map((d) => d.n)).toEqual(['a', 'b', 'B']);
    expect((await c.find({}).sort({ n: 1 }).toArray()).map((d) => d.n)).toEqual(['B', 'a', 'b']);
    await expect(c.countDocuments({ n: 'b' }, { collation: { locale: 'en', strength: 2 } })).rejects.toMatchObject({ code: 238 });
  });

  it('should rename a collection keeping its documents and indexes', async () => {
    const db = t.client.db('bulk');
    await db.collection('old').createIndex({ k: 1 }, { unique: true });
    await db.collection('old').insertMany([{ k: 1 }, { k: 2 }]);
    await db.renameCollection('old', 'new');
    expect(await db.collection('new').countDocuments()).toBe(2);
    expect((await db.collection('new').indexes()).map((i) => i.name)).toEqual(['_id_', 'k_1']);
    await expect(db.collection('new').insertOne({ k: 1 })).rejects.toMatchObject({ code: 11000, message: expect.stringContaining('bulk.new index: k_1') });
    expect((await db.listCollections().toArray()).map((c) => c.name)).not.toContain('old');
  });

  it('should answer with an error, not a dropped connection, when a reply would exceed 16 MiB', async () => {
    const c = t.client.db('bulk').collection('fat');
    await c.insertMany(Array.from({ length: 3 }, (_, i) => ({ i, blob: 'z'.repeat(7 * 1024 * 1024) })));
    await expect(c.aggregate([{ $group: { _id: null, all: { $push: '$blob' } } }]).toArray()).rejects.toMatchObject({ code: 10334 });
    expect(await c.countDocuments()).toBe(3);
  });
});
