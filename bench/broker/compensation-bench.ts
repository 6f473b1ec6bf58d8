/**
 * Compensation benchmark (prints a table). Broker in-process, durable log, system clock.
 * 1. A withdrawn case (撤回): three steps with compensation handlers, then a compensation throw event that
 *    undoes all three (manual tasks, so the figure is the broker's own work), against the same chain whose
 *    steps have no handlers (the throw finds nothing) — CreateProcessInstanceWithResult, 16 callers.
 * 2. One instance that completes a compensable step K times (a loop), then compensates all K at once
 *    (K boundary events, K handlers, K subscriptions TRIGGERED and COMPLETED in one batch): time per K.
 * Run: `npx tsx bench/broker/compensation-bench.ts` (COMP_BENCH_S seconds per throughput phase).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ZBClient } from 'zeebe-node';
import { startBroker } from '../../engine/broker/index.ts';
import { fmt, now, quantile, renderTable, type Row } from './stats.ts';

const SECONDS = Number(process.env.COMP_BENCH_S ?? 5);
const LOOPS = (process.env.COMP_BENCH_LOOPS ?? '10,100,500,2000').split(',').map(Number);

const defs = (id: string, body: string): string => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d-${id}" targetNamespace="http://streetflow.local/bench">
  <bpmn:process id="${id}" isExecutable="true">${body}</bpmn:process>
</bpmn:definitions>`;
const flow = (id: string, from: string, to: string, condition?: string): string =>
  condition
    ? `<bpmn:sequenceFlow id="${id}" sourceRef="${from}" targetRef="${to}"><bpmn:conditionExpression>${condition.replace(/</g, '&lt;')}</bpmn:conditionExpression></bpmn:sequenceFlow>`
    : `<bpmn:sequenceFlow id="${id}" sourceRef="${from}" targetRef="${to}" />`;
const step = (id: string, undo: boolean): string =>
  `<bpmn:manualTask id="${id}" />` +
  (undo
    ? `<bpmn:boundaryEvent id="${id}-b" attachedToRef="${id}"><bpmn:compensateEventDefinition /></bpmn:boundaryEvent><bpmn:manualTask id="undo-${id}" isForCompensation="true" /><bpmn:association id="${id}-a" sourceRef="${id}-b" targetRef="undo-${id}" />`
    : '');

function chainProcess(id: string, undo: boolean): string {
  const ids = ['s', 'a', 'b', 'c', 'withdraw', 'e'];
  return defs(
    id,
    `<bpmn:startEvent id="s" />${step('a', undo)}${step('b', undo)}${step('c', undo)}<bpmn:intermediateThrowEvent id="withdraw"><bpmn:compensateEventDefinition /></bpmn:intermediateThrowEvent><bpmn:endEvent id="e" />` +
      ids.slice(1).map((to, i) => flow(`f${i}`, ids[i]!, to)).join(''),
  );
}

const loopProcess = (id: string, undo: boolean): string => defs(
  id,
  `<bpmn:startEvent id="s" /><bpmn:exclusiveGateway id="merge" />${step('visit', undo)}` +
    `<bpmn:scriptTask id="count"><bpmn:extensionElements><zeebe:script expression="=n + 1" resultVariable="n" /></bpmn:extensionElements></bpmn:scriptTask>` +
    `<bpmn:exclusiveGateway id="again" default="done" /><bpmn:intermediateThrowEvent id="undo"><bpmn:compensateEventDefinition /></bpmn:intermediateThrowEvent><bpmn:endEvent id="e" />` +
    flow('f1', 's', 'merge') + flow('f2', 'merge', 'visit') + flow('f3', 'visit', 'count') + flow('f4', 'count', 'again') +
    flow('back', 'again', 'merge', '=n < k') + flow('done', 'again', 'undo') + flow('f5', 'undo', 'e'),
);

async function drive(concurrency: number, call: () => Promise<unknown>): Promise<{ latencies: number[]; seconds: number }> {
  const latencies: number[] = [];
  const started = now();
  const end = started + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (now() < end) {
        const t = now();
        await call();
        latencies.push(now() - t);
      }
    }),
  );
  return { latencies, seconds: (now() - started) / 1000 };
}

async function main(): Promise<void> {
  const rows: Row[] = [];
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'streetflow-comp-bench-'));
  const broker = await startBroker({ host: '127.0.0.1', port: 0, dataDir });
  const client = new ZBClient(broker.address, { useTLS: false, loglevel: 'NONE', retry: false });
  try {
    await client.deployResource({ name: 'comp-chain.bpmn', process: Buffer.from(chainProcess('comp-chain', true)) });
    await client.deployResource({ name: 'plain-chain.bpmn', process: Buffer.from(chainProcess('plain-chain', false)) });
    await client.deployResource({ name: 'comp-loop.bpmn', process: Buffer.from(loopProcess('comp-loop', true)) });
    await client.deployResource({ name: 'plain-loop.bpmn', process: Buffer.from(loopProcess('plain-loop', false)) });
    for (const [label, id] of [
      ['3 steps, no handlers (throw finds nothing)', 'plain-chain'],
      ['3 steps undone by a compensation throw', 'comp-chain'],
    ] as const) {
      const result = await drive(16, () => client.createProcessInstanceWithResult({ bpmnProcessId: id, variables: {}, requestTimeout: 10_000 }));
      rows.push({ measure: `${label}: instances (with result, 16 callers)`, engine: 'streetflow', value: `${fmt(result.latencies.length / result.seconds)} /s` });
      rows.push({ measure: `${label}: latency p50 / p99`, engine: 'streetflow', value: `${fmt(quantile(result.latencies, 0.5), 2)} / ${fmt(quantile(result.latencies, 0.99), 2)} ms` });
    }
    const timed = async (id: string, k: number): Promise<number> => {
      const t = now();
      await client.createProcessInstanceWithResult({ bpmnProcessId: id, variables: { n: 0, k }, requestTimeout: 300_000 });
      return now() - t;
    };
    await timed('plain-loop', 50); // warm-up
    await timed('comp-loop', 50);
    for (const k of LOOPS) {
      const plain = await timed('plain-loop', k);
      const compensated = await timed('comp-loop', k);
      rows.push({
        measure: `one instance, a step done ${k} times, then all ${k} undone at once`,
        engine: 'streetflow',
        value: `${fmt(compensated)} ms (loop alone ${fmt(plain)} ms; compensation ≈ ${fmt(compensated - plain)} ms)`,
      });
    }
  } finally {
    await client.close();
    await broker.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
  console.log(renderTable(rows));
}

await main();
