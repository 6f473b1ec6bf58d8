/**
 * Sorted reads through indexes with descending and mixed-direction key patterns. Every query runs on
 * an indexed collection and on an unindexed copy with the same documents (that path sorts with mingo);
 * both must return the same sort-key sequence, and the same documents in the same order whenever the
 * sort keys leave no ties among the matches.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Collection, Document, Filter, Sort } from 'mongodb';
import { startTestDocDb, type TestDocDb } from './harness.ts';

interface Row extends Document {
  _id: number;
  p: string;
  v?: number | null;
  w: number;
  q: number;
}

interface Page {
  skip?: number;
  limit?: number;
}

const PS = ['a', 'b', 'c'];

/** 60 documents: (p, v) is unique, w is unique, q has ties; two documents lack v or hold null. */
function rows(): Row[] {
  const out: Row[] = Array.from({ length: 60 }, (_, i) => ({ _id: i, p: PS[i % 3], v: (i * 7) % 20, w: (i * 13) % 60, q: i % 4 }));
  out.push({ _id: 100, p: 'a', w: 100, q: 1 });
  out.push({ _id: 101, p: 'b', v: null, w: 101, q: 2 });
  return out;
}

function keyOf(doc: Document, sort: Record<string, 1 | -1>): unknown[] {
  return Object.keys(sort).map((f) => doc[f] ?? null);
}

describe('docdb sorted reads through descending and mixed-direction indexes', () => {
  let t: TestDocDb;
  let plain: Collection<Row>;
  let indexed: Collection<Row>;

  beforeAll(async () => {
    t = await startTestDocDb();
    const db = t.client.db('isort');
    plain = db.collection<Row>('plain');
    indexed = db.collection<Row>('indexed');
    await plain.insertMany(rows());
    await indexed.createIndex({ p: 1, v: -1 });
    await indexed.createIndex({ v: -1 });
    await indexed.createIndex({ q: -1, w: 1 });
    await indexed.insertMany(rows());
  });
  afterAll(async () => {
    await t.close();
  });

  /** Runs the query on both collections and checks the indexed answer against the unindexed one. */
  async function expectSameAsUnindexed(filter: Filter<Row>, sort: Record<string, 1 | -1>, page: Page = {}): Promise<Row[]> {
    const run = (c: Collection<Row>, p: Page): Promise<Row[]> => {
      let cursor = c.find(filter).sort(sort as Sort);
      if (p.skip !== undefined) cursor = cursor.skip(p.skip);
      if (p.limit !== undefined) cursor = cursor.limit(p.limit);
      return cursor.toArray() as Promise<Row[]>;
    };
    const [got, want, all] = await Promise.all([run(indexed, page), run(plain, page), run(plain, {})]);
    expect(got.map((d) => keyOf(d, sort))).toEqual(want.map((d) => keyOf(d, sort)));
    const keys = all.map((d) => JSON.stringify(keyOf(d, sort)));
    if (new Set(keys).size === keys.length) expect(got.map((d) => d._id)).toEqual(want.map((d) => d._id));
    else expect(new Set(got.map((d) => d._id)).size).toBe(got.length);
    return got;
  }

  async function winningPlan(filter: Filter<Row>, sort: Record<string, 1 | -1>): Promise<Document> {
    const plan = await indexed.find(filter).sort(sort as Sort).explain('queryPlanner');
    return plan.queryPlanner.winningPlan as Document;
  }

  it('should return the reported bug cases in MongoDB order with a { p: 1, v: -1 } index', async () => {
    const small = t.client.db('isort').collection<{ p: string; v: number }>('report');
    await small.createIndex({ p: 1, v: -1 });
    await small.insertMany([{ p: 'a', v: 1 }, { p: 'a', v: 2 }, { p: 'a', v: 3 }, { p: 'b', v: 1 }]);
    expect((await small.find({ p: 'a' }).sort({ v: -1 }).toArray()).map((d) => d.v)).toEqual([3, 2, 1]);
    expect((await small.find({ p: 'a' }).sort({ v: 1 }).toArray()).map((d) => d.v)).toEqual([1, 2, 3]);
    expect((await small.find({}).sort({ p: 1, v: -1 }).toArray()).map((d) => d.p + d.v)).toEqual(['a3', 'a2', 'a1', 'b1']);
    expect((await small.findOne({ p: 'a' }, { sort: { v: -1 } }))?.v).toBe(3);
    expect((await small.findOne({ p: 'a' }, { sort: { v: 1 } }))?.v).toBe(1);
  });

  it('should sort the rest of a descending compound index after an equality prefix, in both directions, from the index', async () => {
    for (const p of PS) {
      for (const dir of [1, -1] as const) {
        const got = await expectSameAsUnindexed({ p }, { v: dir });
        const vs = got.map((d) => d.v ?? null);
        expect(vs.length).toBeGreaterThanOrEqual(20);
        const numbers = vs.filter((v): v is number => typeof v === 'number');
        expect(numbers).toEqual([...numbers].sort((a, b) => dir * (a - b)));
        const plan = await winningPlan({ p }, { v: dir });
        expect(plan).toMatchObject({ stage: 'FETCH', inputStage: { stage: 'IXSCAN', indexName: 'p_1_v_-1' } });
      }
    }
  });

  it('should sort a whole collection by a mixed-direction key pattern correctly, in memory', async () => {
    for (const sort of [{ p: 1, v: -1 }, { p: -1, v: 1 }] as const) {
      const got = await expectSameAsUnindexed({}, sort);
      expect(got).toHaveLength(62);
      expect((await winningPlan({}, sort)).stage).toBe('SORT');
    }
  });

  it('should serve same-direction sorts over a mixed-direction index with a forward or reverse scan', async () => {
    for (const sort of [{ p: 1, v: 1 }, { p: -1, v: -1 }] as const) {
      await expectSameAsUnindexed({}, sort);
      expect(await winningPlan({}, sort)).toMatchObject({ stage: 'FETCH', inputStage: { stage: 'IXSCAN', indexName: 'p_1_v_-1' } });
    }
    for (const sort of [{ v: -1 }, { v: 1 }] as const) {
      await expectSameAsUnindexed({}, sort);
      expect(await winningPlan({}, sort)).toMatchObject({ stage: 'FETCH', inputStage: { stage: 'IXSCAN', indexName: 'v_-1' } });
    }
    const forward = await winningPlan({ p: 'a' }, { v: 1 });
    const backward = await winningPlan({ p: 'a' }, { v: -1 });
    expect(forward.inputStage.direction).not.toBe(backward.inputStage.direction);
  });

  it('should fall back to a correct in-memory sort for sort keys the index cannot provide', async () => {
    const cases: [Filter<Row>, Record<string, 1 | -1>][] = [
      [{}, { v: 1, p: 1 }],
      [{}, { v: -1, p: 1 }],
      [{ p: 'b' }, { w: 1 }],
      [{ p: 'b' }, { v: -1, w: 1 }],
      [{ p: 'c' }, { p: 1, v: -1 }],
      [{}, { q: -1, w: 1 }],
      [{}, { q: 1, w: -1 }],
      [{ q: 2 }, { w: -1 }],
      [{}, { w: -1, q: 1 }],
    ];
    for (const [filter, sort] of cases) await expectSameAsUnindexed(filter, sort);
    expect((await winningPlan({}, { q: -1, w: 1 })).stage).toBe('SORT');
  });

  it('should apply skip and limit after an index-provided sort and after an in-memory sort', async () => {
    const pages: [Filter<Row>, Record<string, 1 | -1>, Page][] = [
      [{ p: 'a' }, { v: -1 }, { skip: 3, limit: 4 }],
      [{ p: 'a' }, { v: 1 }, { skip: 3, limit: 4 }],
      [{ p: 'b' }, { v: -1 }, { limit: 1 }],
      [{ p: 'b' }, { v: 1 }, { skip: 19, limit: 5 }],
      [{}, { v: -1 }, { skip: 5, limit: 7 }],
      [{}, { p: 1, v: -1 }, { skip: 18, limit: 6 }],
      [{}, { p: -1, v: -1 }, { skip: 10, limit: 10 }],
      [{ q: 3 }, { w: 1 }, { skip: 2, limit: 3 }],
      [{}, { p: 1, v: 1 }, { skip: 100, limit: 5 }],
    ];
    for (const [filter, sort, page] of pages) await expectSameAsUnindexed(filter, sort, page);
    const top = await indexed.find({ p: 'a' }).sort({ v: -1 }).limit(3).explain('executionStats');
    expect(top.executionStats.totalDocsExamined).toBe(3);
  });

  it('should sort range matches through and around descending indexes', async () => {
    const ranges: [Filter<Row>, Record<string, 1 | -1>, Page?][] = [
      [{ p: 'a', v: { $gte: 5, $lt: 15 } }, { v: -1 }],
      [{ p: 'a', v: { $gte: 5, $lt: 15 } }, { v: 1 }],
      [{ p: 'c', v: { $gt: 3 } }, { v: -1 }, { skip: 2, limit: 4 }],
      [{ v: { $gt: 10 } }, { v: -1 }],
      [{ v: { $gt: 10 } }, { v: 1 }],
      [{ v: { $lte: 4 } }, { v: 1, p: -1 }],
      [{ v: { $gte: 2, $lte: 17 } }, { p: 1, v: -1 }, { skip: 4, limit: 9 }],
      [{ p: { $in: ['a', 'c'] } }, { v: -1 }],
      [{ p: { $gt: 'a' } }, { p: 1, v: -1 }],
      [{ q: { $gte: 2 } }, { q: -1, w: 1 }, { limit: 8 }],
    ];
    for (const [filter, sort, page] of ranges) await expectSameAsUnindexed(filter, sort, page);
  });
});
