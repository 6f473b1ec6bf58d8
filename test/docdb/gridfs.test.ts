import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { GridFSBucket } from 'mongodb';
import { startTestDocDb, type TestDocDb } from './harness.ts';

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

describe('docdb GridFS through GridFSBucket', () => {
  let t: TestDocDb;

  beforeAll(async () => {
    t = await startTestDocDb();
  });
  afterAll(async () => {
    await t.close();
  });

  it('should upload a file in chunks, download it intact (also by range) and delete it', async () => {
    const bucket = new GridFSBucket(t.client.db('files'), { bucketName: 'evidence', chunkSizeBytes: 64 * 1024 });
    const data = randomBytes(1_000_000);
    const upload = bucket.openUploadStream('photo.jpg', { metadata: { caseNo: 'C-1' } });
    await pipeline(Readable.from([data]), upload);
    const id = upload.id;
    expect(await t.client.db('files').collection('evidence.chunks').countDocuments({ files_id: id })).toBe(16);
    const files = await bucket.find({ 'metadata.caseNo': 'C-1' }).toArray();
    expect(files[0]).toMatchObject({ filename: 'photo.jpg', length: 1_000_000, chunkSize: 64 * 1024 });
    expect((await readAll(bucket.openDownloadStream(id))).equals(data)).toBe(true);
    expect((await readAll(bucket.openDownloadStreamByName('photo.jpg'))).equals(data)).toBe(true);
    const part = await readAll(bucket.openDownloadStream(id, { start: 70_000, end: 200_000 }));
    expect(part.equals(data.subarray(70_000, 200_000))).toBe(true);
    const indexes = (await t.client.db('files').collection('evidence.chunks').indexes()).map((i) => i.key);
    expect(indexes).toContainEqual({ files_id: 1, n: 1 });
    await bucket.delete(id);
    expect(await bucket.find({}).toArray()).toEqual([]);
    expect(await t.client.db('files').collection('evidence.chunks').countDocuments()).toBe(0);
    await expect(readAll(bucket.openDownloadStream(id))).rejects.toThrow(/FileNotFound|not found/i);
  });
});
