/**
 * DeleteResource through the @camunda8/sdk Zeebe gRPC client (zeebe-node 8.3 has no deleteResource):
 * the SDK's request (with its optional operationReference) deletes a definition, and a deleted
 * definition can no longer be instantiated.
 */
import { sdkZeebeClient, type ZeebeGrpcClient } from './support/sdk-client.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBroker, type TestBroker } from './support/test-broker.ts';

const model = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="defs-sdk-del" targetNamespace="http://streetflow.local/test">
  <bpmn:process id="sdk-delete" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`;

describe('@camunda8/sdk deleteResource against the embedded broker', () => {
  let tb: TestBroker;
  let zeebe: ZeebeGrpcClient;

  beforeAll(async () => {
    tb = await startTestBroker();
    zeebe = sdkZeebeClient(tb.address);
  });

  afterAll(async () => {
    await zeebe?.close(5_000);
    await tb?.stop();
  });

  it('should delete a process definition, after which it cannot be instantiated', async () => {
    // given
    const deployed = await zeebe.deployResource({ name: 'sdk-delete.bpmn', process: Buffer.from(model) });
    const key = String(deployed.deployments[0]!.process.processDefinitionKey);
    // when
    const answer = await zeebe.deleteResource({ resourceKey: key, operationReference: 7 });
    // then
    expect(answer).toEqual({});
    await expect(zeebe.createProcessInstance({ bpmnProcessId: 'sdk-delete', variables: {} })).rejects.toThrow(/NOT_FOUND/);
    await expect(zeebe.deleteResource({ resourceKey: key })).rejects.toThrow(/no resource found with key/);
  });
});
