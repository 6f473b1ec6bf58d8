import type { GroupOption } from '../../stores/org-store.ts';
import type { StepSettings } from './streetflow-writer.ts';

/** A domain step the process owner can drop on the canvas (element template). */
export interface StepTemplate {
  id: 'village-intake' | 'street-review' | 'urban-inspection' | 'countersign' | 'notify-applicant' | 'issue-certificate';
  /** BPMN type of the created element. */
  type: 'bpmn:UserTask' | 'bpmn:ServiceTask';
  /** Words that pick the default office from the directory (first match wins). */
  officeHints: string[];
  settings: Omit<StepSettings, 'candidateGroups' | 'name'>;
}

/** Job types of the case service's workers used by templates. */
export const JOB_TYPES = { notify: 'notify', permit: 'issue-permit' } as const;

/** The six templates of issue 7: 村代办受理, 街道审核, 城管核查, 会签审批, 通知申请人, 出证. */
export const STEP_TEMPLATES: StepTemplate[] = [
  { id: 'village-intake', type: 'bpmn:UserTask', officeHints: ['代办', '村', '社区', '党群服务'], settings: { dueWorkdays: 1, applicantVisit: true, headers: { timeoutPolicy: 'remind' } } },
  { id: 'street-review', type: 'bpmn:UserTask', officeHints: ['村镇建设审核', '审核', '区域发展', '公共服务'], settings: { dueWorkdays: 5, headers: { timeoutPolicy: 'remind' } } },
  { id: 'urban-inspection', type: 'bpmn:UserTask', officeHints: ['城管', '城市管理', '执法', '综合巡查'], settings: { dueWorkdays: 3, headers: { timeoutPolicy: 'remind' } } },
  { id: 'countersign', type: 'bpmn:UserTask', officeHints: [], settings: { dueWorkdays: 5, sign: { mode: 'all', signers: [] } } },
  { id: 'notify-applicant', type: 'bpmn:ServiceTask', officeHints: [], settings: { jobType: JOB_TYPES.notify, headers: { to: 'filer', message: '案件 {caseNumber}（{applicant.name}）有新进展' } } },
  { id: 'issue-certificate', type: 'bpmn:ServiceTask', officeHints: [], settings: { jobType: JOB_TYPES.permit } },
];

/** The settings a template writes, with the default office chosen from the directory. */
export function templateSettings(template: StepTemplate, name: string, groups: GroupOption[]): StepSettings {
  const settings: StepSettings = { ...template.settings, name };
  if (template.type === 'bpmn:UserTask' && !template.settings.sign) {
    for (const hint of template.officeHints) {
      const office = groups.find((g) => g.label.includes(hint));
      if (office) {
        settings.candidateGroups = office.groupId;
        break;
      }
    }
  }
  return settings;
}

/** Finds a template by id. */
export function findTemplate(id: string): StepTemplate | undefined {
  return STEP_TEMPLATES.find((t) => t.id === id);
}
