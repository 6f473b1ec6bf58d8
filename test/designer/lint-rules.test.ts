import { describe, expect, it } from 'vitest';
import { lintXml } from '../../designer/src/bpmn/lint/run-lint.ts';
import { translateLintMessage } from '../../designer/src/bpmn/lint/lint-messages.ts';

const HEAD = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"
  xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI"
  xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:modeler="http://camunda.org/schema/modeler/1.0"
  id="D1" targetNamespace="http://bpmn.io/schema/bpmn" modeler:executionPlatform="Camunda Cloud" modeler:executionPlatformVersion="8.6.0">`;

/** A process start → body → end; `body` holds the middle elements, flows are given explicitly. */
function processXml(body: string): string {
  return `${HEAD}<bpmn:process id="P1" name="旧址重建" isExecutable="true">${body}</bpmn:process></bpmn:definitions>`;
}

function task(id: string, name: string, ext: string, incoming: string, outgoing: string): string {
  return `<bpmn:userTask id="${id}" name="${name}"><bpmn:extensionElements>${ext}</bpmn:extensionElements>
    <bpmn:incoming>${incoming}</bpmn:incoming><bpmn:outgoing>${outgoing}</bpmn:outgoing></bpmn:userTask>`;
}

const OFFICE = '<zeebe:assignmentDefinition candidateGroups="office:ggfwb" />';
const DUE = '<zeebe:taskHeaders><zeebe:header key="deadline" value="P5D" /></zeebe:taskHeaders>';
const VISIT = '<zeebe:properties><zeebe:property name="applicantVisit" value="true" /></zeebe:properties>';

function chain(ext1: string, ext2: string): string {
  return processXml(`
    <bpmn:startEvent id="S"><bpmn:outgoing>F1</bpmn:outgoing></bpmn:startEvent>
    ${task('T1', '村代办受理', ext1, 'F1', 'F2')}
    ${task('T2', '街道审核', ext2, 'F2', 'F3')}
    <bpmn:endEvent id="E"><bpmn:incoming>F3</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="F1" sourceRef="S" targetRef="T1" />
    <bpmn:sequenceFlow id="F2" sourceRef="T1" targetRef="T2" />
    <bpmn:sequenceFlow id="F3" sourceRef="T2" targetRef="E" />`);
}

function streetflow(problems: { rule: string; elementId: string; severity: string }[]): string[] {
  return problems.filter((p) => p.rule.startsWith('streetflow/')).map((p) => `${p.rule}@${p.elementId}:${p.severity}`).sort();
}

describe('Streetflow lint rules', () => {
  it('should report a user task without office and without due time as errors', async () => {
    // given a chain whose second step has neither office nor 办结时限
    const xml = chain(OFFICE + DUE, '');
    // when linting
    const { problems } = await lintXml(xml);
    // then both domain errors name the second step
    expect(streetflow(problems)).toEqual(['streetflow/user-task-due@T2:error', 'streetflow/user-task-office@T2:error']);
    expect(problems.find((p) => p.rule === 'streetflow/user-task-office')?.i18n).toEqual({ key: 'problems.officeMissing', params: { name: '街道审核' } });
  });

  it('should accept a chain where every user task has an office and a due time', async () => {
    const { problems } = await lintXml(chain(OFFICE + DUE, OFFICE + DUE));
    expect(streetflow(problems)).toEqual([]);
    // job-worker user tasks are how Streetflow's worklist runs; no advice to migrate them
    expect(problems.filter((p) => p.rule.includes('zeebe-user-task'))).toEqual([]);
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
  });

  it('should warn when the applicant has to come in twice on one path (最多跑一趟)', async () => {
    const { problems } = await lintXml(chain(OFFICE + DUE + VISIT, OFFICE + DUE + VISIT));
    const trip = problems.find((p) => p.rule === 'streetflow/single-trip');
    expect(trip?.severity).toBe('warning');
    expect(trip?.elementId).toBe('T2');
    expect(trip?.i18n?.params).toEqual({ n: 2, names: '村代办受理、街道审核' });
  });

  it('should not count visits on alternative branches of an exclusive gateway as two trips', async () => {
    const xml = processXml(`
      <bpmn:startEvent id="S"><bpmn:outgoing>F1</bpmn:outgoing></bpmn:startEvent>
      <bpmn:exclusiveGateway id="G" name="是否现场" default="F3"><bpmn:incoming>F1</bpmn:incoming><bpmn:outgoing>F2</bpmn:outgoing><bpmn:outgoing>F3</bpmn:outgoing></bpmn:exclusiveGateway>
      ${task('A', '窗口受理', OFFICE + DUE + VISIT, 'F2', 'F4')}
      ${task('B', '代办受理', OFFICE + DUE + VISIT, 'F3', 'F5')}
      <bpmn:endEvent id="E"><bpmn:incoming>F4</bpmn:incoming><bpmn:incoming>F5</bpmn:incoming></bpmn:endEvent>
      <bpmn:sequenceFlow id="F1" sourceRef="S" targetRef="G" />
      <bpmn:sequenceFlow id="F2" sourceRef="G" targetRef="A"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">=onSite</bpmn:conditionExpression></bpmn:sequenceFlow>
      <bpmn:sequenceFlow id="F3" sourceRef="G" targetRef="B" />
      <bpmn:sequenceFlow id="F4" sourceRef="A" targetRef="E" />
      <bpmn:sequenceFlow id="F5" sourceRef="B" targetRef="E" />`);
    const { problems } = await lintXml(xml);
    expect(streetflow(problems)).toEqual([]);
  });

  it('should report an exclusive gateway that splits without a default flow', async () => {
    const xml = processXml(`
      <bpmn:startEvent id="S"><bpmn:outgoing>F1</bpmn:outgoing></bpmn:startEvent>
      <bpmn:exclusiveGateway id="G" name="审核结果"><bpmn:incoming>F1</bpmn:incoming><bpmn:outgoing>F2</bpmn:outgoing><bpmn:outgoing>F3</bpmn:outgoing></bpmn:exclusiveGateway>
      <bpmn:endEvent id="E1"><bpmn:incoming>F2</bpmn:incoming></bpmn:endEvent>
      <bpmn:endEvent id="E2"><bpmn:incoming>F3</bpmn:incoming></bpmn:endEvent>
      <bpmn:sequenceFlow id="F1" sourceRef="S" targetRef="G" />
      <bpmn:sequenceFlow id="F2" sourceRef="G" targetRef="E1"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">=ok</bpmn:conditionExpression></bpmn:sequenceFlow>
      <bpmn:sequenceFlow id="F3" sourceRef="G" targetRef="E2"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">=not(ok)</bpmn:conditionExpression></bpmn:sequenceFlow>`);
    const { problems } = await lintXml(xml);
    expect(streetflow(problems)).toEqual(['streetflow/exclusive-gateway-default@G:error']);
  });

  it('should include the Camunda compatibility rules for the declared Zeebe version', async () => {
    // given a sequence flow condition that is empty on a conditional flow and a service task without a job type
    const xml = processXml(`
      <bpmn:startEvent id="S"><bpmn:outgoing>F1</bpmn:outgoing></bpmn:startEvent>
      <bpmn:serviceTask id="ST" name="通知申请人"><bpmn:incoming>F1</bpmn:incoming><bpmn:outgoing>F2</bpmn:outgoing></bpmn:serviceTask>
      <bpmn:endEvent id="E"><bpmn:incoming>F2</bpmn:incoming></bpmn:endEvent>
      <bpmn:sequenceFlow id="F1" sourceRef="S" targetRef="ST" />
      <bpmn:sequenceFlow id="F2" sourceRef="ST" targetRef="E" />`);
    const { problems } = await lintXml(xml);
    const p = problems.find((x) => x.elementId === 'ST');
    expect(p?.severity).toBe('error');
    expect(p?.zh).toMatch(/服务任务/);
    expect(p?.zh).not.toMatch(/[A-Za-z]{4,}/);
  });
});

describe('lint message translation', () => {
  it('should translate the deprecation advice for job-worker user tasks', () => {
    expect(translateLintMessage('A <User Task> with <Implementation: Job worker> managed by Camunda is deprecated. Consider migrating to <Implementation: Camunda user task>.'))
      .toBe('用户任务的“实现方式：作业处理器”方式已弃用，建议改为“实现方式：Camunda 用户任务”');
  });

  it('should translate the sentence shapes of @camunda/linting into Chinese', () => {
    expect(translateLintMessage('A <Service Task> must have a <Task definition type>')).toBe('服务任务必须填写“任务类型”');
    expect(translateLintMessage('A <User Task> with <Multi-instance marker> must have a defined <Input collection>'))
      .toBe('设置了“多实例标记”的用户任务必须填写“输入集合”');
    expect(translateLintMessage('Process is missing end event')).toBe('流程缺少结束事件');
  });
});
