import { isType, type ModdleElement } from '../types.ts';

/**
 * How Streetflow's domain properties live in Zeebe XML. Pure readers (used by the properties
 * panel, the lint rules and the diff) and the FEEL the writers produce.
 *
 * - office/post: `zeebe:assignmentDefinition candidateGroups="office:x"` (or "=signerGroup" with multi-instance)
 * - 办结时限: task header `deadline` = ISO-8601 duration counted in working time (P5D = five working days),
 *   as the case service's SLA reads it; `timeoutPolicy` header = none | remind | auto-approve | auto-reject
 * - 会签/或签/比例: `bpmn:multiInstanceLoopCharacteristics` (parallel) with `zeebe:loopCharacteristics
 *   inputCollection="=[…groups]" inputElement="signerGroup"` and a `completionCondition`
 * - the applicant must come in: `zeebe:properties` entry `applicantVisit` = "true"
 * - form: `zeebe:formDefinition formId="…"` (form deployed together with the process)
 */

/** Task-header key holding the due time (working-time ISO duration). */
export const DUE_HEADER = 'deadline';
/** Task-header key holding what happens when the step is overdue. */
export const TIMEOUT_HEADER = 'timeoutPolicy';
/** Timeout policies the case service understands. */
export const TIMEOUT_POLICIES = ['none', 'remind', 'auto-approve', 'auto-reject'] as const;
/** One of {@link TIMEOUT_POLICIES}. */
export type TimeoutPolicy = (typeof TIMEOUT_POLICIES)[number];
/** zeebe:property name marking a step where the applicant must be present. */
export const APPLICANT_VISIT_PROPERTY = 'applicantVisit';
/** Multi-instance input element that carries each signer's candidate group. */
export const SIGNER_ELEMENT = 'signerGroup';

/** Countersign modes: one approver, all (会签), any one (或签), a ratio (比例). */
export type SignMode = 'single' | 'all' | 'any' | 'ratio';

/** The approval mode of a user task as read from its XML. */
export interface SignSettings {
  mode: SignMode;
  /** Percentage for 'ratio' (1–100). */
  ratio?: number;
  /** Candidate groups signing (multi-instance modes). */
  signers: string[];
}

/** The extension element of the given type, if present. */
export function getExtension(bo: ModdleElement | undefined, type: string): ModdleElement | undefined {
  const ext = bo?.get('extensionElements') as ModdleElement | undefined;
  const values = (ext?.get('values') as ModdleElement[] | undefined) ?? [];
  return values.find((v) => isType(v, type));
}

/** candidateGroups of a user task (raw string), if any. */
export function getCandidateGroups(bo: ModdleElement): string | undefined {
  const a = getExtension(bo, 'zeebe:AssignmentDefinition');
  const v = a?.get('candidateGroups');
  return typeof v === 'string' && v.trim() ? v.trim() : undefined;
}

/** Header value of zeebe:taskHeaders, if any. */
export function getHeader(bo: ModdleElement, key: string): string | undefined {
  const headers = getExtension(bo, 'zeebe:TaskHeaders');
  const values = (headers?.get('values') as ModdleElement[] | undefined) ?? [];
  const h = values.find((v) => v.get('key') === key);
  const value = h?.get('value');
  return typeof value === 'string' ? value : undefined;
}

/** The due duration header ("P5D"), if set. */
export function getDueDuration(bo: ModdleElement): string | undefined {
  return getHeader(bo, DUE_HEADER);
}

/** Working days of an ISO duration written by the designer ("P5D" → 5); undefined if not in whole days. */
export function durationToWorkdays(duration: string | undefined): number | undefined {
  const m = duration ? /^P(\d+)D$/.exec(duration) : null;
  return m ? Number(m[1]) : undefined;
}

/** The ISO duration for a number of working days (0/undefined → undefined = no limit). */
export function workdaysToDuration(days: number | undefined): string | undefined {
  return days && days > 0 ? `P${Math.floor(days)}D` : undefined;
}

/** A zeebe:property value, if present. */
export function getZeebeProperty(bo: ModdleElement, name: string): string | undefined {
  const props = getExtension(bo, 'zeebe:Properties');
  const values = (props?.get('properties') as ModdleElement[] | undefined) ?? [];
  const p = values.find((v) => v.get('name') === name);
  const value = p?.get('value');
  return typeof value === 'string' ? value : undefined;
}

/** True when the step requires the applicant to be present. */
export function isApplicantVisit(bo: ModdleElement): boolean {
  return getZeebeProperty(bo, APPLICANT_VISIT_PROPERTY) === 'true';
}

/** The linked form id (zeebe:formDefinition formId), if any. */
export function getFormId(bo: ModdleElement): string | undefined {
  const f = getExtension(bo, 'zeebe:FormDefinition');
  const v = f?.get('formId');
  return typeof v === 'string' && v ? v : undefined;
}

/** The FEEL completion condition for a mode (undefined = all instances must complete). */
export function completionConditionFor(mode: SignMode, ratio = 50): string | undefined {
  if (mode === 'any') return '=numberOfCompletedInstances >= 1';
  if (mode === 'ratio') {
    const r = Math.min(100, Math.max(1, Math.round(ratio)));
    return `=numberOfCompletedInstances / numberOfInstances >= ${r / 100}`;
  }
  return undefined;
}

/** FEEL list literal of candidate groups (the multi-instance input collection). */
export function signersToCollection(signers: string[]): string {
  return `=[${signers.map((s) => JSON.stringify(s)).join(', ')}]`;
}

/** Candidate groups listed in a FEEL list literal written by {@link signersToCollection}. */
export function collectionToSigners(collection: string | undefined): string[] {
  if (!collection) return [];
  const m = /^=\s*\[(.*)\]\s*$/s.exec(collection);
  if (!m) return [];
  return Array.from((m[1] ?? '').matchAll(/"((?:[^"\\]|\\.)*)"/g), (x) => JSON.parse(`"${x[1]}"`) as string);
}

/** Reads the approval mode of a user task. */
export function getSignSettings(bo: ModdleElement): SignSettings {
  const loop = bo.get('loopCharacteristics') as ModdleElement | undefined;
  if (!loop || !isType(loop, 'bpmn:MultiInstanceLoopCharacteristics')) return { mode: 'single', signers: [] };
  const zeebeLoop = getExtension(loop, 'zeebe:LoopCharacteristics');
  const signers = collectionToSigners(zeebeLoop?.get('inputCollection') as string | undefined);
  const cond = loop.get('completionCondition') as ModdleElement | undefined;
  const body = typeof cond?.get('body') === 'string' ? (cond.get('body') as string).replace(/\s+/g, ' ').trim() : '';
  if (!body) return { mode: 'all', signers };
  if (/^=\s*numberOfCompletedInstances\s*>=\s*1$/.test(body)) return { mode: 'any', signers };
  const r = /^=\s*numberOfCompletedInstances\s*\/\s*numberOfInstances\s*>=\s*([\d.]+)$/.exec(body);
  if (r) return { mode: 'ratio', ratio: Math.round(Number(r[1]) * 100), signers };
  return { mode: 'all', signers };
}
