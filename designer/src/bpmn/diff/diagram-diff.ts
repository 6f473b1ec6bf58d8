import { isType, type ModdleElement } from '../types.ts';
import {
  getCandidateGroups, getDueDuration, getExtension, getFormId, getSignSettings, isApplicantVisit,
} from '../streetflow/zeebe-ext.ts';

/** One property that differs between two versions of an element. */
export interface PropertyChange { property: string; before: string; after: string }

/** How an element differs between two versions. */
export interface ElementDiff {
  id: string;
  name: string;
  type: string;
  kind: 'added' | 'removed' | 'changed';
  changes: PropertyChange[];
}

/** Property keys a diff can report; the compare page translates them. */
export type DiffProperty =
  | 'type' | 'name' | 'office' | 'due' | 'signMode' | 'signers' | 'form' | 'applicantVisit' | 'jobType'
  | 'condition' | 'default' | 'source' | 'target' | 'documentation';

function flowElements(container: ModdleElement): ModdleElement[] {
  const out: ModdleElement[] = [];
  for (const el of (container.get('flowElements') as ModdleElement[] | undefined) ?? []) {
    out.push(el);
    if (isType(el, 'bpmn:SubProcess')) out.push(...flowElements(el));
  }
  return out;
}

/** All flow elements of all processes in the definitions, by id. */
export function elementsById(definitions: ModdleElement): Map<string, ModdleElement> {
  const map = new Map<string, ModdleElement>();
  for (const root of (definitions.get('rootElements') as ModdleElement[] | undefined) ?? []) {
    if (isType(root, 'bpmn:Process')) for (const el of flowElements(root)) if (el.id) map.set(el.id, el);
  }
  return map;
}

function str(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'object' && 'id' in (v as object)) return String((v as { id: unknown }).id ?? '');
  return String(v);
}

/** The comparable properties of one element (what a process owner cares about). */
export function describe(el: ModdleElement): Record<DiffProperty, string> {
  const sign = isType(el, 'bpmn:UserTask') ? getSignSettings(el) : { mode: 'single', signers: [] as string[], ratio: undefined };
  const cond = el.get('conditionExpression') as ModdleElement | undefined;
  const docs = (el.get('documentation') as ModdleElement[] | undefined) ?? [];
  return {
    type: el.$type,
    name: str(el.name),
    office: getCandidateGroups(el) ?? '',
    due: getDueDuration(el) ?? str(getExtension(el, 'zeebe:TaskSchedule')?.get('dueDate')),
    signMode: sign.mode === 'ratio' ? `ratio:${sign.ratio ?? ''}` : sign.mode,
    signers: sign.signers.join(', '),
    form: getFormId(el) ?? '',
    applicantVisit: isApplicantVisit(el) ? 'true' : '',
    jobType: str(getExtension(el, 'zeebe:TaskDefinition')?.get('type')),
    condition: str(cond?.get('body')),
    default: str(el.get('default')),
    source: str(el.get('sourceRef')),
    target: str(el.get('targetRef')),
    documentation: docs.map((d) => str(d.get('text'))).join('\n'),
  };
}

/** Compares two versions' definitions element by element (matched by id). */
export function diffDefinitions(before: ModdleElement, after: ModdleElement): ElementDiff[] {
  const a = elementsById(before);
  const b = elementsById(after);
  const out: ElementDiff[] = [];
  for (const [id, el] of b) {
    const old = a.get(id);
    if (!old) {
      out.push({ id, name: str(el.name), type: el.$type, kind: 'added', changes: [] });
      continue;
    }
    const da = describe(old);
    const db = describe(el);
    const changes: PropertyChange[] = [];
    for (const key of Object.keys(db) as DiffProperty[]) {
      if (da[key] !== db[key]) changes.push({ property: key, before: da[key], after: db[key] });
    }
    if (changes.length > 0) out.push({ id, name: str(el.name) || str(old.name), type: el.$type, kind: 'changed', changes });
  }
  for (const [id, el] of a) if (!b.has(id)) out.push({ id, name: str(el.name), type: el.$type, kind: 'removed', changes: [] });
  return out;
}
