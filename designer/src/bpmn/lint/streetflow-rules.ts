import { isType, type ModdleElement } from '../types.ts';
import { getCandidateGroups, getDueDuration, getExtension, isApplicantVisit } from '../streetflow/zeebe-ext.ts';

/** What a Streetflow rule reports: an i18n key and its parameters (the panel renders the text). */
export interface I18nReportContext { i18n: { key: string; params: Record<string, string | number> } }

/** bpmnlint's reporter as used by the rules. */
export interface RuleReporter { report(id: string, message: string, context?: I18nReportContext): void }

/** A bpmnlint rule definition. */
export interface RuleDefinition { check: (node: ModdleElement, reporter: RuleReporter) => boolean | void }

function label(node: ModdleElement): string {
  return (typeof node.name === 'string' && node.name.trim()) || node.id || '?';
}

function report(reporter: RuleReporter, node: ModdleElement, key: string, params: Record<string, string | number>, english: string): void {
  reporter.report(node.id ?? '', english, { i18n: { key, params } });
}

/** Every user task is assigned to an office or post (candidate groups), or to an assignee. */
export function userTaskOffice(): RuleDefinition {
  return {
    check(node, reporter) {
      if (!isType(node, 'bpmn:UserTask')) return;
      const assignee = getExtension(node, 'zeebe:AssignmentDefinition')?.get('assignee');
      if (getCandidateGroups(node) || (typeof assignee === 'string' && assignee.trim())) return;
      report(reporter, node, 'problems.officeMissing', { name: label(node) }, `User task "${label(node)}" has no office or post`);
    },
  };
}

/** Every user task has a due time (办结时限): the due-duration header or a zeebe:taskSchedule dueDate. */
export function userTaskDue(): RuleDefinition {
  return {
    check(node, reporter) {
      if (!isType(node, 'bpmn:UserTask')) return;
      const schedule = getExtension(node, 'zeebe:TaskSchedule')?.get('dueDate');
      if (getDueDuration(node) || (typeof schedule === 'string' && schedule.trim())) return;
      report(reporter, node, 'problems.dueMissing', { name: label(node) }, `User task "${label(node)}" has no due time`);
    },
  };
}

/** Exclusive gateways that split (two or more outgoing flows) name a default flow. */
export function exclusiveGatewayDefault(): RuleDefinition {
  return {
    check(node, reporter) {
      if (!isType(node, 'bpmn:ExclusiveGateway')) return;
      const outgoing = (node.get('outgoing') as ModdleElement[] | undefined) ?? [];
      if (outgoing.length < 2 || node.get('default')) return;
      report(reporter, node, 'problems.defaultFlowMissing', { name: label(node) }, `Exclusive gateway "${label(node)}" has no default flow`);
    },
  };
}

/** The largest number of applicant visits on one path through the process, with the steps of that path. */
export function maxApplicantVisits(process: ModdleElement): { count: number; steps: ModdleElement[] } {
  const elements = (process.get('flowElements') as ModdleElement[] | undefined) ?? [];
  const starts = elements.filter((e) => isType(e, 'bpmn:StartEvent'));
  let best: ModdleElement[] = [];
  const visit = (node: ModdleElement, onPath: Set<ModdleElement>, visits: ModdleElement[]): void => {
    if (onPath.has(node)) return;
    const here = isApplicantVisit(node) ? [...visits, node] : visits;
    if (here.length > best.length) best = here;
    onPath.add(node);
    for (const flow of (node.get('outgoing') as ModdleElement[] | undefined) ?? []) {
      const target = flow.get('targetRef') as ModdleElement | undefined;
      if (target) visit(target, onPath, here);
    }
    onPath.delete(node);
  };
  for (const s of starts) visit(s, new Set(), []);
  if (best.length === 0) {
    const all = elements.filter((e) => isApplicantVisit(e));
    if (all.length > best.length) best = all.slice(0, 1);
  }
  return { count: best.length, steps: best };
}

/** 最多跑一趟: on no path does the applicant have to come in more than once. */
export function singleTrip(): RuleDefinition {
  return {
    check(node, reporter) {
      if (!isType(node, 'bpmn:Process')) return;
      const { count, steps } = maxApplicantVisits(node);
      if (count <= 1) return;
      const names = steps.map(label).join('、');
      const second = steps[1] ?? node;
      report(reporter, second, 'problems.applicantTrips', { n: count, names }, `The applicant must come in ${count} times (${names})`);
    },
  };
}

/** Rule name → factory, as bpmnlint resolves them (`streetflow/<name>`). */
export const STREETFLOW_RULES: Record<string, () => RuleDefinition> = {
  'user-task-office': userTaskOffice,
  'user-task-due': userTaskDue,
  'exclusive-gateway-default': exclusiveGatewayDefault,
  'single-trip': singleTrip,
};

/** Severity of each Streetflow rule (errors block deployment). */
export const STREETFLOW_RULE_LEVELS: Record<string, 'error' | 'warn'> = {
  'user-task-office': 'error',
  'user-task-due': 'error',
  'exclusive-gateway-default': 'error',
  'single-trip': 'warn',
};
