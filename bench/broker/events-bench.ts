/**
 * Part 2A benchmark (prints a table): 10,000 pending timers firing at one due time (lag between the
 * due time and the catch event completing, from record timestamps), and message correlation
 * throughput with 10,000 open subscriptions. Broker in-process with the system clock, durable log,
 * driven through zeebe-node over gRPC.  Run: `npx tsx bench/broker/events-bench.ts` (EVENTS_N to resize).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ZBClient } from 'zeebe-node';
import { startBroker, type ExportedRecord } from '../../engine/broker/index.ts';

const N = Number(process.env.EVENTS_N ?? 10_000);
const CONCURRENCY = 64;

const xml = (id: string, body: string, roots = ''): string => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="d-${id}" targetNamespace="http://streetflow.local/bench">
  <bpmn:process id="${id}" isExecutable="true">
    <bpmn:startEvent id="start" />${body}<bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="wait" /><bpmn:sequenceFlow id="f2" sourceRef="wait" targetRef="end" />
  </bpmn:process>${roots}
</bpmn:definitions>`;

const timerModel = xml('bench-timer', '<bpmn:intermediateCatchEvent id="wait"><bpmn:timerEventDefinition><bpmn:timeDate xsi:type="bpmn:tFormalExpression">=due</bpmn:timeDate></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>');
const messageModel = xml(
  'bench-message',
  '<bpmn:intermediateCatchEvent id="wait"><bpmn:messageEventDefinition messageRef="m" /></bpmn:intermediateCatchEvent>',
  '<bpmn:message id="m" name="bench-reply"><bpmn:extensionElements><zeebe:subscription correlationKey="=key" /></bpmn:extensionElements></bpmn:message>',
);

async function pool(count: number, run: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next < count) await run(next++);
  }));
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function main(): Promise<void> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'streetflow-events-bench-'));
  const broker = await startBroker({ port: 0, dataDir });
  const client = new ZBClient(broker.address, { useTLS: false, loglevel: 'NONE', retry: false });
  /** Waits until `count` ELEMENT_COMPLETED records of elementId appear after a position (reads incrementally). */
  const waitForCompleted = async (elementId: string, after: number, count: number): Promise<ExportedRecord[]> => {
    const found: ExportedRecord[] = [];
    let position = after;
    while (found.length < count) {
      const batch = broker.exporter.read(position, 50_000);
      if (batch.length === 0) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        continue;
      }
      position = batch.at(-1)!.position;
      for (const r of batch) {
        if (r.valueType === 'PROCESS_INSTANCE' && r.intent === 'ELEMENT_COMPLETED' && (r.value as { elementId: string }).elementId === elementId) found.push(r);
      }
    }
    return found;
  };
  const lastPosition = (): number => broker.exporter.read(0, Number.MAX_SAFE_INTEGER).at(-1)!.position;
  try {
    await client.deployResource({ name: 'bench-timer.bpmn', process: Buffer.from(timerModel) });
    await client.deployResource({ name: 'bench-message.bpmn', process: Buffer.from(messageModel) });

    // Timers: N instances wait for one due time far enough ahead to create them all first.
    const createStart = Date.now();
    const due = createStart + 20_000 + N * 2;
    await pool(N, () => client.createProcessInstance({ bpmnProcessId: 'bench-timer', variables: { due: new Date(due).toISOString() } }));
    const createS = (Date.now() - createStart) / 1000;
    const lags = (await waitForCompleted('bench-timer', lastPosition(), N)).map((r) => r.timestamp - due).sort((a, b) => a - b);

    // Messages: N open subscriptions with distinct keys, then N messages published by 64 concurrent publishers.
    await pool(N, (i) => client.createProcessInstance({ bpmnProcessId: 'bench-message', variables: { key: `k-${i}` } }));
    const mark = lastPosition();
    const publishStart = Date.now();
    const correlated = waitForCompleted('bench-message', mark, N);
    await pool(N, (i) => client.publishMessage({ name: 'bench-reply', correlationKey: `k-${i}`, variables: { i }, timeToLive: 0 }));
    await correlated;
    const correlateS = (Date.now() - publishStart) / 1000;

    console.log(`\nPart 2A events benchmark (N = ${N}, ${CONCURRENCY} concurrent zeebe-node callers, durable log)\n`);
    console.log('| measure | value |');
    console.log('|---|---|');
    console.log(`| instances with a pending timer created | ${N} in ${createS.toFixed(1)} s |`);
    console.log(`| timer lag (due → catch event completed) p50 | ${percentile(lags, 50)} ms |`);
    console.log(`| timer lag p99 | ${percentile(lags, 99)} ms |`);
    console.log(`| timer lag max | ${lags.at(-1)} ms |`);
    console.log(`| messages published and correlated to ${N} open subscriptions | ${correlateS.toFixed(1)} s |`);
    console.log(`| correlation throughput | ${Math.round(N / correlateS)} messages/s |`);
  } finally {
    await client.close();
    await broker.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
