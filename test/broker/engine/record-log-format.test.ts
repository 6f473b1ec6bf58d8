/**
 * The record log stores batches with shared msgpack structures (record shapes kept once in the
 * database). Logs written before that — every batch carrying its own shapes — must still be read,
 * and a log may hold both kinds after an upgrade.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { open } from 'lmdb';
import { afterEach, describe, expect, it } from 'vitest';
import { RecordLog, type StoredBatch } from '../../../engine/broker/log/record-log.ts';
import type { BrokerRecord } from '../../../engine/broker/protocol/record.ts';

function record(position: number, value: Record<string, unknown>): BrokerRecord {
  return {
    position,
    sourceRecordPosition: position - 1,
    key: 2251799813685248 + position,
    timestamp: 1_795_000_000_000 + position,
    recordType: 'EVENT',
    valueType: 'VARIABLE',
    intent: 'CREATED',
    partitionId: 1,
    value: value as unknown as BrokerRecord['value'],
    rejectionType: 'NULL_VAL',
    rejectionReason: '',
    brokerVersion: '8.6.0',
  };
}

function batch(first: number, count: number, tag: string): StoredBatch {
  const records = Array.from({ length: count }, (_, i) =>
    record(first + i, { name: `v${first + i}`, value: JSON.stringify({ tag, 中文: '旧址重建', n: i }), scopeKey: first, processInstanceKey: 7 }),
  );
  return { nextKey: first + count, records };
}

describe('record log format', () => {
  let dir = '';
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('should read batches written without shared structures, append new ones and read both after a reopen', async () => {
    // given a log written the old way: plain msgpack per batch, no shared structures
    dir = await mkdtemp(path.join(os.tmpdir(), 'streetflow-log-format-'));
    const oldRoot = open({ path: dir, maxDbs: 4 });
    const oldLog = oldRoot.openDB<StoredBatch, number>({ name: 'log', keyEncoding: 'uint32' });
    const old = [batch(1, 3, 'old'), batch(4, 2, 'old')];
    for (const b of old) await oldLog.put(b.records[0]!.position, b);
    await oldRoot.close();

    // when the current log opens it and appends
    const log = RecordLog.open({ dir });
    expect(log.lastStoredPosition()).toBe(5);
    log.committedPosition = 5;
    const fresh = batch(6, 4, 'new');
    await log.append(fresh);
    await log.close();

    // then after a reopen every batch reads back as written, in order, with nothing else in the range
    const reopened = RecordLog.open({ dir });
    expect([...reopened.batchesInOrder()]).toEqual([...old, fresh]);
    expect(reopened.lastStoredPosition()).toBe(9);
    reopened.committedPosition = 9;
    expect(reopened.read(3, 4).map((r) => r.position)).toEqual([4, 5, 6, 7]);
    expect(reopened.read(0, 100)).toEqual([...old, fresh].flatMap((b) => b.records));
    await reopened.close();
  });
});
