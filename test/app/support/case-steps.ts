import { expect } from 'vitest';
import { eventually, type AppHarness } from './app-harness.ts';

/** The task shape the API returns (fields the tests read). */
export interface TaskDto {
  id: string;
  caseId: string;
  caseNumber: string;
  elementId: string;
  name: string;
  assignee: string | null;
  owner: string | null;
  holder: string | null;
  status: string;
  slaState: string;
  dueDate: string | null;
  candidateGroups: string[];
  signers: Array<{ username: string; position: string; status: string }>;
  awaitingSigners: boolean;
}

export interface CaseDto {
  id: string;
  caseNumber: string;
  status: string;
  outcome: string | null;
  readers: string[];
  attachments: Array<{ fileId: string; name: string; kind: string; url: string; contentType: string }>;
  incidents: Array<{ elementId: string; errorType: string; message: string }>;
}

/** A valid 旧址重建 application for seeded parcel TC-ZJD-0001 (owner 林阿福). */
export const REBUILD_APPLICATION = {
  bpmnProcessId: 'jiuzhi-chongjian',
  applicant: { name: '林阿福', idNumber: '350982195803120011', phone: '13800000001', village: '渡头村' },
  variables: { parcelNumber: 'TC-ZJD-0001', areaSqm: 96, floors: 2, reason: '老屋年久失修，原址翻建' },
};

/** Files a 旧址重建 case as agent.chen. */
export async function fileRebuildCase(h: AppHarness, user = 'agent.chen'): Promise<CaseDto> {
  const r = await h.as<CaseDto>(user, 'POST', '/api/cases', REBUILD_APPLICATION);
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body;
}

/** Waits until the case has an open task at `elementId` visible to `user`. */
export async function openTask(h: AppHarness, user: string, caseId: string, elementId: string, timeoutMs = 20_000): Promise<TaskDto> {
  return eventually(async () => {
    const r = await h.as<TaskDto[]>(user, 'GET', '/api/tasks');
    return r.body.find((t) => t.caseId === caseId && t.elementId === elementId);
  }, `open task ${elementId} for ${user}`, timeoutMs);
}

/** Waits until the case reaches a status. */
export async function caseStatus(h: AppHarness, caseId: string, status: string, timeoutMs = 20_000): Promise<CaseDto> {
  return eventually(async () => {
    const r = await h.as<CaseDto>('auditor.lin', 'GET', `/api/cases/${caseId}`);
    return r.body.status === status ? r.body : undefined;
  }, `case ${caseId} to be ${status}`, timeoutMs);
}

export const REVIEW_FORM = { planningConformity: 'yes', reviewOpinion: '符合村庄规划，同意原址重建' };
export const INSPECTION_FORM = { siteMatches: 'yes', inspectionResult: '现场与申请一致，四至清楚' };

/** One entry of a case's history as the API returns it (fields the tests read). */
export interface HistoryEntryDto {
  actor: string | null;
  action: string;
  payload: Record<string, unknown>;
}

/** A case's history, read by the auditor. */
export async function caseHistory(h: AppHarness, caseId: string): Promise<HistoryEntryDto[]> {
  return (await h.as<HistoryEntryDto[]>('auditor.lin', 'GET', `/api/cases/${caseId}/history`)).body;
}

/** POSTs a task operation (`complete`, `claim`, `send-back`, …) as `user`. */
export function taskOperation(h: AppHarness, user: string, taskId: string, op: string, body: unknown = {}) {
  return h.as<TaskDto & { detail?: string }>(user, 'POST', `/api/tasks/${taskId}/${op}`, body);
}
