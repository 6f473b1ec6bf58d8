/**
 * Broker behaviour that differs from Zeebe today (found by the client tests and the benchmark).
 * Each test fails until its bug is fixed; see README.md in this folder.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZBClient } from 'zeebe-node';
import { fixturePath, startTestBroker, type TestBroker } from '../../../test/broker/clients/support/test-broker.ts';

describe('embedded broker: known differences from Zeebe', () => {
  let tb: TestBroker;
  let zbc: ZBClient;

  beforeAll(async () => {
    tb = await startTestBroker();
    zbc = new ZBClient(tb.address, { loglevel: 'NONE', retry: false, useTLS: false });
  });

  afterAll(async () => {
    await zbc?.close(2_000);
    await tb?.stop();
  });

  it('should deploy identical XML under another resource name as a new version, as Zeebe does', async () => {
    // given version 1 of client-one-task deployed as one-task.bpmn
    const xml = await readFile(fixturePath('one-task.bpmn'));
    const first = await zbc.deployResource({ name: 'one-task.bpmn', process: xml });
    expect(first.deployments[0].process.version).toBe(1);

    // when the same bytes are deployed under another resource name
    const renamed = await zbc.deployResource({ name: 'one-task-copy.bpmn', process: xml });

    // then Zeebe treats it as a change (its duplicate check compares checksum AND resource name)
    expect(renamed.deployments[0].process.version).toBe(2);
    expect(renamed.deployments[0].process.processDefinitionKey).not.toBe(first.deployments[0].process.processDefinitionKey);
  });

  it('should keep a zeebe-node connection working through 2,500 quick calls (no GOAWAY from the HTTP/2 reset limiter)', async () => {
    // given zeebe-node 8.3 (its grpc-js 1.9 sends RST_STREAM(NO_ERROR) after every call)
    let ok = 0;
    const errors: string[] = [];

    // when it makes 2,500 calls, 50 at a time, faster than 33 per second
    for (let round = 0; round < 50; round++) {
      await Promise.all(
        Array.from({ length: 50 }, () =>
          zbc.topology().then(
            () => ok++,
            (e: unknown) => errors.push(e instanceof Error ? e.message : String(e)),
          ),
        ),
      );
    }

    // then every call succeeds (a Zeebe gateway does not close the connection)
    expect(errors.slice(0, 1)).toEqual([]);
    expect(ok).toBe(2_500);
  });
});
