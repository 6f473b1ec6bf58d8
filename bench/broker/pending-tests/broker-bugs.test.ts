/**
 * Broker behaviour that differs from Zeebe today (found while writing the client tests).
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
});
