/**
 * MigrateProcessInstance inside scopes: a sub-process keeps or changes the subscriptions it owns (its
 * boundary events and the start events of its own event sub-processes), a multi-instance body keeps
 * the boundary events of the activity, and a failed job's incident moves with the job.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobOf } from '../engine/support/engine-harness.ts';
import { rawClient, type RawGatewayClient } from '../engine/support/raw-gateway-client.ts';
import { boundary, end, flow, message, messageDef, processXml, serviceTask, start, timerDef, withRoots } from '../events/support/event-bpmn.ts';
import { eventSubProcess } from '../events/support/event-sub-process-bpmn.ts';
import { HOUR, lifecycle, startEventsHarness, type EventsHarness } from '../events/support/events-harness.ts';
import { eventsOf, migrate, valueOf } from './support/migration-support.ts';

/** A handling sub-process with a deadline boundary and an urge (催办) event sub-process inside. */
const handling = (v: '1' | '2', deadline: string) =>
  withRoots(
    processXml(
      'msc-handle',
      [
        start(),
        `<bpmn:subProcess id="handle${v}">
          ${start(`s${v}`)}
          ${serviceTask(`work${v}`, 'msc-work')}
          ${end(`e${v}`)}
          ${eventSubProcess(`urge${v}`, { id: `urge${v}-start`, definition: messageDef('m-urge'), interrupting: false }, `msc-urge${v}`)}
          ${flow(`sf1-${v}`, `s${v}`, `work${v}`)}
          ${flow(`sf2-${v}`, `work${v}`, `e${v}`)}
        </bpmn:subProcess>`,
        boundary(`TB${v}`, `handle${v}`, timerDef('timeDuration', deadline)),
        serviceTask(`late${v}`, `msc-late${v}`),
        end(),
        end('end-late'),
        flow('f1', 'start', `handle${v}`),
        flow('f2', `handle${v}`, 'end'),
        flow('f3', `TB${v}`, `late${v}`),
        flow('f4', `late${v}`, 'end-late'),
      ].join('\n'),
    ),
    [message('m-urge', 'msc-urge', '=caseNo')],
  );

/** A parallel countersign with a deadline on the whole body. */
const signing = (v: '1' | '2') =>
  processXml(
    'msc-sign',
    [
      start(),
      `<bpmn:serviceTask id="sign${v}"><bpmn:extensionElements><zeebe:taskDefinition type="msc-sign" retries="1" /></bpmn:extensionElements>
        <bpmn:multiInstanceLoopCharacteristics><bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=signers" inputElement="signer" /></bpmn:extensionElements></bpmn:multiInstanceLoopCharacteristics></bpmn:serviceTask>`,
      boundary(`ST${v}`, `sign${v}`, timerDef('timeDuration', 'PT8H')),
      serviceTask(`overdue${v}`, `msc-overdue${v}`),
      end(),
      end('end-overdue'),
      flow('f1', 'start', `sign${v}`),
      flow('f2', `sign${v}`, 'end'),
      flow('f3', `ST${v}`, `overdue${v}`),
      flow('f4', `overdue${v}`, 'end-overdue'),
    ].join('\n'),
  );

describe('MigrateProcessInstance inside scopes', () => {
  let h: EventsHarness;
  let raw: RawGatewayClient;

  beforeAll(async () => {
    h = await startEventsHarness();
    raw = rawClient(h.broker.address);
  });

  afterAll(async () => {
    raw.close();
    await h.close();
  });

  it("should close a sub-process's unmapped boundary, open the target's, and migrate its event sub-process start", async () => {
    // given a case handled in a sub-process with a 1 h deadline and an urge subscription
    await h.deploy('msc-handle.bpmn', handling('1', 'PT1H'));
    const v2 = await h.deploy('msc-handle.bpmn', handling('2', 'PT4H'));
    const { processInstanceKey: pi } = await h.client.createProcessInstance({ bpmnProcessId: 'msc-handle', version: 1, variables: { caseNo: 'MSC-1' } });
    await jobOf(h.client, 'msc-work', pi);
    const urge = eventsOf(h.records(), 'PROCESS_MESSAGE_SUBSCRIPTION', 'CREATED', pi)[0]!;
    // when the sub-process and its urge start are mapped, the deadline is not
    await migrate(raw, pi, v2, [['handle1', 'handle2'], ['work1', 'work2'], ['urge1-start', 'urge2-start']]);
    // then the urge subscription of the sub-process instance is migrated, the deadline replaced by the 4 h one
    const migrated = eventsOf(h.records(), 'PROCESS_MESSAGE_SUBSCRIPTION', 'MIGRATED', pi);
    expect(migrated.map((r) => r.key)).toEqual([urge.key]);
    expect(valueOf(migrated[0])).toMatchObject({ elementId: 'urge2-start', elementInstanceKey: valueOf(urge).elementInstanceKey, interrupting: false });
    expect(eventsOf(h.records(), 'TIMER', 'CANCELED', pi).map((r) => valueOf(r).targetElementId)).toEqual(['TB1']);
    expect(eventsOf(h.records(), 'TIMER', 'CREATED', pi).map((r) => valueOf(r).targetElementId)).toEqual(['TB1', 'TB2']);
    // and an urge starts version 2's event sub-process inside the sub-process
    await h.client.publishMessage({ name: 'msc-urge', correlationKey: 'MSC-1', variables: {}, timeToLive: 0 });
    expect(await jobOf(h.client, 'msc-urge2', pi)).toMatchObject({ elementId: 'urge2-task', processDefinitionVersion: 2 });
    // and the old 1 h deadline does not fire, the new 4 h one does
    await h.advance(HOUR);
    expect(lifecycle(h.records(), 'TB1', pi)).toEqual([]);
    await h.advance(3 * HOUR);
    expect(await jobOf(h.client, 'msc-late2', pi)).toMatchObject({ elementId: 'late2' });
    expect(lifecycle(h.records(), 'handle2', pi)).toContain('ELEMENT_TERMINATED');
  });

  it("should keep a multi-instance body's boundary timer when mapped, and move a job incident with its job", async () => {
    // given a countersign whose first signer's job failed without retries (an incident on the job)
    await h.deploy('msc-sign.bpmn', signing('1'));
    const v2 = await h.deploy('msc-sign.bpmn', signing('2'));
    const { processInstanceKey: pi } = await h.client.createProcessInstance({ bpmnProcessId: 'msc-sign', version: 1, variables: { signers: ['a', 'b'] } });
    const failing = await jobOf(h.client, 'msc-sign', pi);
    await h.client.failJob({ jobKey: failing.key, retries: 0, errorMessage: 'signer away', retryBackOff: 0 });
    const incident = await h.waitForRecord((r) => r.valueType === 'INCIDENT' && r.intent === 'CREATED' && String(valueOf(r).processInstanceKey) === pi);
    const timer = eventsOf(h.records(), 'TIMER', 'CREATED', pi)[0]!;
    // when the body and its deadline are mapped
    await migrate(raw, pi, v2, [['sign1', 'sign2'], ['ST1', 'ST2']]);
    // then the body's timer is migrated (its inner instances own none) and the job incident follows the job
    expect(eventsOf(h.records(), 'TIMER', 'MIGRATED', pi).map((r) => [r.key, valueOf(r).targetElementId])).toEqual([[timer.key, 'ST2']]);
    expect(eventsOf(h.records(), 'TIMER', 'CREATED', pi)).toHaveLength(1);
    const movedIncident = eventsOf(h.records(), 'INCIDENT', 'MIGRATED', pi);
    expect(movedIncident.map((r) => r.key)).toEqual([incident.key]);
    expect(valueOf(movedIncident[0])).toMatchObject({ elementId: 'sign2', jobKey: Number(failing.key), errorType: 'JOB_NO_RETRIES' });
    // and after the deadline, version 2's overdue step takes over
    await h.advance(8 * HOUR);
    expect(await jobOf(h.client, 'msc-overdue2', pi)).toMatchObject({ elementId: 'overdue2', processDefinitionVersion: 2 });
  });
});
