/**
 * MigrateProcessInstance and event subscriptions (Zeebe 8.6/8.7 "Dealing with catch events"): mapped
 * catch events keep their subscription (TIMER / PROCESS_MESSAGE_SUBSCRIPTION / SIGNAL_SUBSCRIPTION
 * MIGRATED, same key and due date), unmapped source catch events are closed, catch events new in the
 * target are subscribed; afterwards the target model's elements are the ones triggered.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobOf } from '../engine/support/engine-harness.ts';
import { rawClient, type RawGatewayClient } from '../engine/support/raw-gateway-client.ts';
import { boundary, catchEvent, end, flow, io, message, messageDef, processXml, serviceTask, signal, signalDef, start, timerDef, withRoots } from '../events/support/event-bpmn.ts';
import { eventSubProcess } from '../events/support/event-sub-process-bpmn.ts';
import { HOUR, lifecycle, startEventsHarness, type EventsHarness } from '../events/support/events-harness.ts';
import { eventsOf, migrate, valueOf } from './support/migration-support.ts';

/** Version 1 of the supervision chain: review with a 1 h deadline (T1) that escalates. */
const chainV1 = processXml(
  'mce-chain',
  [
    start(),
    serviceTask('review', 'mce-review'),
    boundary('T1', 'review', timerDef('timeDuration', 'PT1H')),
    serviceTask('escalate', 'mce-escalate'),
    end(),
    end('end-escalated'),
    flow('f1', 'start', 'review'),
    flow('f2', 'review', 'end'),
    flow('f3', 'T1', 'escalate'),
    flow('f4', 'escalate', 'end-escalated'),
  ].join('\n'),
);

/**
 * Version 2: the deadline is renamed (T2, 10 h for new cases) and leads to a supervision step; a new
 * non-interrupting reminder (R, 3 h) and a message event sub-process for withdrawals (撤回) are added.
 */
const chainV2 = withRoots(
  processXml(
    'mce-chain',
    [
      start(),
      serviceTask('review', 'mce-review'),
      boundary('T2', 'review', timerDef('timeDuration', 'PT10H')),
      boundary('R', 'review', timerDef('timeDuration', 'PT3H'), false),
      serviceTask('supervise', 'mce-supervise'),
      serviceTask('remind', 'mce-remind'),
      end(),
      end('end-supervised'),
      end('end-reminded'),
      eventSubProcess('withdrawal', { id: 'withdrawn', definition: messageDef('m-withdraw'), interrupting: true }),
      flow('f1', 'start', 'review'),
      flow('f2', 'review', 'end'),
      flow('f3', 'T2', 'supervise'),
      flow('f4', 'supervise', 'end-supervised'),
      flow('f5', 'R', 'remind'),
      flow('f6', 'remind', 'end-reminded'),
    ].join('\n'),
  ),
  [message('m-withdraw', 'mce-withdraw', '=caseNo')],
);

/** Waiting states with subscriptions of their own: a message boundary, a timer catch, a signal event sub-process. */
const waitV1 = withRoots(
  processXml(
    'mce-wait',
    [
      start(),
      serviceTask('check', 'mce-check'),
      boundary('M1', 'check', messageDef('m-docs')),
      catchEvent('cool1', timerDef('timeDuration', 'PT2H')),
      end(),
      end('end-docs'),
      eventSubProcess('policy', { id: 'policy1', definition: signalDef('s-policy'), interrupting: false }, 'mce-policy'),
      flow('f1', 'start', 'check'),
      flow('f2', 'check', 'cool1'),
      flow('f3', 'cool1', 'end'),
      flow('f4', 'M1', 'end-docs'),
    ].join('\n'),
  ),
  [message('m-docs', 'mce-docs', '=caseNo'), signal('s-policy', 'mce-policy')],
);
const waitV2 = withRoots(
  processXml(
    'mce-wait',
    [
      start(),
      serviceTask('check2', 'mce-check'),
      boundary('M2', 'check2', messageDef('m-docs'), false),
      catchEvent('cool2', timerDef('timeDuration', 'PT20H')),
      serviceTask('archive', 'mce-archive'),
      serviceTask('docs-arrived', 'mce-docs-arrived'),
      end(),
      end('end-docs'),
      eventSubProcess('policy2', { id: 'policy2-start', definition: signalDef('s-policy'), interrupting: false }, 'mce-policy2'),
      flow('f1', 'start', 'check2'),
      flow('f2', 'check2', 'cool2'),
      flow('f3', 'cool2', 'archive'),
      flow('f5', 'archive', 'end'),
      flow('f4', 'M2', 'docs-arrived'),
      flow('f6', 'docs-arrived', 'end-docs'),
    ].join('\n'),
  ),
  [message('m-docs', 'mce-docs', '=caseNo'), signal('s-policy', 'mce-policy')],
);

/**
 * Drafting whose output mapping needs `result`, with a 2 h deadline boundary (D1 in v1, D2 in v2);
 * v2 adds a non-interrupting 3 h reminder R.
 */
const draftProcess = (version: 1 | 2): string =>
  processXml(
    'mce-draft',
    [
      start(),
      serviceTask('draft', 'mce-draft', { extensions: io([], [['=assert(result, result != null)', 'text']]) }),
      end(),
      end('end-late'),
      flow('f1', 'start', 'draft'),
      flow('f2', 'draft', 'end'),
      boundary(`D${version}`, 'draft', timerDef('timeDuration', 'PT2H')),
      flow('f3', `D${version}`, 'end-late'),
      ...(version === 2 ? [boundary('R', 'draft', timerDef('timeDuration', 'PT3H'), false), end('end-reminded'), flow('f4', 'R', 'end-reminded')] : []),
    ].join('\n'),
  );

describe('MigrateProcessInstance with event subscriptions', () => {
  let h: EventsHarness;
  let raw: RawGatewayClient;
  let chainV2Key: string;

  beforeAll(async () => {
    h = await startEventsHarness();
    raw = rawClient(h.broker.address);
    await h.deploy('mce-chain.bpmn', chainV1);
    chainV2Key = await h.deploy('mce-chain.bpmn', chainV2);
  });

  afterAll(async () => {
    raw.close();
    await h.close();
  });

  const startChain = async (caseNo: string) => {
    const { processInstanceKey } = await h.client.createProcessInstance({ bpmnProcessId: 'mce-chain', version: 1, variables: { caseNo } });
    await h.waitForRecord((r) => r.valueType === 'TIMER' && r.intent === 'CREATED' && String(valueOf(r).processInstanceKey) === processInstanceKey);
    return processInstanceKey;
  };

  it('should keep the due date of a timer boundary mapped to a renamed boundary and fire the target boundary', async () => {
    // given a case waiting in review whose 1 h deadline was opened by version 1
    const pi = await startChain('MCE-1');
    const created = eventsOf(h.records(), 'TIMER', 'CREATED', pi)[0]!;
    await h.advance(HOUR / 2);
    // when it is migrated with the deadline mapped to the renamed one
    await migrate(raw, pi, chainV2Key, [['review', 'review'], ['T1', 'T2']]);
    // then the same timer now belongs to T2, still due at the old time
    const migrated = eventsOf(h.records(), 'TIMER', 'MIGRATED', pi);
    expect(migrated).toHaveLength(1);
    expect(migrated[0]!.key).toBe(created.key);
    expect(valueOf(migrated[0])).toMatchObject({ targetElementId: 'T2', dueDate: valueOf(created).dueDate, processDefinitionKey: Number(chainV2Key) });
    // and when the old due time comes, version 2's boundary fires and leads to its supervision step
    await h.advance(HOUR / 2);
    const job = await jobOf(h.client, 'mce-supervise', pi);
    expect(job).toMatchObject({ elementId: 'supervise', processDefinitionVersion: 2 });
    expect(lifecycle(h.records(), 'T2', pi)).toContain('ELEMENT_COMPLETED');
    expect(lifecycle(h.records(), 'T1', pi)).toEqual([]);
  });

  it('should close an unmapped boundary timer, open the boundaries new in the target, and fire only those', async () => {
    // given a case of version 1 waiting in review
    const pi = await startChain('MCE-2');
    const oldTimer = eventsOf(h.records(), 'TIMER', 'CREATED', pi)[0]!;
    // when it is migrated without a mapping for T1
    await migrate(raw, pi, chainV2Key, [['review', 'review']]);
    // then T1's timer is canceled and T2 (10 h) and R (3 h) are new timers of the review instance
    expect(eventsOf(h.records(), 'TIMER', 'CANCELED', pi).map((r) => r.key)).toEqual([oldTimer.key]);
    const opened = eventsOf(h.records(), 'TIMER', 'CREATED', pi).filter((r) => r.key !== oldTimer.key);
    expect(opened.map((r) => valueOf(r).targetElementId).sort()).toEqual(['R', 'T2']);
    expect(opened.every((r) => valueOf(r).elementInstanceKey === valueOf(oldTimer).elementInstanceKey)).toBe(true);
    // and the old 1 h deadline no longer fires, the new 3 h reminder does (non-interrupting: review stays)
    await h.advance(HOUR);
    expect(lifecycle(h.records(), 'T1', pi)).toEqual([]);
    expect(eventsOf(h.records(), 'TIMER', 'TRIGGERED', pi)).toHaveLength(0);
    await h.advance(2 * HOUR);
    const remind = await jobOf(h.client, 'mce-remind', pi);
    expect(remind).toMatchObject({ elementId: 'remind', processDefinitionVersion: 2 });
    expect(lifecycle(h.records(), 'review', pi)).not.toContain('ELEMENT_TERMINATED');
    // the new message event sub-process of version 2 is subscribed on the process instance too
    const subscription = eventsOf(h.records(), 'PROCESS_MESSAGE_SUBSCRIPTION', 'CREATED', pi).find((r) => valueOf(r).elementId === 'withdrawn');
    expect(valueOf(subscription)).toMatchObject({ messageName: 'mce-withdraw', correlationKey: 'MCE-2', elementInstanceKey: Number(pi) });
  });

  it('should let a message event sub-process added in the target version catch after migration', async () => {
    // given a migrated case (the withdrawal event sub-process exists only in version 2)
    const pi = await startChain('MCE-3');
    await migrate(raw, pi, chainV2Key, [['review', 'review'], ['T1', 'T2']]);
    // when the citizen withdraws the case
    await h.client.publishMessage({ name: 'mce-withdraw', correlationKey: 'MCE-3', variables: { reason: 'withdrawn' }, timeToLive: 0 });
    // then the event sub-process interrupts the review and the case ends there
    await h.waitForRecord((r) => r.valueType === 'PROCESS_INSTANCE' && r.intent === 'ELEMENT_COMPLETED' && String(r.key) === pi);
    expect(lifecycle(h.records(), 'withdrawal', pi)).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED', 'ELEMENT_COMPLETING', 'ELEMENT_COMPLETED']);
    expect(lifecycle(h.records(), 'review', pi)).toContain('ELEMENT_TERMINATED');
    // and the migrated deadline timer and the new reminder were canceled with the review
    const migratedTimer = eventsOf(h.records(), 'TIMER', 'MIGRATED', pi)[0]!;
    const canceled = eventsOf(h.records(), 'TIMER', 'CANCELED', pi);
    expect(canceled.map((r) => valueOf(r).targetElementId).sort()).toEqual(['R', 'T2']);
    expect(canceled.map((r) => r.key)).toContain(migratedTimer.key);
  });

  it('should migrate message boundary, intermediate timer and signal event sub-process subscriptions with their elements', async () => {
    // given version 1 and 2 of a waiting chain and a case waiting in check (message boundary M1, signal start policy1)
    await h.deploy('mce-wait.bpmn', waitV1);
    const waitV2Key = await h.deploy('mce-wait.bpmn', waitV2);
    const { processInstanceKey: pi } = await h.client.createProcessInstance({ bpmnProcessId: 'mce-wait', version: 1, variables: { caseNo: 'MCE-4' } });
    await h.waitForRecord((r) => r.valueType === 'SIGNAL_SUBSCRIPTION' && r.intent === 'CREATED');
    const pms = await h.waitForRecord((r) => r.valueType === 'PROCESS_MESSAGE_SUBSCRIPTION' && r.intent === 'CREATED' && String(valueOf(r).processInstanceKey) === pi);
    // when it is migrated with its message boundary and the signal start mapped
    await migrate(raw, pi, waitV2Key, [['check', 'check2'], ['M1', 'M2'], ['policy', 'policy2'], ['policy1', 'policy2-start'], ['cool1', 'cool2']]);
    // then the subscriptions keep their keys and point at the target's catch events (M2 is non-interrupting)
    const pmsMigrated = eventsOf(h.records(), 'PROCESS_MESSAGE_SUBSCRIPTION', 'MIGRATED', pi);
    expect(pmsMigrated.map((r) => r.key)).toEqual([pms.key]);
    expect(valueOf(pmsMigrated[0])).toMatchObject({ elementId: 'M2', interrupting: false, messageName: 'mce-docs', correlationKey: 'MCE-4' });
    expect(eventsOf(h.records(), 'MESSAGE_SUBSCRIPTION', 'MIGRATED', pi)).toHaveLength(1);
    // and, as in Zeebe, the message side follows through a MESSAGE_SUBSCRIPTION MIGRATE command, then MIGRATED
    const messageSide = h.records().filter((r) => r.valueType === 'MESSAGE_SUBSCRIPTION' && r.key === pms.key && (r.intent === 'MIGRATE' || r.intent === 'MIGRATED'));
    expect(messageSide.map((r) => `${r.recordType} ${r.intent}`)).toEqual(['COMMAND MIGRATE', 'EVENT MIGRATED']);
    expect(messageSide[0]!.position).toBeGreaterThan(pmsMigrated[0]!.position);
    expect(messageSide[1]!.sourceRecordPosition).toBe(messageSide[0]!.position);
    expect(valueOf(messageSide[1])).toMatchObject({ bpmnProcessId: 'mce-wait', interrupting: false, messageName: 'mce-docs', correlationKey: 'MCE-4' });
    const signalMigrated = h.records().filter((r) => r.valueType === 'SIGNAL_SUBSCRIPTION' && r.intent === 'MIGRATED');
    expect(valueOf(signalMigrated[0])).toMatchObject({ catchEventId: 'policy2-start', catchEventInstanceKey: Number(pi), processDefinitionKey: Number(waitV2Key) });
    expect(eventsOf(h.records(), 'PROCESS_MESSAGE_SUBSCRIPTION', 'DELETED', pi)).toHaveLength(0);
    // and the documents message triggers version 2's non-interrupting boundary
    await h.client.publishMessage({ name: 'mce-docs', correlationKey: 'MCE-4', variables: {}, timeToLive: 0 });
    const arrived = await jobOf(h.client, 'mce-docs-arrived', pi);
    expect(arrived).toMatchObject({ elementId: 'docs-arrived', processDefinitionVersion: 2 });
    await h.client.completeJob({ jobKey: arrived.key, variables: {} });
    // and the policy signal starts version 2's event sub-process
    await h.client.broadcastSignal({ signalName: 'mce-policy', variables: {} });
    expect(await jobOf(h.client, 'mce-policy2', pi)).toMatchObject({ elementId: 'policy2-task' });
    // when check completes, the intermediate timer of version 2 waits 20 h ...
    const check = await jobOf(h.client, 'mce-check', pi);
    await h.client.completeJob({ jobKey: check.key, variables: {} });
    const cool = await h.waitForRecord((r) => r.valueType === 'TIMER' && r.intent === 'CREATED' && String(valueOf(r).processInstanceKey) === pi);
    expect(valueOf(cool)).toMatchObject({ targetElementId: 'cool2' });
    // ... and migrating it back onto version 1 keeps that timer, now for cool1
    const waitV1Key = String(h.records().find((r) => r.valueType === 'PROCESS' && r.intent === 'CREATED' && valueOf(r).bpmnProcessId === 'mce-wait' && valueOf(r).version === 1)!.key);
    await migrate(raw, pi, waitV1Key, [['cool2', 'cool1'], ['policy2', 'policy'], ['policy2-start', 'policy1'], ['policy2-task', 'policy-task']]);
    const back = eventsOf(h.records(), 'TIMER', 'MIGRATED', pi);
    expect(back.map((r) => r.key)).toEqual([cool.key]);
    expect(valueOf(back[0])).toMatchObject({ targetElementId: 'cool1', dueDate: valueOf(cool).dueDate });
    await h.advance(20 * HOUR);
    expect(lifecycle(h.records(), 'cool1', pi)).toEqual(['ELEMENT_MIGRATED', 'ELEMENT_COMPLETING', 'ELEMENT_COMPLETED']);
  });
  it('should migrate the timers of an element stuck COMPLETING on an output mapping incident (it keeps them, as in Zeebe), open the new ones, and close them when it completes', async () => {
    // given a draft whose job completed without the result its output mapping needs (v1, deadline D1)
    await h.deploy('mce-draft.bpmn', draftProcess(1));
    const v2 = await h.deploy('mce-draft.bpmn', draftProcess(2));
    const { processInstanceKey: pi } = await h.client.createProcessInstance({ bpmnProcessId: 'mce-draft', version: 1, variables: {} });
    const job = await jobOf(h.client, 'mce-draft', pi);
    await h.client.completeJob({ jobKey: job.key, variables: {} });
    const incident = await h.waitForRecord((r) => r.valueType === 'INCIDENT' && r.intent === 'CREATED' && String(valueOf(r).processInstanceKey) === pi);
    expect(lifecycle(h.records(), 'draft', pi)).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED', 'ELEMENT_COMPLETING']);
    // then the stuck draft still holds its deadline (subscriptions close after the output mappings)
    const deadline = eventsOf(h.records(), 'TIMER', 'CREATED', pi)[0]!;
    expect(eventsOf(h.records(), 'TIMER', 'CANCELED', pi)).toEqual([]);

    // when it is migrated onto v2 with D1 mapped to D2
    await migrate(raw, pi, v2, [['draft', 'draft'], ['D1', 'D2']]);
    // then (Zeebe handles the catch events of every element past ACTIVATING) the deadline moves to D2 and the reminder R is opened
    expect(eventsOf(h.records(), 'TIMER', 'MIGRATED', pi).map((r) => [r.key, valueOf(r).targetElementId])).toEqual([[deadline.key, 'D2']]);
    const opened = eventsOf(h.records(), 'TIMER', 'CREATED', pi).filter((r) => r.key !== deadline.key);
    expect(opened.map((r) => valueOf(r))).toEqual([expect.objectContaining({ targetElementId: 'R', elementInstanceKey: Number(job.elementInstanceKey), processDefinitionKey: Number(v2) })]);

    // when both fall due while the draft is still stuck, neither fires (nor is a trigger attempted)
    await h.advance(4 * HOUR);
    expect(eventsOf(h.records(), 'TIMER', 'TRIGGERED', pi)).toEqual([]);
    expect(h.records().filter((r) => r.valueType === 'TIMER' && r.recordType === 'COMMAND_REJECTION')).toEqual([]);

    // when the result is given and the incident resolved, the draft completes and both timers are closed
    await h.client.setVariables({ elementInstanceKey: pi, variables: { result: '草稿' }, local: false });
    await h.client.resolveIncident({ incidentKey: String(incident.key) });
    await h.waitForRecord((r) => r.valueType === 'PROCESS_INSTANCE' && r.intent === 'ELEMENT_COMPLETED' && String(r.key) === pi);
    expect(eventsOf(h.records(), 'TIMER', 'CANCELED', pi).map((r) => r.key).sort()).toEqual([deadline.key, opened[0]!.key].sort());
    expect(lifecycle(h.records(), 'end', pi)).toContain('ELEMENT_COMPLETED');
    expect(lifecycle(h.records(), 'end-late', pi)).toEqual([]);
  });
});
