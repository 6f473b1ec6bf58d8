/**
 * Regressions for two broker differences from Zeebe found while writing the client tests and the
 * benchmark (renamed-resource redeploys; SDK job streams surviving keepalive pings). Both are fixed.
 */
import { readFile } from 'node:fs/promises';
import { sdkZeebeClient } from './support/sdk-client.ts';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ZBClient } from 'zeebe-node';
import { fixturePath, startTestBroker, waitUntil, type TestBroker } from './support/test-broker.ts';

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

  it('should keep pushing jobs on an SDK StreamActivatedJobs stream after the client sent keepalive pings', async () => {
    // given an SDK streaming worker (sidecar polling off) whose client pings every 2 s; the SDK default
    // is every 6 min, so this is the same situation 6 minutes into a real worker's life
    const errors: string[] = [];
    const consoleError = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
      errors.push(String(args[0]));
    });
    const zeebe = sdkZeebeClient(tb.address, { GRPC_KEEPALIVE_TIME_MS: 2_000 });
    await zeebe.deployResource({ name: 'one-task.bpmn', process: await readFile(fixturePath('one-task.bpmn')) });
    const pushed: string[] = [];
    const stream = await zeebe.streamJobs({
      type: 'client-stamp',
      worker: 'keepalive-stream',
      timeout: 30_000,
      pollInterval: 0,
      tenantIds: [],
      taskHandler: (job) => {
        pushed.push(String(job.variables.applicationNo));
        return job.complete({});
      },
    });
    try {
      // when the client has pinged a few times and then an instance creates a job
      await new Promise((resolve) => setTimeout(resolve, 7_000));
      await zeebe.createProcessInstance({ bpmnProcessId: 'client-one-task', variables: { applicationNo: 'after-pings' } });

      // then the stream is still open and the job was pushed (a Zeebe gateway keeps the connection)
      await waitUntil(() => pushed.includes('after-pings') || errors.length > 0, 15_000, 'the job to be pushed on the stream');
      expect(errors).toEqual([]);
      expect(pushed).toContain('after-pings');
    } finally {
      stream.close();
      await zeebe.close(2_000);
      consoleError.mockRestore();
    }
  });
});
