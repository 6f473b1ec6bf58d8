import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDocDb, type TestDocDb } from './harness.ts';

describe('docdb aggregation', () => {
  let t: TestDocDb;

  beforeAll(async () => {
    t = await startTestDocDb();
    const db = t.client.db('agg');
    await db.collection('offices').insertMany([
      { _id: 'o1' as never, name: '民政办' }, { _id: 'o2' as never, name: '规划所' },
    ]);
    await db.collection('cases').insertMany([
      { office: 'o1', kind: 'rebuild', days: 3, status: 'done' },
      { office: 'o1', kind: 'rebuild', days: 5, status: 'open' },
      { office: 'o2', kind: 'permit', days: 8, status: 'done' },
      { office: 'o2', kind: 'rebuild', days: 1, status: 'done' },
      { office: 'o3', kind: 'permit', days: 2, status: 'open' },
    ]);
  });
  afterAll(async () => {
    await t.close();
  });

  it('should $match, $group, $sort and $project', async () => {
    const out = await t.client.db('agg').collection('cases').aggregate([
      { $match: { status: 'done' } },
      { $group: { _id: '$office', total: { $sum: '$days' }, n: { $sum: 1 } } },
      { $sort: { total: -1 } },
      { $project: { _id: 0, office: '$_id', total: 1, n: 1 } },
    ]).toArray();
    expect(out).toEqual([{ total: 9, n: 2, office: 'o2' }, { total: 3, n: 1, office: 'o1' }]);
  });

  it('should $lookup across collections and $unwind', async () => {
    const out = await t.client.db('agg').collection('cases').aggregate([
      { $lookup: { from: 'offices', localField: 'office', foreignField: '_id', as: 'o' } },
      { $unwind: { path: '$o', preserveNullAndEmptyArrays: true } },
      { $group: { _id: { $ifNull: ['$o.name', 'unknown'] }, n: { $sum: 1 } } },
      { $sort: { _id: 1 } },
    ]).toArray();
    expect(out).toEqual([{ _id: 'unknown', n: 1 }, { _id: '民政办', n: 2 }, { _id: '规划所', n: 2 }]);
  });

  it('should compute several facets in one pass with $facet, $bucket, $count and $addFields', async () => {
    const [out] = await t.client.db('agg').collection('cases').aggregate([
      { $addFields: { slow: { $gt: ['$days', 4] } } },
      {
        $facet: {
          byKind: [{ $sortByCount: '$kind' }],
          slow: [{ $match: { slow: true } }, { $count: 'n' }],
          buckets: [{ $bucket: { groupBy: '$days', boundaries: [0, 3, 6, 10], default: 'other', output: { n: { $sum: 1 } } } }],
        },
      },
    ]).toArray();
    expect(out.byKind).toEqual([{ _id: 'rebuild', count: 3 }, { _id: 'permit', count: 2 }]);
    expect(out.slow).toEqual([{ n: 2 }]);
    // days 3,5,8,1,2: [0,3) holds 1 and 2, [3,6) holds 3 and 5 (lower bound inclusive), [6,10) holds 8
    expect(out.buckets).toEqual([{ _id: 0, n: 2 }, { _id: 3, n: 2 }, { _id: 6, n: 1 }]);
  });

  it('should return large aggregation results through a cursor', async () => {
    const c = t.client.db('agg').collection('many');
    await c.insertMany(Array.from({ length: 1500 }, (_, i) => ({ i })));
    const out = await c.aggregate([{ $project: { j: { $multiply: ['$i', 2] } } }], { cursor: { batchSize: 200 } }).toArray();
    expect(out).toHaveLength(1500);
  });

  it('should replace a collection with $out, keeping its unique index and leaving it unchanged on a violation', async () => {
    const db = t.client.db('agg');
    await db.collection('summary').createIndex({ office: 1 }, { unique: true });
    await db.collection('summary').insertOne({ office: 'stale' });
    await db.collection('cases').aggregate([
      { $group: { _id: '$office', n: { $sum: 1 } } },
      { $project: { _id: 0, office: '$_id', n: 1 } },
      { $out: 'summary' },
    ]).toArray();
    const rows = await db.collection('summary').find({}, { projection: { _id: 0 } }).sort({ office: 1 }).toArray();
    expect(rows).toEqual([{ office: 'o1', n: 2 }, { office: 'o2', n: 2 }, { office: 'o3', n: 1 }]);
    await expect(db.collection('cases').aggregate([{ $project: { _id: 0, office: 1 } }, { $out: 'summary' }]).toArray()).rejects.toMatchObject({ code: 11000 });
    expect(await db.collection('summary').countDocuments()).toBe(3);
  });

  it('should reject unknown stages, $merge and a non-final $out', async () => {
    await expect(t.client.db('agg').collection('cases').aggregate([{ $nope: {} }]).toArray()).rejects.toMatchObject({ ok: 0 });
    await expect(t.client.db('agg').collection('cases').aggregate([{ $merge: 'x' }]).toArray()).rejects.toMatchObject({ code: 238 });
    await expect(t.client.db('agg').collection('cases').aggregate([{ $out: 'x' }, { $match: {} }]).toArray()).rejects.toMatchObject({ code: 40601 });
  });
});
