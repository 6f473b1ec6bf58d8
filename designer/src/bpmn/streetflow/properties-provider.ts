import { h } from '@bpmn-io/properties-panel/preact';
import {
  CheckboxEntry, NumberFieldEntry, SelectEntry, isCheckboxEntryEdited, isNumberFieldEntryEdited, isSelectEntryEdited,
} from '@bpmn-io/properties-panel';
import { isType, type DiagramElement, type EventBus } from '../types.ts';
import type { StreetflowWriter } from './streetflow-writer.ts';
import type { StreetflowOptions } from './streetflow-options.ts';
import {
  TIMEOUT_HEADER, TIMEOUT_POLICIES, durationToWorkdays, getCandidateGroups, getDueDuration, getFormId, getHeader, getSignSettings,
  isApplicantVisit, type SignMode,
} from './zeebe-ext.ts';

interface EntryProps { element: DiagramElement; id: string; writer: StreetflowWriter; opts: StreetflowOptions; eventBus: EventBus }
interface Group { id: string; label: string; entries: ({ id: string; component: (p: EntryProps) => unknown; isEdited?: (n: unknown) => boolean } & Partial<EntryProps>)[] }

function OfficeEntry({ element, id, writer, opts }: EntryProps): unknown {
  return h(SelectEntry, {
    element, id, label: opts.t('props.office'),
    getValue: (el: DiagramElement) => getCandidateGroups(el.businessObject) ?? '',
    setValue: (value: string) => writer.update(element, { candidateGroups: value }),
    getOptions: (el: DiagramElement) => {
      const current = getCandidateGroups(el.businessObject);
      const options = [{ value: '', label: opts.t('props.officePlaceholder') }, ...opts.groups().map((g) => ({ value: g.groupId, label: g.label }))];
      if (current && !options.some((o) => o.value === current)) options.push({ value: current, label: current });
      return options;
    },
  });
}

function SignModeEntry({ element, id, writer, opts }: EntryProps): unknown {
  return h(SelectEntry, {
    element, id, label: opts.t('props.signMode'),
    getValue: (el: DiagramElement) => getSignSettings(el.businessObject).mode,
    setValue: (mode: SignMode) => {
      const s = getSignSettings(element.businessObject);
      const current = getCandidateGroups(element.businessObject);
      const signers = s.signers.length > 0 ? s.signers : current && !current.startsWith('=') ? [current] : [];
      writer.update(element, { sign: { mode, ratio: s.ratio ?? 60, signers } });
    },
    getOptions: () => (['single', 'all', 'any', 'ratio'] as const).map((m) => ({ value: m, label: opts.t(`props.${m}`) })),
  });
}

function RatioEntry({ element, id, writer, opts }: EntryProps): unknown {
  return h(NumberFieldEntry, {
    element, id, label: opts.t('props.ratioValue'), min: 1, max: 100,
    debounce: (fn: unknown) => fn,
    getValue: (el: DiagramElement) => getSignSettings(el.businessObject).ratio ?? 60,
    setValue: (v: number | string) => writer.update(element, { sign: { mode: 'ratio', ratio: Number(v) } }),
  });
}

function SignersEntry({ element, id, writer, opts }: EntryProps): unknown {
  const selected = new Set(getSignSettings(element.businessObject).signers);
  const toggle = (groupId: string): void => {
    const s = getSignSettings(element.businessObject);
    const next = selected.has(groupId) ? s.signers.filter((g) => g !== groupId) : [...s.signers, groupId];
    writer.update(element, { sign: { mode: s.mode, ratio: s.ratio, signers: next } });
  };
  return h('div', { class: 'bio-properties-panel-entry sf-signers', 'data-entry-id': id }, [
    h('label', { class: 'bio-properties-panel-label' }, opts.t('props.signers')),
    h('div', { class: 'sf-signers-list' }, opts.groups().map((g) =>
      h('label', { class: 'sf-signer', key: g.groupId }, [
        h('input', { type: 'checkbox', checked: selected.has(g.groupId), 'data-group': g.groupId, onChange: () => toggle(g.groupId) }),
        h('span', null, g.label),
      ]))),
  ]);
}

function DueEntry({ element, id, writer, opts }: EntryProps): unknown {
  return h(NumberFieldEntry, {
    element, id, label: opts.t('props.dueWorkdays'), description: opts.t('props.dueHint'), min: 0, max: 365,
    debounce: (fn: unknown) => fn,
    getValue: (el: DiagramElement) => durationToWorkdays(getDueDuration(el.businessObject)) ?? '',
    setValue: (v: number | string | undefined) => writer.update(element, { dueWorkdays: v === '' || v === undefined ? 0 : Number(v) }),
  });
}

function TimeoutEntry({ element, id, writer, opts }: EntryProps): unknown {
  return h(SelectEntry, {
    element, id, label: opts.t('props.timeoutPolicy'),
    getValue: (el: DiagramElement) => getHeader(el.businessObject, TIMEOUT_HEADER) ?? 'none',
    setValue: (v: string) => writer.update(element, { headers: { [TIMEOUT_HEADER]: v === 'none' ? undefined : v } }),
    getOptions: () => TIMEOUT_POLICIES.map((p) => ({ value: p, label: opts.t(`props.timeout.${p}`) })),
  });
}

function VisitEntry({ element, id, writer, opts }: EntryProps): unknown {
  return h(CheckboxEntry, {
    element, id, label: opts.t('props.applicantVisit'),
    getValue: (el: DiagramElement) => isApplicantVisit(el.businessObject),
    setValue: (v: boolean) => writer.update(element, { applicantVisit: v }),
  });
}

function FormEntry({ element, id, opts, eventBus }: EntryProps): unknown {
  const formId = getFormId(element.businessObject);
  return h('div', { class: 'bio-properties-panel-entry sf-form-entry', 'data-entry-id': id }, [
    h('label', { class: 'bio-properties-panel-label' }, opts.t('props.form')),
    h('div', { class: 'sf-form-row' }, [
      h('span', { class: 'sf-form-id' }, formId ?? '—'),
      h('button', { type: 'button', class: 'sf-form-button', onClick: () => eventBus.fire('streetflow.form.edit', { element }) },
        formId ? opts.t('props.editForm') : opts.t('props.createForm')),
    ]),
  ]);
}

/** Adds the "街道办理" group (office picker, 办结时限, 会签/或签/比例, form, applicant visit) to user tasks and start events. */
export class StreetflowPropertiesProvider {
  static $inject = ['propertiesPanel', 'streetflowWriter', 'config.streetflow', 'eventBus'];

  constructor(propertiesPanel: { registerProvider(p: number, provider: unknown): void },
    private readonly writer: StreetflowWriter, private readonly opts: StreetflowOptions, private readonly eventBus: EventBus) {
    propertiesPanel.registerProvider(500, this);
  }

  getGroups(element: DiagramElement): (groups: Group[]) => Group[] {
    return (groups) => {
      const bo = element.businessObject;
      const base = { writer: this.writer, opts: this.opts, eventBus: this.eventBus };
      const entries: Group['entries'] = [];
      if (isType(bo, 'bpmn:UserTask')) {
        const mode = getSignSettings(bo).mode;
        entries.push({ id: 'sf-sign-mode', component: SignModeEntry, isEdited: isSelectEntryEdited, ...base });
        if (mode === 'single') entries.push({ id: 'sf-office', component: OfficeEntry, isEdited: isSelectEntryEdited, ...base });
        else entries.push({ id: 'sf-signers', component: SignersEntry, ...base });
        if (mode === 'ratio') entries.push({ id: 'sf-ratio', component: RatioEntry, isEdited: isNumberFieldEntryEdited, ...base });
        entries.push({ id: 'sf-due', component: DueEntry, isEdited: isNumberFieldEntryEdited, ...base });
        entries.push({ id: 'sf-timeout', component: TimeoutEntry, isEdited: isSelectEntryEdited, ...base });
      }
      if (isType(bo, 'bpmn:UserTask') || (isType(bo, 'bpmn:StartEvent') && !(bo.get('eventDefinitions') as unknown[] | undefined)?.length)) {
        entries.push({ id: 'sf-form', component: FormEntry, ...base });
      }
      if (isType(bo, 'bpmn:FlowNode') && !isType(bo, 'bpmn:Gateway')) {
        entries.push({ id: 'sf-visit', component: VisitEntry, isEdited: isCheckboxEntryEdited, ...base });
      }
      if (entries.length === 0) return groups;
      const group: Group = { id: 'streetflow', label: this.opts.t('props.group'), entries };
      const generalIndex = groups.findIndex((g) => g.id === 'general');
      groups.splice(generalIndex + 1, 0, group);
      return groups;
    };
  }
}
