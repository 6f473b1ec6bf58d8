import { Linter, type CamundaLintReport } from '@camunda/linting';
import { streetflowLintPlugin } from './streetflow-plugin.ts';
import { translateLintMessage } from './lint-messages.ts';

/** One entry of the problems panel. */
export interface Problem {
  /** Element the problem is about (selectable on the canvas). */
  elementId: string;
  severity: 'error' | 'warning';
  rule: string;
  /** Original text from the linter (English) — kept for the English UI. */
  message: string;
  /** i18n key and params for Streetflow's own rules. */
  i18n?: { key: string; params: Record<string, string | number> };
  /** Chinese text for library messages. */
  zh: string;
  /** Entries of the properties panel to highlight. */
  entryIds: string[];
}

let linter: Linter | null = null;

/** Problems for the panel and the raw reports (for the canvas overlays of @camunda/linting). */
export interface LintResult { problems: Problem[]; reports: CamundaLintReport[] }

/** Lints BPMN XML with @camunda/linting (for the version in the file) plus Streetflow's rules. */
export async function lintXml(xml: string): Promise<LintResult> {
  linter ??= new Linter({ modeler: 'web', type: 'cloud', plugins: [streetflowLintPlugin()] });
  const reports = await linter.lint(xml);
  const problems = reports.map(toProblem).sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
  return { problems, reports };
}
function toProblem(r: CamundaLintReport): Problem {
  const i18n = (r as CamundaLintReport & { i18n?: Problem['i18n'] }).i18n;
  return {
    elementId: r.id,
    severity: r.category === 'error' || r.category === 'rule-error' ? 'error' : 'warning',
    rule: r.rule,
    message: r.message,
    i18n,
    zh: translateLintMessage(r.message),
    entryIds: r.propertiesPanel?.entryIds ?? [],
  };
}
