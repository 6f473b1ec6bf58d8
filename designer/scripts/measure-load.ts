/**
 * Measures the designer's load budget: initial JavaScript (gzip) from the built index.html, the
 * lazy chunks the modeler route pulls in, and the time to an interactive modeler in headless
 * Chromium (median of N runs, against the in-memory contract mock so only the front end is timed).
 *
 * Run: npx tsx designer/scripts/measure-load.ts [runs]
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchChromium } from '../../test/e2e/support/chromium.ts';
import { startMockApi } from '../../test/e2e/support/mock-api.ts';
import { ensureDesignerBuilt } from '../../test/e2e/support/app-under-test.ts';

const dist = ensureDesignerBuilt();
const gz = (file: string): number => gzipSync(readFileSync(path.join(dist, file)), { level: 9 }).length;
const kb = (n: number): string => `${(n / 1024).toFixed(1)} KB`;

const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
const initial = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
const initialCss = [...html.matchAll(/href="\/(assets\/[^"]+\.css)"/g)].map((m) => m[1]!);
const initialJs = initial.reduce((s, f) => s + gz(f), 0);

const runs = Number(process.argv[2] ?? 5);
const api = await startMockApi(dist);
const browser = await launchChromium();
const times: number[] = [];
const loginTimes: number[] = [];
let modelerJs = 0;
try {
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    const scripts = new Set<string>();
    page.on('response', (r) => { const u = new URL(r.url()); if (u.pathname.endsWith('.js')) scripts.add(u.pathname.slice(1)); });
    const t0 = Date.now();
    await page.goto(`${api.url}/login`);
    await page.waitForSelector('[data-testid=login-submit]');
    loginTimes.push(Date.now() - t0);
    await page.fill('[data-testid=login-username]', 'owner');
    await page.fill('[data-testid=login-password]', 'demo123');
    await page.click('[data-testid=login-submit]');
    await page.waitForSelector('[data-testid=create-process]');
    await page.click('[data-testid=create-process]');
    await page.waitForURL(/modeler\/draft/);
    const url = page.url();
    const session = await page.evaluate(() => localStorage.getItem('streetflow.session'));
    await context.close();
    // cold load of the modeler page: a fresh browser context (empty cache) that already has the session
    const coldContext = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    await coldContext.addInitScript((s) => { if (s) localStorage.setItem('streetflow.session', s); }, session);
    const cold = await coldContext.newPage();
    cold.on('response', (r) => { const u = new URL(r.url()); if (u.pathname.endsWith('.js')) scripts.add(u.pathname.slice(1)); });
    const t1 = Date.now();
    await cold.goto(url);
    await cold.waitForSelector('.djs-palette .sf-template-entry', { timeout: 60_000 });
    await cold.waitForSelector('[data-testid=problem-row]', { timeout: 60_000 });
    times.push(Date.now() - t1);
    if (i === 0) modelerJs = [...scripts].filter((f) => !initial.includes(f)).reduce((s, f) => s + gz(f), 0);
    await coldContext.close();
  }
} finally {
  await browser.close();
  await api.close();
}
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
console.table([
  { measure: 'initial JS (gzip)', value: kb(initialJs), files: initial.join(', ') },
  { measure: 'initial CSS (gzip)', value: kb(initialCss.reduce((s, f) => s + gz(f), 0)), files: initialCss.join(', ') },
  { measure: 'modeler route lazy JS (gzip)', value: kb(modelerJs), files: 'bpmn-js, properties panel, linting, token simulation, …' },
  { measure: `login page ready (median of ${runs})`, value: `${median(loginTimes)} ms`, files: '' },
  { measure: `interactive modeler, cold tab (median of ${runs})`, value: `${median(times)} ms`, files: 'palette + properties panel + first lint' },
]);
