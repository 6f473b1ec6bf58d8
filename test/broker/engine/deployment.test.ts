import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { end, flow, oneTaskProcess, processXml, serviceTask, start } from './support/bpmn-builder.ts';
import { startHarness, type EngineHarness } from './support/engine-harness.ts';

const modelFixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'model', 'fixtures');

describe('deployment', () => {
  let h: EngineHarness;

  beforeAll(async () => {
    h = await startHarness();
  });

  afterAll(async () => {
    await h.close();
  });

  it('should deploy a process with version 1 and a Zeebe-encoded key', async () => {
    // when
    const result = await h.client.deployResource({ name: 'deploy-a.bpmn', process: Buffer.from(oneTaskProcess('deploy-a', 'a')) });
    // then
    const process = result.deployments[0]!.process;
    expect(process).toMatchObject({ bpmnProcessId: 'deploy-a', version: 1, resourceName: 'deploy-a.bpmn' });
    expect(Math.floor(Number(process.processDefinitionKey) / 2 ** 51)).toBe(1);
    expect(Number(result.key)).toBeGreaterThan(2 ** 51);
  });

  it('should return the existing version for an identical redeploy and the next version for a changed one', async () => {
    // given
    const first = await h.client.deployResource({ name: 'deploy-b.bpmn', process: Buffer.from(oneTaskProcess('deploy-b', 'b')) });
    // when
    const same = await h.client.deployResource({ name: 'deploy-b.bpmn', process: Buffer.from(oneTaskProcess('deploy-b', 'b')) });
    const changed = await h.client.deployResource({ name: 'deploy-b.bpmn', process: Buffer.from(oneTaskProcess('deploy-b', 'b2')) });
    // then
    expect(same.deployments[0]!.process.version).toBe(1);
    expect(same.deployments[0]!.process.processDefinitionKey).toBe(first.deployments[0]!.process.processDefinitionKey);
    expect(changed.deployments[0]!.process.version).toBe(2);
    expect(changed.deployments[0]!.process.processDefinitionKey).not.toBe(first.deployments[0]!.process.processDefinitionKey);
  });

  it('should deploy identical XML under another resource name as a new version, as Zeebe does', async () => {
    // given
    const xml = Buffer.from(oneTaskProcess('deploy-renamed', 'r'));
    const first = await h.client.deployResource({ name: 'deploy-renamed.bpmn', process: xml });
    // when
    const renamed = await h.client.deployResource({ name: 'deploy-renamed-copy.bpmn', process: xml });
    // then
    expect(renamed.deployments[0]!.process.version).toBe(2);
    expect(renamed.deployments[0]!.process.processDefinitionKey).not.toBe(first.deployments[0]!.process.processDefinitionKey);
  });

  it('should deploy through the deprecated DeployProcess RPC used by zeebe-node deployProcess', async () => {
    // when
    const result = await h.client.deployProcess({ name: 'deploy-c.bpmn', definition: Buffer.from(oneTaskProcess('deploy-c', 'c')) });
    // then
    expect(result.processes[0]).toMatchObject({ bpmnProcessId: 'deploy-c', version: 1 });
  });

  it('should deploy a form alongside and return its key', async () => {
    // given
    const form = await readFile(path.join(modelFixtures, 'rebuild-review.form'));
    // when
    const result = await h.client.deployResource({ name: 'rebuild-review.form', form });
    // then
    const meta = (result.deployments[0] as unknown as { form: { formId: string; version: number; formKey: string } }).form;
    expect(meta).toMatchObject({ formId: 'rebuild-review', version: 1 });
    expect(Number(meta.formKey)).toBeGreaterThan(2 ** 51);
  });

  it('should reject an invalid model with INVALID_ARGUMENT naming the element', async () => {
    // given a service task without a job type
    const xml = processXml('deploy-bad', [start(), '<bpmn:serviceTask id="no-type" />', end(), flow('f1', 'start', 'no-type'), flow('f2', 'no-type', 'end')].join('\n'));
    // when
    const error = await h.client.deployResource({ name: 'deploy-bad.bpmn', process: Buffer.from(xml) }).catch((e: Error) => e);
    // then
    expect((error as { code?: number }).code).toBe(3);
    expect((error as Error).message).toContain("Command 'CREATE' rejected with code 'INVALID_ARGUMENT'");
    expect((error as Error).message).toContain('no-type');
  });

  it('should record the deployment, process and form in the exported stream', async () => {
    // when
    await h.client.deployResource({ name: 'deploy-d.bpmn', process: Buffer.from(processXml('deploy-d', [start(), serviceTask('t', 'd'), end(), flow('f1', 'start', 't'), flow('f2', 't', 'end')].join(''))) });
    // then
    const deployment = await h.waitForRecord(
      (r) => r.valueType === 'DEPLOYMENT' && r.intent === 'CREATED' && JSON.stringify(r.value).includes('deploy-d'),
    );
    const process = await h.waitForRecord((r) => r.valueType === 'PROCESS' && (r.value as { bpmnProcessId: string }).bpmnProcessId === 'deploy-d');
    expect(deployment.recordType).toBe('EVENT');
    expect(process.sourceRecordPosition).toBe(deployment.sourceRecordPosition);
    expect(process.value).toMatchObject({ version: 1, resourceName: 'deploy-d.bpmn' });
  });
});
