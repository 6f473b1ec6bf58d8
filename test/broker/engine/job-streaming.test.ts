import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBroker } from '../../../engine/broker/index.ts';
import { oneTaskProcess } from './support/bpmn-builder.ts';
import { newClient, startHarness, type EngineHarness } from './support/engine-harness.ts';
import { rawClient, type RawGatewayClient } from './support/raw-gateway-client.ts';

describe('job push and back-pressure', () => {
  let h: EngineHarness;
  let raw: RawGatewayClient;

  beforeAll(async () => {
    h = await startHarness();
    raw = rawClient(h.broker.address);
    await h.deploy('push.bpmn', oneTaskProcess('push', 'push-work'));
  });

  afterAll(async () => {
    raw.close();
    await h.close();
  });

  it('should push jobs to a StreamActivatedJobs stream as they are created', async () => {
    // given an open job stream
    const received: { key: string; processInstanceKey: string; variables: string; worker: string }[] = [];
    const stream = raw['StreamActivatedJobs']!({ type: 'push-work', worker: 'streamer', timeout: 60_000, fetchVariable: [] }) as NodeJS.EventEmitter & {
      cancel(): void;
    };
    stream.on('data', (job: (typeof received)[number]) => received.push(job));
    stream.on('error', () => undefined);
    await new Promise((resolve) => setTimeout(resolve, 200));
    // when
    const created = await Promise.all([1, 2, 3].map((n) => h.client.createProcessInstance({ bpmnProcessId: 'push', variables: { n } })));
    const deadline = Date.now() + 15_000;
    while (received.length < 3 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    stream.cancel();
    // then
    expect(received.map((j) => j.processInstanceKey).sort()).toEqual(created.map((c) => c.processInstanceKey).sort());
    expect(received[0]!.worker).toBe('streamer');
    expect(JSON.parse(received[0]!.variables)).toHaveProperty('n');
    for (const job of received) await h.client.completeJob({ jobKey: job.key, variables: {} });
  });

  it('should push back with RESOURCE_EXHAUSTED when too many commands wait to become durable', async () => {
    // given a broker that allows one command in flight
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'streetflow-backpressure-'));
    const broker = await startBroker({ port: 0, dataDir, maxInFlightCommands: 1 });
    const client = newClient(broker.address);
    await client.deployResource({ name: 'bp.bpmn', process: Buffer.from(oneTaskProcess('bp', 'bp-work')) });
    // when
    const outcomes = await Promise.all(
      Array.from({ length: 40 }, () => client.createProcessInstance({ bpmnProcessId: 'bp', variables: {} }).then(() => 0, (e: { code?: number }) => e.code)),
    );
    await client.close();
    await broker.stop();
    await rm(dataDir, { recursive: true, force: true });
    // then
    expect(outcomes).toContain(8);
    expect(outcomes).toContain(0);
  });
});
