/**
 * The Zeebe gRPC client of @camunda8/sdk (8.8) against the embedded broker: plaintext gateway
 * (`grpc://` address), no authentication; deploy, create, a streaming worker (StreamActivatedJobs)
 * and a polling worker (ActivateJobs).
 */
import { readFile } from 'node:fs/promises';
import { sdkZeebeClient, type ZeebeGrpcClient } from './support/sdk-client.ts';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fixturePath, startTestBroker, waitUntil, type TestBroker } from './support/test-broker.ts';

interface HandledJob {
  readonly key: string;
  readonly type: string;
  readonly worker: string;
  readonly retries: number;
  readonly elementId: string;
  readonly processInstanceKey: string;
  readonly customHeaders: Record<string, unknown>;
  readonly variables: Record<string, unknown>;
}

/** Copies what a test asserts on out of an SDK job. */
function snapshot(job: HandledJob): HandledJob {
  return {
    key: String(job.key),
    type: job.type,
    worker: job.worker,
    retries: job.retries,
    elementId: job.elementId,
    processInstanceKey: String(job.processInstanceKey),
    customHeaders: { ...job.customHeaders },
    variables: { ...job.variables },
  };
}

describe('@camunda8/sdk Zeebe gRPC client against the embedded broker', () => {
  let tb: TestBroker;
  let zeebe: ZeebeGrpcClient;

  beforeAll(async () => {
    // The SDK's stream worker console.error()s the CANCELLED status its own close() causes; drop only that.
    const consoleError = console.error.bind(console);
    vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
      const [first] = args;
      const cancelledByClose =
        first instanceof Error && (first as Error & { code?: number }).code === 1 && /Cancelled on client/.test(first.message);
      if (!cancelledByClose) consoleError(...args);
    });
    tb = await startTestBroker();
    zeebe = sdkZeebeClient(tb.address);
  });

  afterAll(async () => {
    await zeebe?.close(5_000);
    await tb?.stop();
    vi.restoreAllMocks();
  });

  it('should report a single healthy broker leading partition 1', async () => {
    // when the SDK asks for the topology
    const topology = await zeebe.topology();

    // then there is one broker with one partition it leads
    expect(topology.clusterSize).toBe(1);
    expect(topology.partitionsCount).toBe(1);
    expect(topology.replicationFactor).toBe(1);
    expect(topology.gatewayVersion).toMatch(/^8\.\d+\.\d+/);
    expect(topology.brokers).toHaveLength(1);
    expect(topology.brokers[0].partitions).toEqual([
      expect.objectContaining({ partitionId: 1, role: 'LEADER', health: 'HEALTHY' }),
    ]);
  });

  it('should deploy a process from a buffer and return its metadata', async () => {
    // given the one-task model as a buffer
    const xml = await readFile(fixturePath('one-task.bpmn'));

    // when the SDK deploys it
    const res = await zeebe.deployResource({ name: 'one-task.bpmn', process: xml });

    // then the deployment holds version 1 of client-one-task
    expect(String(res.key)).toMatch(/^[1-9]\d*$/);
    expect(res.deployments).toHaveLength(1);
    expect(res.deployments[0].process).toMatchObject({
      bpmnProcessId: 'client-one-task',
      version: 1,
      resourceName: 'one-task.bpmn',
    });
    expect(String(res.deployments[0].process.processDefinitionKey)).toMatch(/^[1-9]\d*$/);
  });

  it('should create an instance and answer with its keys', async () => {
    // when an instance is created without waiting for its result
    const created = await zeebe.createProcessInstance({
      bpmnProcessId: 'client-one-task',
      variables: { applicationNo: 'A-0' },
    });

    // then the answer names the definition and a new instance key
    expect(created.bpmnProcessId).toBe('client-one-task');
    expect(created.version).toBe(1);
    expect(String(created.processInstanceKey)).toMatch(/^[1-9]\d*$/);
    expect(String(created.processDefinitionKey)).toMatch(/^[1-9]\d*$/);
  });

  it('should push a job created after the stream opened to a streamJobs worker and finish the instance', async () => {
    // given a streaming worker whose backfill poll has finished and whose sidecar poll is off,
    // so a new job can only reach it through StreamActivatedJobs
    const handled: HandledJob[] = [];
    const stream = await zeebe.streamJobs({
      type: 'client-stamp',
      worker: 'sdk-stream-worker',
      timeout: 10_000,
      pollInterval: 0,
      tenantIds: [],
      taskHandler: (job) => {
        handled.push(snapshot(job as unknown as HandledJob));
        return job.complete({ stamped: true, stampedBy: 'sdk-stream-worker' });
      },
    });
    // the instance created by the previous test may have been picked up by the backfill poll
    const backfilled = handled.length;

    try {
      // when an instance is created and awaited
      const result = await zeebe.createProcessInstanceWithResult({
        bpmnProcessId: 'client-one-task',
        variables: { applicationNo: 'A-1' },
        requestTimeout: 15_000,
      });

      // then the stream delivered the job and its completion finished the instance
      expect(result.variables).toEqual({ applicationNo: 'A-1', stamped: true, stampedBy: 'sdk-stream-worker' });
      const pushed = handled.slice(backfilled).find((j) => j.variables.applicationNo === 'A-1');
      expect(pushed).toMatchObject({
        type: 'client-stamp',
        worker: 'sdk-stream-worker',
        retries: 2,
        elementId: 'stamp',
        processInstanceKey: String(result.processInstanceKey),
        customHeaders: { stampColour: 'red' },
      });
    } finally {
      stream.close();
    }
  });

  it('should hand jobs to a polling worker once the stream worker has closed', async () => {
    // given the stream of the previous test closed, and a polling (ActivateJobs) worker
    const handled: HandledJob[] = [];
    const worker = zeebe.createWorker({
      taskType: 'client-stamp',
      id: 'sdk-polling-worker',
      timeout: 10_000,
      taskHandler: (job) => {
        handled.push(snapshot(job as unknown as HandledJob));
        return job.complete({ stamped: true, stampedBy: 'sdk-polling-worker' });
      },
    });

    try {
      // when another instance is created and awaited
      const result = await zeebe.createProcessInstanceWithResult({
        bpmnProcessId: 'client-one-task',
        variables: { applicationNo: 'A-2' },
        requestTimeout: 15_000,
      });

      // then the polling worker did it
      expect(result.variables).toEqual({ applicationNo: 'A-2', stamped: true, stampedBy: 'sdk-polling-worker' });
      await waitUntil(() => handled.some((j) => j.variables.applicationNo === 'A-2'), 1_000, 'job A-2 handled');
    } finally {
      await worker.close(2_000);
    }
  });

  it('should reject creating an instance of an unknown process with NOT_FOUND', async () => {
    // when an instance of a process that was never deployed is requested
    const attempt = zeebe.createProcessInstance({ bpmnProcessId: 'client-never-deployed', variables: {} });

    // then the gateway answers NOT_FOUND naming the process id
    await expect(attempt).rejects.toMatchObject({ code: 5 });
    await expect(attempt).rejects.toThrow(/client-never-deployed/);
  });
});
