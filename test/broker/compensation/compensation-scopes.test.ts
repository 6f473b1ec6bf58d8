import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobOf } from '../engine/support/engine-harness.ts';
import { message, messageDef, withRoots } from '../events/support/event-bpmn.ts';
import { startEventsHarness, type EventsHarness } from '../events/support/events-harness.ts';
import {
  association,
  chain,
  compensable,
  compensationBoundary,
  compensationEnd,
  compensationThrow,
  end,
  flow,
  handlerTask,
  processXml,
  serviceTask,
  start,
} from './support/compensation-bpmn.ts';
import { completeJob, elementRecord, isSubsequence, processCompleted, subscriptions, trail } from './support/compensation-harness.ts';

/** An embedded sub-process: its start event, the inner elements chained in order, its end event. */
function subProcess(id: string, inner: { ids: string[]; xml: string[] }, attrs = ''): string {
  const ids = [`${id}-start`, ...inner.ids, `${id}-end`];
  return `<bpmn:subProcess id="${id}"${attrs}>${start(`${id}-start`)}${inner.xml.join('')}${end(`${id}-end`)}${chain(`${id}-f`, ids).join('')}</bpmn:subProcess>`;
}

describe('compensation across scopes', () => {
  let harness: EventsHarness;
  beforeAll(async () => {
    harness = await startEventsHarness();
  });
  afterAll(async () => {
    await harness.close();
  });

  it('should compensate the activities of a completed embedded sub-process, also nested ones, from a throw event outside it', async () => {
    // given a review sub-process (two steps and a nested inspection sub-process) that completed
    const nested = subProcess('inspection', { ids: ['inspect'], xml: [compensable('inspect', 'scope-inspect')] });
    const review = subProcess('review', { ids: ['check', 'inspection'], xml: [compensable('check', 'scope-check'), nested] });
    await harness.deploy(
      'scope-outside.bpmn',
      processXml('scope-outside', [start(), review, compensationThrow('withdraw'), end(), ...chain('f', ['start', 'review', 'withdraw', 'end'])].join('\n')),
    );
    const { processInstanceKey: pi } = await harness.client.createProcessInstance({ bpmnProcessId: 'scope-outside', variables: {} });
    await completeJob(harness, 'scope-check', pi);
    await completeJob(harness, 'scope-inspect', pi);
    // when
    await completeJob(harness, 'undo-scope-check', pi);
    await completeJob(harness, 'undo-scope-inspect', pi);
    await processCompleted(harness, 'scope-outside', pi);
    // then both handlers ran in the throw event's scope (the process), and the sub-process subscriptions completed bottom-up
    const handler = elementRecord(harness, pi, 'undo-inspect', 'ELEMENT_ACTIVATED')!;
    expect((handler.value as { flowScopeKey: number }).flowScopeKey).toBe(Number(pi));
    const events = subscriptions(harness, pi).map(([intent, v]) => `${intent}:${v.compensableActivityId}:${v.compensationHandlerId}`);
    expect(events).toEqual([
      'CREATED:check:undo-check',
      'CREATED:inspect:undo-inspect',
      'CREATED:inspection:',
      'CREATED:review:',
      'TRIGGERED:review:',
      'TRIGGERED:check:undo-check',
      'TRIGGERED:inspection:',
      'TRIGGERED:inspect:undo-inspect',
      'COMPLETED:check:undo-check',
      'COMPLETED:inspect:undo-inspect',
      'COMPLETED:inspection:',
      'COMPLETED:review:',
    ]);
    expect(isSubsequence(trail(harness, pi), ['undo-check:ELEMENT_COMPLETED', 'undo-inspect:ELEMENT_COMPLETED', 'withdraw:ELEMENT_COMPLETED'])).toBe(true);
  });

  it('should compensate only inside the sub-process when the throw event is inside it', async () => {
    // given a step before the sub-process and one inside it
    const inner = subProcess('inner', { ids: ['a', 'undo-inside'], xml: [compensable('a', 'inside-a'), compensationThrow('undo-inside')] });
    await harness.deploy(
      'scope-inside.bpmn',
      processXml('scope-inside', [start(), compensable('x', 'inside-x'), inner, end(), ...chain('f', ['start', 'x', 'inner', 'end'])].join('\n')),
    );
    const { processInstanceKey: pi } = await harness.client.createProcessInstance({ bpmnProcessId: 'scope-inside', variables: {} });
    // when
    await completeJob(harness, 'inside-x', pi);
    await completeJob(harness, 'inside-a', pi);
    await completeJob(harness, 'undo-inside-a', pi);
    await processCompleted(harness, 'scope-inside', pi);
    // then
    expect(trail(harness, pi).some((e) => e.startsWith('undo-x:'))).toBe(false);
    const inside = elementRecord(harness, pi, 'inner', 'ELEMENT_ACTIVATED')!;
    expect((elementRecord(harness, pi, 'undo-a', 'ELEMENT_ACTIVATED')!.value as { flowScopeKey: number }).flowScopeKey).toBe(inside.key);
    expect(subscriptions(harness, pi).map(([intent, v]) => `${intent}:${v.compensableActivityId}`)).toEqual([
      'CREATED:x',
      'CREATED:a',
      'TRIGGERED:a',
      'COMPLETED:a',
      'DELETED:x',
    ]);
  });

  it('should not compensate the activities of a sub-process that is still active', async () => {
    // given a sub-process whose first step completed while it waits at its second step
    const open = subProcess('open-sub', { ids: ['done-step', 'open-step'], xml: [compensable('done-step', 'active-done'), serviceTask('open-step', 'active-open')] });
    await harness.deploy(
      'scope-active.bpmn',
      processXml(
        'scope-active',
        [
          start(),
          '<bpmn:parallelGateway id="fork" />',
          open,
          serviceTask('decide', 'active-decide'),
          compensationThrow('undo'),
          '<bpmn:parallelGateway id="join" />',
          end(),
          flow('f1', 'start', 'fork'),
          flow('f2', 'fork', 'open-sub'),
          flow('f3', 'fork', 'decide'),
          flow('f3b', 'decide', 'undo'),
          flow('f4', 'undo', 'join'),
          flow('f5', 'open-sub', 'join'),
          flow('f6', 'join', 'end'),
        ].join('\n'),
      ),
    );
    const { processInstanceKey: pi } = await harness.client.createProcessInstance({ bpmnProcessId: 'scope-active', variables: {} });
    await completeJob(harness, 'active-done', pi);
    // when the compensation is thrown after that step completed but before the sub-process completed
    await completeJob(harness, 'active-decide', pi);
    await harness.waitForRecord((r) => r.intent === 'ELEMENT_COMPLETED' && (r.value as { elementId: string }).elementId === 'undo' && String((r.value as { processInstanceKey: number }).processInstanceKey) === pi);
    await completeJob(harness, 'active-open', pi);
    await processCompleted(harness, 'scope-active', pi);
    // then nothing inside it was compensated: its step's subscription was only deleted with the instance
    expect(trail(harness, pi).some((e) => e.startsWith('undo-done-step:'))).toBe(false);
    expect(subscriptions(harness, pi).map(([intent, v]) => `${intent}:${v.compensableActivityId}`)).toEqual([
      'CREATED:done-step',
      'CREATED:open-sub',
      'DELETED:done-step',
      'DELETED:open-sub',
    ]);
  });

  it('should invoke both the handler of a sub-process and those of the activities in it', async () => {
    // given a completed sub-process with a compensation boundary event of its own and a compensable step inside
    const sub = subProcess('filing', { ids: ['stamp'], xml: [compensable('stamp', 'both-stamp')] });
    await harness.deploy(
      'scope-both.bpmn',
      processXml(
        'scope-both',
        [start(), sub, compensationBoundary('filing-undo', 'filing'), handlerTask('unfile', 'both-unfile'), association('a1', 'filing-undo', 'unfile'), compensationEnd('undo'), ...chain('f', ['start', 'filing', 'undo'])].join('\n'),
      ),
    );
    const { processInstanceKey: pi } = await harness.client.createProcessInstance({ bpmnProcessId: 'scope-both', variables: {} });
    await completeJob(harness, 'both-stamp', pi);
    // when
    await completeJob(harness, 'both-unfile', pi);
    await completeJob(harness, 'undo-both-stamp', pi);
    await processCompleted(harness, 'scope-both', pi);
    // then
    expect(subscriptions(harness, pi).map(([intent, v]) => `${intent}:${v.compensableActivityId}:${v.compensationHandlerId}`)).toEqual([
      'CREATED:stamp:undo-stamp',
      'CREATED:filing:unfile',
      'TRIGGERED:filing:unfile',
      'TRIGGERED:stamp:undo-stamp',
      'COMPLETED:filing:unfile',
      'COMPLETED:stamp:undo-stamp',
    ]);
  });

  it('should compensate a completed call activity with its own handler but not the handlers inside the called process', async () => {
    // given a called process with a compensable step, called by a compensable call activity
    await harness.deploy('called-part.bpmn', processXml('called-part', [start(), compensable('child-step', 'call-child-step'), end(), ...chain('f', ['start', 'child-step', 'end'])].join('\n')));
    const call = '<bpmn:callActivity id="call"><bpmn:extensionElements><zeebe:calledElement processId="called-part" /></bpmn:extensionElements></bpmn:callActivity>';
    await harness.deploy(
      'calling.bpmn',
      processXml(
        'calling',
        [start(), call, compensationBoundary('call-undo', 'call'), handlerTask('undo-call', 'call-undo-call'), association('ca', 'call-undo', 'undo-call'), compensationEnd('undo'), ...chain('f', ['start', 'call', 'undo'])].join('\n'),
      ),
    );
    const { processInstanceKey: pi } = await harness.client.createProcessInstance({ bpmnProcessId: 'calling', variables: {} });
    // when
    await completeJob(harness, 'call-child-step', undefined);
    await completeJob(harness, 'call-undo-call', pi);
    await processCompleted(harness, 'calling', pi);
    // then the child's subscription was deleted with the child; only the call activity was compensated
    const child = harness.recordsOf('PROCESS_INSTANCE', 'ELEMENT_ACTIVATED').find((r) => (r.value as { elementId: string }).elementId === 'called-part')!;
    expect(subscriptions(harness, String(child.key)).map(([intent, v]) => `${intent}:${v.compensableActivityId}`)).toEqual(['CREATED:child-step', 'DELETED:child-step']);
    expect(subscriptions(harness, pi).map(([intent, v]) => `${intent}:${v.compensableActivityId}`)).toEqual(['CREATED:call', 'TRIGGERED:call', 'COMPLETED:call']);
    expect(harness.recordsOf('JOB', 'CREATED').some((r) => (r.value as { type: string }).type === 'undo-call-child-step')).toBe(false);
  });

  it('should undo the completed steps from an error event sub-process when a later step fails for good', async () => {
    // given two completed steps and a third whose worker reports a business error
    const onError = `<bpmn:subProcess id="on-refused" triggeredByEvent="true"><bpmn:startEvent id="refused-start"><bpmn:errorEventDefinition errorRef="refused" /></bpmn:startEvent>${compensationEnd(
      'undo-all',
    )}${flow('ef', 'refused-start', 'undo-all')}</bpmn:subProcess>`;
    await harness.deploy(
      'error-undo.bpmn',
      processXml(
        'error-undo',
        [start(), compensable('book', 'err-book'), compensable('charge', 'err-charge'), serviceTask('ship', 'err-ship'), end(), onError, ...chain('f', ['start', 'book', 'charge', 'ship', 'end'])].join('\n'),
      ).replace('</bpmn:definitions>', '<bpmn:error id="refused" errorCode="REFUSED" /></bpmn:definitions>'),
    );
    const { processInstanceKey: pi } = await harness.client.createProcessInstance({ bpmnProcessId: 'error-undo', variables: {} });
    await completeJob(harness, 'err-book', pi);
    await completeJob(harness, 'err-charge', pi);
    // when
    const ship = await jobOf(harness.client, 'err-ship', pi);
    await harness.client.throwError({ jobKey: ship.key, errorCode: 'REFUSED', errorMessage: 'no courier' });
    await completeJob(harness, 'undo-err-charge', pi);
    await completeJob(harness, 'undo-err-book', pi);
    await processCompleted(harness, 'error-undo', pi);
    // then both completed steps were undone from inside the event sub-process
    expect(isSubsequence(trail(harness, pi), ['ship:ELEMENT_TERMINATED', 'undo-all:ELEMENT_ACTIVATED', 'undo-charge:ELEMENT_COMPLETED', 'undo-book:ELEMENT_COMPLETED', 'undo-all:ELEMENT_COMPLETED'])).toBe(true);
    expect(subscriptions(harness, pi).filter(([intent]) => intent === 'COMPLETED').map(([, v]) => v.throwEventId)).toEqual(['undo-all', 'undo-all']);
  });

  it('should compensate the outer activity named by activityRef from a non-interrupting event sub-process', async () => {
    // given two completed steps and a non-interrupting message event sub-process that undoes only one
    const recall = `<bpmn:subProcess id="recall" triggeredByEvent="true"><bpmn:startEvent id="recall-start" isInterrupting="false">${messageDef(
      'recall-msg',
    )}</bpmn:startEvent>${compensationThrow('refund-fee', 'fee')}${end('recall-end')}${chain('rf', ['recall-start', 'refund-fee', 'recall-end']).join('')}</bpmn:subProcess>`;
    await harness.deploy(
      'ref-from-esp.bpmn',
      withRoots(
        processXml('ref-from-esp', [start(), compensable('fee', 'esp-fee'), compensable('seal', 'esp-seal'), serviceTask('wait', 'esp-wait'), end(), recall, ...chain('f', ['start', 'fee', 'seal', 'wait', 'end'])].join('\n')),
        [message('recall-msg', 'fee-recalled', '=caseId')],
      ),
    );
    const { processInstanceKey: pi } = await harness.client.createProcessInstance({ bpmnProcessId: 'ref-from-esp', variables: { caseId: 'R-1' } });
    await completeJob(harness, 'esp-fee', pi);
    await completeJob(harness, 'esp-seal', pi);
    // when
    await harness.client.publishMessage({ name: 'fee-recalled', correlationKey: 'R-1', variables: {}, timeToLive: 0 });
    await completeJob(harness, 'undo-esp-fee', pi);
    await harness.waitForRecord((r) => r.intent === 'ELEMENT_COMPLETED' && (r.value as { elementId: string }).elementId === 'recall');
    await completeJob(harness, 'esp-wait', pi);
    await processCompleted(harness, 'ref-from-esp', pi);
    // then only the fee was refunded; the seal's subscription ended with the instance
    expect(subscriptions(harness, pi).map(([intent, v]) => `${intent}:${v.compensableActivityId}`)).toEqual(['CREATED:fee', 'CREATED:seal', 'TRIGGERED:fee', 'COMPLETED:fee', 'DELETED:seal']);
    expect(trail(harness, pi)).toContain('wait:ELEMENT_COMPLETED');
  });

  it('should revoke the issued permit and notify the villager when the case is withdrawn (撤回) through an event sub-process', async () => {
    // given a case whose permit was issued and which waits for the villager to collect it
    const revokeAndNotify = `<bpmn:subProcess id="revoke" isForCompensation="true">${start('revoke-start')}${serviceTask('revoke-permit', 'revoke-permit')}${serviceTask(
      'notify-villager',
      'notify-villager',
    )}${end('revoke-end')}${chain('rf', ['revoke-start', 'revoke-permit', 'notify-villager', 'revoke-end']).join('')}</bpmn:subProcess>`;
    const withdrawn = `<bpmn:subProcess id="withdrawn" triggeredByEvent="true"><bpmn:startEvent id="withdraw-request">${messageDef(
      'withdraw-msg',
    )}</bpmn:startEvent>${compensationEnd('undo-case')}${flow('wf', 'withdraw-request', 'undo-case')}</bpmn:subProcess>`;
    await harness.deploy(
      'rebuild-case.bpmn',
      withRoots(
        processXml(
          'rebuild-case',
          [
            start(),
            serviceTask('issue-permit', 'case-issue-permit'),
            compensationBoundary('permit-undo', 'issue-permit'),
            revokeAndNotify,
            association('pa', 'permit-undo', 'revoke'),
            serviceTask('collect', 'case-collect'),
            end(),
            withdrawn,
            ...chain('f', ['start', 'issue-permit', 'collect', 'end']),
          ].join('\n'),
        ),
        [message('withdraw-msg', 'case-withdrawn', '=caseId')],
      ),
    );
    const { processInstanceKey: pi } = await harness.client.createProcessInstance({ bpmnProcessId: 'rebuild-case', variables: { caseId: 'TC-2026-031', permitNo: 'P-88' } });
    await completeJob(harness, 'case-issue-permit', pi, { permitIssued: true });
    await harness.waitForRecord((r) => r.valueType === 'JOB' && r.intent === 'CREATED' && (r.value as { type: string }).type === 'case-collect');
    // when the resident withdraws the case
    await harness.client.publishMessage({ name: 'case-withdrawn', correlationKey: 'TC-2026-031', variables: { reason: '撤回' }, timeToLive: 0 });
    const revoke = await completeJob(harness, 'revoke-permit', pi, { permitIssued: false });
    const notify = await completeJob(harness, 'notify-villager', pi);
    await processCompleted(harness, 'rebuild-case', pi);
    // then the handler saw the case variables and ran inside the event sub-process
    expect(revoke.variables).toMatchObject({ permitNo: 'P-88', permitIssued: true, reason: '撤回' });
    expect(notify.variables).toMatchObject({ permitIssued: false });
    const esp = elementRecord(harness, pi, 'withdrawn', 'ELEMENT_ACTIVATED')!;
    expect((elementRecord(harness, pi, 'revoke', 'ELEMENT_ACTIVATED')!.value as { flowScopeKey: number }).flowScopeKey).toBe(esp.key);
    expect(
      isSubsequence(trail(harness, pi), [
        'collect:ELEMENT_TERMINATED',
        'undo-case:ELEMENT_ACTIVATED',
        'revoke:ELEMENT_ACTIVATED',
        'revoke-permit:ELEMENT_COMPLETED',
        'notify-villager:ELEMENT_COMPLETED',
        'revoke:ELEMENT_COMPLETED',
        'undo-case:ELEMENT_COMPLETED',
        'withdrawn:ELEMENT_COMPLETED',
        'rebuild-case:ELEMENT_COMPLETED',
      ]),
    ).toBe(true);
    expect(subscriptions(harness, pi).map(([intent]) => intent)).toEqual(['CREATED', 'TRIGGERED', 'COMPLETED']);
  });
});
