/**
 * Flow scopes created by ModifyProcessInstance and by CreateProcessInstance start instructions wait
 * for their own events: boundary timers, messages and signals, and their event sub-processes' starts
 * (through zeebe-node, on a controllable clock). Also the start-instruction rejections.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boundary, end, flow, message, messageDef, processXml, serviceTask, signal, signalDef, start, timerDef, withRoots } from '../events/support/event-bpmn.ts';
import { errorDef, eventSubProcess } from '../events/support/event-sub-process-bpmn.ts';
import { HOUR, lifecycle, startEventsHarness, type EventsHarness } from '../events/support/events-harness.ts';

/**
 * first → box { b-task; non-interrupting message event sub-process 'urge' (correlation =caseId) } → end;
 * box has an interrupting 1h timer boundary (→ escalated) and a non-interrupting signal boundary (→ noticed).
 */
const boxed = withRoots(
  processXml(
    'mod-box',
    [
      start(),
      serviceTask('first', 'mb-first'),
      `<bpmn:subProcess id="box">
        ${start('b-start')}${serviceTask('b-task', 'mb-task')}${serviceTask('b-task2', 'mb-task2')}${end('b-end')}${end('b-end2')}
        ${flow('b1', 'b-start', 'b-task')}${flow('b2', 'b-task', 'b-end')}${flow('b3', 'b-task2', 'b-end2')}
        ${eventSubProcess('urge', { id: 'urge-start', definition: messageDef('m-urge'), interrupting: false }, 'mb-urged')}
      </bpmn:subProcess>`,
      boundary('late', 'box', timerDef('timeDuration', 'PT1H')),
      boundary('notice', 'box', signalDef('s-notice'), false),
      serviceTask('escalated', 'mb-escalated'),
      serviceTask('noticed', 'mb-noticed'),
      end(),
      end('end-late'),
      end('end-notice'),
      flow('f1', 'start', 'first'),
      flow('f2', 'first', 'box'),
      flow('f3', 'box', 'end'),
      flow('f4', 'late', 'escalated'),
      flow('f5', 'escalated', 'end-late'),
      flow('f6', 'notice', 'noticed'),
      flow('f7', 'noticed', 'end-notice'),
    ].join('\n'),
  ),
  [message('m-urge', 'urge', '=caseId'), signal('s-notice', 'notice')],
);

/** A task inside a multi-instance sub-process and a catch event after an event-based gateway. */
const awkward = processXml(
  'mod-awkward',
  [
    start(),
    `<bpmn:subProcess id="mi"><bpmn:multiInstanceLoopCharacteristics><bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=[1,2]" inputElement="n" /></bpmn:extensionElements></bpmn:multiInstanceLoopCharacteristics>
      ${start('mi-start')}${serviceTask('mi-task', 'ma-mi')}${end('mi-end')}${flow('m1', 'mi-start', 'mi-task')}${flow('m2', 'mi-task', 'mi-end')}
    </bpmn:subProcess>`,
    '<bpmn:eventBasedGateway id="ebg" />',
    `<bpmn:intermediateCatchEvent id="wait">${timerDef('timeDuration', 'PT1H')}</bpmn:intermediateCatchEvent>`,
    `<bpmn:intermediateCatchEvent id="wait2">${timerDef('timeDuration', 'PT2H')}</bpmn:intermediateCatchEvent>`,
    end('e1'),
    end('e2'),
    end('e3'),
    flow('f1', 'start', 'mi'),
    flow('f2', 'mi', 'ebg'),
    flow('f3', 'ebg', 'wait'),
    flow('f4', 'ebg', 'wait2'),
    flow('f5', 'wait', 'e2'),
    flow('f6', 'wait2', 'e3'),
    flow('f7', 'mi', 'e1'),
  ].join('\n'),
);

/** first → due { d-task } with a boundary timer whose duration comes from a variable → end. */
const dueBox = processXml(
  'mod-due',
  [
    start(),
    serviceTask('first', 'md-first'),
    `<bpmn:subProcess id="due">${start('d-start')}${serviceTask('d-task', 'md-task')}${end('d-end')}${flow('d1', 'd-start', 'd-task')}${flow('d2', 'd-task', 'd-end')}</bpmn:subProcess>`,
    boundary('overdue', 'due', timerDef('timeDuration', '=dueIn')),
    end(),
    end('end-overdue'),
    flow('f1', 'start', 'first'),
    flow('f2', 'first', 'due'),
    flow('f3', 'due', 'end'),
    flow('f4', 'overdue', 'end-overdue'),
  ].join('\n'),
);

/**
 * work → end, with an interrupting message event sub-process 'halt', a non-interrupting signal event
 * sub-process 'ping' and a catch-all error event sub-process 'repair'.
 */
const haltable = withRoots(
  processXml(
    'mod-halt',
    [
      start(),
      serviceTask('work', 'mh-work'),
      end(),
      flow('f1', 'start', 'work'),
      flow('f2', 'work', 'end'),
      eventSubProcess('halt', { id: 'halt-start', definition: messageDef('m-halt'), interrupting: true }, 'mh-halt'),
      eventSubProcess('ping', { id: 'ping-start', definition: signalDef('s-ping'), interrupting: false }, 'mh-ping'),
      eventSubProcess('repair', { id: 'repair-start', definition: errorDef(), interrupting: true }, 'mh-repair'),
    ].join('\n'),
  ),
  [message('m-halt', 'halt', '=caseId'), signal('s-ping', 'ping')],
);

/**
 * work → end and a sub-process 'box' { b-task } with an interrupting 1h timer boundary 'late', in a process with an
 * interrupting message event sub-process 'halt' (a task) — box only runs when a modification activates b-task.
 */
const haltableBox = withRoots(
  processXml(
    'mod-halt-box',
    [
      start(),
      serviceTask('work', 'mhb-work'),
      end(),
      `<bpmn:subProcess id="box">${start('b-start')}${serviceTask('b-task', 'mhb-task')}${end('b-end')}${flow('b1', 'b-start', 'b-task')}${flow('b2', 'b-task', 'b-end')}</bpmn:subProcess>`,
      boundary('late', 'box', timerDef('timeDuration', 'PT1H')),
      end('end-late'),
      flow('f1', 'start', 'work'),
      flow('f2', 'work', 'end'),
      flow('f3', 'box', 'end'),
      flow('f4', 'late', 'end-late'),
      eventSubProcess('halt', { id: 'halt-start', definition: messageDef('m-halt2'), interrupting: true }, 'mhb-halt'),
    ].join('\n'),
  ),
  [message('m-halt2', 'halt2', '=caseId')],
);

describe('events of flow scopes created by modification and start instructions', () => {
  let h: EventsHarness;

  beforeAll(async () => {
    h = await startEventsHarness();
    await h.deploy('mod-box.bpmn', boxed);
    await h.deploy('mod-awkward.bpmn', awkward);
    await h.deploy('mod-due.bpmn', dueBox);
    await h.deploy('mod-halt.bpmn', haltable);
    await h.deploy('mod-halt-box.bpmn', haltableBox);
  });

  afterAll(async () => {
    await h.close();
  });

  async function jobFor(type: string, processInstanceKey: string) {
    for (let attempt = 0; attempt < 30; attempt++) {
      const jobs = await h.client.activateJobs({ type, worker: 'w', maxJobsToActivate: 20, timeout: 1_000, requestTimeout: 200 });
      const mine = jobs.find((j) => j.processInstanceKey === processInstanceKey);
      if (mine) return mine;
    }
    throw new Error(`no ${type} job for ${processInstanceKey}`);
  }

  const boxKeyOf = (pi: string): number => h.recordsOf('PROCESS_INSTANCE', 'ELEMENT_ACTIVATED', pi).find((r) => (r.value as { elementId: string }).elementId === 'box')!.key;

  it('should open the boundary timer and signal of a sub-process created by modification, and let the timer interrupt it', async () => {
    // given a case waiting at first
    const { processInstanceKey } = await h.client.createProcessInstance({ bpmnProcessId: 'mod-box', variables: { caseId: 'C-1' } });
    const first = await jobFor('mb-first', processInstanceKey);

    // when it is moved into the box
    await h.client.modifyProcessInstance({
      processInstanceKey,
      activateInstructions: [{ elementId: 'b-task', ancestorElementInstanceKey: '-1', variableInstructions: [] }],
      terminateInstructions: [{ elementInstanceKey: first.elementInstanceKey }],
    });
    await jobFor('mb-task', processInstanceKey);

    // then the created box waits for its boundary timer and signal
    const boxKey = boxKeyOf(processInstanceKey);
    const timers = h.recordsOf('TIMER', 'CREATED', processInstanceKey);
    expect(timers.map((t) => (t.value as { targetElementId: string; elementInstanceKey: number }))).toEqual([expect.objectContaining({ targetElementId: 'late', elementInstanceKey: boxKey })]);
    expect(h.recordsOf('SIGNAL_SUBSCRIPTION', 'CREATED').filter((r) => (r.value as { catchEventInstanceKey: number }).catchEventInstanceKey === boxKey)).toHaveLength(1);

    // when the signal is broadcast, the non-interrupting boundary takes its path and the box stays
    await h.client.broadcastSignal({ signalName: 'notice', variables: {} });
    await jobFor('mb-noticed', processInstanceKey);
    expect(lifecycle(h.records(), 'box', processInstanceKey)).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED']);

    // when an hour passes, the timer interrupts the box and the escalation path starts
    await h.advance(HOUR);
    await jobFor('mb-escalated', processInstanceKey);
    expect(lifecycle(h.records(), 'box', processInstanceKey)).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED', 'ELEMENT_TERMINATING', 'ELEMENT_TERMINATED']);
    expect(lifecycle(h.records(), 'b-task', processInstanceKey)).toContain('ELEMENT_TERMINATED');
    expect(lifecycle(h.records(), 'late', processInstanceKey)).toContain('ELEMENT_COMPLETED');
    await h.client.cancelProcessInstance(processInstanceKey);
  });

  it('should let the message event sub-process of a created scope catch, correlated by a variable set on that scope', async () => {
    // given a case waiting at first, without a caseId anywhere
    const { processInstanceKey } = await h.client.createProcessInstance({ bpmnProcessId: 'mod-box', variables: {} });
    const first = await jobFor('mb-first', processInstanceKey);

    // when it is moved into the box with the caseId set on the box
    await h.client.modifyProcessInstance({
      processInstanceKey,
      activateInstructions: [{ elementId: 'b-task', ancestorElementInstanceKey: '-1', variableInstructions: [{ scopeId: 'box', variables: { caseId: 'C-7' } }] }],
      terminateInstructions: [{ elementInstanceKey: first.elementInstanceKey }],
    });
    await jobFor('mb-task', processInstanceKey);

    // then the event sub-process start waits on the box with the box's correlation key
    const boxKey = boxKeyOf(processInstanceKey);
    const subscription = h.recordsOf('PROCESS_MESSAGE_SUBSCRIPTION', 'CREATING', processInstanceKey).concat(h.recordsOf('PROCESS_MESSAGE_SUBSCRIPTION', 'CREATED', processInstanceKey))[0]!;
    expect(subscription.value).toMatchObject({ elementInstanceKey: boxKey, correlationKey: 'C-7', messageName: 'urge' });

    // when the message is published, the event sub-process runs inside the box
    await h.client.publishMessage({ name: 'urge', correlationKey: 'C-7', variables: { urgedBy: '督办' }, timeToLive: 0 });
    const urged = await jobFor('mb-urged', processInstanceKey);
    expect(urged.variables).toMatchObject({ caseId: 'C-7', urgedBy: '督办' });
    const esp = h.recordsOf('PROCESS_INSTANCE', 'ELEMENT_ACTIVATED', processInstanceKey).find((r) => (r.value as { elementId: string }).elementId === 'urge')!;
    expect((esp.value as { flowScopeKey: number }).flowScopeKey).toBe(boxKey);
    await h.client.cancelProcessInstance(processInstanceKey);
  });

  it('should let an activated sub-process run from its start event and open its own boundary events', async () => {
    // given a case waiting at first
    const { processInstanceKey } = await h.client.createProcessInstance({ bpmnProcessId: 'mod-box', variables: { caseId: 'C-4' } });
    const first = await jobFor('mb-first', processInstanceKey);
    // when the box itself is activated
    await h.client.modifyProcessInstance({
      processInstanceKey,
      activateInstructions: [{ elementId: 'box', ancestorElementInstanceKey: '-1', variableInstructions: [] }],
      terminateInstructions: [{ elementInstanceKey: first.elementInstanceKey }],
    });
    // then it is entered at its start event like on its sequence flow, and its timer waits on it
    await jobFor('mb-task', processInstanceKey);
    expect(lifecycle(h.records(), 'b-start', processInstanceKey)).toContain('ELEMENT_COMPLETED');
    expect(h.recordsOf('TIMER', 'CREATED', processInstanceKey).map((t) => (t.value as { elementInstanceKey: number }).elementInstanceKey)).toEqual([boxKeyOf(processInstanceKey)]);
    await h.advance(HOUR);
    await jobFor('mb-escalated', processInstanceKey);
    await h.client.cancelProcessInstance(processInstanceKey);
  });

  it('should start an instance inside a sub-process with start instructions: the scope is created once and waits for its events', async () => {
    // when an instance is created at two tasks of the box
    const { processInstanceKey } = await h.client.createProcessInstance({
      bpmnProcessId: 'mod-box',
      variables: { caseId: 'C-9' },
      startInstructions: [{ elementId: 'b-task' }, { elementId: 'b-task2' }],
    });

    // then one box instance holds both, entered without its start event, and first never ran
    await jobFor('mb-task', processInstanceKey);
    await jobFor('mb-task2', processInstanceKey);
    expect(lifecycle(h.records(), 'box', processInstanceKey)).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED']);
    expect(lifecycle(h.records(), 'b-start', processInstanceKey)).toEqual([]);
    expect(lifecycle(h.records(), 'first', processInstanceKey)).toEqual([]);
    const boxKey = boxKeyOf(processInstanceKey);
    expect(h.recordsOf('TIMER', 'CREATED', processInstanceKey).map((t) => (t.value as { elementInstanceKey: number }).elementInstanceKey)).toEqual([boxKey]);

    // and its event sub-process and boundary timer work
    await h.client.publishMessage({ name: 'urge', correlationKey: 'C-9', variables: {}, timeToLive: 0 });
    await jobFor('mb-urged', processInstanceKey);
    await h.advance(HOUR);
    await jobFor('mb-escalated', processInstanceKey);
    expect(lifecycle(h.records(), 'box', processInstanceKey)).toContain('ELEMENT_TERMINATED');
    await h.client.cancelProcessInstance(processInstanceKey);
  });

  it('should reject start instructions inside a multi-instance sub-process, after an event-based gateway, or for unknown and unsupported elements', async () => {
    const create = (elementId: string) => h.client.createProcessInstance({ bpmnProcessId: 'mod-awkward', variables: {}, startInstructions: [{ elementId }] });
    const prefix = 'Expected to create instance of process with start instructions but';
    await expect(create('mi-task')).rejects.toThrow(
      `${prefix} the element with id 'mi-task' is inside a multi-instance subprocess. The creation of elements inside a multi-instance subprocess is not supported.`,
    );
    await expect(create('wait')).rejects.toThrow(
      `${prefix} the element with id 'wait' belongs to an event-based gateway. The creation of elements belonging to an event-based gateway is not supported.`,
    );
    await expect(create('nope')).rejects.toThrow(`${prefix} no element found with id 'nope'.`);
    await expect(create('f3')).rejects.toThrow(`${prefix} the element with id 'f3' targets unsupported element type 'SEQUENCE_FLOW'.`);
    await expect(create('start')).rejects.toThrow(`${prefix} the element with id 'start' targets unsupported element type 'START_EVENT'. Supported element types are: [`);
    // and the multi-instance sub-process itself is a valid start
    const { processInstanceKey } = await create('mi');
    await jobFor('ma-mi', processInstanceKey);
    await h.client.cancelProcessInstance(processInstanceKey);
  });

  it('should reject a modification or start instructions whose created scope cannot subscribe to its boundary timer, and accept it with the variable on that scope', async () => {
    // given a case waiting at first, without dueIn
    const { processInstanceKey } = await h.client.createProcessInstance({ bpmnProcessId: 'mod-due', variables: {} });
    const first = await jobFor('md-first', processInstanceKey);
    const move = (variableInstructions: { scopeId: string; variables: { dueIn: string } }[]) =>
      h.client.modifyProcessInstance({
        processInstanceKey,
        activateInstructions: [{ elementId: 'd-task', ancestorElementInstanceKey: '-1', variableInstructions }],
        terminateInstructions: [{ elementInstanceKey: first.elementInstanceKey }],
      });
    // when / then the timer of the scope to create cannot be evaluated: rejected, nothing written
    await expect(move([])).rejects.toThrow("Command 'MODIFY' rejected with code 'INVALID_ARGUMENT': Expected to subscribe to catch event(s) of 'due' but");
    expect(lifecycle(h.records(), 'due', processInstanceKey)).toEqual([]);
    await expect(h.client.createProcessInstance({ bpmnProcessId: 'mod-due', variables: {}, startInstructions: [{ elementId: 'd-task' }] })).rejects.toThrow(
      "Expected to subscribe to catch event(s) of 'due' but",
    );
    // when the duration is given on the scope, the timer is due after it
    await move([{ scopeId: 'due', variables: { dueIn: 'PT2H' } }]);
    await jobFor('md-task', processInstanceKey);
    const timer = h.recordsOf('TIMER', 'CREATED', processInstanceKey)[0]!;
    expect((timer.value as { dueDate: number }).dueDate - timer.timestamp).toBe(2 * HOUR);
    await h.client.cancelProcessInstance(processInstanceKey);
  });
  it('should not interrupt the scope of an interrupting event sub-process activated by modification: other event sub-processes still trigger and errors reach the scope', async () => {
    // given a case at work whose interrupting event sub-process 'halt' is activated by modification (not by its message)
    const { processInstanceKey } = await h.client.createProcessInstance({ bpmnProcessId: 'mod-halt', variables: { caseId: 'H-1' } });
    await jobFor('mh-work', processInstanceKey);
    await h.client.modifyProcessInstance({ processInstanceKey, activateInstructions: [{ elementId: 'halt', ancestorElementInstanceKey: '-1', variableInstructions: [] }] });
    const halt = await jobFor('mh-halt', processInstanceKey);
    // then nothing was interrupted: work goes on and no event was triggered
    expect(lifecycle(h.records(), 'work', processInstanceKey)).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED']);
    expect(h.recordsOf('PROCESS_EVENT', 'TRIGGERING', processInstanceKey)).toEqual([]);

    // when the signal of the non-interrupting event sub-process is broadcast, it runs next to both
    await h.client.broadcastSignal({ signalName: 'ping', variables: {} });
    await jobFor('mh-ping', processInstanceKey);
    expect(lifecycle(h.records(), 'ping', processInstanceKey)).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED']);

    // when the task of the activated event sub-process throws an error, the process's error event sub-process catches it
    await h.client.throwError({ jobKey: halt.key, errorCode: 'BROKEN', errorMessage: 'halt failed' });
    const repair = await jobFor('mh-repair', processInstanceKey);
    expect(h.recordsOf('INCIDENT', 'CREATED', processInstanceKey)).toEqual([]);
    for (const id of ['work', 'halt', 'ping']) expect(lifecycle(h.records(), id, processInstanceKey)).toContain('ELEMENT_TERMINATED');

    // and the process completes with the repair
    await h.client.completeJob({ jobKey: repair.key, variables: {} });
    await h.waitForRecord((r) => r.intent === 'ELEMENT_COMPLETED' && (r.value as { elementId: string }).elementId === 'mod-halt');
    expect(lifecycle(h.records(), 'repair', processInstanceKey)).toContain('ELEMENT_COMPLETED');
  });

  it('should still discard further event sub-process triggers in a scope interrupted by the event of an interrupting event sub-process', async () => {
    // given a case interrupted by the halt message
    const { processInstanceKey } = await h.client.createProcessInstance({ bpmnProcessId: 'mod-halt', variables: { caseId: 'H-2' } });
    await jobFor('mh-work', processInstanceKey);
    await h.client.publishMessage({ name: 'halt', correlationKey: 'H-2', variables: {}, timeToLive: 0 });
    const halt = await jobFor('mh-halt', processInstanceKey);
    expect(lifecycle(h.records(), 'work', processInstanceKey)).toContain('ELEMENT_TERMINATED');

    // when the ping signal is broadcast, the interrupted scope no longer listens (its start subscriptions are closed)
    await h.client.broadcastSignal({ signalName: 'ping', variables: {} });
    expect(lifecycle(h.records(), 'ping', processInstanceKey)).toEqual([]);

    // when the halt task throws, the error walk stops at the interrupted process: an incident, no repair
    await h.client.throwError({ jobKey: halt.key, errorCode: 'BROKEN', errorMessage: 'halt failed' });
    await h.waitForRecord((r) => r.valueType === 'INCIDENT' && r.intent === 'CREATED' && String((r.value as { processInstanceKey: number }).processInstanceKey) === processInstanceKey);
    expect(h.recordsOf('INCIDENT', 'CREATED', processInstanceKey)[0]!.value).toMatchObject({ errorType: 'UNHANDLED_ERROR_EVENT', elementId: 'halt-task' });
    expect(lifecycle(h.records(), 'repair', processInstanceKey)).toEqual([]);
    await h.client.cancelProcessInstance(processInstanceKey);
  });

  it('should take the boundary timer of a scope created by modification in a process an event sub-process interrupted (the activation clears the interrupted mark, as Zeebe) and complete the process', async () => {
    // given a case interrupted by the halt message, whose event sub-process is still at work
    const { processInstanceKey } = await h.client.createProcessInstance({ bpmnProcessId: 'mod-halt-box', variables: { caseId: 'HB-1' } });
    await jobFor('mhb-work', processInstanceKey);
    await h.client.publishMessage({ name: 'halt2', correlationKey: 'HB-1', variables: {}, timeToLive: 0 });
    const halt = await jobFor('mhb-halt', processInstanceKey);
    // and a task inside 'box' activated by modification (box is created in the interrupted process, with its 1h timer)
    await h.client.modifyProcessInstance({ processInstanceKey, activateInstructions: [{ elementId: 'b-task', ancestorElementInstanceKey: '-1', variableInstructions: [] }] });
    await jobFor('mhb-task', processInstanceKey);
    // and the event sub-process completed (box keeps the process running)
    await h.client.completeJob({ jobKey: halt.key, variables: {} });
    expect(lifecycle(h.records(), 'mod-halt-box', processInstanceKey)).not.toContain('ELEMENT_COMPLETED');

    // when box's timer fires
    await h.advance(HOUR + 1_000);

    // then box is terminated, its boundary event is taken (the modification cleared the process's interrupted mark), and the process completes
    expect(lifecycle(h.records(), 'box', processInstanceKey)).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED', 'ELEMENT_TERMINATING', 'ELEMENT_TERMINATED']);
    expect(lifecycle(h.records(), 'late', processInstanceKey)).toContain('ELEMENT_COMPLETED');
    expect(lifecycle(h.records(), 'end-late', processInstanceKey)).toContain('ELEMENT_COMPLETED');
    expect(lifecycle(h.records(), 'mod-halt-box', processInstanceKey)).toContain('ELEMENT_COMPLETED');
  });
});
