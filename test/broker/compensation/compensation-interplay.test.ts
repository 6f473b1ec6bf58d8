import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway } from '../../../engine/broker/gateway/gateway-server.ts';
import { jobOf, liveEngines, newClient, replayFromLog } from '../engine/support/engine-harness.ts';
import { boundary, timerDef } from '../events/support/event-bpmn.ts';
import { HOUR, startEventsHarness, type EventsHarness } from '../events/support/events-harness.ts';
import { chain, compensable, compensationEnd, compensationThrow, end, flow, processXml, serviceTask, start } from './support/compensation-bpmn.ts';
import { completeJob, isSubsequence, processCompleted, subscriptions, trail } from './support/compensation-harness.ts';

/** start → issue (compensable) → register (compensable) → withdraw (throw) → archive → end. */
const CASE = processXml(
  'interplay-case',
  [start(), compensable('issue', 'ip-issue'), compensable('register', 'ip-register'), compensationThrow('withdraw'), serviceTask('archive', 'ip-archive'), end(), ...chain('f', ['start', 'issue', 'register', 'withdraw', 'archive', 'end'])].join('\n'),
);

/** Waits until the handler's job of a process instance was created. */
async function handlerJobCreated(harness: EventsHarness, type: string, pi: string): Promise<void> {
  await harness.waitForRecord(
    (r) => r.valueType === 'JOB' && r.intent === 'CREATED' && (r.value as { type: string }).type === type && String((r.value as { processInstanceKey: number }).processInstanceKey) === pi,
  );
}

describe('compensation with cancel, incidents, interruptions and restarts', () => {
  let harness: EventsHarness;
  beforeAll(async () => {
    harness = await startEventsHarness();
    await harness.deploy('interplay-case.bpmn', CASE);
  });
  afterAll(async () => {
    await harness.close();
  });

  it('should terminate the handlers and the throw event and delete the subscriptions when the instance is canceled during compensation', async () => {
    // given a compensation in progress (two handlers waiting)
    const { processInstanceKey: pi } = await harness.client.createProcessInstance({ bpmnProcessId: 'interplay-case', variables: {} });
    await completeJob(harness, 'ip-issue', pi);
    await completeJob(harness, 'ip-register', pi);
    await handlerJobCreated(harness, 'undo-ip-register', pi);
    await completeJob(harness, 'undo-ip-issue', pi);
    // when
    await harness.client.cancelProcessInstance(pi);
    await harness.waitForRecord((r) => r.intent === 'ELEMENT_TERMINATED' && (r.value as { elementId: string }).elementId === 'interplay-case' && String((r.value as { processInstanceKey: number }).processInstanceKey) === pi);
    // then
    expect(isSubsequence(trail(harness, pi), ['undo-register:ELEMENT_TERMINATED', 'interplay-case:ELEMENT_TERMINATED'])).toBe(true);
    expect(isSubsequence(trail(harness, pi), ['withdraw:ELEMENT_TERMINATED', 'interplay-case:ELEMENT_TERMINATED'])).toBe(true);
    expect(subscriptions(harness, pi).map(([intent, v]) => `${intent}:${v.compensableActivityId}`)).toEqual([
      'CREATED:issue',
      'CREATED:register',
      'TRIGGERED:issue',
      'TRIGGERED:register',
      'COMPLETED:issue',
      'DELETED:register',
    ]);
    const canceled = harness.recordsOf('JOB', 'CANCELED', pi).map((r) => (r.value as { type: string }).type);
    expect(canceled).toEqual(['undo-ip-register']);
    const ended = subscriptions(harness, pi).filter(([intent]) => intent === 'COMPLETED' || intent === 'DELETED');
    expect(ended).toHaveLength(subscriptions(harness, pi).filter(([intent]) => intent === 'CREATED').length);
  });

  it('should raise an incident on a failing handler and go on once it is resolved', async () => {
    // given a handler whose job fails without retries
    const { processInstanceKey: pi } = await harness.client.createProcessInstance({ bpmnProcessId: 'interplay-case', variables: {} });
    await completeJob(harness, 'ip-issue', pi);
    await completeJob(harness, 'ip-register', pi);
    await completeJob(harness, 'undo-ip-issue', pi);
    const job = await jobOf(harness.client, 'undo-ip-register', pi);
    await harness.client.failJob({ jobKey: job.key, retries: 0, errorMessage: 'permit office offline', retryBackOff: 0 });
    const incident = await harness.waitForRecord((r) => r.valueType === 'INCIDENT' && r.intent === 'CREATED' && String((r.value as { processInstanceKey: number }).processInstanceKey) === pi);
    expect(trail(harness, pi)).not.toContain('withdraw:ELEMENT_COMPLETED');
    // when
    await harness.client.updateJobRetries({ jobKey: job.key, retries: 1 });
    await harness.client.resolveIncident({ incidentKey: String(incident.key) });
    await completeJob(harness, 'undo-ip-register', pi);
    await completeJob(harness, 'ip-archive', pi);
    await processCompleted(harness, 'interplay-case', pi);
    // then
    expect((incident.value as { elementId: string; errorMessage: string }).elementId).toBe('undo-register');
    expect(isSubsequence(trail(harness, pi), ['undo-register:ELEMENT_COMPLETED', 'withdraw:ELEMENT_COMPLETED', 'archive:ELEMENT_ACTIVATED'])).toBe(true);
    expect(subscriptions(harness, pi).filter(([intent]) => intent === 'COMPLETED')).toHaveLength(2);
  });

  it('should stop a compensation inside a sub-process interrupted by its boundary timer and delete the sub-process\'s subscriptions', async () => {
    // given a sub-process (deadline 2 days) whose compensation is still running
    const stage = `<bpmn:subProcess id="stage">${start('s-start')}${compensable('stamp', 'ip-stamp')}${compensationEnd('s-undo')}${chain('sf', ['s-start', 'stamp', 's-undo']).join('')}</bpmn:subProcess>`;
    await harness.deploy(
      'interplay-deadline.bpmn',
      processXml(
        'interplay-deadline',
        [start(), stage, boundary('late', 'stage', timerDef('timeDuration', 'P2D')), end(), '<bpmn:endEvent id="overdue" />', ...chain('f', ['start', 'stage', 'end']), flow('lf', 'late', 'overdue')].join('\n'),
      ),
    );
    const { processInstanceKey: pi } = await harness.client.createProcessInstance({ bpmnProcessId: 'interplay-deadline', variables: {} });
    await completeJob(harness, 'ip-stamp', pi);
    await handlerJobCreated(harness, 'undo-ip-stamp', pi);
    // when the deadline passes
    await harness.advance(49 * HOUR);
    await processCompleted(harness, 'interplay-deadline', pi);
    // then
    expect(isSubsequence(trail(harness, pi), ['undo-stamp:ELEMENT_TERMINATED', 'stage:ELEMENT_TERMINATED', 'late:ELEMENT_COMPLETED', 'overdue:ELEMENT_COMPLETED'])).toBe(true);
    expect(isSubsequence(trail(harness, pi), ['s-undo:ELEMENT_TERMINATED', 'stage:ELEMENT_TERMINATED'])).toBe(true);
    expect(subscriptions(harness, pi).map(([intent]) => intent)).toEqual(['CREATED', 'TRIGGERED', 'DELETED']);
    const deleted = harness.recordsOf('COMPENSATION_SUBSCRIPTION', 'DELETED', pi)[0]!;
    const stageTerminated = harness.recordsOf('PROCESS_INSTANCE', 'ELEMENT_TERMINATED', pi).find((r) => (r.value as { elementId: string }).elementId === 'stage')!;
    expect(deleted.position).toBeLessThan(stageTerminated.position);
  });

  it('should end the compensation when a terminate end event in a parallel branch ends the instance', async () => {
    // given a parallel branch that ends the case while a handler runs
    await harness.deploy(
      'interplay-terminate.bpmn',
      processXml(
        'interplay-terminate',
        [
          start(),
          '<bpmn:parallelGateway id="fork" />',
          compensable('a', 'ip-a'),
          compensationThrow('undo-branch'),
          end(),
          serviceTask('close', 'ip-close'),
          '<bpmn:endEvent id="kill"><bpmn:terminateEventDefinition /></bpmn:endEvent>',
          flow('f1', 'start', 'fork'),
          flow('f2', 'fork', 'a'),
          flow('f3', 'a', 'undo-branch'),
          flow('f4', 'undo-branch', 'end'),
          flow('f5', 'fork', 'close'),
          flow('f6', 'close', 'kill'),
        ].join('\n'),
      ),
    );
    const { processInstanceKey: pi } = await harness.client.createProcessInstance({ bpmnProcessId: 'interplay-terminate', variables: {} });
    await completeJob(harness, 'ip-a', pi);
    await handlerJobCreated(harness, 'undo-ip-a', pi);
    // when
    await completeJob(harness, 'ip-close', pi);
    await processCompleted(harness, 'interplay-terminate', pi);
    // then
    expect(trail(harness, pi)).toContain('undo-a:ELEMENT_TERMINATED');
    expect(trail(harness, pi)).toContain('undo-branch:ELEMENT_TERMINATED');
    expect(subscriptions(harness, pi).map(([intent]) => intent)).toEqual(['CREATED', 'TRIGGERED', 'DELETED']);
  });
});

describe('compensation replay', () => {
  const startEngine = liveEngines('streetflow-compensation-replay-');

  it('should rebuild exactly the live state with created, triggered, completed and deleted subscriptions in the log, and go on after it', async () => {
    // given a broker that ran cases in every compensation stage
    const run = await startEngine({ controllableClock: true });
    const { client } = run;
    await client.deployResource({ name: 'interplay-case.bpmn', process: Buffer.from(CASE) });
    const keys: string[] = [];
    for (let n = 0; n < 4; n++) keys.push((await client.createProcessInstance({ bpmnProcessId: 'interplay-case', variables: { n } })).processInstanceKey);
    const complete = async (type: string, pi: string): Promise<void> => {
      const job = await jobOf(client, type, pi);
      await client.completeJob({ jobKey: job.key, variables: {} });
    };
    // case 0: only issued (one subscription CREATED); case 1: compensation running; case 2: one handler done; case 3: canceled mid-way
    await complete('ip-issue', keys[0]!);
    for (const pi of keys.slice(1)) {
      await complete('ip-issue', pi);
      await complete('ip-register', pi);
    }
    await complete('undo-ip-issue', keys[2]!);
    await complete('undo-ip-issue', keys[3]!);
    await client.cancelProcessInstance(keys[3]!);
    // when
    const { live, replayed } = await replayFromLog(run, (stopped) => ({ clockStartTime: stopped.clock.now() }));
    // then
    const liveCompensations = (live as { compensations: unknown[] }).compensations;
    expect(liveCompensations.length).toBe(1 + 2 + 1);
    expect(replayed.state.snapshot()).toEqual(live);
    // and the replayed engine completes the running compensation of case 1
    const gateway = await startGateway(replayed, '127.0.0.1', 0);
    const again = newClient(`127.0.0.1:${gateway.port}`);
    try {
      for (const type of ['undo-ip-issue', 'undo-ip-register', 'ip-archive']) {
        const job = await jobOf(again, type, keys[1]);
        await again.completeJob({ jobKey: job.key, variables: {} });
      }
      expect(replayed.state.elementInstances.get(Number(keys[1]))).toBeUndefined();
      expect(replayed.state.compensations.subscriptionsOf(Number(keys[1]))).toEqual([]);
    } finally {
      await again.close();
      await gateway.stop();
      await replayed.stop();
    }
  });
});
