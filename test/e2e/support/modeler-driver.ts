import type { Page } from 'playwright-core';

/** Drives the designer's bpmn-js canvas in a real browser the way a user does (palette, context pad, panel). */
export class ModelerDriver {
  constructor(private readonly page: Page) {}

  /** Centre of a diagram element on screen. */
  async center(id: string): Promise<{ x: number; y: number }> {
    const el = await this.page.waitForSelector(`.djs-element.djs-shape[data-element-id="${id}"]`);
    const bb = await el.boundingBox();
    if (!bb) throw new Error(`element ${id} is not visible`);
    return { x: bb.x + bb.width / 2, y: bb.y + bb.height / 2 };
  }

  /** Ids of the shapes on the canvas (without labels), left to right. */
  async shapeIds(): Promise<string[]> {
    const shapes = await this.page.$$eval('.djs-element.djs-shape', (els) =>
      els.map((e) => ({ id: e.getAttribute('data-element-id') ?? '', x: e.getBoundingClientRect().x })));
    return shapes.filter((s) => s.id && !s.id.endsWith('_label')).sort((a, b) => a.x - b.x).map((s) => s.id);
  }

  /** Number of connections on the canvas. */
  connectionCount(): Promise<number> {
    return this.page.$$eval('.djs-element.djs-connection', (els) => els.length);
  }

  /** Picks a palette entry and drops the new shape at (x, y); returns the new element's id. */
  async place(action: string, x: number, y: number): Promise<string> {
    const before = new Set(await this.shapeIds());
    await this.page.keyboard.press('Escape');
    await this.page.click(`.djs-palette [data-action="${action}"]`);
    await this.page.mouse.move(x - 40, y - 10, { steps: 4 });
    await this.page.mouse.move(x, y, { steps: 4 });
    await this.page.mouse.click(x, y);
    await this.page.waitForTimeout(150);
    await this.page.keyboard.press('Escape');
    const added = (await this.shapeIds()).find((id) => !before.has(id));
    if (!added) throw new Error(`palette entry ${action} created nothing`);
    return added;
  }

  /** Clears the selection by clicking an empty corner of the canvas (context pads can cover shapes). */
  async deselect(): Promise<void> {
    const canvas = await this.page.waitForSelector('[data-testid=canvas]');
    const bb = await canvas.boundingBox();
    if (bb) await this.page.mouse.click(bb.x + bb.width - 80, bb.y + 20);
    await this.page.waitForTimeout(100);
  }

  /**
   * Selects an element by clicking its upper-left part: the context pad of a connection that just
   * ended at this element sits over its centre (with a delete button), so never click there.
   */
  async select(id: string): Promise<void> {
    await this.deselect();
    const el = await this.page.waitForSelector(`.djs-element.djs-shape[data-element-id="${id}"]`);
    const bb = await el.boundingBox();
    if (!bb) throw new Error(`element ${id} is not visible`);
    await this.page.mouse.click(bb.x + bb.width * 0.3, bb.y + Math.min(8, bb.height * 0.25));
    await this.page.waitForTimeout(150);
  }

  /** Connects two shapes with the context pad's connect tool (retries until a connection appears). */
  async connect(fromId: string, toId: string): Promise<void> {
    for (let attempt = 0; attempt < 4; attempt++) {
      const before = await this.connectionCount();
      await this.page.keyboard.press('Escape');
      await this.select(fromId);
      const connect = await this.page.waitForSelector('.djs-context-pad [data-action="connect"]', { timeout: 2000 }).catch(() => null);
      if (!connect) continue;
      await connect.click();
      const b = await this.center(toId);
      await this.page.mouse.move(b.x - 15, b.y, { steps: 4 });
      await this.page.mouse.move(b.x, b.y, { steps: 4 });
      await this.page.mouse.click(b.x, b.y);
      for (let i = 0; i < 10; i++) {
        if ((await this.connectionCount()) > before) return;
        await this.page.waitForTimeout(150);
      }
      if (process.env.STREETFLOW_E2E_DEBUG) await this.page.screenshot({ path: `/tmp/screens/dbg-connect-${fromId}-${attempt}.png` });
    }
    throw new Error(`could not connect ${fromId} → ${toId}`);
  }

  /** Changes the element's type through the replace menu (e.g. 'replace-with-user-task'). */
  async replace(id: string, entryId: string): Promise<void> {
    await this.page.keyboard.press('Escape');
    await this.select(id);
    await this.page.click('.djs-context-pad [data-action="replace"]');
    try {
      await this.page.click(`[data-id="${entryId}"]`);
    } catch (err) {
      await this.page.screenshot({ path: '/tmp/screens/fail-replace.png' });
      throw err;
    }
    await this.page.waitForTimeout(150);
  }

  /** Opens a properties-panel group if it is closed. */
  async openGroup(groupId: string): Promise<void> {
    const header = await this.page.waitForSelector(`[data-group-id="group-${groupId}"] .bio-properties-panel-group-header`);
    const open = await header.evaluate((h) => h.classList.contains('open'));
    if (!open) await header.click();
  }

  /** Chooses an option (by visible label) in a properties-panel select entry. */
  async choose(entryId: string, label: string): Promise<void> {
    await this.page.selectOption(`#bio-properties-panel-${entryId}`, { label });
    await this.page.waitForTimeout(150);
  }

  /** Types into a properties-panel text/number entry. */
  async fill(entryId: string, value: string): Promise<void> {
    const input = `#bio-properties-panel-${entryId}`;
    await this.page.fill(input, value);
    await this.page.press(input, 'Tab');
    await this.page.waitForTimeout(400);
  }

  /** The rules and element ids listed in the problems panel. */
  problems(): Promise<{ rule: string; element: string; text: string }[]> {
    return this.page.$$eval('[data-testid=problem-row]', (rows) => rows.map((r) => ({
      rule: r.getAttribute('data-rule') ?? '', element: r.getAttribute('data-element') ?? '', text: (r as HTMLElement).innerText,
    })));
  }

  /**
   * Waits until the linter has caught up with the latest change: the problems panel marks a lint as
   * pending from the change (the linter runs debounced, 300 ms later) until its result is shown.
   * (Waiting for the list to look the same twice in a row could return before a slow lint ran.)
   */
  async settle(): Promise<void> {
    await this.page.waitForSelector('[data-testid=problems-panel][data-lint-pending="false"]', { state: 'attached', timeout: 30_000 });
  }
}
