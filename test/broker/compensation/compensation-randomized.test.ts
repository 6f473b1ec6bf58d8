/**
 * Seeded randomized compensation workload: one live engine (controllable clock) runs many instances of a
 * case with compensable steps in a sub-process and in a parallel branch, compensation throws (all and
 * activityRef), a compensation end event, a withdrawal (撤回) event sub-process and a deadline on the
 * sub-process; a PRNG completes jobs (steps and handlers), fails handler jobs, resolves incidents, publishes
 * withdrawals, cancels instances and moves the clock. After every step: the general soak invariants, no
 * compensation subscription of an ended instance, no throw event waiting for nothing. Halfway and at the
 * end the replayed state equals the live one; cancelling everything leaves no subscription behind.
 */
import { describe, expect, it } from 'vitest';
import type { BrokerEngine } from '../../../engine/broker/engine/broker-engine.ts';
import { startGateway } from '../../../engine/broker/gateway/gateway-server.ts';
import { liveEngines, newClient, replayFromLog, type LiveEngine } from '../engine/support/engine-harness.ts';
import { invariantViolations } from '../engine/support/soak-invariants.ts';
import { message, messageDef, withRoots } from '../events/support/event-bpmn.ts';
import { chain, compensable, compensationEnd, compensationThrow, end, flow, processXml, start } from './support/compensation-bpmn.ts';

const STEPS = Number(process.env.COMP_SOAK_STEPS ?? 250);
const SEED = Number(process.env.COMP_SOAK_SEED ?? 20261124);
const DAY = 86_400_000;
const JOB_TYPES = ['rs-s1', 'rs-s2', 'rs-b1', 'rs-after', 'undo-rs-s1', 'undo-rs-s2', 'undo-rs-b1', 'undo-rs-after'];

const stage = `<bpmn:subProcess id="stage">${start('ss')}${compensable('s1', 'rs-s1')}${compensable('s2', 'rs-s2')}${end('se')}${chain('sf', ['ss', 's1', 's2', 'se']).join('')}</bpmn:subProcess>`;
const withdrawal = `<bpmn:subProcess id="withdrawn" triggeredByEvent="true"><bpmn:startEvent id="w-start">${messageDef('w-msg')}</bpmn:startEvent>${compensationEnd('w-undo')}${flow('wf', 'w-start', 'w-undo')}</bpmn:subProcess>`;
const MODEL = withRoots(
  processXml(
    'rs-case',
    [
      start(),
      '<bpmn:parallelGateway id="fork" />',
      stage,
      `<bpmn:boundaryEvent id="late" attachedToRef="stage"><bpmn:timerEventDefinition><bpmn:timeDuration>P2D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>`,
      compensationThrow('recall-stage'),
      compensable('b1', 'rs-b1'),
      '<bpmn:exclusiveGateway id="choose" default="skip" />',
      compensationThrow('refund-b1', 'b1'),
      '<bpmn:exclusiveGateway id="merge" />',
      '<bpmn:parallelGateway id="join" />',
      compensable('after', 'rs-after'),
      compensationEnd('undo-all'),
      end('overdue'),
      withdrawal,
      flow('f1', 'start', 'fork'),
      flow('f2', 'fork', 'stage'),
      flow('f3', 'stage', 'recall-stage'),
      flow('f4', 'recall-stage', 'join'),
      flow('f5', 'fork', 'b1'),
      flow('f6', 'b1', 'choose'),
      flow('redo', 'choose', 'refund-b1', '=redo = true'),
      flow('skip', 'choose', 'merge'),
      flow('f7', 'refund-b1', 'merge'),
      flow('f8', 'merge', 'join'),
      flow('f9', 'join', 'after'),
      flow('f10', 'after', 'undo-all'),
      flow('lf', 'late', 'overdue'),
    ].join('\n'),
  ),
  [message('w-msg', 'rs-withdraw', '=caseId')],
);

/** mulberry32. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Compensation-specific invariants of the live state. */
function compensationViolations(engine: BrokerEngine): string[] {
  const state = engine.state;
  const snapshot = state.snapshot() as { compensations: [number, { processInstanceKey: number; throwEventInstanceKey: number; compensableActivityId: string }][]; elementInstances: { key: number; state: string; value: { elementId: string; bpmnElementType: string; bpmnEventType: string; processInstanceKey: number } }[] };
  const problems: string[] = [];
  for (const [key, value] of snapshot.compensations) {
    if (!state.elementInstances.get(value.processInstanceKey)) problems.push(`subscription ${key} (${value.compensableActivityId}) outlives instance ${value.processInstanceKey}`);
  }
  for (const instance of snapshot.elementInstances) {
    const isThrow = instance.value.bpmnEventType === 'COMPENSATION' && (instance.value.bpmnElementType === 'INTERMEDIATE_THROW_EVENT' || instance.value.bpmnElementType === 'END_EVENT');
    if (isThrow && instance.state === 'ELEMENT_ACTIVATED' && state.compensations.triggeredBy(instance.value.processInstanceKey, instance.key).length === 0) {
      problems.push(`throw event '${instance.value.elementId}' ${instance.key} waits for no handler`);
    }
  }
  return problems;
}

describe('randomized compensation workload', () => {
  const startEngine = liveEngines('streetflow-compensation-soak-');

  it(`should keep compensation sound and replayable under a random workload (seed ${SEED})`, async () => {
    let run = await startEngine({ controllableClock: true });
    await run.client.deployResource({ name: 'rs-case.bpmn', process: Buffer.from(MODEL) });
    const random = prng(SEED);
    const pick = <T>(items: readonly T[]): T | undefined => (items.length === 0 ? undefined : items[Math.floor(random() * items.length)]);
    const instances: string[] = [];
    const caseIds = new Map<string, string>();
    const trail: string[] = [];
    let handlersRun = 0;
    let withdrawals = 0;
    const check = (step: number): void => {
      // The general invariants take every active throw/end event for a job-based message throw; compensation throws wait for handlers.
      const throws = (run.engine.state.snapshot() as { elementInstances: { key: number; value: { bpmnEventType: string } }[] }).elementInstances
        .filter((i) => i.value.bpmnEventType === 'COMPENSATION')
        .map((i) => ` ${i.key} (`);
      const general = invariantViolations(run.engine).filter((p) => !(p.includes('waits for a job') && throws.some((key) => p.includes(key))));
      const problems = [...general, ...compensationViolations(run.engine)];
      expect(problems, `seed ${SEED}, step ${step}\n${trail.slice(-10).join('\n')}`).toEqual([]);
    };

    for (let step = 0; step < STEPS; step++) {
      const roll = random();
      const client = run.client;
      if (roll < 0.15 || instances.length === 0) {
        const caseId = `c-${step}`;
        const { processInstanceKey } = await client.createProcessInstance({ bpmnProcessId: 'rs-case', variables: { caseId, redo: random() < 0.5 } });
        instances.push(processInstanceKey);
        caseIds.set(processInstanceKey, caseId);
        trail.push(`create ${processInstanceKey}`);
      } else if (roll < 0.75) {
        // only types with an activatable job (an empty activation long-polls)
        const jobState = run.engine.state.snapshot() as { jobs: { state: string; value: { type: string } }[] };
        const available = JOB_TYPES.filter((t) => jobState.jobs.some((j) => j.state === 'ACTIVATABLE' && j.value.type === t));
        const type = pick(available);
        if (!type) continue;
        const jobs = await client.activateJobs({ type, worker: 'soak', maxJobsToActivate: 5, timeout: 60_000, requestTimeout: -1 });
        const job = pick(jobs);
        for (const other of jobs.filter((j) => j !== job)) await client.failJob({ jobKey: other.key, retries: 3, errorMessage: 'later', retryBackOff: 0 });
        if (job && type.startsWith('undo-') && random() < 0.15) {
          await client.failJob({ jobKey: job.key, retries: 0, errorMessage: 'office closed', retryBackOff: 0 });
          trail.push(`fail ${type} ${job.processInstanceKey}`);
        } else if (job) {
          await client.completeJob({ jobKey: job.key, variables: {} });
          if (type.startsWith('undo-')) handlersRun++;
          trail.push(`complete ${type} ${job.processInstanceKey}`);
        }
      } else if (roll < 0.82) {
        const incident = run.engine.state.snapshot() as { incidents: [number, { jobKey: number }][] };
        const chosen = pick(incident.incidents);
        if (chosen) {
          await client.updateJobRetries({ jobKey: String(chosen[1].jobKey), retries: 1 }).catch(() => undefined);
          await client.resolveIncident({ incidentKey: String(chosen[0]) }).catch(() => undefined);
          trail.push(`resolve ${chosen[0]}`);
        }
      } else if (roll < 0.9) {
        const pi = pick(instances)!;
        await client.publishMessage({ name: 'rs-withdraw', correlationKey: caseIds.get(pi)!, variables: {}, timeToLive: 0 });
        withdrawals++;
        trail.push(`withdraw ${pi}`);
      } else if (roll < 0.95) {
        const pi = pick(instances)!;
        await client.cancelProcessInstance(pi).catch(() => undefined);
        trail.push(`cancel ${pi}`);
      } else {
        await run.engine.clock.advance(DAY);
        trail.push('advance 1 day');
      }
      check(step);
      if (step === Math.floor(STEPS / 2)) {
        const { live, replayed } = await replayFromLog(run, (stopped) => ({ clockStartTime: stopped.clock.now() }));
        expect(replayed.state.snapshot(), `seed ${SEED}: replay halfway`).toEqual(live);
        // the replayed engine takes over
        const gateway = await startGateway(replayed, '127.0.0.1', 0);
        const address = `127.0.0.1:${gateway.port}`;
        const next: LiveEngine = { engine: replayed, gateway, client: newClient(address), dataDir: run.dataDir, address, options: run.options };
        run = next;
      }
    }
    expect(handlersRun, 'the workload ran handlers').toBeGreaterThan(5);
    expect(withdrawals).toBeGreaterThan(0);
    if (process.env.COMP_SOAK_DEBUG) console.log({ handlersRun, withdrawals, open: instances.filter((pi) => run.engine.state.elementInstances.get(Number(pi))).length });
    // cancelling every instance still running leaves no compensation subscription behind
    for (const pi of instances) if (run.engine.state.elementInstances.get(Number(pi))) await run.client.cancelProcessInstance(pi);
    expect((run.engine.state.snapshot() as { compensations: unknown[] }).compensations).toEqual([]);
    const { live, replayed } = await replayFromLog(run, (stopped) => ({ clockStartTime: stopped.clock.now() }));
    expect(replayed.state.snapshot(), `seed ${SEED}: replay at the end`).toEqual(live);
    await replayed.stop();
  }, 120_000);
});
