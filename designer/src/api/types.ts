/** Types of the Streetflow HTTP API used by the designer (see the API contract). */

export type Role = 'admin' | 'process-owner' | 'agent' | 'auditor';

export interface OfficeRef { code: string; name: string }
export interface PostRef { code: string; name: string; officeCode: string }

export interface User {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  offices: OfficeRef[];
  posts: PostRef[];
}

export interface LoginResult { token: string; expiresAt: string; user: User }

export interface Post { code: string; name: string; groupId: string }
export interface Office {
  code: string;
  name: string;
  kind: '办' | '中心' | '大队' | '科室' | '外部';
  groupId: string;
  posts: Post[];
}

export interface ProcessVersionSummary {
  version: number;
  processDefinitionKey: string;
  resourceName: string;
  deployedBy: string;
  deployedAt: string;
  changeNote?: string;
}

export interface ProcessSummary {
  bpmnProcessId: string;
  name: string;
  latestVersion: number;
  runningInstances: number;
  updatedAt: string;
  versions: ProcessVersionSummary[];
}

export interface FormResource { formId: string; schema: FormSchema }
/** A form-js schema; kept open because form-js owns its shape. */
export type FormSchema = { id?: string; components?: unknown[]; type?: string } & Record<string, unknown>;

export interface ProcessVersionDetail {
  version: number;
  processDefinitionKey: string;
  xml: string;
  forms: FormResource[];
  deployedBy: string;
  deployedAt: string;
  changeNote?: string;
}

export interface DeployResource { name: string; content: string }
export interface DeploymentResult {
  deploymentKey: string;
  processes: { bpmnProcessId: string; version: number; processDefinitionKey: string; resourceName: string }[];
  forms: { formId: string; version: number; formKey: string }[];
}

export interface DraftSummary { id: string; bpmnProcessId: string; name: string; updatedAt: string; updatedBy: string }
export interface Draft extends DraftSummary { xml: string; forms?: FormResource[] }
