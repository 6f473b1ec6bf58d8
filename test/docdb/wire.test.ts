import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDocDb, type TestDocDb } from './harness.ts';
import { RawClient, opMsg, opQuery } from './raw-wire.ts';

describe('docdb wire protocol', () => {
  let t: TestDocDb;

  beforeAll(async () => {
    t = await startTestDocDb();
  });
  afterAll(async () => {
    await t.close();
  });

  const driverStillWorks = async (): Promise<void> => {
    expect(await t.client.db('wire').command({ ping: 1 })).toMatchObject({ ok: 1 });
  };

  it('should answer the legacy OP_QUERY isMaster handshake with OP_REPLY', async () => {
    const raw = await RawClient.connect(t.docdb.port);
    raw.send(opQuery('admin.$cmd', { isMaster: 1, helloOk: true }));
    const reply = await raw.read();
    expect(reply?.opCode).toBe(1);
    expect(reply?.responseTo).toBe(9);
    expect(reply?.doc).toMatchObject({ ok: 1, ismaster: true, helloOk: true, maxWireVersion: 21, maxBsonObjectSize: 16 * 1024 * 1024, maxMessageSizeBytes: 48_000_000, maxWriteBatchSize: 100_000, logicalSessionTimeoutMinutes: 30 });
    expect(typeof reply?.doc.connectionId).toBe('number');
    raw.close();
  });

  it('should verify a request checksum and sign its reply with CRC-32C', async () => {
    const raw = await RawClient.connect(t.docdb.port);
    raw.send(opMsg({ ping: 1, $db: 'admin' }, { checksum: true, requestId: 42 }));
    const reply = await raw.read();
    expect(reply).toMatchObject({ opCode: 2013, responseTo: 42, checksumOk: true, doc: { ok: 1 } });
    expect(reply!.flags & 1).toBe(1);
    raw.close();
  });

  it('should close only the connection that sends a frame with a wrong checksum', async () => {
    const raw = await RawClient.connect(t.docdb.port);
    raw.send(opMsg({ ping: 1, $db: 'admin' }, { checksum: true, badChecksum: true }));
    expect(await raw.read()).toBeUndefined();
    await driverStillWorks();
  });

  it('should close a connection that sends garbage, an impossible length or an unknown opcode', async () => {
    const garbage = await RawClient.connect(t.docdb.port);
    garbage.send(Buffer.from([5, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9]));
    expect(await garbage.waitClosed()).toBe(true);
    const huge = await RawClient.connect(t.docdb.port);
    const head = Buffer.alloc(16);
    head.writeInt32LE(48_000_001, 0);
    huge.send(head);
    expect(await huge.waitClosed()).toBe(true);
    const unknown = await RawClient.connect(t.docdb.port);
    const frame = opMsg({ ping: 1, $db: 'admin' });
    frame.writeInt32LE(2010, 12);
    unknown.send(frame);
    expect(await unknown.waitClosed()).toBe(true);
    const badBson = await RawClient.connect(t.docdb.port);
    const broken = opMsg({ ping: 1, $db: 'admin' });
    broken.writeInt32LE(9999, 21);
    badBson.send(broken);
    expect(await badBson.waitClosed()).toBe(true);
    await driverStillWorks();
  });

  it('should merge kind-1 document sequences into the command and honour moreToCome', async () => {
    const raw = await RawClient.connect(t.docdb.port);
    raw.send(opMsg({ insert: 'seq', $db: 'wire' }, { sequences: { documents: [{ _id: 1 }, { _id: 2 }] } }));
    expect((await raw.read())?.doc).toMatchObject({ ok: 1, n: 2 });
    // moreToCome (w:0): no reply is sent, the write still happens
    raw.send(opMsg({ insert: 'seq', $db: 'wire', writeConcern: { w: 0 } }, { sequences: { documents: [{ _id: 3 }] }, flags: 2 }));
    raw.send(opMsg({ count: 'seq', $db: 'wire' }, { requestId: 99 }));
    const next = await raw.read();
    expect(next?.responseTo).toBe(99);
    expect(next?.doc).toMatchObject({ n: 3, ok: 1 });
    raw.close();
  });

  it('should reject an oversize document with BSONObjectTooLarge while other documents and connections work', async () => {
    const raw = await RawClient.connect(t.docdb.port);
    const big = { _id: 'big', blob: 'x'.repeat(16 * 1024 * 1024 + 10) };
    raw.send(opMsg({ insert: 'big', $db: 'wire', ordered: false }, { sequences: { documents: [{ _id: 'ok1' }, big, { _id: 'ok2' }] } }));
    const reply = await raw.read(20_000);
    expect(reply?.doc).toMatchObject({ ok: 1, n: 2, writeErrors: [{ index: 1, code: 10334 }] });
    raw.close();
    // through the driver the same document gets the server's error
    await expect(t.client.db('wire').collection('big').insertOne({ blob: 'x'.repeat(16 * 1024 * 1024 + 10) })).rejects.toMatchObject({ code: 10334 });
    await expect(t.client.db('wire').collection('big').updateOne({ _id: 'ok1' as never }, { $set: { blob: 'x'.repeat(16 * 1024 * 1024) } })).rejects.toMatchObject({ code: 10334 });
    // a document just under the limit round-trips
    const nearly = 'y'.repeat(15 * 1024 * 1024);
    await t.client.db('wire').collection('big').insertOne({ _id: 'nearly' as never, blob: nearly });
    expect((await t.client.db('wire').collection('big').findOne({ _id: 'nearly' as never }))?.blob).toHaveLength(nearly.length);
    await driverStillWorks();
  });

  it('should reject a write batch above maxWriteBatchSize', async () => {
    const raw = await RawClient.connect(t.docdb.port);
    raw.send(opMsg({ insert: 'batch', $db: 'wire' }, { sequences: { documents: Array.from({ length: 100_001 }, () => ({})) } }));
    expect((await raw.read(20_000))?.doc).toMatchObject({ ok: 0, code: 16, errmsg: 'Write batch sizes must be between 1 and 100000. Got 100001 operations.' });
    raw.close();
  });

  it('should report buildInfo matching the wire version', async () => {
    const info = await t.client.db('admin').command({ buildInfo: 1 });
    expect(info.version).toBe('7.0.0');
    expect(info.versionArray).toEqual([7, 0, 0, 0]);
    const hello = await t.client.db('admin').command({ hello: 1 });
    expect(hello).toMatchObject({ isWritablePrimary: true, maxWireVersion: 21, minWireVersion: 0 });
  });
});
