import { ref, shallowRef } from 'vue';
import type { Problem } from '../bpmn/lint/run-lint.ts';
import type { CamundaLintReport } from '@camunda/linting';

/** Entries of the Streetflow properties group that each Streetflow rule points at. */
const ENTRY_FOR_RULE: Record<string, string> = {
  'streetflow/user-task-office': 'sf-office',
  'streetflow/user-task-due': 'sf-due',
  'streetflow/single-trip': 'sf-visit',
};

/**
 * Runs the linter on demand (debounced) and keeps problems for the panel and reports for the canvas.
 * `pending` is true from a change until the lint of the latest diagram has been applied (the
 * problems panel shows it as data-lint-pending, so tests wait for it instead of guessing a pause).
 */
export function useLint(translateReports: () => boolean, t: (key: string, params?: Record<string, unknown>) => string) {
  const problems = ref<Problem[]>([]);
  const reports = shallowRef<CamundaLintReport[]>([]);
  const pending = ref(false);
  let timer: ReturnType<typeof setTimeout> | null = null;
  let readingXml = 0;
  let seq = 0;

  async function run(xml: string): Promise<void> {
    const mine = ++seq;
    pending.value = true;
    const { lintXml } = await import('../bpmn/lint/run-lint.ts');
    const result = await lintXml(xml);
    if (mine !== seq) return;
    if (!timer && readingXml === 0) pending.value = false;
    problems.value = result.problems;
    // reports for the canvas and the properties panel, with the text the user reads
    reports.value = result.reports.map((r, i) => {
      const p = result.problems.find((x) => x.elementId === r.id && x.rule === r.rule) ?? result.problems[i];
      const entry = ENTRY_FOR_RULE[r.rule];
      const message = p?.i18n ? t(p.i18n.key, p.i18n.params) : translateReports() && p ? p.zh : r.message;
      return { ...r, message, propertiesPanel: entry ? { entryIds: [entry] } : r.propertiesPanel };
    });
  }

  function schedule(getXml: () => Promise<string>, delay = 300): void {
    if (timer) clearTimeout(timer);
    pending.value = true;
    timer = setTimeout(() => {
      timer = null;
      readingXml++;
      void getXml().then((xml) => {
        readingXml--;
        return run(xml);
      });
    }, delay);
  }

  return { problems, reports, pending, run, schedule };
}
