import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppHarness, eventually } from './support/app-harness.ts';
import { caseHistory, caseStatus, type CaseDto } from './support/case-steps.ts';

const INSTANT = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="I" targetNamespace="x">
  <bpmn:process id="instant-close" name="即办件" isExecutable="true">
    <bpmn:startEvent id="S"><bpmn:outgoing>F1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:serviceTask id="Close" name="办结">
      <bpmn:extensionElements><zeebe:taskDefinition type="case-close" /></bpmn:extensionElements>
      <bpmn:incoming>F1</bpmn:incoming><bpmn:outgoing>F2</bpmn:outgoing>
    </bpmn:serviceTask>
    <bpmn:endEvent id="E"><bpmn:incoming>F2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="F1" sourceRef="S" targetRef="Close" /><bpmn:sequenceFlow id="F2" sourceRef="Close" targetRef="E" />
  </bpmn:process>
</bpmn:definitions>`;

describe('a case whose process closes at once (即办件)', () => {
  const h = new AppHarness();
  beforeAll(async () => {
    await h.start();
  });
  afterAll(async () => {
    await h.close();
  });

  it('should link the case to its process instance and chain its records even when the close worker runs before filing returns', async () => {
    // given a process whose only step closes the case
    const d = await h.as<{ detail?: string }>('owner.zhang', 'POST', '/api/deployments', { changeNote: '即办件', resources: [{ name: 'instant-close.bpmn', content: INSTANT }] });
    expect(d.status, JSON.stringify(d.body)).toBe(201);
    // when several cases are filed at once (the close job can be handed to the worker before the
    // broker's answer to CreateProcessInstance reaches the filing request)
    const filed = await Promise.all(Array.from({ length: 4 }, () => h.as<CaseDto & { processInstanceKey?: string }>('agent.chen', 'POST', '/api/cases', { bpmnProcessId: 'instant-close', applicant: { name: '林阿福' }, variables: {} })));
    for (const r of filed) expect(r.status, JSON.stringify(r.body)).toBe(201);
    // then every case is completed, knows its instance, and its history holds the instance's end
    for (const { body: c } of filed) {
      await caseStatus(h, c.id, 'completed');
      const doc = await h.service.models.Case.findById(c.id).lean();
      expect(doc?.processInstanceKey, c.caseNumber).toMatch(/^\d+$/);
      await eventually(async () => (await caseHistory(h, c.id)).some((e) => e.action === 'PROCESS_INSTANCE.ELEMENT_COMPLETED' && (e.payload.value as { bpmnElementType?: string }).bpmnElementType === 'PROCESS'), `the end of ${c.caseNumber}'s instance in its history`);
    }
  });
});
