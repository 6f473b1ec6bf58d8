/**
 * Closing the record log while an exporter acknowledgement is in flight, and acknowledging after
 * close: lmdb throws an uncaught error for a write to a closed environment (it kills the process),
 * so the log must wait for acknowledgements it accepted and refuse later ones.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RecordLog } from '../../../engine/broker/log/record-log.ts';
import { LogClosedError } from '../../../engine/broker/errors.ts';

describe('record log close', () => {
  let dir = '';
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('should keep an acknowledgement accepted before close and refuse one after it', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'streetflow-log-close-'));
    const log = RecordLog.open({ dir });
    // given an acknowledgement still being written when close is called
    const inFlight = log.acknowledge('case-history', 42);
    const closed = log.close();
    await expect(inFlight).resolves.toBeUndefined();
    await closed;
    // when an exporter acknowledges after close, then it is told why, and nothing else happens
    await expect(log.acknowledge('case-history', 43)).rejects.toBeInstanceOf(LogClosedError);
    // and the accepted one is durable
    const reopened = RecordLog.open({ dir });
    expect(reopened.acknowledgedPosition('case-history')).toBe(42);
    await reopened.close();
  });
});
