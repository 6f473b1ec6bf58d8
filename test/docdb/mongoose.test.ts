import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mongoose, { Schema, type Connection, type Types } from 'mongoose';

interface CaseShape {
  title: string;
  kind: string;
  office?: Types.ObjectId;
  applicant?: { name?: string; idNo?: string };
  fee?: Types.Decimal128 | string;
  steps: { name: string; done: boolean }[];
  createdAt: Date;
  updatedAt: Date;
}
import { opened, startTestDocDb, type TestDocDb } from './harness.ts';

describe('docdb with mongoose', () => {
  let t: TestDocDb;
  let conn: Connection;

  beforeAll(async () => {
    t = await startTestDocDb();
    conn = await mongoose.createConnection(`${t.docdb.uri}streetflow`).asPromise();
  });
  afterAll(async () => {
    await conn.close();
    await t.close();
  });

  const officeSchema = new Schema({ code: { type: String, required: true, unique: true }, name: String });
  const caseSchema = new Schema<CaseShape>(
    {
      title: { type: String, required: true, minlength: 2 },
      kind: { type: String, enum: ['rebuild', 'permit'], required: true },
      office: { type: Schema.Types.ObjectId, ref: 'Office' },
      applicant: { name: String, idNo: { type: String, match: /^\d{17}[\dX]$/ } },
      fee: { type: Schema.Types.Decimal128 },
      steps: [{ name: String, done: Boolean }],
    },
    { timestamps: true },
  );
  caseSchema.index({ kind: 1, createdAt: -1 });

  it('should validate documents with the schema before writing', async () => {
    const Case = conn.model<CaseShape>('Case', caseSchema);
    await expect(Case.create({ title: 'x', kind: 'other' })).rejects.toThrow(/validation failed/);
    expect(await Case.countDocuments()).toBe(0);
  });

  it('should set timestamps on create and update', async () => {
    const Case = conn.model<CaseShape>('Case');
    const doc = await Case.create({ title: '旧址重建 申请', kind: 'rebuild', fee: '12.50', applicant: { name: '张三', idNo: '11010519491231002X' } });
    expect(doc.get('createdAt')).toBeInstanceOf(Date);
    const created = doc.get('updatedAt') as Date;
    await new Promise((r) => setTimeout(r, 5));
    await Case.updateOne({ _id: doc._id }, { $push: { steps: { name: 'intake', done: true } } });
    const again = await Case.findById(doc._id).lean();
    expect(again?.updatedAt.getTime()).toBeGreaterThan(created.getTime());
    expect(again?.steps).toHaveLength(1);
    expect(String(again?.fee)).toBe('12.50');
  });

  it('should populate references across collections', async () => {
    const Office = conn.model('Office', officeSchema);
    const Case = conn.model<CaseShape>('Case');
    const office = await Office.create({ code: 'MZB', name: '民政办' });
    await Case.create({ title: '许可 申请', kind: 'permit', office: office._id });
    const found = await Case.findOne({ kind: 'permit' }).populate<{ office: { name: string } }>('office');
    expect(found?.office.name).toBe('民政办');
  });

  it('should enforce unique schema indexes and sync declared indexes', async () => {
    const Office = conn.model('Office');
    await Office.init();
    await expect(Office.create({ code: 'MZB', name: 'dup' })).rejects.toMatchObject({ code: 11000, keyValue: { code: 'MZB' } });
    const Case = conn.model<CaseShape>('Case');
    await Case.collection.createIndex({ stale: 1 });
    const dropped = await Case.syncIndexes();
    expect(dropped).toEqual(['stale_1']);
    const names = (await Case.collection.indexes()).map((i) => i.name).sort();
    expect(names).toEqual(['_id_', 'kind_1_createdAt_-1']);
  });

  it('should commit a mongoose transaction atomically and roll back a failed one', async () => {
    const Office = conn.model('Office');
    await Office.init();
    await conn.transaction(async (session) => {
      await Office.create([{ code: 'GHS', name: '规划所' }], { session });
      await Office.updateOne({ code: 'MZB' }, { $set: { name: '民政办公室' } }, { session });
    });
    expect(await Office.countDocuments({ code: 'GHS' })).toBe(1);
    await expect(conn.transaction(async (session) => {
      await Office.create([{ code: 'TMP', name: 'temp' }], { session });
      await Office.create([{ code: 'GHS', name: 'duplicate' }], { session });
    })).rejects.toMatchObject({ code: 11000 });
    expect(await Office.countDocuments({ code: 'TMP' })).toBe(0);
    expect((await Office.findOne({ code: 'MZB' }).lean<{ name: string }>())?.name).toBe('民政办公室');
  });

  it('should deliver model changes through Model.watch()', async () => {
    const Office = conn.model('Office');
    // Model.watch() opens its cursor in the background and has no way to wait for it, so it resumes
    // after a token taken by a stream that is open now (a write made before its cursor opened is not
    // in a stream; a fixed pause only made that unlikely)
    const probe = await opened(Office.collection.watch([], { maxAwaitTimeMS: 100 }));
    const now = probe.resumeToken;
    expect(now).toBeTruthy();
    await probe.close();
    const stream = Office.watch([], { fullDocument: 'updateLookup', maxAwaitTimeMS: 100, resumeAfter: now });
    const next = new Promise<Record<string, unknown>>((resolve) => stream.once('change', resolve));
    await Office.updateOne({ code: 'GHS' }, { $set: { name: '规划建设所' } });
    const change = await next;
    expect(change).toMatchObject({ operationType: 'update', fullDocument: { code: 'GHS', name: '规划建设所' } });
    await stream.close();
  });

  it('should run queries, lean reads, findOneAndUpdate and aggregate through models', async () => {
    const Case = conn.model<CaseShape>('Case');
    const updated = await Case.findOneAndUpdate({ kind: 'rebuild' }, { $set: { title: '旧址重建 已受理' } }, { new: true });
    expect(updated?.get('title')).toBe('旧址重建 已受理');
    const byKind = await Case.aggregate([{ $group: { _id: '$kind', n: { $sum: 1 } } }, { $sort: { _id: 1 } }]);
    expect(byKind).toEqual([{ _id: 'permit', n: 1 }, { _id: 'rebuild', n: 1 }]);
    const lean = await Case.find({ title: /申请|受理/ }).sort({ createdAt: 1 }).select('title').lean();
    expect(lean.map((d) => d.title)).toEqual(['旧址重建 已受理', '许可 申请']);
    await Case.deleteMany({ kind: 'permit' });
    expect(await Case.countDocuments()).toBe(1);
  });
});
