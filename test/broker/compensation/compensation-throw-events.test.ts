import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEventsHarness, type EventsHarness } from '../events/support/events-harness.ts';
import { chain, compensable, compensationEnd, compensationThrow, end, flow, processXml, serviceTask, start } from './support/compensation-bpmn.ts';
import { completeJob, elementRecord, isSubsequence, processCompleted, subscriptions, trail } from './support/compensation-harness.ts';

/** 撤回 after the permit was issued: issue-permit (compensable) → withdraw (throw) → archive → end. */
const PERMIT = processXml(
  'permit-withdrawal',
  [start(), compensable('issue-permit', 'issue-permit'), compensationThrow('withdraw'), serviceTask('archive', 'archive'), end(), ...chain('f', ['start', 'issue-permit', 'withdraw', 'archive', 'end'])].join('\n'),
);

describe('compensation throw and end events', () => {
  let harness: EventsHarness;
  beforeAll(async () => {
    harness = await startEventsHarness();
  });
  afterAll(async () => {
    await harness.close();
  });

  it('should invoke the handler of a completed activity at a compensation throw event and continue once it completed', async () => {
    // given a permit that was issued
    await harness.deploy('permit-withdrawal.bpmn', PERMIT);
    const { processInstanceKey: pi } = await harness.client.createProcessInstance({ bpmnProcessId: 'permit-withdrawal', variables: { permitNo: 'P-17' } });
    await completeJob(harness, 'issue-permit', pi);
    // when the case is withdrawn, the handler revokes the permit
    const revoke = await completeJob(harness, 'undo-issue-permit', pi);
    await completeJob(harness, 'archive', pi);
    await processCompleted(harness, 'permit-withdrawal', pi);
    // then the records follow Zeebe's order
    expect(revoke.variables).toMatchObject({ permitNo: 'P-17' });
    expect(
      isSubsequence(trail(harness, pi), [
        'issue-permit:ELEMENT_COMPLETED',
        'withdraw:ELEMENT_ACTIVATED',
        'issue-permit-undo:ELEMENT_ACTIVATING',
        'issue-permit-undo:ELEMENT_ACTIVATED',
        'issue-permit-undo:ELEMENT_COMPLETING',
        'issue-permit-undo:ELEMENT_COMPLETED',
        'undo-issue-permit:ELEMENT_ACTIVATED',
        'undo-issue-permit:ELEMENT_COMPLETED',
        'withdraw:ELEMENT_COMPLETED',
        'archive:ELEMENT_ACTIVATED',
        'permit-withdrawal:ELEMENT_COMPLETED',
      ]),
    ).toBe(true);
    const handlerActivated = elementRecord(harness, pi, 'undo-issue-permit', 'ELEMENT_ACTIVATED')!;
    expect((handlerActivated.value as { bpmnEventType: string }).bpmnEventType).toBe('COMPENSATION');
    expect((elementRecord(harness, pi, 'issue-permit-undo', 'ELEMENT_ACTIVATED')!.value as { bpmnEventType: string }).bpmnEventType).toBe('COMPENSATION');
  });

  it('should write the subscription CREATED before the activity completes, then TRIGGERED and COMPLETED in Zeebe\'s shape', async () => {
    // given
    const { processInstanceKey: pi } = await harness.client.createProcessInstance({ bpmnProcessId: 'permit-withdrawal', variables: {} });
    // when
    await completeJob(harness, 'issue-permit', pi);
    await completeJob(harness, 'undo-issue-permit', pi);
    await completeJob(harness, 'archive', pi);
    await processCompleted(harness, 'permit-withdrawal', pi);
    // then
    const task = elementRecord(harness, pi, 'issue-permit', 'ELEMENT_ACTIVATED')!;
    const thrower = elementRecord(harness, pi, 'withdraw', 'ELEMENT_ACTIVATED')!;
    const handler = elementRecord(harness, pi, 'undo-issue-permit', 'ELEMENT_ACTIVATED')!;
    const records = subscriptions(harness, pi);
    expect(records.map(([intent]) => intent)).toEqual(['CREATED', 'TRIGGERED', 'COMPLETED']);
    const common = {
      processInstanceKey: Number(pi),
      processDefinitionKey: (task.value as { processDefinitionKey: number }).processDefinitionKey,
      compensableActivityId: 'issue-permit',
      compensableActivityInstanceKey: task.key,
      compensableActivityScopeKey: Number(pi),
      compensationHandlerId: 'undo-issue-permit',
      tenantId: '<default>',
      variables: {},
    };
    expect(records[0]![1]).toEqual({ ...common, throwEventId: '', throwEventInstanceKey: -1, compensationHandlerInstanceKey: -1 });
    const triggered = { ...common, throwEventId: 'withdraw', throwEventInstanceKey: thrower.key, compensationHandlerInstanceKey: handler.key };
    expect(records[1]![1]).toEqual(triggered);
    expect(records[2]![1]).toEqual(triggered);
    const all = harness.records().filter((r) => r.recordType === 'EVENT');
    const created = all.findIndex((r) => r.valueType === 'COMPENSATION_SUBSCRIPTION' && String((r.value as { processInstanceKey: number }).processInstanceKey) === pi);
    const completed = all.findIndex((r) => r.key === task.key && r.intent === 'ELEMENT_COMPLETED');
    expect(created).toBeLessThan(completed);
  });

  it('should complete a compensation throw event at once when nothing was completed that can be compensated', async () => {
    // given a throw event before the compensable activity
    await harness.deploy(
      'nothing-to-undo.bpmn',
      processXml('nothing-to-undo', [start(), compensationThrow('withdraw'), compensable('issue', 'nothing-issue'), end(), ...chain('f', ['start', 'withdraw', 'issue', 'end'])].join('\n')),
    );
    // when
    const { processInstanceKey: pi } = await harness.client.createProcessInstance({ bpmnProcessId: 'nothing-to-undo', variables: {} });
    await completeJob(harness, 'nothing-issue', pi);
    await processCompleted(harness, 'nothing-to-undo', pi);
    // then the throw event passed and the subscription of the later task was deleted with the instance
    expect(trail(harness, pi)).toContain('withdraw:ELEMENT_COMPLETED');
    expect(trail(harness, pi).some((entry) => entry.startsWith('undo-issue:'))).toBe(false);
    expect(subscriptions(harness, pi).map(([intent]) => intent)).toEqual(['CREATED', 'DELETED']);
  });

  it('should invoke every handler of a compensation end event and complete the process after them', async () => {
    // given two completed steps before a compensation end event
    await harness.deploy(
      'undo-all-end.bpmn',
      processXml(
        'undo-all-end',
        [start(), compensable('a', 'end-a'), compensable('b', 'end-b'), compensationEnd('undo-all'), ...chain('f', ['start', 'a', 'b', 'undo-all'])].join('\n'),
      ),
    );
    const { processInstanceKey: pi } = await harness.client.createProcessInstance({ bpmnProcessId: 'undo-all-end', variables: {} });
    await completeJob(harness, 'end-a', pi);
    await completeJob(harness, 'end-b', pi);
    // when both handlers are waiting, the process is still active
    const undoB = await completeJob(harness, 'undo-end-b', pi);
    expect(undoB).toBeDefined();
    expect(trail(harness, pi)).not.toContain('undo-all:ELEMENT_COMPLETED');
    await completeJob(harness, 'undo-end-a', pi);
    await processCompleted(harness, 'undo-all-end', pi);
    // then
    expect(isSubsequence(trail(harness, pi), ['undo-all:ELEMENT_ACTIVATED', 'undo-b:ELEMENT_COMPLETED', 'undo-a:ELEMENT_COMPLETED', 'undo-all:ELEMENT_COMPLETED', 'undo-all-end:ELEMENT_COMPLETED'])).toBe(true);
    expect(subscriptions(harness, pi).map(([intent, v]) => `${intent}:${v.compensableActivityId}`)).toEqual([
      'CREATED:a',
      'CREATED:b',
      'TRIGGERED:a',
      'TRIGGERED:b',
      'COMPLETED:b',
      'COMPLETED:a',
    ]);
  });

  it('should invoke the handler as many times as the activity completed', async () => {
    // given a step that is done twice (a loop back through an exclusive gateway)
    await harness.deploy(
      'twice.bpmn',
      processXml(
        'twice',
        [
          start(),
          '<bpmn:exclusiveGateway id="merge" />',
          compensable('visit', 'twice-visit'),
          '<bpmn:exclusiveGateway id="again" default="done" />',
          compensationThrow('undo'),
          end(),
          flow('f1', 'start', 'merge'),
          flow('f2', 'merge', 'visit'),
          flow('f3', 'visit', 'again'),
          flow('back', 'again', 'merge', '=visits < 2'),
          flow('done', 'again', 'undo'),
          flow('f4', 'undo', 'end'),
        ].join('\n'),
      ),
    );
    const { processInstanceKey: pi } = await harness.client.createProcessInstance({ bpmnProcessId: 'twice', variables: { visits: 0 } });
    await completeJob(harness, 'twice-visit', pi, { visits: 1 });
    await completeJob(harness, 'twice-visit', pi, { visits: 2 });
    // when
    await completeJob(harness, 'undo-twice-visit', pi);
    await completeJob(harness, 'undo-twice-visit', pi);
    await processCompleted(harness, 'twice', pi);
    // then
    expect(trail(harness, pi, ['ELEMENT_COMPLETED']).filter((e) => e === 'undo-visit:ELEMENT_COMPLETED')).toHaveLength(2);
    expect(subscriptions(harness, pi).filter(([intent]) => intent === 'TRIGGERED')).toHaveLength(2);
  });

  it('should not invoke the handler of an activity that is still active', async () => {
    // given a parallel branch whose step is still open when the throw event is reached
    await harness.deploy(
      'still-open.bpmn',
      processXml(
        'still-open',
        [
          start(),
          '<bpmn:parallelGateway id="fork" />',
          compensable('slow', 'open-slow'),
          compensable('quick', 'open-quick'),
          compensationThrow('undo'),
          '<bpmn:parallelGateway id="join" />',
          end(),
          flow('f1', 'start', 'fork'),
          flow('f2', 'fork', 'slow'),
          flow('f3', 'fork', 'quick'),
          flow('f4', 'quick', 'undo'),
          flow('f5', 'undo', 'join'),
          flow('f6', 'slow', 'join'),
          flow('f7', 'join', 'end'),
        ].join('\n'),
      ),
    );
    const { processInstanceKey: pi } = await harness.client.createProcessInstance({ bpmnProcessId: 'still-open', variables: {} });
    // when
    await completeJob(harness, 'open-quick', pi);
    await completeJob(harness, 'undo-open-quick', pi);
    await completeJob(harness, 'open-slow', pi);
    await processCompleted(harness, 'still-open', pi);
    // then only the completed step was compensated; the slow one's subscription came later and was deleted
    expect(trail(harness, pi).some((e) => e.startsWith('undo-slow:'))).toBe(false);
    expect(subscriptions(harness, pi).map(([intent, v]) => `${intent}:${v.compensableActivityId}`)).toEqual([
      'CREATED:quick',
      'TRIGGERED:quick',
      'COMPLETED:quick',
      'CREATED:slow',
      'DELETED:slow',
    ]);
  });

  it('should compensate only the activity named by activityRef, so handlers run in a given order', async () => {
    // given two steps; the first throw names the later one, the second throw the earlier one
    await harness.deploy(
      'in-order.bpmn',
      processXml(
        'in-order',
        [start(), compensable('first', 'order-first'), compensable('second', 'order-second'), compensationThrow('throw-second', 'second'), compensationThrow('throw-first', 'first'), end(), ...chain('f', ['start', 'first', 'second', 'throw-second', 'throw-first', 'end'])].join('\n'),
      ),
    );
    const { processInstanceKey: pi } = await harness.client.createProcessInstance({ bpmnProcessId: 'in-order', variables: {} });
    await completeJob(harness, 'order-first', pi);
    await completeJob(harness, 'order-second', pi);
    // when
    await completeJob(harness, 'undo-order-second', pi);
    await completeJob(harness, 'undo-order-first', pi);
    await processCompleted(harness, 'in-order', pi);
    // then
    expect(
      isSubsequence(trail(harness, pi), ['throw-second:ELEMENT_ACTIVATED', 'undo-second:ELEMENT_COMPLETED', 'throw-second:ELEMENT_COMPLETED', 'throw-first:ELEMENT_ACTIVATED', 'undo-first:ELEMENT_COMPLETED', 'throw-first:ELEMENT_COMPLETED']),
    ).toBe(true);
    const triggered = subscriptions(harness, pi).filter(([intent]) => intent === 'TRIGGERED');
    expect(triggered.map(([, v]) => `${v.throwEventId}->${v.compensableActivityId}`)).toEqual(['throw-second->second', 'throw-first->first']);
  });
});
