/**
 * MigrateProcessInstance (zeebe-node 8.3 has no call for it, so through the raw gateway client):
 * live cases moved onto a redesigned chain, and Zeebe's rejections.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { end, flow, processXml, serviceTask, start } from '../engine/support/bpmn-builder.ts';
import { jobOf, lifecycleOf, startHarness, type EngineHarness } from '../engine/support/engine-harness.ts';
import { rawClient, unary, type RawGatewayClient } from '../engine/support/raw-gateway-client.ts';

const v1 = processXml('mig-chain', [start(), serviceTask('review', 'mig-review'), end(), flow('f1', 'start', 'review'), flow('f2', 'review', 'end')].join('\n'));
/** The redesigned chain: review renamed, a new archive step after it. */
const v2 = processXml(
  'mig-chain',
  [
    start(),
    serviceTask('streetReview', 'mig-review'),
    serviceTask('archive', 'mig-archive'),
    '<bpmn:userTask id="humanReview" />',
    end(),
    flow('f1', 'start', 'streetReview'),
    flow('f2', 'streetReview', 'archive'),
    flow('f3', 'archive', 'end'),
    flow('f4', 'humanReview', 'end'),
  ].join('\n'),
);

describe('MigrateProcessInstance', () => {
  let h: EngineHarness;
  let raw: RawGatewayClient;
  let v2Key: string;

  beforeAll(async () => {
    h = await startHarness();
    raw = rawClient(h.broker.address);
    await h.deploy('mig-chain.bpmn', v1);
  });

  afterAll(async () => {
    raw.close();
    await h.close();
  });

  const reviewJob = (processInstanceKey: string) => jobOf(h.client, 'mig-review', processInstanceKey);

  const migrate = (processInstanceKey: string, targetProcessDefinitionKey: string, mappingInstructions: { sourceElementId: string; targetElementId: string }[]) =>
    unary(raw, 'MigrateProcessInstance', { processInstanceKey, migrationPlan: { targetProcessDefinitionKey, mappingInstructions } });

  it('should move a live case onto the new version: same job, new element id, then the new chain', async () => {
    // given a case of version 1 waiting in review, with its job held by a worker
    const { processInstanceKey } = await h.client.createProcessInstance({ bpmnProcessId: 'mig-chain', variables: { caseNo: 'M-1' } });
    const job = await reviewJob(processInstanceKey);
    v2Key = await h.deploy('mig-chain.bpmn', v2);
    // when it is migrated
    await migrate(processInstanceKey, v2Key, [{ sourceElementId: 'review', targetElementId: 'streetReview' }]);
    // then the records say so
    const migratedJob = await h.waitForRecord((r) => r.valueType === 'JOB' && r.intent === 'MIGRATED' && String(r.key) === job.key);
    expect(migratedJob.value).toMatchObject({ elementId: 'streetReview', processDefinitionVersion: 2, type: 'mig-review' });
    expect(lifecycleOf(h.records(), 'streetReview', processInstanceKey)).toEqual(['ELEMENT_MIGRATED']);
    expect(lifecycleOf(h.records(), 'mig-chain', processInstanceKey)).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED', 'ELEMENT_MIGRATED']);
    // and the held job completes and the case follows version 2
    await h.client.completeJob({ jobKey: job.key, variables: { reviewed: true } });
    const archive = await h.client.activateJobs({ type: 'mig-archive', worker: 'w', maxJobsToActivate: 1, timeout: 60_000, requestTimeout: 2_000 });
    expect(archive[0]).toMatchObject({ processInstanceKey, elementId: 'archive', processDefinitionVersion: 2 });
    expect(archive[0]!.variables).toMatchObject({ caseNo: 'M-1', reviewed: true });
  });

  it('should reject a migration that leaves an active element unmapped, changes its type or names unknown elements', async () => {
    // given
    const { processInstanceKey } = await h.client.createProcessInstance({ bpmnProcessId: 'mig-chain', version: 1, variables: {} });
    await reviewJob(processInstanceKey);
    // when / then
    await expect(migrate(processInstanceKey, v2Key, [])).rejects.toMatchObject({
      code: 9,
      details: `Command 'MIGRATE' rejected with code 'INVALID_STATE': Expected to migrate process instance '${processInstanceKey}' but no mapping instruction defined for active element with id 'review'. Elements cannot be migrated without a mapping.`,
    });
    await expect(migrate(processInstanceKey, v2Key, [{ sourceElementId: 'review', targetElementId: 'humanReview' }])).rejects.toMatchObject({
      details: expect.stringContaining("active element with id 'review' and type 'SERVICE_TASK' is mapped to an element with id 'humanReview' and different type 'USER_TASK'"),
    });
    await expect(migrate(processInstanceKey, v2Key, [{ sourceElementId: 'review', targetElementId: 'nowhere' }])).rejects.toMatchObject({
      code: 3,
      details: expect.stringContaining("mapping instructions contain a non-existing target element id 'nowhere'"),
    });
    await expect(migrate(processInstanceKey, '2251799813999999', [])).rejects.toMatchObject({
      code: 5,
      details: expect.stringContaining("no process definition found with key '2251799813999999'"),
    });
    // and nothing was migrated
    expect(lifecycleOf(h.records(), 'review', processInstanceKey)).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED']);
  });
});
