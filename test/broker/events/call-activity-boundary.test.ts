/**
 * Boundary events on call activities through zeebe-node: interrupting ones terminate the called
 * process instance before their own path starts, non-interrupting ones leave it running; the
 * subscriptions close when the call activity leaves; replay rebuilds the same state.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ZBClient } from 'zeebe-node';
import { jobOf, liveEngines, replayFromLog } from '../engine/support/engine-harness.ts';
import { boundary, end, flow, message, messageDef, processXml, serviceTask, signal, signalDef, start, timerDef, withRoots } from './support/event-bpmn.ts';
import { completed, HOUR, lifecycle, startEventsHarness, type EventsHarness } from './support/events-harness.ts';

/** The called process: start → one service task → end. */
const child = (id: string, type: string): string =>
  processXml(id, [start(), serviceTask('work', type), end(), flow('c1', 'start', 'work'), flow('c2', 'work', 'end')].join('\n'));

/** A caller: start → call activity (calling `childId`) → end, with one boundary event whose path ends at `caught`. */
function caller(id: string, childId: string, boundaryXml: string, roots: string[] = []): string {
  return withRoots(
    processXml(
      id,
      [
        start(),
        `<bpmn:callActivity id="call"><bpmn:extensionElements><zeebe:calledElement processId="${childId}" /></bpmn:extensionElements></bpmn:callActivity>`,
        boundaryXml,
        end(),
        serviceTask('afterEvent', `${id}-after-event`),
        '<bpmn:endEvent id="caught" />',
        flow('f1', 'start', 'call'),
        flow('f2', 'call', 'end'),
        flow('f3', 'onEvent', 'afterEvent'),
        flow('f4', 'afterEvent', 'caught'),
      ].join('\n'),
    ),
    roots,
  );
}

/** Key of the process instance a call activity of `parentKey` created (as text, like zeebe-node keys). */
function childOf(records: ReturnType<EventsHarness['records']>, parentKey: string): string {
  const record = records.find(
    (r) =>
      r.valueType === 'PROCESS_INSTANCE' &&
      r.intent === 'ELEMENT_ACTIVATED' &&
      (r.value as { bpmnElementType: string }).bpmnElementType === 'PROCESS' &&
      String((r.value as { parentProcessInstanceKey: number }).parentProcessInstanceKey) === parentKey,
  );
  if (!record) throw new Error(`no child instance of ${parentKey}`);
  return String(record.key);
}

describe('boundary events on call activities', () => {
  let h: EventsHarness;
  beforeAll(async () => {
    h = await startEventsHarness();
    await h.deploy('cab-child.bpmn', child('cab-child', 'cab-child-work'));
  });
  afterAll(async () => {
    await h.close();
  });

  it('should terminate the called instance and take the boundary path when an interrupting timer boundary fires (办结时限 on a called chain)', async () => {
    // given a call activity with a 3-day deadline
    await h.deploy('cab-timer.bpmn', caller('cab-timer', 'cab-child', boundary('onEvent', 'call', timerDef('timeDuration', 'P3D'))));
    const { processInstanceKey } = await h.client.createProcessInstance({ bpmnProcessId: 'cab-timer', variables: {} });
    const childKey = childOf(h.records(), processInstanceKey);
    expect(h.recordsOf('TIMER', 'CREATED', processInstanceKey)).toHaveLength(1);
    // when the deadline passes
    await h.advance(72 * HOUR);
    // then the child and its job are gone, the call activity is terminated and the boundary path runs
    const records = h.records();
    expect(lifecycle(records, 'cab-child', childKey).slice(-2)).toEqual(['ELEMENT_TERMINATING', 'ELEMENT_TERMINATED']);
    expect(h.recordsOf('JOB', 'CANCELED', childKey)).toHaveLength(1);
    expect(lifecycle(records, 'call', processInstanceKey).slice(-2)).toEqual(['ELEMENT_TERMINATING', 'ELEMENT_TERMINATED']);
    const callTerminated = records.findIndex((r) => r.intent === 'ELEMENT_TERMINATED' && (r.value as { elementId: string }).elementId === 'call');
    const boundaryActivated = records.findIndex((r) => r.intent === 'ELEMENT_ACTIVATING' && (r.value as { elementId: string }).elementId === 'onEvent');
    expect(boundaryActivated).toBeGreaterThan(callTerminated);
    const after = await jobOf(h.client, 'cab-timer-after-event', processInstanceKey);
    await h.client.completeJob({ jobKey: after.key, variables: {} });
    const done = h.records();
    expect(lifecycle(done, 'caught', processInstanceKey)).toContain('ELEMENT_COMPLETED');
    expect(lifecycle(done, 'end', processInstanceKey)).toEqual([]);
    expect(completed(done, 'cab-timer', processInstanceKey)).toBe(true);
  });

  it('should keep the called instance running when a non-interrupting message boundary is correlated (督办 reminder)', async () => {
    // given a call activity with a non-interrupting supervision message
    await h.deploy('cab-remind.bpmn', caller('cab-remind', 'cab-child', boundary('onEvent', 'call', messageDef('urge'), false), [message('urge', 'cab-urge', '=caseNo')]));
    const { processInstanceKey } = await h.client.createProcessInstance({ bpmnProcessId: 'cab-remind', variables: { caseNo: 'R-1' } });
    const childKey = childOf(h.records(), processInstanceKey);
    // when the supervision message arrives
    await h.client.publishMessage({ name: 'cab-urge', correlationKey: 'R-1', variables: { urgedBy: '督办科' }, timeToLive: 0 });
    // then the boundary path runs with the message variables while the child keeps its task
    const after = await jobOf(h.client, 'cab-remind-after-event', processInstanceKey);
    expect(after.variables).toMatchObject({ urgedBy: '督办科' });
    expect(lifecycle(h.records(), 'call', processInstanceKey)).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED']);
    expect(lifecycle(h.records(), 'cab-child', childKey)).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED']);
    await h.client.completeJob({ jobKey: after.key, variables: {} });
    // and when the child's task is done the call activity completes normally and closes its subscription
    const work = await jobOf(h.client, 'cab-child-work', childKey);
    await h.client.completeJob({ jobKey: work.key, variables: {} });
    const records = h.records();
    expect(lifecycle(records, 'call', processInstanceKey).slice(-1)).toEqual(['ELEMENT_COMPLETED']);
    expect(lifecycle(records, 'end', processInstanceKey)).toContain('ELEMENT_COMPLETED');
    expect(h.recordsOf('PROCESS_MESSAGE_SUBSCRIPTION', 'DELETED', processInstanceKey)).toHaveLength(1);
    expect(completed(records, 'cab-remind', processInstanceKey)).toBe(true);
  });

  it('should terminate the called instance when an interrupting message boundary is correlated (撤回 of a called chain)', async () => {
    // given
    await h.deploy('cab-withdraw.bpmn', caller('cab-withdraw', 'cab-child', boundary('onEvent', 'call', messageDef('withdraw')), [message('withdraw', 'cab-withdraw', '=caseNo')]));
    const { processInstanceKey } = await h.client.createProcessInstance({ bpmnProcessId: 'cab-withdraw', variables: { caseNo: 'W-1' } });
    const childKey = childOf(h.records(), processInstanceKey);
    // when
    await h.client.publishMessage({ name: 'cab-withdraw', correlationKey: 'W-1', variables: { reason: '申请人撤回' }, timeToLive: 0 });
    // then
    const after = await jobOf(h.client, 'cab-withdraw-after-event', processInstanceKey);
    expect(after.variables).toMatchObject({ reason: '申请人撤回' });
    const records = h.records();
    expect(lifecycle(records, 'cab-child', childKey).slice(-1)).toEqual(['ELEMENT_TERMINATED']);
    expect(lifecycle(records, 'call', processInstanceKey).slice(-1)).toEqual(['ELEMENT_TERMINATED']);
  });

  it('should terminate the called instance when an interrupting signal boundary is broadcast', async () => {
    // given
    await h.deploy('cab-signal.bpmn', caller('cab-signal', 'cab-child', boundary('onEvent', 'call', signalDef('stop')), [signal('stop', 'cab-stop')]));
    const { processInstanceKey } = await h.client.createProcessInstance({ bpmnProcessId: 'cab-signal', variables: {} });
    const childKey = childOf(h.records(), processInstanceKey);
    // when
    await h.client.broadcastSignal({ signalName: 'cab-stop', variables: {} });
    // then
    await jobOf(h.client, 'cab-signal-after-event', processInstanceKey);
    const records = h.records();
    expect(lifecycle(records, 'cab-child', childKey).slice(-1)).toEqual(['ELEMENT_TERMINATED']);
    expect(lifecycle(records, 'call', processInstanceKey).slice(-1)).toEqual(['ELEMENT_TERMINATED']);
  });

  it('should close the boundary timer when the called instance completes first', async () => {
    // given
    await h.deploy('cab-early.bpmn', caller('cab-early', 'cab-child', boundary('onEvent', 'call', timerDef('timeDuration', 'PT1H'))));
    const { processInstanceKey } = await h.client.createProcessInstance({ bpmnProcessId: 'cab-early', variables: {} });
    const childKey = childOf(h.records(), processInstanceKey);
    // when the child's task is done before the hour is up
    const work = await jobOf(h.client, 'cab-child-work', childKey);
    await h.client.completeJob({ jobKey: work.key, variables: {} });
    await h.advance(2 * HOUR);
    // then the timer was canceled, never triggered
    expect(h.recordsOf('TIMER', 'CANCELED', processInstanceKey)).toHaveLength(1);
    expect(h.recordsOf('TIMER', 'TRIGGERED', processInstanceKey)).toHaveLength(0);
    expect(completed(h.records(), 'cab-early', processInstanceKey)).toBe(true);
  });

  it('should cancel the boundary timer and the called instance when the parent instance is canceled', async () => {
    // given
    await h.deploy('cab-cancel.bpmn', caller('cab-cancel', 'cab-child', boundary('onEvent', 'call', timerDef('timeDuration', 'PT1H'))));
    const { processInstanceKey } = await h.client.createProcessInstance({ bpmnProcessId: 'cab-cancel', variables: {} });
    const childKey = childOf(h.records(), processInstanceKey);
    // when
    await h.client.cancelProcessInstance(processInstanceKey);
    // then
    const records = h.records();
    expect(h.recordsOf('TIMER', 'CANCELED', processInstanceKey)).toHaveLength(1);
    expect(lifecycle(records, 'cab-child', childKey).slice(-1)).toEqual(['ELEMENT_TERMINATED']);
    expect(lifecycle(records, 'onEvent', processInstanceKey)).toEqual([]);
    expect(lifecycle(records, 'cab-cancel', processInstanceKey).slice(-1)).toEqual(['ELEMENT_TERMINATED']);
  });

  it('should terminate the called instance and take the error boundary path when the child throws an uncaught error', async () => {
    // given a call activity with a catch-all error boundary
    await h.deploy('cab-error.bpmn', caller('cab-error', 'cab-child', boundary('onEvent', 'call', '<bpmn:errorEventDefinition />')));
    const { processInstanceKey } = await h.client.createProcessInstance({ bpmnProcessId: 'cab-error', variables: {} });
    const childKey = childOf(h.records(), processInstanceKey);
    // when the child's worker throws an error nobody in the child catches
    const work = await jobOf(h.client, 'cab-child-work', childKey);
    await h.client.throwError({ jobKey: work.key, errorCode: 'REFUSED', errorMessage: '材料不全' });
    // then the child is terminated and the parent continues on the boundary path
    await jobOf(h.client, 'cab-error-after-event', processInstanceKey);
    const records = h.records();
    expect(h.recordsOf('INCIDENT', 'CREATED', childKey)).toHaveLength(0);
    expect(lifecycle(records, 'cab-child', childKey).slice(-1)).toEqual(['ELEMENT_TERMINATED']);
    expect(lifecycle(records, 'call', processInstanceKey).slice(-1)).toEqual(['ELEMENT_TERMINATED']);
  });

  it('should keep the called instance running when a child escalation is caught by a non-interrupting escalation boundary', async () => {
    // given a child that escalates (催办) and then waits for its task
    const escalating = withRoots(
      processXml(
        'cab-esc-child',
        [
          start(),
          '<bpmn:intermediateThrowEvent id="urge"><bpmn:escalationEventDefinition escalationRef="late" /></bpmn:intermediateThrowEvent>',
          serviceTask('work', 'cab-esc-child-work'),
          end(),
          flow('c1', 'start', 'urge'),
          flow('c2', 'urge', 'work'),
          flow('c3', 'work', 'end'),
        ].join('\n'),
      ),
      ['<bpmn:escalation id="late" name="late" escalationCode="LATE" />'],
    );
    await h.deploy('cab-esc-child.bpmn', escalating);
    const parent = caller('cab-esc', 'cab-esc-child', boundary('onEvent', 'call', '<bpmn:escalationEventDefinition escalationRef="late" />', false), [
      '<bpmn:escalation id="late" name="late" escalationCode="LATE" />',
    ]);
    await h.deploy('cab-esc.bpmn', parent);
    // when
    const { processInstanceKey } = await h.client.createProcessInstance({ bpmnProcessId: 'cab-esc', variables: {} });
    // then the boundary path runs and the child still has its task
    const childKey = childOf(h.records(), processInstanceKey);
    await jobOf(h.client, 'cab-esc-after-event', processInstanceKey);
    const work = await jobOf(h.client, 'cab-esc-child-work', childKey);
    expect(lifecycle(h.records(), 'call', processInstanceKey)).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED']);
    await h.client.completeJob({ jobKey: work.key, variables: {} });
    expect(lifecycle(h.records(), 'call', processInstanceKey).slice(-1)).toEqual(['ELEMENT_COMPLETED']);
  });

  it('should terminate every called instance of a multi-instance call activity when its timer boundary fires (会签 of called chains with a deadline)', async () => {
    // given a parallel multi-instance call activity, one called chain per office, with a 2-day deadline
    const call =
      '<bpmn:callActivity id="call"><bpmn:extensionElements><zeebe:calledElement processId="cab-child" /></bpmn:extensionElements>' +
      '<bpmn:multiInstanceLoopCharacteristics><bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=offices" inputElement="office" /></bpmn:extensionElements></bpmn:multiInstanceLoopCharacteristics></bpmn:callActivity>';
    const xml = processXml(
      'cab-mi',
      [start(), call, boundary('onEvent', 'call', timerDef('timeDuration', 'P2D')), end(), '<bpmn:endEvent id="caught" />', flow('f1', 'start', 'call'), flow('f2', 'call', 'end'), flow('f3', 'onEvent', 'caught')].join('\n'),
    );
    await h.deploy('cab-mi.bpmn', xml);
    const { processInstanceKey } = await h.client.createProcessInstance({ bpmnProcessId: 'cab-mi', variables: { offices: ['land', 'building', 'fire'] } });
    const children = h.records().filter((r) => r.valueType === 'PROCESS_INSTANCE' && r.intent === 'ELEMENT_ACTIVATED' && (r.value as { bpmnElementType: string }).bpmnElementType === 'PROCESS' && String((r.value as { parentProcessInstanceKey: number }).parentProcessInstanceKey) === processInstanceKey);
    expect(children).toHaveLength(3);
    expect(h.recordsOf('TIMER', 'CREATED', processInstanceKey)).toHaveLength(1);
    // when
    await h.advance(48 * HOUR);
    // then every called chain is terminated and the deadline path ends the case
    const records = h.records();
    for (const c of children) expect(lifecycle(records, 'cab-child', String(c.key)).slice(-1)).toEqual(['ELEMENT_TERMINATED']);
    expect(lifecycle(records, 'caught', processInstanceKey)).toContain('ELEMENT_COMPLETED');
    expect(lifecycle(records, 'end', processInstanceKey)).toEqual([]);
    expect(completed(records, 'cab-mi', processInstanceKey)).toBe(true);
  });

  it('should accept escalation and error boundary events on a call activity at deploy', async () => {
    // given a call activity with an escalation boundary and an error boundary
    const xml = withRoots(
      processXml(
        'cab-escalation',
        [
          start(),
          '<bpmn:callActivity id="call"><bpmn:extensionElements><zeebe:calledElement processId="cab-child" /></bpmn:extensionElements></bpmn:callActivity>',
          boundary('esc', 'call', '<bpmn:escalationEventDefinition escalationRef="late" />', false),
          boundary('err', 'call', '<bpmn:errorEventDefinition />'),
          end(),
          '<bpmn:endEvent id="escalated" />',
          '<bpmn:endEvent id="failed" />',
          flow('f1', 'start', 'call'),
          flow('f2', 'call', 'end'),
          flow('f3', 'esc', 'escalated'),
          flow('f4', 'err', 'failed'),
        ].join('\n'),
      ),
      ['<bpmn:escalation id="late" name="late" escalationCode="LATE" />'],
    );
    // when / then
    await expect(h.deploy('cab-escalation.bpmn', xml)).resolves.toBeTruthy();
  });
});

describe('replay with boundary events on call activities', () => {
  const startEngine = liveEngines('streetflow-replay-call-boundary-');

  /** Runs the interrupting and non-interrupting cases on a live engine. */
  async function workload(client: ZBClient, advance: (ms: number) => Promise<void>): Promise<void> {
    await client.deployResource({ name: 'rcab-child.bpmn', process: Buffer.from(child('rcab-child', 'rcab-child-work')) });
    await client.deployResource({ name: 'rcab-timer.bpmn', process: Buffer.from(caller('rcab-timer', 'rcab-child', boundary('onEvent', 'call', timerDef('timeDuration', 'PT1H')))) });
    const remind = caller('rcab-remind', 'rcab-child', boundary('onEvent', 'call', messageDef('urge'), false), [message('urge', 'rcab-urge', '=caseNo')]);
    await client.deployResource({ name: 'rcab-remind.bpmn', process: Buffer.from(remind) });
    for (let n = 0; n < 2; n++) await client.createProcessInstance({ bpmnProcessId: 'rcab-timer', variables: { n } });
    await client.createProcessInstance({ bpmnProcessId: 'rcab-remind', variables: { caseNo: 'X-1' } });
    await client.publishMessage({ name: 'rcab-urge', correlationKey: 'X-1', variables: { urged: true }, timeToLive: 0 });
    await advance(2 * HOUR);
  }

  it('should rebuild exactly the live state from the log after call activity boundaries fired', async () => {
    // given
    const run = await startEngine({ controllableClock: true });
    await workload(run.client, (ms) => run.engine.clock.advance(ms));
    // when
    const { live, liveKey, replayed } = await replayFromLog(run, (stopped) => ({ clockStartTime: stopped.clock.now() }));
    // then
    expect(replayed.state.snapshot()).toEqual(live);
    expect(replayed.state.keys.nextKey).toBe(liveKey);
    await replayed.stop();
  });
});
