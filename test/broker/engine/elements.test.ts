import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { end, flow, parallelProcess, processXml, serviceTask, start } from './support/bpmn-builder.ts';
import { lifecycleOf, startHarness, type EngineHarness } from './support/engine-harness.ts';

const exclusive = processXml(
  'el-xor',
  [
    start(),
    '<bpmn:exclusiveGateway id="decide" default="to-normal" />',
    serviceTask('fast', 'el-fast'),
    serviceTask('normal', 'el-normal'),
    end('end-fast'),
    end('end-normal'),
    flow('f0', 'start', 'decide'),
    flow('to-fast', 'decide', 'fast', '=amount < 1000'),
    flow('to-normal', 'decide', 'normal'),
    flow('f1', 'fast', 'end-fast'),
    flow('f2', 'normal', 'end-normal'),
  ].join('\n'),
);

const exclusiveNoDefault = processXml(
  'el-xor-strict',
  [
    start(),
    '<bpmn:exclusiveGateway id="decide" />',
    end('end-yes'),
    end('end-no'),
    flow('f0', 'start', 'decide'),
    flow('to-yes', 'decide', 'end-yes', '=approved = true'),
    flow('to-no', 'decide', 'end-no', '=approved = false'),
  ].join('\n'),
);

const parallel = parallelProcess('el-and', [
  ['land', serviceTask('land', 'el-land')],
  ['planning', serviceTask('planning', 'el-planning')],
]);

const passThrough = processXml(
  'el-manual',
  [
    start(),
    '<bpmn:manualTask id="visit" />',
    '<bpmn:task id="archive" />',
    '<bpmn:scriptTask id="area"><bpmn:extensionElements><zeebe:script expression="=width * depth" resultVariable="area" /></bpmn:extensionElements></bpmn:scriptTask>',
    end(),
    flow('f0', 'start', 'visit'),
    flow('f1', 'visit', 'archive'),
    flow('f2', 'archive', 'area'),
    flow('f3', 'area', 'end'),
  ].join('\n'),
);

const userTask = processXml(
  'el-user',
  [
    start(),
    `<bpmn:userTask id="review"><bpmn:extensionElements>
      <zeebe:assignmentDefinition assignee="=reviewer" candidateGroups="land-office, planning-office" />
      <zeebe:taskSchedule dueDate="2026-12-01T09:00:00+08:00" />
      <zeebe:formDefinition formKey="streetflow:rebuild-review" />
      <zeebe:taskHeaders><zeebe:header key="office" value="党政办" /></zeebe:taskHeaders>
    </bpmn:extensionElements></bpmn:userTask>`,
    end(),
    flow('f0', 'start', 'review'),
    flow('f1', 'review', 'end'),
  ].join('\n'),
);

const linkedForm = processXml(
  'el-user-form',
  [
    start(),
    `<bpmn:userTask id="review"><bpmn:extensionElements><zeebe:formDefinition formId="el-review-form" /></bpmn:extensionElements></bpmn:userTask>`,
    end(),
    flow('f0', 'start', 'review'),
    flow('f1', 'review', 'end'),
  ].join('\n'),
);

const reviewForm = JSON.stringify({ id: 'el-review-form', type: 'default', components: [{ key: 'opinion', type: 'textfield', label: '意见' }] });

describe('BPMN elements', () => {
  let h: EngineHarness;

  beforeAll(async () => {
    h = await startHarness();
    await h.deploy('el-xor.bpmn', exclusive);
    await h.deploy('el-xor-strict.bpmn', exclusiveNoDefault);
    await h.deploy('el-and.bpmn', parallel);
    await h.deploy('el-manual.bpmn', passThrough);
    await h.deploy('el-user.bpmn', userTask);
  });

  it('should point a user task with a linked form at the deployed form key', async () => {
    // given
    const deployed = await h.client.deployResource({ name: 'el-review-form.form', form: Buffer.from(reviewForm) });
    const formKey = (deployed.deployments[0] as unknown as { form: { formKey: string } }).form.formKey;
    await h.deploy('el-user-form.bpmn', linkedForm);
    // when
    const created = await h.client.createProcessInstance({ bpmnProcessId: 'el-user-form', variables: {} });
    const jobs = await h.client.activateJobs({ type: 'io.camunda.zeebe:userTask', worker: 'worklist', maxJobsToActivate: 10, timeout: 60_000, requestTimeout: 5_000 });
    const job = jobs.find((j) => j.processInstanceKey === created.processInstanceKey)!;
    // then
    expect(job.customHeaders['io.camunda.zeebe:formKey']).toBe(formKey);
    await h.client.completeJob({ jobKey: job.key, variables: {} });
  });

  afterAll(async () => {
    await h.close();
  });

  async function completeNext(type: string, variables: Record<string, unknown> = {}) {
    const jobs = await h.client.activateJobs({ type, worker: 'w', maxJobsToActivate: 1, timeout: 60_000, requestTimeout: 5_000 });
    expect(jobs).toHaveLength(1);
    await h.client.completeJob({ jobKey: jobs[0]!.key, variables });
    return jobs[0]!;
  }

  it('should take the flow whose condition is true at an exclusive gateway', async () => {
    // when
    const created = await h.client.createProcessInstance({ bpmnProcessId: 'el-xor', variables: { amount: 500 } });
    const job = await completeNext('el-fast');
    // then
    expect(job.processInstanceKey).toBe(created.processInstanceKey);
    await h.waitForRecord((r) => r.intent === 'ELEMENT_COMPLETED' && String(r.key) === created.processInstanceKey);
    expect(lifecycleOf(h.records(), 'to-fast', created.processInstanceKey)).toEqual(['SEQUENCE_FLOW_TAKEN']);
    expect(lifecycleOf(h.records(), 'normal', created.processInstanceKey)).toEqual([]);
  });

  it('should take the default flow when no condition is true', async () => {
    // when
    const created = await h.client.createProcessInstance({ bpmnProcessId: 'el-xor', variables: { amount: 5000 } });
    const job = await completeNext('el-normal');
    // then
    expect(job.processInstanceKey).toBe(created.processInstanceKey);
  });

  it('should raise an incident when no condition matches and continue after the variable is set and the incident resolved', async () => {
    // given
    const created = await h.client.createProcessInstance({ bpmnProcessId: 'el-xor-strict', variables: { approved: 'maybe' } });
    const incident = await h.waitForRecord(
      (r) => r.valueType === 'INCIDENT' && r.intent === 'CREATED' && String((r.value as { processInstanceKey: number }).processInstanceKey) === created.processInstanceKey,
    );
    expect(incident.value).toMatchObject({ errorType: 'CONDITION_ERROR', elementId: 'decide' });
    // when
    await h.client.setVariables({ elementInstanceKey: created.processInstanceKey, variables: { approved: true }, local: false });
    await h.client.resolveIncident({ incidentKey: String(incident.key) });
    // then
    await h.waitForRecord((r) => r.intent === 'ELEMENT_COMPLETED' && String(r.key) === created.processInstanceKey);
    expect(lifecycleOf(h.records(), 'end-yes', created.processInstanceKey)).toContain('ELEMENT_COMPLETED');
  });

  it('should fork at a parallel gateway and join only after both branches completed', async () => {
    // given
    const created = await h.client.createProcessInstance({ bpmnProcessId: 'el-and', variables: {} });
    // when one branch completes
    await completeNext('el-land', { land: 'ok' });
    await h.waitForRecord((r) => r.intent === 'SEQUENCE_FLOW_TAKEN' && (r.value as { elementId: string }).elementId === 'f3' && String((r.value as { processInstanceKey: number }).processInstanceKey) === created.processInstanceKey);
    // then the join waits
    expect(lifecycleOf(h.records(), 'join', created.processInstanceKey)).toEqual([]);
    // and when the other completes
    await completeNext('el-planning', { planning: 'ok' });
    await h.waitForRecord((r) => r.intent === 'ELEMENT_COMPLETED' && String(r.key) === created.processInstanceKey);
    // then the join is activated exactly once
    expect(lifecycleOf(h.records(), 'join', created.processInstanceKey)).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED', 'ELEMENT_COMPLETING', 'ELEMENT_COMPLETED']);
    expect(lifecycleOf(h.records(), 'end', created.processInstanceKey).filter((i) => i === 'ELEMENT_COMPLETED')).toHaveLength(1);
  });

  it('should pass through manual and undefined tasks and evaluate a FEEL script task', async () => {
    // when
    const result = await h.client.createProcessInstanceWithResult({ bpmnProcessId: 'el-manual', variables: { width: 6, depth: 7 } });
    // then
    expect(result.variables).toEqual({ width: 6, depth: 7, area: 42 });
    expect(lifecycleOf(h.records(), 'visit', result.processInstanceKey)).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED', 'ELEMENT_COMPLETING', 'ELEMENT_COMPLETED']);
  });

  it('should create a job-based user task with the reserved Zeebe headers', async () => {
    // when
    const created = await h.client.createProcessInstance({ bpmnProcessId: 'el-user', variables: { reviewer: 'wang' } });
    const jobs = await h.client.activateJobs({ type: 'io.camunda.zeebe:userTask', worker: 'worklist', maxJobsToActivate: 1, timeout: 60_000, requestTimeout: 5_000 });
    // then
    expect(jobs[0]!.processInstanceKey).toBe(created.processInstanceKey);
    expect(jobs[0]!.customHeaders).toMatchObject({
      'io.camunda.zeebe:assignee': 'wang',
      'io.camunda.zeebe:dueDate': expect.stringContaining('2026-12-01'),
      'io.camunda.zeebe:formKey': 'streetflow:rebuild-review',
      office: '党政办',
    });
    expect(jobs[0]!.customHeaders['io.camunda.zeebe:candidateGroups']).toContain('land-office');
    await h.client.completeJob({ jobKey: jobs[0]!.key, variables: { approved: true } });
  });
});
