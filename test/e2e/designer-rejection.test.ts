import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './support/chromium.ts';
import { startMockApi } from './support/mock-api.ts';
import { ensureDesignerBuilt } from './support/app-under-test.ts';

/** A lint-clean process whose user task names a candidate group the directory does not know. */
const XML = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"
  xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"
  xmlns:modeler="http://camunda.org/schema/modeler/1.0" id="D1" targetNamespace="http://bpmn.io/schema/bpmn"
  modeler:executionPlatform="Camunda Cloud" modeler:executionPlatformVersion="8.6.0">
  <bpmn:process id="Reject_me" name="未知科室" isExecutable="true">
    <bpmn:startEvent id="S" name="申请"><bpmn:outgoing>F1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="Task_1" name="撤并前的科室审核">
      <bpmn:extensionElements>
        <zeebe:assignmentDefinition candidateGroups="office:abolished" />
        <zeebe:taskHeaders><zeebe:header key="deadline" value="P5D" /></zeebe:taskHeaders>
      </bpmn:extensionElements>
      <bpmn:incoming>F1</bpmn:incoming><bpmn:outgoing>F2</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:endEvent id="E" name="办结"><bpmn:incoming>F2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="F1" sourceRef="S" targetRef="Task_1" />
    <bpmn:sequenceFlow id="F2" sourceRef="Task_1" targetRef="E" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="BPMNDiagram_1">
    <bpmndi:BPMNPlane id="BPMNPlane_1" bpmnElement="Reject_me">
      <bpmndi:BPMNShape id="S_di" bpmnElement="S"><dc:Bounds x="182" y="162" width="36" height="36" /></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="Task_1_di" bpmnElement="Task_1"><dc:Bounds x="280" y="140" width="100" height="80" /></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="E_di" bpmnElement="E"><dc:Bounds x="442" y="162" width="36" height="36" /></bpmndi:BPMNShape>
      <bpmndi:BPMNEdge id="F1_di" bpmnElement="F1"><di:waypoint x="218" y="180" /><di:waypoint x="280" y="180" /></bpmndi:BPMNEdge>
      <bpmndi:BPMNEdge id="F2_di" bpmnElement="F2"><di:waypoint x="380" y="180" /><di:waypoint x="442" y="180" /></bpmndi:BPMNEdge>
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>`;

describe('designer: deployment rejected by the engine (contract mock)', () => {
  let api: { url: string; close: () => Promise<void> };
  let browser: Browser;
  let page: Page;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'streetflow-reject-'));
    [api, browser] = await Promise.all([startMockApi(ensureDesignerBuilt()), launchChromium()]);
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.setDefaultTimeout(15_000);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await api?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('should show the rejection on the element the engine names and keep deploying possible after a fix', async () => {
    // given a process that passes every lint rule but names an office that no longer exists
    const file = path.join(dir, 'reject.bpmn');
    writeFileSync(file, XML);
    await page.goto(`${api.url}/login`);
    await page.fill('[data-testid=login-username]', 'owner');
    await page.fill('[data-testid=login-password]', 'demo123');
    await page.click('[data-testid=login-submit]');
    await page.setInputFiles('[data-testid=import-file]', file);
    await page.waitForSelector('.djs-palette .sf-template-entry', { timeout: 30_000 });
    await page.waitForFunction(() => !(document.querySelector('[data-testid=deploy]') as HTMLButtonElement).disabled);

    // when it is deployed
    await page.click('[data-testid=deploy]');
    await page.click('[data-testid=deploy-confirm]');

    // then the engine's message is listed against the task, and the task is marked on the canvas
    const row = await page.waitForSelector('[data-testid=problem-row][data-rule=engine][data-element=Task_1]');
    expect(await row.innerText()).toContain("unknown candidate group 'office:abolished'");
    expect(await row.innerText()).toContain('撤并前的科室审核');
    expect(await page.$eval('.djs-element[data-element-id=Task_1]', (e) => e.classList.contains('sf-rejected'))).toBe(true);
    expect(await page.textContent('[data-testid=modeler-notice]')).toBe('引擎拒绝了部署');
    await page.screenshot({ path: `${process.env.STREETFLOW_SCREENS ?? '/tmp/screens'}/16-engine-rejection.png` });

    // when the step is given an office from the directory, the rejection goes away and deploying succeeds
    await page.click('[data-testid=problem-row][data-rule=engine]');
    await page.click('[data-group-id="group-streetflow"] .bio-properties-panel-group-header');
    await page.selectOption('#bio-properties-panel-sf-office', { label: '区域发展办公室 · 村镇建设审核岗' });
    await page.waitForSelector('[data-testid=problem-row][data-rule=engine]', { state: 'detached' });
    expect(await page.$eval('.djs-element[data-element-id=Task_1]', (e) => e.classList.contains('sf-rejected'))).toBe(false);
    await page.click('[data-testid=deploy]');
    await page.click('[data-testid=deploy-confirm]');
    await page.waitForSelector('[data-testid=modeler-notice]:has-text("已部署为第 1 版")');
  });
});
