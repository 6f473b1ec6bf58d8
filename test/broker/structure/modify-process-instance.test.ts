/**
 * ModifyProcessInstance through zeebe-node: 退回 (send a case back to an earlier step), token moves,
 * variables on activation, and Zeebe's rejections.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { end, flow, processXml, start } from '../engine/support/bpmn-builder.ts';
import { lifecycleOf, startHarness, type EngineHarness } from '../engine/support/engine-harness.ts';

const userTask = (id: string, group: string): string =>
  `<bpmn:userTask id="${id}"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="${group}" /></bpmn:extensionElements></bpmn:userTask>`;

/** 受理 (intake) → 审核 (review) → 审批 (approve): three offices in a row. */
const chain = processXml(
  'sendback-chain',
  [
    start(),
    userTask('intake', 'village'),
    userTask('review', 'office'),
    userTask('approve', 'leader'),
    end(),
    flow('f1', 'start', 'intake'),
    flow('f2', 'intake', 'review'),
    flow('f3', 'review', 'approve'),
    flow('f4', 'approve', 'end'),
  ].join('\n'),
);

const USER_TASK = 'io.camunda.zeebe:userTask';

describe('ModifyProcessInstance', () => {
  let h: EngineHarness;

  beforeAll(async () => {
    h = await startHarness();
    await h.deploy('sendback-chain.bpmn', chain);
  });

  afterAll(async () => {
    await h.close();
  });

  /** Activates the one user-task job of an instance (optionally of one element). */
  async function takeJob(processInstanceKey: string, elementId: string) {
    for (let attempt = 0; attempt < 20; attempt++) {
      const jobs = await h.client.activateJobs({ type: USER_TASK, worker: 'office-agent', maxJobsToActivate: 50, timeout: 60_000, requestTimeout: 200 });
      const mine = jobs.find((j) => j.processInstanceKey === processInstanceKey && j.elementId === elementId);
      for (const other of jobs.filter((j) => j !== mine)) await h.client.failJob({ jobKey: other.key, retries: 3, errorMessage: 'not mine', retryBackOff: 0 });
      if (mine) return mine;
    }
    throw new Error(`no ${elementId} job for ${processInstanceKey}`);
  }

  it('should send a case back to an earlier step: the current task is terminated and the earlier task’s job appears again', async () => {
    // given a case waiting in review
    const { processInstanceKey } = await h.client.createProcessInstance({ bpmnProcessId: 'sendback-chain', variables: { applicant: '张三' } });
    const intake = await takeJob(processInstanceKey, 'intake');
    await h.client.completeJob({ jobKey: intake.key, variables: { form: { rooms: 3 } } });
    const review = await takeJob(processInstanceKey, 'review');

    // when the reviewer sends it back to intake with a reason
    await h.client.modifyProcessInstance({
      processInstanceKey,
      activateInstructions: [
        { elementId: 'intake', ancestorElementInstanceKey: '-1', variableInstructions: [{ scopeId: '', variables: { sendBackReason: '材料不全' } }] },
      ],
      terminateInstructions: [{ elementInstanceKey: review.elementInstanceKey }],
    });

    // then the review task is terminated and its job cancelled
    const modified = await h.waitForRecord((r) => r.valueType === 'PROCESS_INSTANCE_MODIFICATION' && r.intent === 'MODIFIED' && String(r.key) === processInstanceKey);
    expect(lifecycleOf(h.records(), 'review', processInstanceKey)).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED', 'ELEMENT_TERMINATING', 'ELEMENT_TERMINATED']);
    await h.waitForRecord((r) => r.valueType === 'JOB' && r.intent === 'CANCELED' && String(r.key) === review.key);
    const value = modified.value as { activateInstructions: { elementId: string; ancestorScopeKeys: number[] }[]; terminateInstructions: { elementInstanceKey: number }[] };
    expect(value.activateInstructions[0]!.ancestorScopeKeys).toEqual([Number(processInstanceKey)]);
    expect(value.terminateInstructions).toEqual([{ elementInstanceKey: Number(review.elementInstanceKey) }]);
    await expect(h.client.completeJob({ jobKey: review.key, variables: {} })).rejects.toThrow(/NOT_FOUND|not found/i);

    // and intake's job appears again, seeing the reason and the earlier data
    const again = await takeJob(processInstanceKey, 'intake');
    expect(again.key).not.toBe(intake.key);
    expect(again.customHeaders['io.camunda.zeebe:candidateGroups']).toBe('["village"]');
    expect(again.variables).toMatchObject({ applicant: '张三', sendBackReason: '材料不全', form: { rooms: 3 } });

    // and the case runs on from there to the end
    await h.client.completeJob({ jobKey: again.key, variables: { form: { rooms: 4 } } });
    const review2 = await takeJob(processInstanceKey, 'review');
    await h.client.completeJob({ jobKey: review2.key, variables: {} });
    const approve = await takeJob(processInstanceKey, 'approve');
    await h.client.completeJob({ jobKey: approve.key, variables: {} });
    await h.waitForRecord((r) => r.valueType === 'PROCESS_INSTANCE' && r.intent === 'ELEMENT_COMPLETED' && String(r.key) === processInstanceKey);
    expect(lifecycleOf(h.records(), 'intake', processInstanceKey).filter((i) => i === 'ELEMENT_COMPLETED')).toHaveLength(2);
  });

  it('should create variables local to the activated element when the instruction names it as scope', async () => {
    // given
    const { processInstanceKey } = await h.client.createProcessInstance({ bpmnProcessId: 'sendback-chain', variables: {} });
    const intake = await takeJob(processInstanceKey, 'intake');
    // when a second review is activated next to intake with a local variable
    await h.client.modifyProcessInstance({
      processInstanceKey,
      activateInstructions: [{ elementId: 'review', ancestorElementInstanceKey: '-1', variableInstructions: [{ scopeId: 'review', variables: { note: 'local' } }] }],
    });
    // then the review job sees it, and the process scope does not have it
    const review = await takeJob(processInstanceKey, 'review');
    expect(review.variables).toMatchObject({ note: 'local' });
    const created = h.records().filter((r) => r.valueType === 'VARIABLE' && (r.value as { name: string }).name === 'note');
    expect(created.map((r) => String((r.value as { scopeKey: number }).scopeKey))).toEqual([review.elementInstanceKey]);
    await h.client.cancelProcessInstance(processInstanceKey);
    expect(intake.elementId).toBe('intake');
  });

  it('should terminate the process instance when its last element instance is terminated', async () => {
    // given
    const { processInstanceKey } = await h.client.createProcessInstance({ bpmnProcessId: 'sendback-chain', variables: {} });
    const intake = await takeJob(processInstanceKey, 'intake');
    // when
    await h.client.modifyProcessInstance({ processInstanceKey, terminateInstructions: [{ elementInstanceKey: intake.elementInstanceKey }] });
    // then the instance is terminated, not completed
    await h.waitForRecord((r) => r.valueType === 'PROCESS_INSTANCE' && r.intent === 'ELEMENT_TERMINATED' && String(r.key) === processInstanceKey);
    expect(lifecycleOf(h.records(), 'sendback-chain', processInstanceKey)).toEqual([
      'ELEMENT_ACTIVATING',
      'ELEMENT_ACTIVATED',
      'ELEMENT_TERMINATING',
      'ELEMENT_TERMINATED',
    ]);
  });

  it('should reject activate instructions for unknown or unsupported elements and unknown terminate keys, changing nothing', async () => {
    // given
    const { processInstanceKey } = await h.client.createProcessInstance({ bpmnProcessId: 'sendback-chain', variables: {} });
    const intake = await takeJob(processInstanceKey, 'intake');
    const before = h.records().length;
    // when / then
    await expect(
      h.client.modifyProcessInstance({ processInstanceKey, activateInstructions: [{ elementId: 'B', ancestorElementInstanceKey: '-1', variableInstructions: [] }, { elementId: 'C', ancestorElementInstanceKey: '-1', variableInstructions: [] }] }),
    ).rejects.toThrow(
      "Command 'MODIFY' rejected with code 'INVALID_ARGUMENT': Expected to modify instance of process 'sendback-chain' but it contains one or more activate instructions with an element that could not be found: 'B', 'C'",
    );
    await expect(
      h.client.modifyProcessInstance({ processInstanceKey, activateInstructions: [{ elementId: 'start', ancestorElementInstanceKey: '-1', variableInstructions: [] }] }),
    ).rejects.toThrow("activate instructions for elements that are unsupported: 'start'. The activation of elements with type 'START_EVENT' is not supported.");
    await expect(h.client.modifyProcessInstance({ processInstanceKey, terminateInstructions: [{ elementInstanceKey: '2251799813999999' }] })).rejects.toThrow(
      "terminate instructions with an element instance that could not be found: '2251799813999999'",
    );
    await expect(
      h.client.modifyProcessInstance({ processInstanceKey, activateInstructions: [{ elementId: 'review', ancestorElementInstanceKey: intake.elementInstanceKey, variableInstructions: [] }] }),
    ).rejects.toThrow('with an ancestor scope key that is not an ancestor of the element to activate');
    await expect(h.client.modifyProcessInstance({ processInstanceKey: '2251799813999998', terminateInstructions: [] })).rejects.toThrow(
      "Expected to modify process instance but no process instance found with key '2251799813999998'",
    );
    // then the instance is untouched (only the commands and their rejections were written)
    const after = h.records().slice(before);
    expect(after.every((r) => r.recordType !== 'EVENT')).toBe(true);
    expect(lifecycleOf(h.records(), 'intake', processInstanceKey)).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED']);
  });
});
