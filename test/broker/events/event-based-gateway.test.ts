import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catchEvent, flow, message, messageDef, processXml, start, timerDef, withRoots } from './support/event-bpmn.ts';
import { completed, HOUR, lifecycle, startEventsHarness, type EventsHarness } from './support/events-harness.ts';

/** start → event-based gateway → (message "answer" | timer PT24H) → two ends. */
const raceProcess = withRoots(
  processXml(
    'race',
    [
      start(),
      '<bpmn:eventBasedGateway id="gateway" />',
      catchEvent('answered', messageDef('answer-msg')),
      catchEvent('noAnswer', timerDef('timeDuration', 'PT24H')),
      '<bpmn:endEvent id="handled" />',
      '<bpmn:endEvent id="escalated" />',
      flow('f1', 'start', 'gateway'),
      flow('f2', 'gateway', 'answered'),
      flow('f3', 'gateway', 'noAnswer'),
      flow('f4', 'answered', 'handled'),
      flow('f5', 'noAnswer', 'escalated'),
    ].join('\n'),
  ),
  [message('answer-msg', 'answer', '=caseId')],
);

describe('event-based gateway', () => {
  let h: EventsHarness;
  beforeAll(async () => {
    h = await startEventsHarness();
    await h.deploy('race.bpmn', raceProcess);
  });
  afterAll(async () => {
    await h.close();
  });

  it('should take the message path when the message arrives before the timer and cancel the timer', async () => {
    // given
    const { processInstanceKey } = await h.client.createProcessInstance({ bpmnProcessId: 'race', variables: { caseId: 'c-1' } });
    expect(h.recordsOf('TIMER', 'CREATED', processInstanceKey)).toHaveLength(1);
    expect(h.recordsOf('PROCESS_MESSAGE_SUBSCRIPTION', 'CREATED', processInstanceKey)).toHaveLength(1);
    // when
    await h.client.publishMessage({ name: 'answer', correlationKey: 'c-1', variables: { answer: 'yes' }, timeToLive: 0 });
    await h.waitForRecord((r) => r.valueType === 'PROCESS_INSTANCE' && r.intent === 'ELEMENT_COMPLETED' && (r.value as { elementId: string }).elementId === 'race');
    await h.advance(25 * HOUR);
    // then
    const records = h.records();
    expect(lifecycle(records, 'handled', processInstanceKey)).toContain('ELEMENT_COMPLETED');
    expect(lifecycle(records, 'noAnswer', processInstanceKey)).toEqual([]);
    expect(lifecycle(records, 'escalated', processInstanceKey)).toEqual([]);
    expect(h.recordsOf('TIMER', 'CANCELED', processInstanceKey)).toHaveLength(1);
    const answer = h.recordsOf('VARIABLE', 'CREATED', processInstanceKey).find((r) => (r.value as { name: string }).name === 'answer');
    expect(answer).toBeDefined();
  });

  it('should take the timer path when the timer fires first and close the message subscription', async () => {
    // given
    const { processInstanceKey } = await h.client.createProcessInstance({ bpmnProcessId: 'race', variables: { caseId: 'c-2' } });
    // when
    await h.advance(24 * HOUR);
    await h.client.publishMessage({ name: 'answer', correlationKey: 'c-2', variables: {}, timeToLive: 0 });
    // then
    const records = h.records();
    expect(completed(records, 'race', processInstanceKey)).toBe(true);
    expect(lifecycle(records, 'escalated', processInstanceKey)).toContain('ELEMENT_COMPLETED');
    expect(lifecycle(records, 'answered', processInstanceKey)).toEqual([]);
    expect(h.recordsOf('PROCESS_MESSAGE_SUBSCRIPTION', 'DELETED', processInstanceKey)).toHaveLength(1);
    expect(h.recordsOf('PROCESS_MESSAGE_SUBSCRIPTION', 'CORRELATED', processInstanceKey)).toHaveLength(0);
  });
});
