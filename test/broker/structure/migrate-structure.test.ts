/**
 * MigrateProcessInstance beyond single tasks (Zeebe 8.6/8.7): elements with incidents (the incident
 * is migrated and resolving it retries on the target), multi-instance bodies with their inner
 * instances (会签 moved onto a redesigned chain), and call activities (the called instance stays as it is).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { end, flow, io, processXml, serviceTask, start } from '../engine/support/bpmn-builder.ts';
import { jobOf, lifecycleOf, startHarness, type EngineHarness } from '../engine/support/engine-harness.ts';
import { rawClient, type RawGatewayClient } from '../engine/support/raw-gateway-client.ts';
import { eventsOf, migrate, valueOf } from './support/migration-support.ts';

/** A fee step whose input mapping fails without a permit number, and its corrected version reading the case number. */
const feeProcess = (mapping: string) =>
  processXml('ms-fee', [start(), serviceTask('fee', 'ms-fee', { extensions: io([[mapping, 'ref']]) }), end(), flow('f1', 'start', 'fee'), flow('f2', 'fee', 'end')].join('\n'));

/** A countersign (parallel or sequential) over `signers`, then what follows. */
const countersign = (id: string, sequential: boolean, after: string[]) =>
  processXml(
    'ms-sign',
    [
      start(),
      `<bpmn:serviceTask id="${id}"><bpmn:extensionElements><zeebe:taskDefinition type="ms-sign" /></bpmn:extensionElements>
        <bpmn:multiInstanceLoopCharacteristics isSequential="${sequential}"><bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=signers" inputElement="signer" /></bpmn:extensionElements></bpmn:multiInstanceLoopCharacteristics></bpmn:serviceTask>`,
      ...after.map((step) => serviceTask(step, `ms-${step}`)),
      end(),
      ...[id, ...after].map((from, i, all) => flow(`f${i + 1}`, from, all[i + 1] ?? 'end')),
      flow('f0', 'start', id),
    ].join('\n'),
  );

/** A case that hands its survey to another office's process (call activity), then notifies. */
const caller = (callId: string, after: string) =>
  processXml(
    'ms-parent',
    [
      start(),
      `<bpmn:callActivity id="${callId}"><bpmn:extensionElements><zeebe:calledElement processId="ms-child" /></bpmn:extensionElements></bpmn:callActivity>`,
      serviceTask(after, `ms-${after}`),
      end(),
      flow('f1', 'start', callId),
      flow('f2', callId, after),
      flow('f3', after, 'end'),
    ].join('\n'),
  );
const child = processXml('ms-child', [start(), serviceTask('survey', 'ms-survey'), end(), flow('f1', 'start', 'survey'), flow('f2', 'survey', 'end')].join('\n'));

describe('MigrateProcessInstance with incidents, multi-instance and call activities', () => {
  let h: EngineHarness;
  let raw: RawGatewayClient;

  beforeAll(async () => {
    h = await startHarness();
    raw = rawClient(h.broker.address);
  });

  afterAll(async () => {
    raw.close();
    await h.close();
  });

  it('should migrate an element with an incident and retry it on the target definition when the incident is resolved', async () => {
    // given a case stuck with an input mapping incident on version 1
    await h.deploy('ms-fee.bpmn', feeProcess('=assert(permitNumber, permitNumber != null)'));
    const { processInstanceKey: pi } = await h.client.createProcessInstance({ bpmnProcessId: 'ms-fee', variables: { caseNo: 'MS-1' } });
    const incident = await h.waitForRecord((r) => r.valueType === 'INCIDENT' && r.intent === 'CREATED' && String(valueOf(r).processInstanceKey) === pi);
    const v2 = await h.deploy('ms-fee.bpmn', feeProcess('=caseNo'));
    // when it is migrated onto the corrected version
    await migrate(raw, pi, v2, [['fee', 'fee']]);
    // then the incident is the same one, now on version 2
    const migrated = eventsOf(h.records(), 'INCIDENT', 'MIGRATED', pi);
    expect(migrated.map((r) => r.key)).toEqual([incident.key]);
    expect(valueOf(migrated[0])).toMatchObject({ processDefinitionKey: Number(v2), elementId: 'fee', errorType: 'IO_MAPPING_ERROR' });
    // and resolving it applies version 2's input mapping
    await h.client.resolveIncident({ incidentKey: String(incident.key) });
    const job = await jobOf(h.client, 'ms-fee', pi);
    expect(job).toMatchObject({ elementId: 'fee', processDefinitionVersion: 2 });
    expect(job.variables).toMatchObject({ ref: 'MS-1' });
  });

  it('should migrate a parallel countersign body with its inner instances and continue on the new chain', async () => {
    // given a countersign of three signers on version 1, one already signed
    await h.deploy('ms-sign.bpmn', countersign('sign', false, []));
    const { processInstanceKey: pi } = await h.client.createProcessInstance({ bpmnProcessId: 'ms-sign', variables: { signers: ['a', 'b', 'c'] } });
    const first = await jobOf(h.client, 'ms-sign', pi);
    await h.client.completeJob({ jobKey: first.key, variables: {} });
    const v2 = await h.deploy('ms-sign.bpmn', countersign('countersign', false, ['archive']));
    // when the case is moved onto the redesigned chain
    await migrate(raw, pi, v2, [['sign', 'countersign']]);
    // then the body and the two running inner instances are migrated, keeping their keys and jobs
    const migrated = eventsOf(h.records(), 'PROCESS_INSTANCE', 'ELEMENT_MIGRATED', pi).filter((r) => valueOf(r).elementId === 'countersign');
    expect(migrated.map((r) => valueOf(r).bpmnElementType)).toEqual(['MULTI_INSTANCE_BODY', 'SERVICE_TASK', 'SERVICE_TASK']);
    expect(eventsOf(h.records(), 'JOB', 'MIGRATED', pi)).toHaveLength(2);
    expect(eventsOf(h.records(), 'VARIABLE', 'MIGRATED', pi).map((r) => valueOf(r).name)).toEqual(expect.arrayContaining(['signers', 'signer', 'loopCounter']));
    // and when the remaining signers sign, the case goes on to version 2's archive step
    for (let n = 0; n < 2; n++) {
      const job = await jobOf(h.client, 'ms-sign', pi);
      expect(job).toMatchObject({ elementId: 'countersign', processDefinitionVersion: 2 });
      await h.client.completeJob({ jobKey: job.key, variables: {} });
    }
    expect(await jobOf(h.client, 'ms-archive', pi)).toMatchObject({ elementId: 'archive', processDefinitionVersion: 2 });
  });

  it('should reject moving a parallel countersign onto a sequential one, as Zeebe does', async () => {
    // given a running parallel countersign and a version that signs one after another
    const { processInstanceKey: pi } = await h.client.createProcessInstance({ bpmnProcessId: 'ms-sign', version: 1, variables: { signers: ['a', 'b'] } });
    await jobOf(h.client, 'ms-sign', pi);
    const sequential = await h.deploy('ms-sign.bpmn', countersign('sign', true, []));
    // when / then
    await expect(migrate(raw, pi, sequential, [['sign', 'sign']])).rejects.toMatchObject({
      code: 9,
      details: `Command 'MIGRATE' rejected with code 'INVALID_STATE': Expected to migrate process instance '${pi}' but active element with id 'sign' has a different loop characteristics than the target element with id 'sign'. Both elements must have either sequential or parallel loop characteristics.`,
    });
    // and a multi-instance activity cannot become a plain one
    const plain = await h.deploy('ms-sign.bpmn', processXml('ms-sign', [start(), serviceTask('sign', 'ms-sign'), end(), flow('f0', 'start', 'sign'), flow('f1', 'sign', 'end')].join('\n')));
    await expect(migrate(raw, pi, plain, [['sign', 'sign']])).rejects.toMatchObject({
      details: expect.stringContaining("active element with id 'sign' and type 'MULTI_INSTANCE_BODY' is mapped to an element with id 'sign' and different type 'SERVICE_TASK'"),
    });
    expect(eventsOf(h.records(), 'PROCESS_INSTANCE', 'ELEMENT_MIGRATED', pi)).toHaveLength(0);
  });

  it('should migrate a call activity and leave the called process instance as it is', async () => {
    // given a case waiting on another office's survey (a called process instance)
    await h.deploy('ms-child.bpmn', child);
    await h.deploy('ms-parent.bpmn', caller('call', 'notify'));
    const { processInstanceKey: pi } = await h.client.createProcessInstance({ bpmnProcessId: 'ms-parent', variables: {} });
    const survey = await jobOf(h.client, 'ms-survey');
    expect(survey.processInstanceKey).not.toBe(pi);
    const v2 = await h.deploy('ms-parent.bpmn', caller('surveyOffice', 'inform'));
    // when the parent is migrated with the call activity renamed
    await migrate(raw, pi, v2, [['call', 'surveyOffice']]);
    // then the call activity is migrated and the called instance is untouched
    expect(lifecycleOf(h.records(), 'surveyOffice', pi)).toEqual(['ELEMENT_MIGRATED']);
    expect(eventsOf(h.records(), 'PROCESS_INSTANCE', 'ELEMENT_MIGRATED', survey.processInstanceKey)).toHaveLength(0);
    // and when the survey completes, the parent continues on version 2
    await h.client.completeJob({ jobKey: survey.key, variables: { surveyed: true } });
    const inform = await jobOf(h.client, 'ms-inform', pi);
    expect(inform).toMatchObject({ elementId: 'inform', processDefinitionVersion: 2 });
    expect(inform.variables).toMatchObject({ surveyed: true });
  });
});
