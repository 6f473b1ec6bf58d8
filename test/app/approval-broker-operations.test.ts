import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppHarness, eventually } from './support/app-harness.ts';
import { REVIEW_FORM, caseStatus, fileRebuildCase, openTask, type TaskDto, caseHistory, taskOperation } from './support/case-steps.ts';

describe('approval operations on the broker (退回, 撤回, 会签)', () => {
  const h = new AppHarness();
  beforeAll(async () => {
    await h.start();
  });
  afterAll(async () => {
    await h.close();
  });

  const history = (caseId: string) => caseHistory(h, caseId);
  const task = async (user: string, id: string) => (await h.as<TaskDto>(user, 'GET', `/api/tasks/${id}`)).body;
  const post = (user: string, id: string, op: string, body: unknown = {}) => taskOperation(h, user, id, op, body);

  it('should send a case back (退回) to the street review with ModifyProcessInstance', async () => {
    const c = await fileRebuildCase(h);
    const t = await openTask(h, 'review.li', c.id, 'StreetReview');
    await post('review.li', t.id, 'complete', { variables: REVIEW_FORM });
    const insp = await openTask(h, 'cg.zhao', c.id, 'SiteInspection');
    const bad = await post('cg.zhao', insp.id, 'send-back', { targetElementId: 'NoSuchStep', comment: 'x' });
    expect(bad.status).toBe(400);
    const r = await post('cg.zhao', insp.id, 'send-back', { targetElementId: 'StreetReview', comment: '四至不清，请街道重新审核' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const again = await eventually(async () => {
      const list = await h.as<TaskDto[]>('review.li', 'GET', '/api/tasks');
      return list.body.find((x) => x.caseId === c.id && x.elementId === 'StreetReview' && x.id !== t.id);
    }, 'StreetReview again');
    expect(again.status).toBe('open');
    expect((await task('cg.zhao', insp.id)).status).toBe('canceled');
  });

  it('should let the filer withdraw (撤回) a running case: the model catches the message and closes the case', async () => {
    // given a model whose review step has an interrupting message boundary event for case-withdrawn
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="W" targetNamespace="x">
  <bpmn:message id="Msg_Withdraw" name="case-withdrawn"><bpmn:extensionElements><zeebe:subscription correlationKey="=caseNumber" /></bpmn:extensionElements></bpmn:message>
  <bpmn:process id="withdrawable" name="可撤回申请" isExecutable="true">
    <bpmn:startEvent id="S"><bpmn:outgoing>F1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="Review" name="审核">
      <bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="post:qyfzb.reviewer" /></bpmn:extensionElements>
      <bpmn:incoming>F1</bpmn:incoming><bpmn:outgoing>F2</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:boundaryEvent id="Withdrawn" name="申请人撤回" attachedToRef="Review"><bpmn:outgoing>F3</bpmn:outgoing><bpmn:messageEventDefinition messageRef="Msg_Withdraw" /></bpmn:boundaryEvent>
    <bpmn:endEvent id="Done"><bpmn:incoming>F2</bpmn:incoming></bpmn:endEvent>
    <bpmn:serviceTask id="CloseWithdrawn" name="办结（撤回）">
      <bpmn:extensionElements><zeebe:taskDefinition type="case-close" /><zeebe:taskHeaders><zeebe:header key="outcome" value="withdrawn" /></zeebe:taskHeaders></bpmn:extensionElements>
      <bpmn:incoming>F3</bpmn:incoming><bpmn:outgoing>F4</bpmn:outgoing>
    </bpmn:serviceTask>
    <bpmn:endEvent id="EndWithdrawn"><bpmn:incoming>F4</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="F1" sourceRef="S" targetRef="Review" /><bpmn:sequenceFlow id="F2" sourceRef="Review" targetRef="Done" />
    <bpmn:sequenceFlow id="F3" sourceRef="Withdrawn" targetRef="CloseWithdrawn" /><bpmn:sequenceFlow id="F4" sourceRef="CloseWithdrawn" targetRef="EndWithdrawn" />
  </bpmn:process>
</bpmn:definitions>`;
    const d = await h.as<{ detail?: string }>('owner.zhang', 'POST', '/api/deployments', { changeNote: '撤回', resources: [{ name: 'withdrawable.bpmn', content: xml }] });
    expect(d.status, JSON.stringify(d.body)).toBe(201);
    const c = await h.as<{ id: string }>('agent.chen', 'POST', '/api/cases', { bpmnProcessId: 'withdrawable', applicant: { name: '林阿福' }, variables: {} });
    const t = await openTask(h, 'review.li', c.body.id, 'Review');
    // only the filer may withdraw
    expect((await h.as('agent.wu', 'POST', `/api/cases/${c.body.id}/withdraw`, { reason: '不建了' })).status).toBe(403);
    // when the filer withdraws
    const r = await h.as<{ detail?: string }>('agent.chen', 'POST', `/api/cases/${c.body.id}/withdraw`, { reason: '申请人决定不建了' });
    expect(r.status).toBe(200);
    // then the case ends as withdrawn, its open task is canceled, and the request is in the history
    await caseStatus(h, c.body.id, 'withdrawn');
    await eventually(async () => (await task('review.li', t.id)).status === 'canceled', 'review task canceled');
    expect((await history(c.body.id)).find((e) => e.action === 'case.withdraw-requested')).toMatchObject({ actor: 'agent.chen', payload: { reason: '申请人决定不建了' } });
  });

  it('should run a countersign (会签) step as one task per signer', async () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="D" targetNamespace="x">
  <bpmn:process id="countersign-test" name="会签测试" isExecutable="true">
    <bpmn:startEvent id="S"><bpmn:outgoing>F1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="Countersign" name="会签">
      <bpmn:extensionElements><zeebe:assignmentDefinition assignee="=signer" /></bpmn:extensionElements>
      <bpmn:incoming>F1</bpmn:incoming><bpmn:outgoing>F2</bpmn:outgoing>
      <bpmn:multiInstanceLoopCharacteristics><bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=signers" inputElement="signer" /></bpmn:extensionElements></bpmn:multiInstanceLoopCharacteristics>
    </bpmn:userTask>
    <bpmn:endEvent id="E"><bpmn:incoming>F2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="F1" sourceRef="S" targetRef="Countersign" /><bpmn:sequenceFlow id="F2" sourceRef="Countersign" targetRef="E" />
  </bpmn:process>
</bpmn:definitions>`;
    const d = await h.as<{ detail?: string }>('owner.zhang', 'POST', '/api/deployments', { changeNote: '会签', resources: [{ name: 'countersign.bpmn', content: xml }] });
    expect(d.status, JSON.stringify(d.body)).toBe(201);
    const c = await h.as<{ id: string }>('agent.chen', 'POST', '/api/cases', { bpmnProcessId: 'countersign-test', applicant: { name: '测试' }, variables: { signers: ['review.li', 'review.zhou'] } });
    expect(c.status).toBe(201);
    for (const u of ['review.li', 'review.zhou']) {
      const t = await eventually(async () => (await h.as<TaskDto[]>(u, 'GET', '/api/tasks?scope=mine')).body.find((x) => x.caseId === c.body.id), `countersign task of ${u}`);
      expect((await post(u, t.id, 'complete', {})).status).toBe(200);
    }
  });

});
