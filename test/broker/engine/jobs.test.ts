import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oneTaskProcess } from './support/bpmn-builder.ts';
import { startHarness, sleep, type EngineHarness } from './support/engine-harness.ts';
import { activateAll, rawClient, unary, type RawGatewayClient } from './support/raw-gateway-client.ts';

describe('jobs through zeebe-node', () => {
  let h: EngineHarness;
  let raw: RawGatewayClient;

  beforeAll(async () => {
    h = await startHarness();
    raw = rawClient(h.broker.address);
    await h.deploy('jobs.bpmn', oneTaskProcess('jobs', 'job-work', { retries: '3' }));
    await h.deploy('jobs-one-retry.bpmn', oneTaskProcess('jobs-one-retry', 'job-fragile', { retries: '1' }));
    for (const kind of ['backoff', 'deadline', 'extend', 'poll', 'max', 'worker', 'failvars']) {
      await h.deploy(`jobs-${kind}.bpmn`, oneTaskProcess(`jobs-${kind}`, `job-${kind}`, { retries: '3' }));
    }
  });

  afterAll(async () => {
    raw.close();
    await h.close();
  });

  async function activateOne(type: string, timeout = 60_000, requestTimeout = 5_000) {
    const jobs = await h.client.activateJobs({ type, worker: 'test-worker', maxJobsToActivate: 1, timeout, requestTimeout });
    expect(jobs).toHaveLength(1);
    return jobs[0]!;
  }

  it('should hand a created job to a worker with its variables, headers and deadline', async () => {
    // given
    const instance = await h.client.createProcessInstance({ bpmnProcessId: 'jobs', variables: { applicant: '张三' } });
    // when
    const job = await activateOne('job-work');
    // then
    expect(job.processInstanceKey).toBe(instance.processInstanceKey);
    expect(job.variables).toEqual({ applicant: '张三' });
    expect(job.worker).toBe('test-worker');
    expect(job.retries).toBe(3);
    expect(job.elementId).toBe('task');
    expect(Number(job.deadline)).toBeGreaterThan(Date.now());
    await h.client.completeJob({ jobKey: job.key, variables: {} });
  });

  it('should reject completing an unknown job with NOT_FOUND in Zeebe wording', async () => {
    // when
    const error = await h.client.completeJob({ jobKey: '2251799813999999', variables: {} }).catch((e: Error) => e);
    // then
    expect(String(error)).toContain(
      "Command 'COMPLETE' rejected with code 'NOT_FOUND': Expected to complete job with key '2251799813999999', but no such job was found",
    );
    expect((error as { code?: number }).code).toBe(5);
  });

  it('should make a failed job with retries left activatable again, with its retries and error message', async () => {
    // given
    await h.client.createProcessInstance({ bpmnProcessId: 'jobs', variables: {} });
    const job = await activateOne('job-work');
    // when
    await h.client.failJob({ jobKey: job.key, retries: 2, errorMessage: 'stamp machine jammed', retryBackOff: 0 });
    // then
    const again = await activateOne('job-work');
    expect(again.key).toBe(job.key);
    expect(again.retries).toBe(2);
    await h.client.completeJob({ jobKey: again.key, variables: {} });
  });

  it('should hold a failed job back until its retry back-off has passed', async () => {
    // given
    await h.client.createProcessInstance({ bpmnProcessId: 'jobs-backoff', variables: {} });
    const job = await activateOne('job-backoff');
    const failedAt = Date.now();
    // when (a back-off long enough that the check right after the failure cannot outlast it on a loaded machine)
    await h.client.failJob({ jobKey: job.key, retries: 1, errorMessage: 'try later', retryBackOff: 2_000 });
    const none = await activateAll(raw, { type: 'job-backoff', worker: 'w', maxJobsToActivate: 1, timeout: 60_000, requestTimeout: -1 });
    const again = await activateOne('job-backoff', 60_000, 15_000);
    // then
    expect(none).toEqual([]);
    expect(again.key).toBe(job.key);
    expect(Date.now() - failedAt).toBeGreaterThanOrEqual(1_950);
    await h.client.completeJob({ jobKey: again.key, variables: {} });
  });

  it('should raise an incident when the last retry fails, and continue after retries are updated and the incident resolved', async () => {
    // given
    const instance = await h.client.createProcessInstance({ bpmnProcessId: 'jobs-one-retry', variables: {} });
    const job = await activateOne('job-fragile');
    // when
    await h.client.failJob({ jobKey: job.key, retries: 0, errorMessage: 'registry offline', retryBackOff: 0 });
    const incident = await h.waitForRecord((r) => r.valueType === 'INCIDENT' && r.intent === 'CREATED' && String(r.key) !== '' && String((r.value as { jobKey: number }).jobKey) === job.key);
    // then
    expect(incident.value).toMatchObject({ errorType: 'JOB_NO_RETRIES', errorMessage: 'registry offline', elementId: 'task' });
    // and when
    await h.client.updateJobRetries({ jobKey: job.key, retries: 1 });
    await h.client.resolveIncident({ incidentKey: String(incident.key) });
    const again = await activateOne('job-fragile');
    await h.client.completeJob({ jobKey: again.key, variables: {} });
    // then
    await h.waitForRecord(
      (r) => r.valueType === 'PROCESS_INSTANCE' && r.intent === 'ELEMENT_COMPLETED' && String(r.key) === instance.processInstanceKey,
    );
  });

  it('should reject updating retries to zero with INVALID_ARGUMENT', async () => {
    // given
    await h.client.createProcessInstance({ bpmnProcessId: 'jobs', variables: {} });
    const job = await activateOne('job-work');
    // when
    const error = await h.client.updateJobRetries({ jobKey: job.key, retries: 0 }).catch((e: Error) => e);
    // then
    expect((error as { code?: number }).code).toBe(3);
    await h.client.completeJob({ jobKey: job.key, variables: {} });
  });

  it('should turn an uncaught thrown error into an incident naming the error code', async () => {
    // given
    await h.client.createProcessInstance({ bpmnProcessId: 'jobs', variables: {} });
    const job = await activateOne('job-work');
    // when
    await h.client.throwError({ jobKey: job.key, errorCode: 'NO_PERMIT', errorMessage: 'permit missing' });
    // then
    const incident = await h.waitForRecord((r) => r.valueType === 'INCIDENT' && r.intent === 'CREATED' && String((r.value as { jobKey: number }).jobKey) === job.key);
    expect(incident.value).toMatchObject({ errorType: 'UNHANDLED_ERROR_EVENT' });
    expect((incident.value as { errorMessage: string }).errorMessage).toContain("'NO_PERMIT'");
  });

  it('should hand a job out again once its worker let the deadline pass', async () => {
    // given
    await h.client.createProcessInstance({ bpmnProcessId: 'jobs-deadline', variables: {} });
    const job = await activateOne('job-deadline', 300);
    // when the worker never answers
    const again = await activateOne('job-deadline', 60_000, 15_000);
    // then
    expect(again.key).toBe(job.key);
    await h.client.completeJob({ jobKey: again.key, variables: {} });
  });

  it('should extend a job deadline with UpdateJobTimeout', async () => {
    // given
    await h.client.createProcessInstance({ bpmnProcessId: 'jobs-extend', variables: {} });
    // (the first timeout leaves room for the UpdateJobTimeout call under load: 300 ms could pass before it arrived)
    const job = await activateOne('job-extend', 2_000);
    // when
    await unary(raw, 'UpdateJobTimeout', { jobKey: job.key, timeout: 60_000 });
    // and the original deadline has passed
    await sleep(Math.max(0, Number(job.deadline) - Date.now()) + 500);
    // then it is not handed out again
    const none = await activateAll(raw, { type: 'job-extend', worker: 'w', maxJobsToActivate: 1, timeout: 1000, requestTimeout: -1 });
    expect(none).toEqual([]);
    await h.client.completeJob({ jobKey: job.key, variables: {} });
  });

  it('should hold an activation request open until a job arrives (long polling)', async () => {
    // given a waiting request
    const started = Date.now();
    const pending = h.client.activateJobs({ type: 'job-poll', worker: 'poller', maxJobsToActivate: 5, timeout: 60_000, requestTimeout: 10_000 });
    await sleep(400);
    // when
    const instance = await h.client.createProcessInstance({ bpmnProcessId: 'jobs-poll', variables: {} });
    const jobs = await pending;
    // then
    expect(jobs).toHaveLength(1);
    expect(jobs[0]!.processInstanceKey).toBe(instance.processInstanceKey);
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
    await h.client.completeJob({ jobKey: jobs[0]!.key, variables: {} });
  });

  it('should activate no more than maxJobsToActivate jobs', async () => {
    // given
    for (let i = 0; i < 3; i++) await h.client.createProcessInstance({ bpmnProcessId: 'jobs-max', variables: { i } });
    // when
    const first = await h.client.activateJobs({ type: 'job-max', worker: 'w', maxJobsToActivate: 2, timeout: 60_000, requestTimeout: 1000 });
    const rest = await h.client.activateJobs({ type: 'job-max', worker: 'w', maxJobsToActivate: 5, timeout: 60_000, requestTimeout: 1000 });
    // then
    expect(first).toHaveLength(2);
    expect(rest).toHaveLength(1);
    for (const job of [...first, ...rest]) await h.client.completeJob({ jobKey: job.key, variables: {} });
  });

  it('should reject an activation with an empty type with INVALID_ARGUMENT', async () => {
    // when
    const error = await activateAll(raw, { type: '', worker: 'w', timeout: 1000, maxJobsToActivate: 1 }).catch((e: Error) => e);
    // then
    expect((error as { code?: number }).code).toBe(3);
    expect((error as Error).message).toContain('type');
  });

  it('should complete instances through a zeebe-node worker', async () => {
    // given
    const worker = h.client.createWorker({
      taskType: 'job-worker',
      loglevel: 'NONE',
      taskHandler: (job) => job.complete({ handledBy: 'worker' }),
    });
    // when
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => h.client.createProcessInstanceWithResult({ bpmnProcessId: 'jobs-worker', variables: { i } })),
    );
    await worker.close();
    // then
    expect(results.map((r) => r.variables)).toEqual(Array.from({ length: 20 }, (_, i) => ({ i, handledBy: 'worker' })));
  });

  it('should set FailJob variables locally on the task', async () => {
    // given
    const created = await h.client.createProcessInstance({ bpmnProcessId: 'jobs-failvars', variables: {} });
    const job = await activateOne('job-failvars');
    // when
    await (h.client.failJob as (req: object) => Promise<void>)({ jobKey: job.key, retries: 1, errorMessage: 'retry', retryBackOff: 0, variables: JSON.stringify({ attempt: 1 }) });
    const again = await activateOne('job-failvars');
    // then
    expect(again.variables).toMatchObject({ attempt: 1 });
    const variable = await h.waitForRecord((r) => r.valueType === 'VARIABLE' && (r.value as { name: string }).name === 'attempt');
    expect(String((variable.value as { scopeKey: number }).scopeKey)).toBe(job.elementInstanceKey);
    expect(String((variable.value as { processInstanceKey: number }).processInstanceKey)).toBe(created.processInstanceKey);
    await h.client.completeJob({ jobKey: again.key, variables: {} });
  });

  it('should reject failing and throwing errors for unknown jobs with NOT_FOUND', async () => {
    // when
    const failError = await h.client.failJob({ jobKey: '2251799813999991', retries: 1, errorMessage: 'x', retryBackOff: 0 }).catch((e: Error) => e);
    const throwError = await h.client.throwError({ jobKey: '2251799813999992', errorCode: 'E' }).catch((e: Error) => e);
    // then
    expect((failError as { code?: number }).code).toBe(5);
    expect((failError as Error).message).toContain("Expected to fail job with key '2251799813999991', but no such job was found");
    expect((throwError as { code?: number }).code).toBe(5);
  });
});
