/**
 * DMN benchmark (prints a table): a street-routing DRG (a 60-rule UNIQUE table over case type and area that
 * requires a fee table and a literal expression). Measures the evaluation alone in-process (no log), the
 * EvaluateDecision RPC through zeebe-node at 1 and 16 concurrent callers, and process instances whose
 * business rule task evaluates the DRG (CreateProcessInstanceWithResult, 16 concurrent). Broker in-process,
 * durable log, system clock. Run: `npx tsx bench/broker/decision-bench.ts` (DMN_BENCH_S seconds per phase).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ZBClient } from 'zeebe-node';
import { startBroker } from '../../engine/broker/index.ts';
import { compiledDrg, evaluateDecision, resourceChecksum, parseResource } from '../../engine/broker/model/index.ts';
import { fmt, now, quantile, renderTable, type Row } from './stats.ts';

const SECONDS = Number(process.env.DMN_BENCH_S ?? 5);
const TYPES = ['rebuild', 'permit', 'subsidy', 'complaint', 'registration', 'inspection'];
const AREAS = ['east', 'west', 'north', 'south', 'centre', 'river', 'hill', 'market', 'station', 'harbour'];

function dmn(): string {
  const rules = TYPES.flatMap((type, t) =>
    AREAS.map(
      (area, a) =>
        `<rule id="r${t}-${a}"><inputEntry id="r${t}-${a}-i1"><text>"${type}"</text></inputEntry><inputEntry id="r${t}-${a}-i2"><text>"${area}"</text></inputEntry>` +
        `<inputEntry id="r${t}-${a}-i3"><text>-</text></inputEntry><outputEntry id="r${t}-${a}-o1"><text>"${area} ${type} desk"</text></outputEntry>` +
        `<outputEntry id="r${t}-${a}-o2"><text>fee.due</text></outputEntry></rule>`,
    ),
  );
  return `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="bench-routing" name="Routing" namespace="http://streetflow.local/bench">
  <decision id="household" name="Household"><literalExpression id="hh"><text>if members &gt; 4 then "large" else "small"</text></literalExpression></decision>
  <decision id="fee" name="Fee"><informationRequirement id="fr"><requiredDecision href="#household" /></informationRequirement>
    <decisionTable id="fee-t" hitPolicy="FIRST"><input id="fee-i"><inputExpression id="fee-ie"><text>household</text></inputExpression></input>
      <output id="fee-o" name="due" /><rule id="fee-r1"><inputEntry id="fee-r1-i"><text>"large"</text></inputEntry><outputEntry id="fee-r1-o"><text>0</text></outputEntry></rule>
      <rule id="fee-r2"><inputEntry id="fee-r2-i"><text>-</text></inputEntry><outputEntry id="fee-r2-o"><text>income * 0.01</text></outputEntry></rule></decisionTable></decision>
  <decision id="route" name="Route"><informationRequirement id="rr"><requiredDecision href="#fee" /></informationRequirement>
    <decisionTable id="route-t"><input id="in-type"><inputExpression id="in-type-e"><text>caseType</text></inputExpression></input>
      <input id="in-area"><inputExpression id="in-area-e"><text>area</text></inputExpression></input>
      <input id="in-income"><inputExpression id="in-income-e"><text>income</text></inputExpression></input>
      <output id="out-office" name="office" /><output id="out-fee" name="fee" />${rules.join('')}</decisionTable></decision>
</definitions>`;
}

const process_ = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="http://streetflow.local/bench">
  <bpmn:process id="bench-route" isExecutable="true"><bpmn:startEvent id="s" />
    <bpmn:businessRuleTask id="route"><bpmn:extensionElements><zeebe:calledDecision decisionId="route" resultVariable="routing" /></bpmn:extensionElements></bpmn:businessRuleTask>
    <bpmn:endEvent id="e" /><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="route" /><bpmn:sequenceFlow id="f2" sourceRef="route" targetRef="e" />
  </bpmn:process>
</bpmn:definitions>`;

const variables = (i: number) => ({ caseType: TYPES[i % TYPES.length], area: AREAS[(i * 7) % AREAS.length], income: 1000 + i, members: i % 7 });

/** Runs `call` with `concurrency` callers for SECONDS; returns per-call latencies (ms). */
async function drive(concurrency: number, call: (i: number) => Promise<unknown>): Promise<{ latencies: number[]; seconds: number }> {
  const latencies: number[] = [];
  const started = now();
  const end = started + SECONDS * 1000;
  let i = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (now() < end) {
        const t = now();
        await call(i++);
        latencies.push(now() - t);
      }
    }),
  );
  return { latencies, seconds: (now() - started) / 1000 };
}

function rowsOf(measure: string, result: { latencies: number[]; seconds: number }): Row[] {
  return [
    { measure: `${measure}: throughput`, engine: 'streetflow', value: `${fmt(result.latencies.length / result.seconds)} /s` },
    { measure: `${measure}: latency p50 / p99`, engine: 'streetflow', value: `${fmt(quantile(result.latencies, 0.5), 2)} / ${fmt(quantile(result.latencies, 0.99), 2)} ms` },
  ];
}

async function main(): Promise<void> {
  const rows: Row[] = [];
  const text = dmn();
  await parseResource('bench.dmn', text);
  const drg = compiledDrg(resourceChecksum(text))!;
  let n = 0;
  const started = now();
  while (now() - started < SECONDS * 1000) {
    const result = evaluateDecision(drg, 'route', variables(n++));
    if (result.failure) throw new Error(result.failure.message);
  }
  rows.push({ measure: 'evaluate DRG in-process (3 decisions, 60 rules)', engine: 'streetflow', value: `${fmt(n / ((now() - started) / 1000))} /s` });

  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'streetflow-dmn-bench-'));
  const broker = await startBroker({ host: '127.0.0.1', port: 0, dataDir });
  const client = new ZBClient(broker.address, { useTLS: false, loglevel: 'NONE', retry: false });
  try {
    await client.deployResource({ name: 'bench.dmn', decision: Buffer.from(text) });
    await client.deployResource({ name: 'bench-route.bpmn', process: Buffer.from(process_) });
    for (const concurrency of [1, 16]) {
      const result = await drive(concurrency, (i) => client.evaluateDecision({ decisionId: 'route', variables: variables(i) } as never));
      rows.push(...rowsOf(`EvaluateDecision RPC, ${concurrency} caller(s)`, result));
    }
    const instances = await drive(16, (i) => client.createProcessInstanceWithResult({ bpmnProcessId: 'bench-route', variables: variables(i), requestTimeout: 10_000 }));
    rows.push(...rowsOf('instance with business rule task (with result), 16 callers', instances));
  } finally {
    await client.close();
    await broker.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
  console.log(renderTable(rows));
}

await main();
