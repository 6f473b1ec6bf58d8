import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './support/chromium.ts';
import { startApp, type AppUnderTest } from './support/app-under-test.ts';
import { ModelerDriver } from './support/modeler-driver.ts';

const OURS = '[data-testid=process-table] tr[data-process]:has-text("旧址重建（改革后）")';
const SHOTS = process.env.STREETFLOW_SCREENS ?? '/tmp/screens';
const ASCII_WORDS = /\b(?!BPMN|SVG|PNG|Streetflow|FEEL|Zeebe|Camunda|ID|SF|English)[A-Za-z]{4,}\b/;

/** Visible text of the page (inputs excluded) that is not Chinese: library strings that escaped translation. */
async function untranslated(page: Page, selector: string): Promise<string[]> {
  const text = await page.$eval(selector, (el) => (el as HTMLElement).innerText);
  return text.split('\n').map((l) => l.trim()).filter((l) => l && ASCII_WORDS.test(l) && !/[\u4e00-\u9fff]/.test(l) && !/^[\w:.-]+$/.test(l));
}

describe('designer end to end (real Chromium)', () => {
  let app: AppUnderTest;
  let browser: Browser;
  let page: Page;
  let m: ModelerDriver;
  const errors: string[] = [];
  const shot = (name: string) => page.screenshot({ path: `${SHOTS}/${name}.png` });

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    [app, browser] = await Promise.all([startApp(), launchChromium()]);
    page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    page.setDefaultTimeout(10_000);
    page.on('pageerror', (e) => errors.push(`${e.message}\n${e.stack ?? ''}`));
    page.on('console', (msg) => { if (msg.type() === 'error') errors.push(msg.text()); });
    m = new ModelerDriver(page);
  }, 120_000);

  afterAll(async () => {
    if (errors.length > 0) console.error('page errors:', errors);
    await browser?.close();
    await app?.stop();
  });

  it('should let a process owner log in and see the process library in Chinese', async () => {
    await page.goto(`${app.url}/`);
    await page.waitForSelector('[data-testid=login-username]');
    await shot('01-login');
    await page.fill('[data-testid=login-username]', app.username);
    await page.fill('[data-testid=login-password]', app.password);
    await page.click('[data-testid=login-submit]');
    await page.waitForSelector('[data-testid=process-table]');
    await shot('02-library');
    expect(await page.textContent('h1')).toBe('流程库');
    expect(await untranslated(page, '#app')).toEqual([]);
  });

  it('should draw a three-step chain from the palette, list its problems, and clear them via the pickers', async () => {
    await page.click('[data-testid=create-process]');
    await page.waitForSelector('.djs-palette .sf-template-entry', { timeout: 30_000 });
    const start = await m.center('StartEvent_1');
    const intake = await m.place('sf-template-village-intake', start.x + 160, start.y);
    const review = await m.place('sf-template-street-review', start.x + 340, start.y);
    const inspect = await m.place('create.task', start.x + 520, start.y);
    const end = await m.place('create.end-event', start.x + 680, start.y);
    await m.connect('StartEvent_1', intake);
    await m.connect(intake, review);
    await m.connect(review, inspect);
    await m.connect(inspect, end);
    await m.replace(inspect, 'replace-with-user-task');
    await m.settle();
    await shot('03-modeler-problems');

    // then the third step (no template) has no office and no 办结时限, and deploying is blocked
    const before = await m.problems();
    expect(before.filter((p) => p.element === inspect).map((p) => p.rule).sort())
      .toEqual(expect.arrayContaining(['streetflow/user-task-due', 'streetflow/user-task-office']));
    expect(await page.isDisabled('[data-testid=deploy]')).toBe(true);

    // clicking a problem selects its element
    await page.click(`[data-testid=problem-row][data-element="${inspect}"][data-rule="streetflow/user-task-office"]`);
    await page.waitForSelector(`.djs-element.selected[data-element-id="${inspect}"]`);

    // when the office comes from the picker and the due time is set
    await m.openGroup('general');
    await m.fill('name', '城管核查');
    await m.openGroup('streetflow');
    await m.choose('sf-office', '福鼎市城市管理局（城管） · 执法队员');
    await m.fill('sf-due', '3');
    await m.settle();
    await shot('04-modeler-fixed');
    const after = await m.problems();
    expect(after.filter((p) => p.rule.startsWith('streetflow/'))).toEqual([]);
    expect(await page.isDisabled('[data-testid=deploy]')).toBe(false);
    expect(await untranslated(page, '[data-testid=properties-panel]')).toEqual([]);
    expect(await untranslated(page, '.djs-palette')).toEqual([]);
  });

  it('should deploy version 1, then a changed version 2', async () => {
    // name the process
    await page.click('[data-testid=canvas]', { position: { x: 600, y: 480 } });
    await m.openGroup('general');
    await m.fill('name', '旧址重建（改革后）');
    await page.click('[data-testid=deploy]');
    await page.fill('[data-testid=deploy-note]', '村代办 → 街道 → 城管，三步');
    await page.click('[data-testid=deploy-confirm]');
    await page.waitForSelector('[data-testid=modeler-notice]:has-text("第 1 版")', { timeout: 30_000 });
    await shot('05-deployed-v1');

    // change: 街道审核 moves to the deputy in charge and gets a shorter 办结时限
    const ids = await m.shapeIds();
    const review = ids[2]!;
    await m.select(review);
    await m.openGroup('streetflow');
    await m.choose('sf-office', '区域发展办公室 · 分管领导');
    await m.fill('sf-due', '3');
    await m.settle();
    await page.click('[data-testid=deploy]');
    await page.fill('[data-testid=deploy-note]', '街道审核改由分管领导办理，时限 3 个工作日');
    await page.click('[data-testid=deploy-confirm]');
    await page.waitForSelector('[data-testid=modeler-notice]:has-text("第 2 版")', { timeout: 30_000 });
    await shot('06-deployed-v2');
  });

  it('should compare versions 1 and 2 and list the property changes', async () => {
    await page.click('[data-testid=open-versions]');
    await page.waitForSelector('[data-testid=diff-table] tr[data-diff]', { timeout: 30_000 });
    await page.waitForTimeout(500);
    await shot('07-compare');
    const rows = await page.$$eval('[data-testid=diff-table] tbody tr', (trs) => trs.map((t) => (t as HTMLElement).innerText));
    const text = rows.join('\n');
    expect(text).toContain('办理科室/岗位');
    expect(text).toContain('区域发展办公室 · 分管领导');
    expect(text).toMatch(/办结时限\s+5 个工作日\s+3 个工作日/);
    expect(await page.$$eval('[data-testid=compare-right-canvas] .sf-changed', (e) => e.length)).toBeGreaterThan(0);
    expect(await untranslated(page, '#app')).toEqual([]);

    // restoring version 1 deploys it as version 3, which then equals version 1
    await page.click('[data-testid=restore-version]');
    await page.waitForSelector('[data-testid=compare-notice]:has-text("第 3 版")', { timeout: 30_000 });
    await page.waitForSelector('[data-testid=diff-summary]:has-text("两个版本没有差异")', { timeout: 30_000 });
    expect(await page.inputValue('[data-testid=compare-right]')).toBe('3');
    await shot('08-restored');
  });

  it('should link a form to a step, preview it, export Zeebe XML and simulate', async () => {
    await page.click('[data-testid=nav-designer]');
    await page.click(`${OURS} a.name`);
    await page.waitForSelector('.djs-palette .sf-template-entry', { timeout: 30_000 });
    const ids = await m.shapeIds();
    const inspect = ids[3]!;
    await m.select(inspect);
    await m.openGroup('streetflow');
    await page.click('.sf-form-button');
    await page.waitForSelector('[data-testid=form-dialog] .fjs-editor-container', { timeout: 30_000 });
    await page.waitForTimeout(500);
    await shot('09-form-editor');
    expect(await untranslated(page, '[data-testid=form-dialog] .fjs-palette')).toEqual([]);
    await page.click('[data-testid=form-tab-preview]');
    await page.waitForSelector('[data-testid=form-preview] .fjs-form');
    await page.click('[data-testid=form-preview-submit]');
    await page.waitForSelector('.submitted');
    expect(await page.textContent('.submitted')).toContain('errors');
    await shot('10-form-preview');
    await page.click('[data-testid=form-save]');
    await m.settle();
    expect((await m.problems()).filter((p) => p.element === inspect && p.rule.includes('user-task-form'))).toEqual([]);

    // 会签 of two offices on 街道审核 (multi-instance; the embedded broker accepts it once part 2 lands)
    const review = ids[2]!;
    await m.select(review);
    await m.openGroup('streetflow');
    await m.choose('sf-sign-mode', '会签（全部同意）');
    await page.check('.sf-signers-list input[data-group="office:shzlb"]');
    await m.settle();

    // the exported XML carries the domain properties as Zeebe extension elements
    await page.click('[data-testid=export-menu]');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-bpmn]')]);
    const xml = await new Promise<string>((resolve, reject) => {
      void download.createReadStream().then((stream) => {
        let text = '';
        stream.on('data', (c: Buffer) => { text += c.toString(); });
        stream.on('end', () => resolve(text));
        stream.on('error', reject);
      });
    });
    expect(xml).toContain('candidateGroups="post:cg.inspector"');
    expect(xml).toContain('<zeebe:header key="deadline" value="P3D" />');
    expect(xml).toMatch(/<bpmn:multiInstanceLoopCharacteristics>[\s\S]*inputElement="signerGroup"/);
    // the restored version 3 (= version 1) had 街道审核 at the reviewer post, which becomes the first signer
    expect(xml).toContain('inputCollection="=[&#34;post:qyfzb.reviewer&#34;, &#34;office:shzlb&#34;]"');
    expect(xml).toContain('candidateGroups="=signerGroup"');
    expect(xml).toContain(`<zeebe:formDefinition formId="form_`);

    await page.click('[data-testid=toggle-simulation]');
    await page.waitForTimeout(500);
    await shot('11-simulation');
    expect(await untranslated(page, '[data-testid=canvas]')).toEqual([]);
    await page.click('[data-testid=toggle-simulation]');
  });

  it('should import a .bpmn file and export it again without losing Zeebe properties', async () => {
    const file = fileURLToPath(new URL('../../processes/jiuzhi-chongjian.bpmn', import.meta.url));
    const original = readFileSync(file, 'utf8');
    await page.click('[data-testid=nav-designer]');
    await page.setInputFiles('[data-testid=import-file]', file);
    await page.waitForSelector('.djs-palette .sf-template-entry', { timeout: 30_000 });
    await page.waitForTimeout(800);
    await shot('12-imported');
    await page.click('[data-testid=export-menu]');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-bpmn]')]);
    const exported = readFileSync(await download.path(), 'utf8');
    // every Zeebe extension of the original is still there, and the file now has a diagram
    const zeebe = (xml: string) => (xml.match(/<zeebe:[A-Za-z]+\b[^>]*>/g) ?? []).map((t) => t.replace(/\s+/g, ' ').replace(/ \/?>$/, '>')).sort();
    expect(zeebe(exported)).toEqual(zeebe(original));
    expect(exported).toContain('<bpmndi:BPMNShape');
  });

  it('should show the library with versions and the English switch', async () => {
    await page.click('[data-testid=nav-designer]');
    await page.waitForSelector(OURS);
    await page.click(`${OURS} button:has-text("版本历史")`);
    await shot('13-library-versions');
    await page.selectOption('[data-testid=locale-switch]', 'en');
    expect(await page.textContent('h1')).toBe('Process library');
    await shot('14-library-english');
    await page.click(`${OURS} a.name`);
    await page.waitForSelector('.djs-palette .sf-template-entry', { timeout: 30_000 });
    expect(await page.getAttribute('.djs-palette [data-action="create.start-event"]', 'aria-label')).toBe('Create start event');
    expect(await page.getAttribute('.djs-palette [data-action="sf-template-village-intake"]', 'aria-label')).toBe('Village agent intake');
    await shot('15-modeler-english');
    await page.selectOption('[data-testid=locale-switch]', 'zh-CN');
    await page.waitForSelector('.djs-palette [aria-label="创建开始事件"]');
    expect(errors).toEqual([]);
  });
});
