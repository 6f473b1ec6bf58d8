/**
 * Multi-instance through zeebe-node: 会签 (all must approve), 或签 (the first approval completes it,
 * the other instances are terminated and their jobs cancelled), 比例 (≥ 2/3 approve), sequential
 * loops with loopCounter, and multi-instance sub-processes.
 */
import type { ZBClient } from 'zeebe-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { end, flow, processXml, serviceTask, start } from '../engine/support/bpmn-builder.ts';
import { jobOf, lifecycleOf, startHarness, type EngineHarness } from '../engine/support/engine-harness.ts';

const USER_TASK = 'io.camunda.zeebe:userTask';

/** A countersign user task: one instance per approver, decisions collected in `decisions`. */
function signTask(options: { sequential?: boolean; condition?: string } = {}): string {
  const condition = options.condition
    ? `<bpmn:completionCondition xsi:type="bpmn:tFormalExpression">${options.condition.replace(/</g, '&lt;').replace(/>/g, '&gt;')}</bpmn:completionCondition>`
    : '';
  return `<bpmn:userTask id="sign">
    <bpmn:extensionElements><zeebe:assignmentDefinition assignee="=approver" /></bpmn:extensionElements>
    <bpmn:multiInstanceLoopCharacteristics isSequential="${options.sequential === true}">
      <bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=approvers" inputElement="approver" outputCollection="decisions" outputElement="=decision" /></bpmn:extensionElements>
      ${condition}
    </bpmn:multiInstanceLoopCharacteristics>
  </bpmn:userTask>`;
}

/** start → sign (multi-instance) → gateway: `passed` → issue, else rework. */
function countersignProcess(id: string, sign: string, passed: string): string {
  return processXml(
    id,
    [
      start(),
      sign,
      '<bpmn:exclusiveGateway id="decide" default="toRework" />',
      serviceTask('issue', `${id}-issue`),
      serviceTask('rework', `${id}-rework`),
      end('end1'),
      end('end2'),
      flow('f1', 'start', 'sign'),
      flow('f2', 'sign', 'decide'),
      flow('toIssue', 'decide', 'issue', passed),
      flow('toRework', 'decide', 'rework'),
      flow('f3', 'issue', 'end1'),
      flow('f4', 'rework', 'end2'),
    ].join('\n'),
  );
}

const APPROVERS = ['王主任', '李科长', '赵书记'];

/** Activates the user-task jobs of one instance until `count` are held. */
async function signJobs(client: ZBClient, processInstanceKey: string, count: number) {
  const held = new Map<string, Awaited<ReturnType<ZBClient['activateJobs']>>[number]>();
  for (let attempt = 0; attempt < 30 && held.size < count; attempt++) {
    const jobs = await client.activateJobs({ type: USER_TASK, worker: 'signer', maxJobsToActivate: 32, timeout: 60_000, requestTimeout: 200 });
    for (const job of jobs) {
      if (job.processInstanceKey === processInstanceKey) held.set(job.key, job);
      else await client.failJob({ jobKey: job.key, retries: 3, errorMessage: 'not mine', retryBackOff: 0 });
    }
  }
  return [...held.values()].sort((a, b) => Number(a.variables.loopCounter) - Number(b.variables.loopCounter));
}

const nextJobOf = (client: ZBClient, type: string, processInstanceKey: string) => jobOf(client, type, processInstanceKey, 'office');

describe('multi-instance', () => {
  let h: EngineHarness;

  beforeAll(async () => {
    h = await startHarness();
    await h.deploy('cs-all.bpmn', countersignProcess('cs-all', signTask(), '=every d in decisions satisfies d = "approve"'));
    await h.deploy(
      'cs-any.bpmn',
      countersignProcess('cs-any', signTask({ condition: '= some d in decisions satisfies d = "approve"' }), '=some d in decisions satisfies d = "approve"'),
    );
    await h.deploy(
      'cs-ratio.bpmn',
      countersignProcess(
        'cs-ratio',
        signTask({ condition: '= count(decisions[item = "approve"]) / numberOfInstances >= 2/3 or numberOfCompletedInstances = numberOfInstances' }),
        '=count(decisions[item = "approve"]) / count(approvers) >= 2/3',
      ),
    );
    await h.deploy('cs-seq.bpmn', countersignProcess('cs-seq', signTask({ sequential: true, condition: '= numberOfCompletedInstances / numberOfInstances >= 2/3' }), '=true'));
  });

  afterAll(async () => {
    await h.close();
  });

  it('should run 会签: one task per approver, all decisions collected, the gateway passes only when every approver approved', async () => {
    // given
    const passed = await h.client.createProcessInstance({ bpmnProcessId: 'cs-all', variables: { approvers: APPROVERS } });
    const failed = await h.client.createProcessInstance({ bpmnProcessId: 'cs-all', variables: { approvers: APPROVERS } });
    // when every approver of the first case approves, and one of the second case rejects
    const jobs = await signJobs(h.client, passed.processInstanceKey, 3);
    expect(jobs.map((j) => j.customHeaders['io.camunda.zeebe:assignee'])).toEqual(APPROVERS);
    expect(jobs.map((j) => j.variables.loopCounter)).toEqual([1, 2, 3]);
    expect(jobs.map((j) => j.variables.approver)).toEqual(APPROVERS);
    for (const job of jobs) await h.client.completeJob({ jobKey: job.key, variables: { decision: 'approve', comment: `ok ${String(job.variables.approver)}` } });
    const second = await signJobs(h.client, failed.processInstanceKey, 3);
    await h.client.completeJob({ jobKey: second[0]!.key, variables: { decision: 'approve' } });
    await h.client.completeJob({ jobKey: second[1]!.key, variables: { decision: 'reject' } });
    // then the first case goes on to issue with the decisions in approver order, only after the last approval
    const issue = await nextJobOf(h.client, 'cs-all-issue', passed.processInstanceKey);
    expect(issue.variables.decisions).toEqual(['approve', 'approve', 'approve']);
    expect(issue.variables).not.toHaveProperty('decision');
    expect(issue.variables).not.toHaveProperty('loopCounter');
    expect(lifecycleOf(h.records(), 'sign', passed.processInstanceKey).filter((i) => i === 'ELEMENT_COMPLETED')).toHaveLength(4);
    // and the second case still waits for its third approver, then goes to rework
    expect(lifecycleOf(h.records(), 'decide', failed.processInstanceKey)).toEqual([]);
    await h.client.completeJob({ jobKey: second[2]!.key, variables: { decision: 'approve' } });
    const rework = await nextJobOf(h.client, 'cs-all-rework', failed.processInstanceKey);
    expect(rework.variables.decisions).toEqual(['approve', 'reject', 'approve']);
    const body = h.records().find(
      (r) => r.valueType === 'PROCESS_INSTANCE' && (r.value as { bpmnElementType: string }).bpmnElementType === 'MULTI_INSTANCE_BODY' && String((r.value as { processInstanceKey: number }).processInstanceKey) === passed.processInstanceKey,
    );
    expect((body?.value as { elementId: string }).elementId).toBe('sign');
  });

  it('should run 或签: the first approval completes the countersign, the other tasks are terminated and their jobs cancelled', async () => {
    // given
    const { processInstanceKey } = await h.client.createProcessInstance({ bpmnProcessId: 'cs-any', variables: { approvers: APPROVERS } });
    const jobs = await signJobs(h.client, processInstanceKey, 3);
    // when one approver rejects, then another approves
    await h.client.completeJob({ jobKey: jobs[0]!.key, variables: { decision: 'reject' } });
    expect(lifecycleOf(h.records(), 'decide', processInstanceKey)).toEqual([]);
    await h.client.completeJob({ jobKey: jobs[2]!.key, variables: { decision: 'approve' } });
    // then the case goes on at once and the remaining task is terminated with its job
    const issue = await nextJobOf(h.client, 'cs-any-issue', processInstanceKey);
    expect(issue.variables.decisions).toEqual(['reject', null, 'approve']);
    await h.waitForRecord((r) => r.valueType === 'JOB' && r.intent === 'CANCELED' && String(r.key) === jobs[1]!.key);
    const signEvents = lifecycleOf(h.records(), 'sign', processInstanceKey);
    expect(signEvents.filter((i) => i === 'ELEMENT_TERMINATED')).toHaveLength(1);
    expect(signEvents.filter((i) => i === 'ELEMENT_COMPLETED')).toHaveLength(3);
    await expect(h.client.completeJob({ jobKey: jobs[1]!.key, variables: { decision: 'approve' } })).rejects.toThrow();
  });

  it('should run 比例: two of three approvals complete it, the third task is terminated, and the gateway sees the ratio', async () => {
    // given two cases
    const passing = await h.client.createProcessInstance({ bpmnProcessId: 'cs-ratio', variables: { approvers: APPROVERS } });
    const failing = await h.client.createProcessInstance({ bpmnProcessId: 'cs-ratio', variables: { approvers: APPROVERS } });
    // when two approve in the first case
    const a = await signJobs(h.client, passing.processInstanceKey, 3);
    await h.client.completeJob({ jobKey: a[0]!.key, variables: { decision: 'approve' } });
    await h.client.completeJob({ jobKey: a[1]!.key, variables: { decision: 'approve' } });
    // then it completes without the third
    const issue = await nextJobOf(h.client, 'cs-ratio-issue', passing.processInstanceKey);
    expect(issue.variables.decisions).toEqual(['approve', 'approve', null]);
    await h.waitForRecord((r) => r.valueType === 'JOB' && r.intent === 'CANCELED' && String(r.key) === a[2]!.key);
    // when only one of three approves in the second case, it needs every decision and goes to rework
    const b = await signJobs(h.client, failing.processInstanceKey, 3);
    await h.client.completeJob({ jobKey: b[0]!.key, variables: { decision: 'reject' } });
    await h.client.completeJob({ jobKey: b[1]!.key, variables: { decision: 'approve' } });
    expect(lifecycleOf(h.records(), 'decide', failing.processInstanceKey)).toEqual([]);
    await h.client.completeJob({ jobKey: b[2]!.key, variables: { decision: 'reject' } });
    const rework = await nextJobOf(h.client, 'cs-ratio-rework', failing.processInstanceKey);
    expect(rework.variables.decisions).toEqual(['reject', 'approve', 'reject']);
  });

  it('should run a sequential countersign one approver after another and stop at numberOfCompletedInstances / numberOfInstances >= 2/3', async () => {
    // given
    const { processInstanceKey } = await h.client.createProcessInstance({ bpmnProcessId: 'cs-seq', variables: { approvers: APPROVERS } });
    // when
    const first = await signJobs(h.client, processInstanceKey, 1);
    expect(first).toHaveLength(1);
    expect(first[0]!.variables).toMatchObject({ approver: '王主任', loopCounter: 1 });
    await h.client.completeJob({ jobKey: first[0]!.key, variables: { decision: 'approve' } });
    const second = await signJobs(h.client, processInstanceKey, 1);
    expect(second[0]!.variables).toMatchObject({ approver: '李科长', loopCounter: 2 });
    await h.client.completeJob({ jobKey: second[0]!.key, variables: { decision: 'reject' } });
    // then two of three is enough: no third task, the case goes on
    const issue = await nextJobOf(h.client, 'cs-seq-issue', processInstanceKey);
    expect(issue.variables.decisions).toEqual(['approve', 'reject', null]);
    const created = h.records().filter(
      (r) => r.valueType === 'JOB' && r.intent === 'CREATED' && (r.value as { elementId: string }).elementId === 'sign' && String((r.value as { processInstanceKey: number }).processInstanceKey) === processInstanceKey,
    );
    expect(created.map((r) => (r.value as { customHeaders: Record<string, string> }).customHeaders['io.camunda.zeebe:assignee'])).toEqual(['王主任', '李科长']);
  });

  it('should complete at once with an empty collection (every over [] is true) and raise an incident when the collection is not a list', async () => {
    // given / when
    const empty = await h.client.createProcessInstance({ bpmnProcessId: 'cs-all', variables: { approvers: [] } });
    const broken = await h.client.createProcessInstance({ bpmnProcessId: 'cs-all', variables: { approvers: '王主任' } });
    // then
    const issue = await nextJobOf(h.client, 'cs-all-issue', empty.processInstanceKey);
    expect(issue.variables.decisions).toEqual([]);
    expect(lifecycleOf(h.records(), 'sign', empty.processInstanceKey)).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED', 'ELEMENT_COMPLETING', 'ELEMENT_COMPLETED']);
    const incident = await h.waitForRecord((r) => r.valueType === 'INCIDENT' && r.intent === 'CREATED' && String((r.value as { processInstanceKey: number }).processInstanceKey) === broken.processInstanceKey);
    expect(incident.value).toMatchObject({ errorType: 'EXTRACT_VALUE_ERROR', elementId: 'sign', errorMessage: "Expected result of the expression 'approvers' to be 'ARRAY', but was 'STRING'." });
    await h.client.cancelProcessInstance(broken.processInstanceKey);
  });

  it('should cancel every inner instance and job when the process instance is cancelled', async () => {
    // given
    const { processInstanceKey } = await h.client.createProcessInstance({ bpmnProcessId: 'cs-all', variables: { approvers: APPROVERS } });
    const jobs = await signJobs(h.client, processInstanceKey, 3);
    // when
    await h.client.cancelProcessInstance(processInstanceKey);
    // then
    await h.waitForRecord((r) => r.valueType === 'PROCESS_INSTANCE' && r.intent === 'ELEMENT_TERMINATED' && String(r.key) === processInstanceKey);
    const canceled = h.records().filter((r) => r.valueType === 'JOB' && r.intent === 'CANCELED' && jobs.some((j) => j.key === String(r.key)));
    expect(canceled).toHaveLength(3);
    expect(lifecycleOf(h.records(), 'sign', processInstanceKey).filter((i) => i === 'ELEMENT_TERMINATED')).toHaveLength(4);
  });
});

describe('multi-instance and ModifyProcessInstance', () => {
  let h: EngineHarness;

  beforeAll(async () => {
    h = await startHarness();
    const xml = processXml(
      'mi-modify',
      [
        start(),
        `<bpmn:subProcess id="review">
          <bpmn:multiInstanceLoopCharacteristics><bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=offices" inputElement="office" /></bpmn:extensionElements></bpmn:multiInstanceLoopCharacteristics>
          ${start('r-start')}
          ${serviceTask('check', 'mim-check')}
          ${end('r-end')}
          ${flow('r1', 'r-start', 'check')}
          ${flow('r2', 'check', 'r-end')}
        </bpmn:subProcess>`,
        end(),
        flow('f1', 'start', 'review'),
        flow('f2', 'review', 'end'),
      ].join('\n'),
    );
    await h.deploy('mi-modify.bpmn', xml);
  });

  afterAll(async () => {
    await h.close();
  });

  it('should run a parallel multi-instance sub-process with the item local to each iteration', async () => {
    // given
    const { processInstanceKey } = await h.client.createProcessInstance({ bpmnProcessId: 'mi-modify', variables: { offices: ['民政办', '国土所'] } });
    // when
    const jobs = await h.client.activateJobs({ type: 'mim-check', worker: 'w', maxJobsToActivate: 5, timeout: 60_000, requestTimeout: 2_000 });
    // then
    expect(jobs.map((j) => j.variables.office).sort()).toEqual(['国土所', '民政办']);
    for (const job of jobs) await h.client.completeJob({ jobKey: job.key, variables: {} });
    await h.waitForRecord((r) => r.valueType === 'PROCESS_INSTANCE' && r.intent === 'ELEMENT_COMPLETED' && String(r.key) === processInstanceKey);
    expect(lifecycleOf(h.records(), 'review', processInstanceKey).filter((i) => i === 'ELEMENT_COMPLETED')).toHaveLength(3);
  });

  it('should reject activating an element that would need a new multi-instance iteration, and an ambiguous flow scope', async () => {
    // given a running instance with two iterations
    const { processInstanceKey } = await h.client.createProcessInstance({ bpmnProcessId: 'mi-modify', variables: { offices: ['a', 'b'] } });
    await h.waitForRecord((r) => r.valueType === 'JOB' && r.intent === 'CREATED' && String((r.value as { processInstanceKey: number }).processInstanceKey) === processInstanceKey);
    // when / then: two iterations of 'review' are active, so 'check' cannot be placed without an ancestor
    await expect(
      h.client.modifyProcessInstance({ processInstanceKey, activateInstructions: [{ elementId: 'check', ancestorElementInstanceKey: '-1', variableInstructions: [] }] }),
    ).rejects.toThrow("for an element that has a flow scope with more than one active instance: 'review'");
    // and placing it under the process would need a new iteration
    await expect(
      h.client.modifyProcessInstance({ processInstanceKey, activateInstructions: [{ elementId: 'check', ancestorElementInstanceKey: processInstanceKey, variableInstructions: [] }] }),
    ).rejects.toThrow("that would result in the activation of multi-instance element 'review', which is currently unsupported.");
    // and with an iteration selected as ancestor it works
    const iteration = h.records().find(
      (r) => r.valueType === 'PROCESS_INSTANCE' && r.intent === 'ELEMENT_ACTIVATED' && (r.value as { bpmnElementType: string }).bpmnElementType === 'SUB_PROCESS' && String((r.value as { processInstanceKey: number }).processInstanceKey) === processInstanceKey,
    )!;
    await h.client.modifyProcessInstance({ processInstanceKey, activateInstructions: [{ elementId: 'check', ancestorElementInstanceKey: String(iteration.key), variableInstructions: [] }] });
    const checks = h.records().filter((r) => r.valueType === 'JOB' && r.intent === 'CREATED' && String((r.value as { processInstanceKey: number }).processInstanceKey) === processInstanceKey);
    expect(checks).toHaveLength(3);
    await h.waitForRecord((r) => r.valueType === 'PROCESS_INSTANCE_MODIFICATION' && r.intent === 'MODIFIED' && String(r.key) === processInstanceKey);
    await h.client.cancelProcessInstance(processInstanceKey);
  });
});
