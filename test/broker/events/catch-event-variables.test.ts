/**
 * Event variables on catch events through zeebe-node (Zeebe's variables page): with output mappings
 * a correlated message's variables are local to the catching element and only the mapped ones reach
 * the scope; without, all of them do. Covers intermediate catch events, receive tasks, boundary
 * events (interrupting and non-interrupting), catch events after an event-based gateway and message
 * start events; replay rebuilds the same state.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ZBClient } from 'zeebe-node';
import { jobOf, liveEngines, replayFromLog } from '../engine/support/engine-harness.ts';
import { boundary, catchEvent, end, flow, io, message, messageDef, processXml, serviceTask, start, timerDef, withRoots } from './support/event-bpmn.ts';
import { startEventsHarness, type EventsHarness } from './support/events-harness.ts';

/** The reply of the 联审 office: two fields the process wants and one it does not. */
const REPLY = { decision: 'approve', comment: '同意', internalRef: 'X-99' };
/** Output mapping: only the decision, renamed. */
const MAP_DECISION = io([], [['=decision', 'outcome']]);

/** start → `waitXml` (id `wait`) → next (a job showing the visible variables) → end. */
function waitThen(id: string, waitXml: string, roots: string[]): string {
  return withRoots(
    processXml(id, [start(), waitXml, serviceTask('next', `${id}-next`), end(), flow('f1', 'start', 'wait'), flow('f2', 'wait', 'next'), flow('f3', 'next', 'end')].join('\n')),
    roots,
  );
}

const receiveTask = (extensions: string): string =>
  `<bpmn:receiveTask id="wait" messageRef="reply">${extensions ? `<bpmn:extensionElements>${extensions}</bpmn:extensionElements>` : ''}</bpmn:receiveTask>`;

/** start → task (a job) with a message boundary `onReply` (output mappings `mapping`) → after (a job) → end. */
function boundaryModel(id: string, interrupting: boolean, mapping: string): string {
  const boundaryXml = boundary('onReply', 'task', `${mapping ? `<bpmn:extensionElements>${mapping}</bpmn:extensionElements>` : ''}${messageDef('reply')}`, interrupting);
  return withRoots(
    processXml(
      id,
      [
        start(),
        serviceTask('task', `${id}-task`),
        boundaryXml,
        serviceTask('after', `${id}-after`),
        end(),
        end('endAfter'),
        flow('f1', 'start', 'task'),
        flow('f2', 'task', 'end'),
        flow('f3', 'onReply', 'after'),
        flow('f4', 'after', 'endAfter'),
      ].join('\n'),
    ),
    [message('reply', 'cev-reply', '=caseNo')],
  );
}

/** start → event-based gateway → (message `got` with output mappings | timer) → next → end. */
const gatewayModel = withRoots(
  processXml(
    'cev-gateway',
    [
      start(),
      '<bpmn:eventBasedGateway id="gw" />',
      catchEvent('got', messageDef('reply'), MAP_DECISION),
      catchEvent('late', timerDef('timeDuration', 'P10D')),
      serviceTask('next', 'cev-gateway-next'),
      end(),
      end('endLate'),
      flow('f1', 'start', 'gw'),
      flow('f2', 'gw', 'got'),
      flow('f3', 'gw', 'late'),
      flow('f4', 'got', 'next'),
      flow('f5', 'late', 'endLate'),
      flow('f6', 'next', 'end'),
    ].join('\n'),
  ),
  [message('reply', 'cev-reply', '=caseNo')],
);

/** A message start event with output mappings → next → end. */
const startModel = withRoots(
  processXml(
    'cev-start',
    [
      `<bpmn:startEvent id="applied"><bpmn:extensionElements>${io([], [['=decision', 'outcome']])}</bpmn:extensionElements>${messageDef('apply')}</bpmn:startEvent>`,
      serviceTask('next', 'cev-start-next'),
      end(),
      flow('f1', 'applied', 'next'),
      flow('f2', 'next', 'end'),
    ].join('\n'),
  ),
  [message('apply', 'cev-apply')],
);

/** Deploys every model of this file. */
async function deployAll(deploy: (name: string, xml: string) => Promise<unknown>): Promise<void> {
  const reply = [message('reply', 'cev-reply', '=caseNo')];
  await deploy('cev-catch-mapped.bpmn', waitThen('cev-catch-mapped', catchEvent('wait', messageDef('reply'), MAP_DECISION), reply));
  await deploy('cev-catch-plain.bpmn', waitThen('cev-catch-plain', catchEvent('wait', messageDef('reply')), reply));
  await deploy('cev-receive-mapped.bpmn', waitThen('cev-receive-mapped', receiveTask(MAP_DECISION), reply));
  await deploy('cev-boundary-mapped.bpmn', boundaryModel('cev-boundary-mapped', false, MAP_DECISION));
  await deploy('cev-boundary-int-mapped.bpmn', boundaryModel('cev-boundary-int-mapped', true, MAP_DECISION));
  await deploy('cev-boundary-plain.bpmn', boundaryModel('cev-boundary-plain', false, ''));
  await deploy('cev-gateway.bpmn', gatewayModel);
  await deploy('cev-start.bpmn', startModel);
}

describe('event variables on catch events', () => {
  let h: EventsHarness;
  beforeAll(async () => {
    h = await startEventsHarness();
    await deployAll((name, xml) => h.deploy(name, xml));
  });
  afterAll(async () => {
    await h.close();
  });

  /** Creates an instance, publishes the reply for it and returns the variables the next job sees. */
  async function replyThen(processId: string, caseNo: string, nextType = `${processId}-next`): Promise<{ pi: string; variables: Record<string, unknown> }> {
    const { processInstanceKey: pi } = await h.client.createProcessInstance({ bpmnProcessId: processId, variables: { caseNo } });
    await h.client.publishMessage({ name: 'cev-reply', correlationKey: caseNo, variables: REPLY, timeToLive: 0 });
    const job = await jobOf(h.client, nextType, pi);
    return { pi, variables: job.variables as Record<string, unknown> };
  }

  /** Names of the variables created in an element instance's own scope. */
  function localsOf(pi: string, elementId: string): string[] {
    const records = h.records();
    const keys = new Set(
      records
        .filter((r) => r.valueType === 'PROCESS_INSTANCE' && r.intent === 'ELEMENT_ACTIVATING' && (r.value as { elementId: string }).elementId === elementId && String((r.value as { processInstanceKey: number }).processInstanceKey) === pi)
        .map((r) => r.key),
    );
    return records.filter((r) => r.valueType === 'VARIABLE' && r.intent === 'CREATED' && keys.has((r.value as { scopeKey: number }).scopeKey)).map((r) => (r.value as { name: string }).name);
  }

  it('should keep the message variables local to an intermediate catch event with output mappings and pass on only the mapped ones', async () => {
    // when
    const { pi, variables } = await replyThen('cev-catch-mapped', 'C-1');
    // then
    expect(variables).toMatchObject({ caseNo: 'C-1', outcome: 'approve' });
    expect(variables).not.toHaveProperty('decision');
    expect(variables).not.toHaveProperty('comment');
    expect(variables).not.toHaveProperty('internalRef');
    expect(localsOf(pi, 'wait').sort()).toEqual(['comment', 'decision', 'internalRef']);
  });

  it('should pass on every message variable of a catch event without output mappings', async () => {
    // when
    const { variables } = await replyThen('cev-catch-plain', 'C-2');
    // then
    expect(variables).toMatchObject({ caseNo: 'C-2', ...REPLY });
  });

  it('should keep the message variables local to a receive task with output mappings', async () => {
    // when
    const { variables } = await replyThen('cev-receive-mapped', 'C-3');
    // then
    expect(variables).toMatchObject({ outcome: 'approve' });
    expect(Object.keys(variables).sort()).toEqual(['caseNo', 'outcome']);
  });

  it('should keep the message variables local to a non-interrupting boundary event with output mappings', async () => {
    // when
    const { pi, variables } = await replyThen('cev-boundary-mapped', 'C-4', 'cev-boundary-mapped-after');
    // then the boundary path sees only the mapped variable, and so does the task it is attached to
    expect(Object.keys(variables).sort()).toEqual(['caseNo', 'outcome']);
    const task = await jobOf(h.client, 'cev-boundary-mapped-task', pi);
    expect(Object.keys(task.variables).sort()).toEqual(['caseNo', 'outcome']);
    expect(localsOf(pi, 'onReply').sort()).toEqual(['comment', 'decision', 'internalRef']);
  });

  it('should keep the message variables local to an interrupting boundary event with output mappings', async () => {
    // when
    const { variables } = await replyThen('cev-boundary-int-mapped', 'C-5', 'cev-boundary-int-mapped-after');
    // then
    expect(Object.keys(variables).sort()).toEqual(['caseNo', 'outcome']);
  });

  it('should pass on every message variable of a boundary event without output mappings', async () => {
    // when
    const { variables } = await replyThen('cev-boundary-plain', 'C-6', 'cev-boundary-plain-after');
    // then
    expect(variables).toMatchObject({ caseNo: 'C-6', ...REPLY });
  });

  it('should keep the message variables local to a catch event with output mappings after an event-based gateway', async () => {
    // when
    const { pi, variables } = await replyThen('cev-gateway', 'C-7');
    // then
    expect(Object.keys(variables).sort()).toEqual(['caseNo', 'outcome']);
    expect(localsOf(pi, 'got').sort()).toEqual(['comment', 'decision', 'internalRef']);
  });

  it('should keep the message variables local to a message start event with output mappings', async () => {
    // when
    await h.client.publishMessage({ name: 'cev-apply', correlationKey: 'A-1', variables: REPLY, timeToLive: 0 });
    const job = await jobOf(h.client, 'cev-start-next');
    // then
    expect(job.variables).toEqual({ outcome: 'approve' });
    expect(localsOf(job.processInstanceKey, 'applied').sort()).toEqual(['comment', 'decision', 'internalRef']);
  });
});

describe('replay with event variables on catch events', () => {
  const startEngine = liveEngines('streetflow-replay-catch-variables-');

  async function replyTo(client: ZBClient, processId: string, caseNo: string): Promise<void> {
    await client.createProcessInstance({ bpmnProcessId: processId, variables: { caseNo } });
    await client.publishMessage({ name: 'cev-reply', correlationKey: caseNo, variables: REPLY, timeToLive: 0 });
  }

  it('should rebuild exactly the live state from the log after event variables were held and mapped', async () => {
    // given
    const run = await startEngine({ controllableClock: true });
    const { client } = run;
    await deployAll((name, xml) => client.deployResource({ name, process: Buffer.from(xml) }));
    let n = 0;
    for (const id of ['cev-catch-mapped', 'cev-receive-mapped', 'cev-boundary-mapped', 'cev-boundary-int-mapped', 'cev-gateway']) await replyTo(client, id, `R-${n++}`);
    await client.publishMessage({ name: 'cev-apply', correlationKey: 'A-9', variables: REPLY, timeToLive: 0 });
    await run.engine.clock.advance(1000); // the live engine expires the messages before it stops (a restart would at once)
    // when
    const { live, liveKey, replayed } = await replayFromLog(run, (stopped) => ({ clockStartTime: stopped.clock.now() }));
    // then
    expect(replayed.state.snapshot()).toEqual(live);
    expect(replayed.state.keys.nextKey).toBe(liveKey);
    await replayed.stop();
  });
});
