/**
 * The due-date checker against the controllable clock: advancing resolves only after everything due
 * at the new time fired, even while a periodic check is running, and overdue cycle repetitions fire
 * within the same advance.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type EngineHarness } from '../engine/support/engine-harness.ts';
import { boundary, catchEvent, end, flow, processXml, serviceTask, start, timerDef } from './support/event-bpmn.ts';
import { HOUR, lifecycle } from './support/events-harness.ts';

describe('due-date checker', () => {
  let h: EngineHarness;
  beforeAll(async () => {
    // a periodic check every millisecond, so advances keep meeting a check already under way
    h = await startHarness({ controllableClock: true, jobCheckIntervalMs: 1 }, 'streetflow-due-dates-');
    await h.deploy('ddc-wait.bpmn', processXml('ddc-wait', [start(), catchEvent('wait', timerDef('timeDuration', 'PT1H')), end(), flow('f1', 'start', 'wait'), flow('f2', 'wait', 'end')].join('\n')));
    const cycle = processXml(
      'ddc-cycle',
      [start(), serviceTask('task', 'ddc-work'), boundary('remind', 'task', timerDef('timeCycle', 'R5/PT1H'), false), end(), '<bpmn:endEvent id="reminded" />', flow('f1', 'start', 'task'), flow('f2', 'task', 'end'), flow('f3', 'remind', 'reminded')].join('\n'),
    );
    await h.deploy('ddc-cycle.bpmn', cycle);
  });
  afterAll(async () => {
    await h.close();
  });

  it('should have fired every timer due at the new time when advance resolves, while a periodic check is writing message expiries', async () => {
    for (let round = 0; round < 20; round++) {
      // given an instance waiting one hour
      const { processInstanceKey } = await h.client.createProcessInstance({ bpmnProcessId: 'ddc-wait', variables: { round } });
      // and a message without time to live, whose expiry a periodic check is about to write
      await h.client.publishMessage({ name: 'ddc-nobody', correlationKey: `k-${round}`, variables: {}, timeToLive: 0 });
      // when
      await h.broker.clock.advance(HOUR);
      // then its timer fired before advance resolved
      expect(lifecycle(h.records(), 'ddc-wait', processInstanceKey)).toContain('ELEMENT_COMPLETED');
    }
  });

  it('should fire every overdue repetition of a timer cycle within one advance', async () => {
    // given a task with a reminder every hour, five times
    const { processInstanceKey } = await h.client.createProcessInstance({ bpmnProcessId: 'ddc-cycle', variables: {} });
    // when a whole day passes at once
    await h.broker.clock.advance(24 * HOUR);
    // then all five reminders ran and no timer is left
    const reminded = lifecycle(h.records(), 'reminded', processInstanceKey).filter((i) => i === 'ELEMENT_COMPLETED');
    expect(reminded).toHaveLength(5);
    const timers = h.records().filter((r) => r.valueType === 'TIMER' && String((r.value as { processInstanceKey: number }).processInstanceKey) === processInstanceKey);
    expect(timers.filter((r) => r.intent === 'TRIGGERED')).toHaveLength(5);
    expect(timers.filter((r) => r.intent === 'CREATED')).toHaveLength(5);
  });
});
