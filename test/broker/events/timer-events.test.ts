import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boundary, catchEvent, end, flow, processXml, serviceTask, start, timerDef } from './support/event-bpmn.ts';
import { completed, HOUR, lifecycle, MINUTE, startEventsHarness, type EventsHarness } from './support/events-harness.ts';

const catchProcess = (id: string, definition: string): string =>
  processXml(id, [start(), catchEvent('wait', definition), end(), flow('f1', 'start', 'wait'), flow('f2', 'wait', 'end')].join('\n'));

const taskWithTimer = (id: string, definition: string, interrupting: boolean): string =>
  processXml(
    id,
    [
      start(),
      serviceTask('task', `${id}-work`),
      boundary('timeout', 'task', definition, interrupting),
      end(),
      '<bpmn:endEvent id="timedOut" />',
      flow('f1', 'start', 'task'),
      flow('f2', 'task', 'end'),
      flow('f3', 'timeout', 'timedOut'),
    ].join('\n'),
  );

describe('timer events', () => {
  let h: EventsHarness;
  beforeAll(async () => {
    h = await startEventsHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('should complete an intermediate timer catch event only once its duration has passed', async () => {
    // given
    await h.deploy('timer-catch.bpmn', catchProcess('timer-catch', timerDef('timeDuration', 'PT1H')));
    const { processInstanceKey } = await h.client.createProcessInstance({ bpmnProcessId: 'timer-catch', variables: {} });
    const created = h.recordsOf('TIMER', 'CREATED', processInstanceKey);
    expect(created).toHaveLength(1);
    expect((created[0]!.value as { dueDate: number }).dueDate).toBe(h.broker.clock.now() + HOUR);
    // when half the time passed
    await h.advance(30 * MINUTE);
    // then nothing happened yet
    expect(lifecycle(h.records(), 'wait', processInstanceKey)).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED']);
    // when the rest passed
    await h.advance(30 * MINUTE);
    // then
    expect(h.recordsOf('TIMER', 'TRIGGERED', processInstanceKey)).toHaveLength(1);
    expect(lifecycle(h.records(), 'wait', processInstanceKey)).toEqual([
      'ELEMENT_ACTIVATING',
      'ELEMENT_ACTIVATED',
      'ELEMENT_COMPLETING',
      'ELEMENT_COMPLETED',
    ]);
    expect(completed(h.records(), 'timer-catch', processInstanceKey)).toBe(true);
  });

  it('should evaluate FEEL in a timer duration and fire a timeDate timer at its date', async () => {
    // given
    await h.deploy('timer-feel.bpmn', catchProcess('timer-feel', timerDef('timeDuration', '=duration("PT" + string(minutes) + "M")')));
    await h.deploy('timer-date.bpmn', catchProcess('timer-date', timerDef('timeDate', '=deadline')));
    const feel = await h.client.createProcessInstance({ bpmnProcessId: 'timer-feel', variables: { minutes: 5 } });
    const deadline = new Date(h.broker.clock.now() + 2 * HOUR).toISOString();
    const date = await h.client.createProcessInstance({ bpmnProcessId: 'timer-date', variables: { deadline } });
    // when
    await h.advance(5 * MINUTE);
    // then
    expect(completed(h.records(), 'timer-feel', feel.processInstanceKey)).toBe(true);
    expect(completed(h.records(), 'timer-date', date.processInstanceKey)).toBe(false);
    expect((h.recordsOf('TIMER', 'CREATED', date.processInstanceKey)[0]!.value as { dueDate: number }).dueDate).toBe(Date.parse(deadline));
    await h.advance(2 * HOUR);
    expect(completed(h.records(), 'timer-date', date.processInstanceKey)).toBe(true);
  });

  it('should raise an incident when a timer expression does not evaluate to a duration', async () => {
    // given
    await h.deploy('timer-bad.bpmn', catchProcess('timer-bad', timerDef('timeDuration', '=wait')));
    // when
    const { processInstanceKey } = await h.client.createProcessInstance({ bpmnProcessId: 'timer-bad', variables: { wait: 'soon' } });
    // then
    const incident = h.recordsOf('INCIDENT', 'CREATED', processInstanceKey)[0]!;
    expect((incident.value as { errorMessage: string }).errorMessage).toContain("Invalid duration format 'soon'");
  });

  it('should terminate the task and its job when an interrupting timer boundary event fires', async () => {
    // given
    await h.deploy('timer-int.bpmn', taskWithTimer('timer-int', timerDef('timeDuration', 'PT2H'), true));
    const { processInstanceKey } = await h.client.createProcessInstance({ bpmnProcessId: 'timer-int', variables: {} });
    // when
    await h.advance(2 * HOUR);
    // then
    const records = h.records();
    expect(lifecycle(records, 'task', processInstanceKey)).toEqual([
      'ELEMENT_ACTIVATING',
      'ELEMENT_ACTIVATED',
      'ELEMENT_TERMINATING',
      'ELEMENT_TERMINATED',
    ]);
    expect(h.recordsOf('JOB', 'CANCELED', processInstanceKey)).toHaveLength(1);
    expect(lifecycle(records, 'timeout', processInstanceKey)).toContain('ELEMENT_COMPLETED');
    expect(lifecycle(records, 'timedOut', processInstanceKey)).toContain('ELEMENT_COMPLETED');
    expect(lifecycle(records, 'end', processInstanceKey)).toEqual([]);
    expect(completed(records, 'timer-int', processInstanceKey)).toBe(true);
  });

  it('should keep the task active and fire a non-interrupting timer cycle R3/PT1H exactly three times', async () => {
    // given
    await h.deploy('timer-cycle.bpmn', taskWithTimer('timer-cycle', timerDef('timeCycle', 'R3/PT1H'), false));
    const { processInstanceKey } = await h.client.createProcessInstance({ bpmnProcessId: 'timer-cycle', variables: {} });
    // when
    for (let hour = 0; hour < 5; hour++) await h.advance(HOUR);
    // then
    expect(h.recordsOf('TIMER', 'TRIGGERED', processInstanceKey)).toHaveLength(3);
    expect(lifecycle(h.records(), 'timedOut', processInstanceKey).filter((i) => i === 'ELEMENT_COMPLETED')).toHaveLength(3);
    expect(lifecycle(h.records(), 'task', processInstanceKey)).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED']);
    // when the task completes
    const [job] = await h.client.activateJobs({ type: 'timer-cycle-work', worker: 'w', maxJobsToActivate: 1, timeout: 60_000, requestTimeout: 1_000 });
    await h.client.completeJob({ jobKey: job!.key, variables: {} });
    // then
    expect(completed(h.records(), 'timer-cycle', processInstanceKey)).toBe(true);
  });

  it('should cancel a pending boundary timer when the task completes first', async () => {
    // given
    await h.deploy('timer-cancel.bpmn', taskWithTimer('timer-cancel', timerDef('timeDuration', 'PT1H'), true));
    const { processInstanceKey } = await h.client.createProcessInstance({ bpmnProcessId: 'timer-cancel', variables: {} });
    // when
    const [job] = await h.client.activateJobs({ type: 'timer-cancel-work', worker: 'w', maxJobsToActivate: 1, timeout: 60_000, requestTimeout: 1_000 });
    await h.client.completeJob({ jobKey: job!.key, variables: {} });
    await h.advance(2 * HOUR);
    // then
    expect(h.recordsOf('TIMER', 'CANCELED', processInstanceKey)).toHaveLength(1);
    expect(h.recordsOf('TIMER', 'TRIGGERED', processInstanceKey)).toHaveLength(0);
    expect(lifecycle(h.records(), 'end', processInstanceKey)).toContain('ELEMENT_COMPLETED');
  });

  it('should create instances from a timer start event cycle and stop after its repetitions', async () => {
    // given
    const xml = processXml(
      'timer-start',
      [`<bpmn:startEvent id="tick">${timerDef('timeCycle', 'R2/PT10M')}</bpmn:startEvent>`, end(), flow('f1', 'tick', 'end')].join('\n'),
    );
    await h.deploy('timer-start.bpmn', xml);
    const started = (): number =>
      h.records().filter((r) => r.valueType === 'PROCESS_INSTANCE' && r.intent === 'ELEMENT_COMPLETED' && (r.value as { elementId: string }).elementId === 'timer-start').length;
    // when
    await h.advance(10 * MINUTE);
    // then
    expect(started()).toBe(1);
    await h.advance(10 * MINUTE);
    await h.advance(10 * MINUTE);
    expect(started()).toBe(2);
  });

  it('should replace the start timer of the previous version when a new version is deployed', async () => {
    // given
    const version = (cycle: string): string =>
      processXml('timer-start-v', [`<bpmn:startEvent id="tickv">${timerDef('timeCycle', cycle)}</bpmn:startEvent>`, end(), flow('f1', 'tickv', 'end')].join('\n'));
    await h.deploy('timer-start-v.bpmn', version('R/PT1H'));
    // when
    await h.deploy('timer-start-v.bpmn', version('R/PT2H'));
    // then
    const timers = h.records().filter((r) => r.valueType === 'TIMER' && (r.value as { targetElementId: string }).targetElementId === 'tickv');
    expect(timers.map((r) => r.intent)).toEqual(['CREATED', 'CANCELED', 'CREATED']);
  });

  it('should fire a pending timer after a restart once its time comes', async () => {
    // given
    await h.deploy('timer-restart.bpmn', catchProcess('timer-restart', timerDef('timeDuration', 'PT1H')));
    const { processInstanceKey } = await h.client.createProcessInstance({ bpmnProcessId: 'timer-restart', variables: {} });
    const now = h.broker.clock.now();
    // when
    await h.restart({ clockStartTime: now });
    expect(completed(h.records(), 'timer-restart', processInstanceKey)).toBe(false);
    await h.advance(HOUR);
    // then
    expect(completed(h.records(), 'timer-restart', processInstanceKey)).toBe(true);
  });

  it('should fire an overdue timer at once when the broker starts after its due date', async () => {
    // given
    await h.deploy('timer-overdue.bpmn', catchProcess('timer-overdue', timerDef('timeDuration', 'PT1H')));
    const { processInstanceKey } = await h.client.createProcessInstance({ bpmnProcessId: 'timer-overdue', variables: {} });
    // when the broker is down while the timer falls due
    await h.restart({ clockStartTime: h.broker.clock.now() + 3 * HOUR });
    // then it fires without the clock moving
    await h.waitForRecord((r) => r.valueType === 'PROCESS_INSTANCE' && r.intent === 'ELEMENT_COMPLETED' && String((r.value as { elementInstanceKey?: number; processInstanceKey: number }).processInstanceKey) === processInstanceKey && (r.value as { elementId: string }).elementId === 'timer-overdue');
    expect(h.recordsOf('TIMER', 'TRIGGERED', processInstanceKey)).toHaveLength(1);
  });
});
