/**
 * Compensation after MigrateProcessInstance. The broker does not migrate compensation subscriptions
 * (Zeebe 8.8 writes COMPENSATION_SUBSCRIPTION MIGRATED for mapped compensation boundary events): they
 * keep their ids, and a later compensation throw resolves the boundary event and handler by those ids
 * in the instance's current (target) definition.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawClient, type RawGatewayClient } from '../engine/support/raw-gateway-client.ts';
import { startEventsHarness, type EventsHarness } from '../events/support/events-harness.ts';
import { migrate } from '../structure/support/migration-support.ts';
import { chain, compensable, compensationThrow, end, processXml, serviceTask, start } from './support/compensation-bpmn.ts';
import { completeJob, processCompleted, subscriptions, trail } from './support/compensation-harness.ts';

const flowOf = (issue: string): string =>
  processXml('mig-case', [start(), issue, serviceTask('wait', 'mig-wait'), compensationThrow('withdraw'), end(), ...chain('f', ['start', 'issue', 'wait', 'withdraw', 'end'])].join('\n'));

describe('compensation after migration', () => {
  let harness: EventsHarness;
  let raw: RawGatewayClient;
  beforeAll(async () => {
    harness = await startEventsHarness();
    raw = rawClient(harness.broker.address);
  });
  afterAll(async () => {
    raw.close();
    await harness.close();
  });

  it('should invoke the target version\'s handler when the compensable activity keeps its id', async () => {
    // given a case that issued a permit on version 1
    await harness.deploy('mig-case.bpmn', flowOf(compensable('issue', 'mig-issue')));
    const { processInstanceKey: pi } = await harness.client.createProcessInstance({ bpmnProcessId: 'mig-case', variables: {} });
    await completeJob(harness, 'mig-issue', pi);
    // when it is migrated to version 2, whose handler has another job type, and then withdrawn
    const v2 = await harness.deploy('mig-case.bpmn', flowOf(compensable('issue', 'mig-issue-v2')));
    await migrate(raw, pi, v2, [['wait', 'wait']]);
    await completeJob(harness, 'mig-wait', pi);
    await completeJob(harness, 'undo-mig-issue-v2', pi);
    await processCompleted(harness, 'mig-case', pi);
    // then
    expect(trail(harness, pi)).toContain('undo-issue:ELEMENT_COMPLETED');
    expect(subscriptions(harness, pi).map(([intent]) => intent)).toEqual(['CREATED', 'TRIGGERED', 'COMPLETED']);
  });

  it('should not wait at a compensation throw event when the target version has no handler for the activity', async () => {
    // given
    await harness.deploy('mig-case.bpmn', flowOf(compensable('issue', 'mig-issue-v3')));
    const { processInstanceKey: pi } = await harness.client.createProcessInstance({ bpmnProcessId: 'mig-case', variables: {} });
    await completeJob(harness, 'mig-issue-v3', pi);
    // when it is migrated to a version where the step has no compensation boundary event
    const plain = await harness.deploy('mig-case.bpmn', flowOf(serviceTask('issue', 'mig-issue-plain')));
    await migrate(raw, pi, plain, [['wait', 'wait']]);
    await completeJob(harness, 'mig-wait', pi);
    await processCompleted(harness, 'mig-case', pi);
    // then the throw event passed; the subscription was triggered without a handler and completed
    const events = subscriptions(harness, pi);
    expect(events.map(([intent]) => intent)).toEqual(['CREATED', 'TRIGGERED', 'COMPLETED']);
    expect(events[1]![1].compensationHandlerInstanceKey).toBe(-1);
    expect(trail(harness, pi)).toContain('withdraw:ELEMENT_COMPLETED');
  });
});
