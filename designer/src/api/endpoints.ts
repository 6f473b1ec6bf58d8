import { api } from './http-client.ts';
import type {
  DeployResource, DeploymentResult, Draft, DraftSummary, FormResource, LoginResult, Office,
  ProcessSummary, ProcessVersionDetail, User,
} from './types.ts';

/** Typed calls of the Streetflow HTTP API, one per endpoint the designer uses. */
export const endpoints = {
  login: (username: string, password: string) => api<LoginResult>('POST', '/api/auth/login', { username, password }),
  logout: () => api<void>('POST', '/api/auth/logout'),
  me: () => api<User>('GET', '/api/auth/me'),
  offices: () => api<Office[]>('GET', '/api/org/offices'),
  processes: () => api<ProcessSummary[]>('GET', '/api/processes'),
  processVersion: (id: string, version: number) =>
    api<ProcessVersionDetail>('GET', `/api/processes/${encodeURIComponent(id)}/versions/${version}`),
  deploy: (changeNote: string, resources: DeployResource[]) =>
    api<DeploymentResult>('POST', '/api/deployments', { changeNote, resources }),
  drafts: () => api<DraftSummary[]>('GET', '/api/drafts'),
  draft: (id: string) => api<Draft>('GET', `/api/drafts/${encodeURIComponent(id)}`),
  createDraft: (name: string, xml: string, forms: FormResource[] = []) => api<Draft>('POST', '/api/drafts', { name, xml, forms }),
  saveDraft: (id: string, patch: { name?: string; xml?: string; forms?: FormResource[] }) =>
    api<Draft>('PUT', `/api/drafts/${encodeURIComponent(id)}`, patch),
  deleteDraft: (id: string) => api<void>('DELETE', `/api/drafts/${encodeURIComponent(id)}`),
};
