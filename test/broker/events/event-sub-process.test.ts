import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportedRecord } from '../../../engine/broker/index.ts';
import { jobOf } from '../engine/support/engine-harness.ts';
import { end, flow, io, message, messageDef, processXml, serviceTask, signal, signalDef, start, timerDef, withRoots } from './support/event-bpmn.ts';
import { eventSubProcess } from './support/event-sub-process-bpmn.ts';
import { completed, HOUR, lifecycle, startEventsHarness, type EventsHarness } from './support/events-harness.ts';

/** start → service task `task` (job type `<id>-work`) → end, plus the given event sub-processes. */
const processWithTask = (id: string, espXml: string[], roots: string[] = []): string =>
  withRoots(processXml(id, [start(), serviceTask('task', `${id}-work`), end(), flow('f1', 'start', 'task'), flow('f2', 'task', 'end'), ...espXml].join('\n')), roots);

/** start → sub-process `stage` (start → task → end, plus the event sub-processes) → end. */
const processWithStage = (id: string, espXml: string[], roots: string[] = []): string =>
  withRoots(
    processXml(
      id,
      [
        start(),
        `<bpmn:subProcess id="stage">${[start('stageStart'), serviceTask('task', `${id}-work`), end('stageEnd'), flow('s1', 'stageStart', 'task'), flow('s2', 'task', 'stageEnd'), ...espXml].join('\n')}</bpmn:subProcess>`,
        end(),
        flow('f1', 'start', 'stage'),
        flow('f2', 'stage', 'end'),
      ].join('\n'),
    ),
    roots,
  );

/** Element instance keys of the instances of an element that reached ELEMENT_ACTIVATED. */
function activations(records: ExportedRecord[], elementId: string, pi: string): ExportedRecord[] {
  return records.filter(
    (r) =>
      r.valueType === 'PROCESS_INSTANCE' &&
      r.intent === 'ELEMENT_ACTIVATED' &&
      (r.value as { elementId: string }).elementId === elementId &&
      String((r.value as { processInstanceKey: number }).processInstanceKey) === pi,
  );
}

/** Position of the first PROCESS_INSTANCE event of an element with an intent. */
function positionOf(records: ExportedRecord[], elementId: string, intent: string, pi: string): number {
  const found = records.find(
    (r) =>
      r.valueType === 'PROCESS_INSTANCE' &&
      r.recordType === 'EVENT' &&
      r.intent === intent &&
      (r.value as { elementId: string }).elementId === elementId &&
      String((r.value as { processInstanceKey: number }).processInstanceKey) === pi,
  );
  return found?.position ?? -1;
}

describe('event sub-processes (timer, message, signal)', () => {
  let h: EventsHarness;
  beforeAll(async () => {
    h = await startEventsHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('should terminate the process paths and run an interrupting timer event sub-process (办结时限 exceeded), then complete the process', async () => {
    // given
    await h.deploy(
      'esp-timer.bpmn',
      processWithTask('esp-timer', [eventSubProcess('overdue', { id: 'overdueStart', definition: timerDef('timeDuration', 'PT2H'), interrupting: true }, 'esp-timer-escalate')]),
    );
    const { processInstanceKey: pi } = await h.client.createProcessInstance({ bpmnProcessId: 'esp-timer', variables: {} });
    expect(h.recordsOf('TIMER', 'CREATED', pi)).toHaveLength(1);
    // when
    await h.advance(2 * HOUR);
    // then
    const records = h.records();
    expect(lifecycle(records, 'task', pi)).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED', 'ELEMENT_TERMINATING', 'ELEMENT_TERMINATED']);
    expect(lifecycle(records, 'overdue', pi)).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED']);
    const esp = records.find((r) => r.valueType === 'PROCESS_INSTANCE' && (r.value as { elementId: string }).elementId === 'overdue')!;
    expect(esp.value).toMatchObject({ bpmnElementType: 'EVENT_SUB_PROCESS', flowScopeKey: Number(pi) });
    // the process event is triggered first, the sub-process starts after the interrupted task is gone
    const triggering = h.recordsOf('PROCESS_EVENT', 'TRIGGERING', pi)[0]!;
    expect(triggering.value).toMatchObject({ scopeKey: Number(pi), targetElementId: 'overdueStart' });
    expect(triggering.position).toBeLessThan(positionOf(records, 'task', 'ELEMENT_TERMINATING', pi));
    expect(positionOf(records, 'task', 'ELEMENT_TERMINATED', pi)).toBeLessThan(positionOf(records, 'overdue', 'ELEMENT_ACTIVATING', pi));
    expect(h.recordsOf('PROCESS_EVENT', 'TRIGGERED', pi)).toHaveLength(1);
    expect(h.recordsOf('JOB', 'CANCELED', pi)).toHaveLength(1);
    // when the event sub-process finishes
    const job = await jobOf(h.client, 'esp-timer-escalate', pi);
    await h.client.completeJob({ jobKey: job.key, variables: {} });
    // then the process completes with it
    await h.waitForRecord((r) => r.intent === 'ELEMENT_COMPLETED' && (r.value as { elementId: string }).elementId === 'esp-timer');
    expect(lifecycle(h.records(), 'overdue', pi)).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED', 'ELEMENT_COMPLETING', 'ELEMENT_COMPLETED']);
    expect(lifecycle(h.records(), 'end', pi)).toEqual([]);
  });

  it('should repeat a non-interrupting timer cycle event sub-process (督办 reminders) alongside the main path, several running at once', async () => {
    // given
    await h.deploy(
      'esp-cycle.bpmn',
      processWithTask('esp-cycle', [eventSubProcess('remind', { id: 'remindStart', definition: timerDef('timeCycle', 'R3/PT1H'), interrupting: false }, 'esp-cycle-remind')]),
    );
    const { processInstanceKey: pi } = await h.client.createProcessInstance({ bpmnProcessId: 'esp-cycle', variables: {} });
    // when two cycles pass
    await h.advance(HOUR);
    await h.advance(HOUR);
    // then two reminders run next to the task, and the next repetition is pending
    expect(activations(h.records(), 'remind', pi)).toHaveLength(2);
    expect(lifecycle(h.records(), 'task', pi)).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED']);
    expect(h.recordsOf('TIMER', 'CREATED', pi).map((r) => (r.value as { repetitions: number }).repetitions)).toEqual([3, 2, 1]);
    // when the third and a further hour pass
    await h.advance(HOUR);
    await h.advance(HOUR);
    // then the cycle stopped after three
    expect(activations(h.records(), 'remind', pi)).toHaveLength(3);
    // when the main task completes, the process still waits for the running reminders
    const task = await jobOf(h.client, 'esp-cycle-work', pi);
    await h.client.completeJob({ jobKey: task.key, variables: {} });
    expect(completed(h.records(), 'esp-cycle', pi)).toBe(false);
    for (let n = 0; n < 3; n++) {
      const reminder = await jobOf(h.client, 'esp-cycle-remind', pi);
      await h.client.completeJob({ jobKey: reminder.key, variables: {} });
    }
    // then
    await h.waitForRecord((r) => r.intent === 'ELEMENT_COMPLETED' && (r.value as { elementId: string }).elementId === 'esp-cycle');
    expect(lifecycle(h.records(), 'remind', pi).filter((i) => i === 'ELEMENT_COMPLETED')).toHaveLength(3);
  });

  it('should evaluate a FEEL timer of an event sub-process with the variables of its scope (办结时限 from the case)', async () => {
    // given
    await h.deploy('esp-feel.bpmn', processWithTask('esp-feel', [eventSubProcess('slaBreached', { id: 'slaStart', definition: timerDef('timeDuration', '=sla'), interrupting: true })]));
    // when
    const { processInstanceKey: pi } = await h.client.createProcessInstance({ bpmnProcessId: 'esp-feel', variables: { sla: 'PT30M' } });
    const timer = h.recordsOf('TIMER', 'CREATED', pi)[0]!;
    const created = h.records().find((r) => r.valueType === 'PROCESS_INSTANCE' && String(r.key) === pi)!;
    // then
    expect((timer.value as { dueDate: number }).dueDate - created.timestamp).toBe(30 * 60_000);
    await h.advance(30 * 60_000);
    expect(lifecycle(h.records(), 'slaBreached', pi)).toContain('ELEMENT_COMPLETED');
  });

  it('should close the event sub-process timer when the process completes first', async () => {
    // given
    await h.deploy('esp-close.bpmn', processWithTask('esp-close', [eventSubProcess('late', { id: 'lateStart', definition: timerDef('timeDuration', 'PT5H'), interrupting: true })]));
    const { processInstanceKey: pi } = await h.client.createProcessInstance({ bpmnProcessId: 'esp-close', variables: {} });
    // when
    const job = await jobOf(h.client, 'esp-close-work', pi);
    await h.client.completeJob({ jobKey: job.key, variables: {} });
    await h.waitForRecord((r) => r.intent === 'ELEMENT_COMPLETED' && (r.value as { elementId: string }).elementId === 'esp-close');
    await h.advance(6 * HOUR);
    // then
    expect(h.recordsOf('TIMER', 'CANCELED', pi)).toHaveLength(1);
    expect(h.recordsOf('TIMER', 'TRIGGERED', pi)).toHaveLength(0);
    expect(lifecycle(h.records(), 'late', pi)).toEqual([]);
  });

  it('should cancel the event sub-process subscriptions when the process instance is canceled', async () => {
    // given
    await h.deploy(
      'esp-cancel.bpmn',
      processWithTask('esp-cancel', [eventSubProcess('withdraw', { id: 'withdrawStart', definition: messageDef('esp-cancel-msg'), interrupting: true })], [message('esp-cancel-msg', 'esp-withdraw', '=caseId')]),
    );
    const { processInstanceKey: pi } = await h.client.createProcessInstance({ bpmnProcessId: 'esp-cancel', variables: { caseId: 'c-cancel' } });
    // when
    await h.client.cancelProcessInstance(pi);
    // then
    expect(h.recordsOf('PROCESS_MESSAGE_SUBSCRIPTION', 'DELETED', pi)).toHaveLength(1);
    expect(lifecycle(h.records(), 'esp-cancel', pi)).toContain('ELEMENT_TERMINATED');
  });

  it('should withdraw (撤回) a case with an interrupting message event sub-process, merging the message variables into the process', async () => {
    // given
    await h.deploy(
      'esp-msg.bpmn',
      processWithTask(
        'esp-msg',
        [
          eventSubProcess('withdraw', { id: 'withdrawStart', definition: messageDef('esp-msg-w'), interrupting: true }),
          eventSubProcess('later', { id: 'laterStart', definition: timerDef('timeDuration', 'PT9H'), interrupting: true }),
        ],
        [message('esp-msg-w', 'esp-withdrawn', '=caseId')],
      ),
    );
    const { processInstanceKey: pi } = await h.client.createProcessInstance({ bpmnProcessId: 'esp-msg', variables: { caseId: 'c-1' } });
    // when
    await h.client.publishMessage({ name: 'esp-withdrawn', correlationKey: 'c-1', variables: { reason: '申请人撤回' }, timeToLive: 0 });
    await h.waitForRecord((r) => r.intent === 'ELEMENT_COMPLETED' && (r.value as { elementId: string }).elementId === 'esp-msg');
    // then
    const records = h.records();
    expect(lifecycle(records, 'task', pi)).toContain('ELEMENT_TERMINATED');
    expect(lifecycle(records, 'withdraw', pi)).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED', 'ELEMENT_COMPLETING', 'ELEMENT_COMPLETED']);
    // the other event sub-process's timer closed when this one interrupted
    expect(h.recordsOf('TIMER', 'CANCELED', pi)).toHaveLength(1);
    const reason = h.recordsOf('VARIABLE', 'CREATED', pi).find((r) => (r.value as { name: string }).name === 'reason')!;
    expect(reason.value).toMatchObject({ value: '"申请人撤回"', scopeKey: Number(pi) });
  });

  it('should run a non-interrupting message event sub-process for every message, keeping the subscription and mapping the message variables', async () => {
    // given
    const mapped = io([], [['=note', 'lastNote']]);
    await h.deploy(
      'esp-msg-n.bpmn',
      processWithTask('esp-msg-n', [eventSubProcess('supervise', { id: 'superviseStart', definition: messageDef('esp-msg-n-s'), interrupting: false, extensions: mapped })], [
        message('esp-msg-n-s', 'esp-supervise', '=caseId'),
      ]),
    );
    const { processInstanceKey: pi } = await h.client.createProcessInstance({ bpmnProcessId: 'esp-msg-n', variables: { caseId: 'c-2' } });
    // when
    await h.client.publishMessage({ name: 'esp-supervise', correlationKey: 'c-2', variables: { note: '催办一' }, timeToLive: 0 });
    await h.client.publishMessage({ name: 'esp-supervise', correlationKey: 'c-2', variables: { note: '催办二' }, timeToLive: 0 });
    // then
    const records = h.records();
    expect(lifecycle(records, 'supervise', pi).filter((i) => i === 'ELEMENT_COMPLETED')).toHaveLength(2);
    expect(lifecycle(records, 'task', pi)).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED']);
    expect(h.recordsOf('PROCESS_MESSAGE_SUBSCRIPTION', 'DELETED', pi)).toHaveLength(0);
    const lastNote = h.recordsOf('VARIABLE', undefined, pi).filter((r) => (r.value as { name: string }).name === 'lastNote');
    expect(lastNote.map((r) => (r.value as { value: string }).value)).toEqual(['"催办一"', '"催办二"']);
    expect(lastNote.every((r) => (r.value as { scopeKey: number }).scopeKey === Number(pi))).toBe(true);
    // the raw message variable stayed local to the start event (it has output mappings)
    const note = h.recordsOf('VARIABLE', 'CREATED', pi).find((r) => (r.value as { name: string }).name === 'note')!;
    expect((note.value as { scopeKey: number }).scopeKey).not.toBe(Number(pi));
  });

  it('should trigger a message event sub-process with a message buffered before the instance started', async () => {
    // given a message published (with a time to live) before the instance exists
    await h.deploy(
      'esp-buffered.bpmn',
      processWithTask('esp-buffered', [eventSubProcess('withdraw', { id: 'withdrawStart', definition: messageDef('esp-buf-w'), interrupting: true })], [message('esp-buf-w', 'esp-buffered-withdraw', '=caseId')]),
    );
    await h.client.publishMessage({ name: 'esp-buffered-withdraw', correlationKey: 'c-buf', variables: {}, timeToLive: HOUR });
    // when
    const { processInstanceKey: pi } = await h.client.createProcessInstance({ bpmnProcessId: 'esp-buffered', variables: { caseId: 'c-buf' } });
    await h.waitForRecord((r) => r.intent === 'ELEMENT_COMPLETED' && (r.value as { elementId: string }).elementId === 'esp-buffered');
    // then the withdrawal ran instead of the main path (whose pending activation was dropped)
    expect(lifecycle(h.records(), 'withdraw', pi)).toContain('ELEMENT_COMPLETED');
    expect(lifecycle(h.records(), 'task', pi)).not.toContain('ELEMENT_ACTIVATED');
    expect(lifecycle(h.records(), 'end', pi)).toEqual([]);
    expect(h.recordsOf('JOB', 'CREATED', pi)).toHaveLength(0);
  });

  it('should run an interrupting message event sub-process inside an embedded sub-process and then leave the sub-process', async () => {
    // given
    await h.deploy(
      'esp-sub-msg.bpmn',
      processWithStage('esp-sub-msg', [eventSubProcess('sendBack', { id: 'sendBackStart', definition: messageDef('esp-sub-msg-m'), interrupting: true })], [
        message('esp-sub-msg-m', 'esp-send-back', '=caseId'),
      ]),
    );
    const { processInstanceKey: pi } = await h.client.createProcessInstance({ bpmnProcessId: 'esp-sub-msg', variables: { caseId: 'c-3' } });
    const stageKey = activations(h.records(), 'stage', pi)[0]!.key;
    const subscription = h.recordsOf('PROCESS_MESSAGE_SUBSCRIPTION', 'CREATED', pi)[0]!;
    expect((subscription.value as { elementInstanceKey: number }).elementInstanceKey).toBe(stageKey);
    // when
    await h.client.publishMessage({ name: 'esp-send-back', correlationKey: 'c-3', variables: {}, timeToLive: 0 });
    await h.waitForRecord((r) => r.intent === 'ELEMENT_COMPLETED' && (r.value as { elementId: string }).elementId === 'esp-sub-msg');
    // then
    const records = h.records();
    const esp = records.find((r) => (r.value as { elementId?: string }).elementId === 'sendBack')!;
    expect((esp.value as { flowScopeKey: number }).flowScopeKey).toBe(stageKey);
    expect(lifecycle(records, 'task', pi)).toContain('ELEMENT_TERMINATED');
    expect(lifecycle(records, 'stage', pi)).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED', 'ELEMENT_COMPLETING', 'ELEMENT_COMPLETED']);
    expect(lifecycle(records, 'stageEnd', pi)).toEqual([]);
    expect(lifecycle(records, 'end', pi)).toContain('ELEMENT_COMPLETED');
  });

  it('should run a non-interrupting signal event sub-process inside an embedded sub-process while its task goes on', async () => {
    // given
    await h.deploy(
      'esp-sub-sig.bpmn',
      processWithStage('esp-sub-sig', [eventSubProcess('notice', { id: 'noticeStart', definition: signalDef('esp-sig'), interrupting: false }, 'esp-sub-sig-notice')], [signal('esp-sig', 'esp-policy-changed')]),
    );
    const { processInstanceKey: pi } = await h.client.createProcessInstance({ bpmnProcessId: 'esp-sub-sig', variables: {} });
    // when
    await h.client.broadcastSignal({ signalName: 'esp-policy-changed', variables: {} });
    // then
    expect(activations(h.records(), 'notice', pi)).toHaveLength(1);
    expect(lifecycle(h.records(), 'task', pi)).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED']);
    // when the stage's task and the notice finish, the stage completes and its signal subscription closes
    const notice = await jobOf(h.client, 'esp-sub-sig-notice', pi);
    await h.client.completeJob({ jobKey: notice.key, variables: {} });
    const task = await jobOf(h.client, 'esp-sub-sig-work', pi);
    await h.client.completeJob({ jobKey: task.key, variables: {} });
    await h.waitForRecord((r) => r.intent === 'ELEMENT_COMPLETED' && (r.value as { elementId: string }).elementId === 'esp-sub-sig');
    expect(h.recordsOf('SIGNAL_SUBSCRIPTION', 'DELETED').some((r) => (r.value as { catchEventId: string }).catchEventId === 'noticeStart')).toBe(true);
  });

  it('should run an interrupting signal event sub-process of the process', async () => {
    // given
    await h.deploy(
      'esp-sig.bpmn',
      processWithTask('esp-sig', [eventSubProcess('halt', { id: 'haltStart', definition: signalDef('esp-sig-halt'), interrupting: true })], [signal('esp-sig-halt', 'esp-halt-all')]),
    );
    const { processInstanceKey: pi } = await h.client.createProcessInstance({ bpmnProcessId: 'esp-sig', variables: {} });
    // when
    await h.client.broadcastSignal({ signalName: 'esp-halt-all', variables: { haltedBy: '街道办' } });
    await h.waitForRecord((r) => r.intent === 'ELEMENT_COMPLETED' && (r.value as { elementId: string }).elementId === 'esp-sig');
    // then
    expect(lifecycle(h.records(), 'task', pi)).toContain('ELEMENT_TERMINATED');
    expect(lifecycle(h.records(), 'halt', pi)).toContain('ELEMENT_COMPLETED');
    const haltedBy = h.recordsOf('VARIABLE', 'CREATED', pi).find((r) => (r.value as { name: string }).name === 'haltedBy')!;
    expect((haltedBy.value as { scopeKey: number }).scopeKey).toBe(Number(pi));
  });

  it('should open the event sub-processes of a called process and let them finish the called instance', async () => {
    // given
    await h.deploy('esp-called.bpmn', processWithTask('esp-called', [eventSubProcess('calledLate', { id: 'calledLateStart', definition: timerDef('timeDuration', 'PT3H'), interrupting: true })]));
    await h.deploy(
      'esp-caller.bpmn',
      processXml(
        'esp-caller',
        [start(), '<bpmn:callActivity id="call"><bpmn:extensionElements><zeebe:calledElement processId="esp-called" /></bpmn:extensionElements></bpmn:callActivity>', end(), flow('f1', 'start', 'call'), flow('f2', 'call', 'end')].join('\n'),
      ),
    );
    const { processInstanceKey: pi } = await h.client.createProcessInstance({ bpmnProcessId: 'esp-caller', variables: {} });
    const child = h.records().find((r) => r.intent === 'ELEMENT_ACTIVATED' && (r.value as { elementId: string }).elementId === 'esp-called')!;
    expect(h.recordsOf('TIMER', 'CREATED', String(child.key))).toHaveLength(1);
    // when
    await h.advance(3 * HOUR);
    // then the called instance ends through its event sub-process and the parent goes on
    await h.waitForRecord((r) => r.intent === 'ELEMENT_COMPLETED' && (r.value as { elementId: string }).elementId === 'esp-caller');
    expect(lifecycle(h.records(), 'calledLate', String(child.key))).toContain('ELEMENT_COMPLETED');
    expect(lifecycle(h.records(), 'call', pi)).toContain('ELEMENT_COMPLETED');
  });

  it('should open the event sub-processes of a process started by a message start event', async () => {
    // given
    const xml = withRoots(
      processXml(
        'esp-msg-start',
        [
          `<bpmn:startEvent id="applied">${messageDef('esp-ms-apply')}</bpmn:startEvent>`,
          serviceTask('review', 'esp-msg-start-review'),
          end(),
          flow('f1', 'applied', 'review'),
          flow('f2', 'review', 'end'),
          eventSubProcess('cancelled', { id: 'cancelledStart', definition: messageDef('esp-ms-cancel'), interrupting: true }),
        ].join('\n'),
      ),
      [message('esp-ms-apply', 'esp-apply'), message('esp-ms-cancel', 'esp-apply-cancel', '=applicationId')],
    );
    await h.deploy('esp-msg-start.bpmn', xml);
    // when
    await h.client.publishMessage({ name: 'esp-apply', correlationKey: 'a-7', variables: { applicationId: 'a-7' }, timeToLive: 0 });
    const created = await h.waitForRecord((r) => r.intent === 'ELEMENT_ACTIVATED' && (r.value as { elementId: string }).elementId === 'esp-msg-start');
    const pi = String(created.key);
    await h.client.publishMessage({ name: 'esp-apply-cancel', correlationKey: 'a-7', variables: {}, timeToLive: 0 });
    // then
    await h.waitForRecord((r) => r.intent === 'ELEMENT_COMPLETED' && (r.value as { elementId: string }).elementId === 'esp-msg-start');
    expect(lifecycle(h.records(), 'review', pi)).toContain('ELEMENT_TERMINATED');
    expect(lifecycle(h.records(), 'cancelled', pi)).toContain('ELEMENT_COMPLETED');
  });

  it('should open the event sub-processes of a sub-process created by ModifyProcessInstance (退回 into a stage)', async () => {
    // given an instance in the stage
    await h.deploy('esp-modify.bpmn', processWithStage('esp-modify', [eventSubProcess('stageLate', { id: 'stageLateStart', definition: timerDef('timeDuration', 'PT1H'), interrupting: true })]));
    const { processInstanceKey: modified } = await h.client.createProcessInstance({ bpmnProcessId: 'esp-modify', variables: {} });
    const stage = activations(h.records(), 'stage', modified)[0]!;
    // when the running stage's task is terminated and another one activated in a new stage instance
    await h.client.modifyProcessInstance({
      processInstanceKey: modified,
      activateInstructions: [{ elementId: 'task', ancestorElementInstanceKey: modified, variableInstructions: [] }],
      terminateInstructions: [{ elementInstanceKey: String(stage.key) }],
    });
    // then the new stage instance has its event sub-process timer, which fires
    const stages = activations(h.records(), 'stage', modified);
    expect(stages).toHaveLength(2);
    const timers = h.recordsOf('TIMER', 'CREATED', modified).map((r) => (r.value as { elementInstanceKey: number }).elementInstanceKey);
    expect(timers).toEqual([stage.key, stages[1]!.key]);
    await h.advance(HOUR);
    expect(lifecycle(h.records(), 'stageLate', modified)).toContain('ELEMENT_COMPLETED');
  });

  it("should apply an event sub-process's input mappings on activation and its output mappings on completion", async () => {
    // given
    const espWithIo = eventSubProcess('handle', { id: 'handleStart', definition: messageDef('esp-io-m'), interrupting: false }).replace(
      '<bpmn:subProcess id="handle" triggeredByEvent="true">',
      `<bpmn:subProcess id="handle" triggeredByEvent="true"><bpmn:extensionElements>${io([['=caseId', 'espCase']], [['=espCase + &quot;-handled&quot;', 'outcome']])}</bpmn:extensionElements>`,
    );
    await h.deploy('esp-io.bpmn', processWithTask('esp-io', [espWithIo], [message('esp-io-m', 'esp-io-msg', '=caseId')]));
    const { processInstanceKey: pi } = await h.client.createProcessInstance({ bpmnProcessId: 'esp-io', variables: { caseId: 'c-io' } });
    // when
    await h.client.publishMessage({ name: 'esp-io-msg', correlationKey: 'c-io', variables: {}, timeToLive: 0 });
    // then
    const espKey = activations(h.records(), 'handle', pi)[0]!.key;
    const local = h.recordsOf('VARIABLE', 'CREATED', pi).find((r) => (r.value as { name: string }).name === 'espCase')!;
    expect(local.value).toMatchObject({ value: '"c-io"', scopeKey: espKey });
    const outcome = h.recordsOf('VARIABLE', 'CREATED', pi).find((r) => (r.value as { name: string }).name === 'outcome')!;
    expect(outcome.value).toMatchObject({ value: '"c-io-handled"', scopeKey: Number(pi) });
  });

  it('should raise an incident when an interrupting event sub-process cannot map its inputs, and start it once resolved', async () => {
    // given
    const espWithInput = eventSubProcess('escalateCase', { id: 'escalateStart', definition: timerDef('timeDuration', 'PT1H'), interrupting: true }, 'esp-inc-handle').replace(
      '<bpmn:subProcess id="escalateCase" triggeredByEvent="true">',
      `<bpmn:subProcess id="escalateCase" triggeredByEvent="true"><bpmn:extensionElements>${io([['=assert(officer, officer != null)', 'assignee']])}</bpmn:extensionElements>`,
    );
    await h.deploy('esp-inc.bpmn', processWithTask('esp-inc', [espWithInput]));
    const { processInstanceKey: pi } = await h.client.createProcessInstance({ bpmnProcessId: 'esp-inc', variables: {} });
    // when
    await h.advance(HOUR);
    // then the main path is gone and the event sub-process waits on an incident
    const incident = h.recordsOf('INCIDENT', 'CREATED', pi)[0]!;
    expect(incident.value).toMatchObject({ errorType: 'IO_MAPPING_ERROR', elementId: 'escalateCase' });
    expect(lifecycle(h.records(), 'task', pi)).toContain('ELEMENT_TERMINATED');
    // when the variable is set and the incident resolved
    await h.client.setVariables({ elementInstanceKey: pi, variables: { officer: '督查室' }, local: false });
    await h.client.resolveIncident({ incidentKey: String(incident.key) });
    // then it starts (without event variables) and the process completes after it
    const job = await jobOf(h.client, 'esp-inc-handle', pi);
    expect(job.variables).toMatchObject({ assignee: '督查室' });
    await h.client.completeJob({ jobKey: job.key, variables: {} });
    await h.waitForRecord((r) => r.intent === 'ELEMENT_COMPLETED' && String(r.key) === pi);
    expect(lifecycle(h.records(), 'escalateCase', pi)).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED', 'ELEMENT_COMPLETING', 'ELEMENT_COMPLETED']);
  });

  it('should run a timer event sub-process of a sub-process only while the sub-process is active', async () => {
    // given
    await h.deploy('esp-sub-timer.bpmn', processWithStage('esp-sub-timer', [eventSubProcess('stageLate', { id: 'stageLateStart', definition: timerDef('timeDate', '2099-01-01T00:00:00Z'), interrupting: true })]));
    const { processInstanceKey: pi } = await h.client.createProcessInstance({ bpmnProcessId: 'esp-sub-timer', variables: {} });
    const timer = h.recordsOf('TIMER', 'CREATED', pi)[0]!;
    expect((timer.value as { elementInstanceKey: number }).elementInstanceKey).toBe(activations(h.records(), 'stage', pi)[0]!.key);
    // when
    const task = await jobOf(h.client, 'esp-sub-timer-work', pi);
    await h.client.completeJob({ jobKey: task.key, variables: {} });
    await h.waitForRecord((r) => r.intent === 'ELEMENT_COMPLETED' && (r.value as { elementId: string }).elementId === 'esp-sub-timer');
    // then
    expect(h.recordsOf('TIMER', 'CANCELED', pi)).toHaveLength(1);
  });
  it("should open a scope's event sub-process subscriptions when its start event completes, after the scope's ELEMENT_ACTIVATED (Zeebe's order)", async () => {
    // given
    await h.deploy('esp-order.bpmn', processWithStage('esp-order', [eventSubProcess('stageLate', { id: 'stageLateStart', definition: timerDef('timeDuration', 'PT1H'), interrupting: true })]));
    // when
    const { processInstanceKey: pi } = await h.client.createProcessInstance({ bpmnProcessId: 'esp-order', variables: {} });
    await jobOf(h.client, 'esp-order-work', pi);
    // then the timer is created while the stage's start event completes
    const records = h.records();
    const timerPosition = h.recordsOf('TIMER', 'CREATED', pi)[0]!.position;
    expect(positionOf(records, 'stage', 'ELEMENT_ACTIVATED', pi)).toBeLessThan(timerPosition);
    expect(positionOf(records, 'stageStart', 'ELEMENT_COMPLETING', pi)).toBeLessThan(timerPosition);
    expect(timerPosition).toBeLessThan(positionOf(records, 'stageStart', 'ELEMENT_COMPLETED', pi));
    await h.client.cancelProcessInstance(pi);
  });

  it("should raise the incident of an event sub-process timer that cannot be evaluated on the scope's start event, and complete that start event once resolved", async () => {
    // given a process whose event sub-process timer needs a variable the instance does not have
    await h.deploy('esp-no-sla.bpmn', processWithTask('esp-no-sla', [eventSubProcess('slaBreached', { id: 'slaStart', definition: timerDef('timeDuration', '=sla'), interrupting: true })]));
    // when
    const { processInstanceKey: pi } = await h.client.createProcessInstance({ bpmnProcessId: 'esp-no-sla', variables: {} });
    // then the process is active, its start event waits in COMPLETING with the incident, nothing else started
    await h.waitForRecord((r) => r.valueType === 'INCIDENT' && r.intent === 'CREATED' && String((r.value as { processInstanceKey: number }).processInstanceKey) === pi);
    const incident = h.recordsOf('INCIDENT', 'CREATED', pi)[0]!;
    const startKey = activations(h.records(), 'start', pi)[0]!.key;
    expect(incident.value).toMatchObject({ errorType: 'EXTRACT_VALUE_ERROR', elementId: 'start', elementInstanceKey: startKey });
    expect(lifecycle(h.records(), 'esp-no-sla', pi)).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED']);
    expect(lifecycle(h.records(), 'start', pi)).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED', 'ELEMENT_COMPLETING']);
    expect(lifecycle(h.records(), 'task', pi)).toEqual([]);
    expect(h.recordsOf('TIMER', 'CREATED', pi)).toEqual([]);
    // when the variable is set and the incident resolved
    await h.client.setVariables({ elementInstanceKey: pi, variables: { sla: 'PT30M' }, local: false });
    await h.client.resolveIncident({ incidentKey: String(incident.key) });
    await jobOf(h.client, 'esp-no-sla-work', pi);
    // then the start event completes, the timer waits, and it fires after 30 minutes
    expect(lifecycle(h.records(), 'start', pi)).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED', 'ELEMENT_COMPLETING', 'ELEMENT_COMPLETED']);
    expect(h.recordsOf('TIMER', 'CREATED', pi)).toHaveLength(1);
    await h.advance(30 * 60_000);
    expect(lifecycle(h.records(), 'slaBreached', pi)).toContain('ELEMENT_COMPLETED');
  });

  it("should raise the incident of a sub-process's event sub-process message without a correlation key on the sub-process's start event", async () => {
    // given
    await h.deploy(
      'esp-no-key.bpmn',
      processWithStage('esp-no-key', [eventSubProcess('withdraw', { id: 'withdrawStart', definition: messageDef('m-withdraw'), interrupting: true })], [message('m-withdraw', 'withdraw', '=caseId')]),
    );
    // when
    const { processInstanceKey: pi } = await h.client.createProcessInstance({ bpmnProcessId: 'esp-no-key', variables: {} });
    await h.waitForRecord((r) => r.valueType === 'INCIDENT' && r.intent === 'CREATED' && String((r.value as { processInstanceKey: number }).processInstanceKey) === pi);
    // then the incident is on the stage's start event, the stage itself is active
    const incident = h.recordsOf('INCIDENT', 'CREATED', pi)[0]!;
    expect(incident.value).toMatchObject({ errorType: 'EXTRACT_VALUE_ERROR', elementId: 'stageStart' });
    expect(lifecycle(h.records(), 'stage', pi)).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED']);
    // when the key is given and the incident resolved, the case can be withdrawn by its message
    await h.client.setVariables({ elementInstanceKey: pi, variables: { caseId: 'W-1' }, local: false });
    await h.client.resolveIncident({ incidentKey: String(incident.key) });
    await jobOf(h.client, 'esp-no-key-work', pi);
    await h.client.publishMessage({ name: 'withdraw', correlationKey: 'W-1', variables: {}, timeToLive: 0 });
    await h.waitForRecord((r) => r.intent === 'ELEMENT_COMPLETED' && String(r.key) === pi);
    expect(lifecycle(h.records(), 'withdraw', pi)).toContain('ELEMENT_COMPLETED');
    expect(lifecycle(h.records(), 'task', pi)).toContain('ELEMENT_TERMINATED');
  });
});
