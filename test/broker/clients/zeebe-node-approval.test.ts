/**
 * End to end through the unmodified zeebe-node client: a three-step approval (service task →
 * job-based user task → exclusive gateway on `approved` → service task) against the embedded broker.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZBClient, type Job } from 'zeebe-node';
import { fixturePath, startTestBroker, waitUntil, type TestBroker } from './support/test-broker.ts';

type Vars = Record<string, unknown>;
type Headers = Record<string, string>;

interface SeenJob {
  readonly job: Job<Vars, Headers>;
  /** Date.now() when the handler got the job. */
  readonly handledAt: number;
}

const DUE = '2026-12-01T17:00:00+08:00';

type CaseVariables = { caseId: string; applicant: string; reviewDueDate: string; decision: boolean };

/** Variables a case starts with; `decision` stands in for what the reviewer decides. */
function caseVariables(caseId: string, decision: boolean): CaseVariables {
  return { caseId, applicant: '王小明', reviewDueDate: DUE, decision };
}

describe('zeebe-node: three-step approval against the embedded broker', () => {
  let tb: TestBroker;
  let zbc: ZBClient;
  const seen: Record<'check' | 'review' | 'permit', Map<string, SeenJob>> = {
    check: new Map(),
    review: new Map(),
    permit: new Map(),
  };
  /** Date.now() just before each awaited case was requested (its jobs were activated after it). */
  const requestedAt = new Map<string, number>();

  beforeAll(async () => {
    tb = await startTestBroker();
    zbc = new ZBClient(tb.address, { loglevel: 'NONE', retry: false, useTLS: false });
    zbc.createWorker<Vars, Headers, Vars>({
      taskType: 'approval-check',
      loglevel: 'NONE',
      timeout: 10_000,
      taskHandler: (job) => {
        seen.check.set(String(job.variables.caseId), { job, handledAt: Date.now() });
        return job.complete({ checked: true, checkedBy: 'check-bot' });
      },
    });
    zbc.createWorker<Vars, Headers, Vars>({
      taskType: 'io.camunda.zeebe:userTask',
      loglevel: 'NONE',
      timeout: 10_000,
      taskHandler: (job) => {
        seen.review.set(String(job.variables.caseId), { job, handledAt: Date.now() });
        return job.complete({ approved: job.variables.decision === true, reviewer: '李科员' });
      },
    });
    zbc.createWorker<Vars, Headers, Vars>({
      taskType: 'approval-issue-permit',
      loglevel: 'NONE',
      timeout: 10_000,
      taskHandler: (job) => {
        seen.permit.set(String(job.variables.caseId), { job, handledAt: Date.now() });
        return job.complete({ permitNo: `P-${String(job.variables.caseId)}` });
      },
    });
  });

  afterAll(async () => {
    await zbc?.close(5_000);
    await tb?.stop();
  });

  it('should deploy the approval model as version 1 of client-approval', async () => {
    // given the approval model
    // when it is deployed
    const res = await zbc.deployResource({ processFilename: fixturePath('approval.bpmn') });

    // then it is version 1, with a key and the resource name
    expect(res.deployments).toHaveLength(1);
    const { process } = res.deployments[0];
    expect(process.bpmnProcessId).toBe('client-approval');
    expect(process.version).toBe(1);
    // zeebe-node names a file resource by the path it was given
    expect(process.resourceName).toBe(fixturePath('approval.bpmn'));
    expect(String(process.processDefinitionKey)).toMatch(/^[1-9]\d*$/);
  });

  it('should return the existing version when the identical model is deployed again', async () => {
    // given the model deployed by the previous test
    // when it is deployed again unchanged
    const res = await zbc.deployResource({ processFilename: fixturePath('approval.bpmn') });

    // then Zeebe answers with the existing definition, still version 1
    expect(res.deployments[0].process.version).toBe(1);
  });

  it('should run an approved case through check, review and permit and return all root variables', async () => {
    // given an application the reviewer will approve
    const variables = caseVariables('case-approved', true);

    // when the instance is created and awaited
    requestedAt.set('case-approved', Date.now());
    const result = await zbc.createProcessInstanceWithResult({
      bpmnProcessId: 'client-approval',
      variables,
      requestTimeout: 20_000,
    });

    // then it completed through all three steps with every job's variables merged into the root scope
    expect(result.bpmnProcessId).toBe('client-approval');
    expect(result.version).toBe(1);
    expect(String(result.processInstanceKey)).toMatch(/^[1-9]\d*$/);
    expect(result.variables).toEqual({
      ...variables,
      checked: true,
      checkedBy: 'check-bot',
      approved: true,
      reviewer: '李科员',
      permitNo: 'P-case-approved',
    });
    expect(seen.check.has('case-approved')).toBe(true);
    expect(seen.review.has('case-approved')).toBe(true);
    expect(seen.permit.has('case-approved')).toBe(true);
  });

  it('should hand out the review as an io.camunda.zeebe:userTask job carrying candidate groups, due date and task headers', () => {
    // given the approved case of the previous test
    const review = seen.review.get('case-approved')?.job;
    expect(review).toBeDefined();
    if (!review) return;

    // then the job is the job-based user task of element `review`
    expect(review.type).toBe('io.camunda.zeebe:userTask');
    expect(review.elementId).toBe('review');
    expect(review.bpmnProcessId).toBe('client-approval');
    expect(review.processDefinitionVersion).toBe(1);
    // Zeebe creates job-based user-task jobs with retries 1
    expect(review.retries).toBe(1);
    // and the reserved headers are set from the assignment and schedule definitions
    const headers = review.customHeaders;
    expect(JSON.parse(headers['io.camunda.zeebe:candidateGroups'])).toEqual(['town-office', 'land-office']);
    const due = headers['io.camunda.zeebe:dueDate'];
    expect(due).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})/);
    expect(Date.parse(due)).toBe(Date.parse(DUE));
    expect(headers['io.camunda.zeebe:assignee']).toBeUndefined();
    // and the modelled task header is passed through
    expect(headers.office).toBe('街道办');
    // and the job sees the variables of the earlier step
    expect(review.variables).toMatchObject({ caseId: 'case-approved', checked: true, checkedBy: 'check-bot' });
  });

  it('should give each job the instance, element and definition it belongs to', () => {
    // given the approved case
    const checkSeen = seen.check.get('case-approved');
    const check = checkSeen?.job;
    const permit = seen.permit.get('case-approved')?.job;
    const review = seen.review.get('case-approved')?.job;
    expect(check && permit && review).toBeTruthy();
    if (!checkSeen || !check || !permit || !review) return;

    // then all three jobs name the same instance and definition, and distinct elements
    expect(new Set([check.processInstanceKey, review.processInstanceKey, permit.processInstanceKey]).size).toBe(1);
    expect(new Set([check.processKey, review.processKey, permit.processKey]).size).toBe(1);
    expect([check.elementId, review.elementId, permit.elementId]).toEqual(['check-application', 'review', 'issue-permit']);
    expect(new Set([check.elementInstanceKey, review.elementInstanceKey, permit.elementInstanceKey]).size).toBe(3);
    // and a service task without headers has none
    expect(check.customHeaders).toEqual({});
    // and the permit step saw the reviewer's decision
    expect(permit.variables).toMatchObject({ approved: true, reviewer: '李科员' });
    // and the deadline is activation time + the worker's 10 s timeout (epoch ms): the job was
    // activated after the case was requested and before the handler got it (no bound on how long
    // that took, which depends on the machine's load)
    const deadline = Number(check.deadline);
    expect(deadline).toBeGreaterThanOrEqual(requestedAt.get('case-approved')! + 10_000);
    expect(deadline).toBeLessThanOrEqual(checkSeen.handledAt + 10_000);
  });

  it('should end a rejected case at the default flow without issuing a permit', async () => {
    // given an application the reviewer will reject
    const variables = caseVariables('case-rejected', false);

    // when it is created and awaited
    const result = await zbc.createProcessInstanceWithResult({
      bpmnProcessId: 'client-approval',
      variables,
      requestTimeout: 20_000,
    });

    // then the gateway took the default flow: no permit step ran
    expect(result.variables).toEqual({
      ...variables,
      checked: true,
      checkedBy: 'check-bot',
      approved: false,
      reviewer: '李科员',
    });
    expect(seen.review.has('case-rejected')).toBe(true);
    expect(seen.permit.has('case-rejected')).toBe(false);
  });

  it('should return only the fetched variables when fetchVariables is given', async () => {
    // given an approved application
    // when it is awaited with fetchVariables
    const result = await zbc.createProcessInstanceWithResult({
      bpmnProcessId: 'client-approval',
      variables: caseVariables('case-fetch', true),
      requestTimeout: 20_000,
      fetchVariables: ['permitNo', 'approved'],
    });

    // then only those variables come back
    expect(result.variables).toEqual({ permitNo: 'P-case-fetch', approved: true });
  });

  it('should complete many concurrent cases, each through its own path', async () => {
    // given twenty applications, every third one rejected
    const ids = Array.from({ length: 20 }, (_, i) => `case-many-${i}`);

    // when they are created concurrently
    const results = await Promise.all(
      ids.map((id, i) =>
        zbc.createProcessInstanceWithResult({
          bpmnProcessId: 'client-approval',
          variables: caseVariables(id, i % 3 !== 0),
          requestTimeout: 20_000,
        }),
      ),
    );

    // then each ended where its decision leads, with distinct instance keys
    expect(new Set(results.map((r) => String(r.processInstanceKey))).size).toBe(ids.length);
    results.forEach((r, i) => {
      const approved = i % 3 !== 0;
      expect(r.variables.approved).toBe(approved);
      expect(r.variables.permitNo).toBe(approved ? `P-${ids[i]}` : undefined);
    });
    await waitUntil(() => ids.every((id) => seen.review.has(id)), 1_000, 'all reviews recorded');
  });
});
