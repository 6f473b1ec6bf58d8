import { Schema, type Types } from 'mongoose';

export const TASK_STATUSES = ['open', 'completed', 'canceled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** A signer added before or after the current assignee (加签). */
export interface AddedSigner {
  username: string;
  position: 'before' | 'after';
  status: 'pending' | 'signed';
  addedBy: string;
  comment?: string;
  agree?: boolean;
  signedAt?: Date | null;
}

/** What to do when a task is overdue. */
export type TimeoutPolicy = 'none' | 'remind' | 'auto-approve' | 'auto-reject';

/** A user task projected from a job of type io.camunda.zeebe:userTask. */
export interface Task {
  _id: Types.ObjectId;
  jobKey: string;
  caseId: Types.ObjectId | null;
  caseNumber: string;
  processInstanceKey: string;
  processDefinitionKey: string;
  bpmnProcessId: string;
  elementId: string;
  elementInstanceKey: string;
  name: string;
  candidateGroups: string[];
  candidateUsers: string[];
  assignee: string | null;
  /** Set while the task is delegated (委派): the person it returns to. */
  owner: string | null;
  signers: AddedSigner[];
  formKey: string | null;
  priority: number;
  dueDate: Date | null;
  followUpDate: Date | null;
  createdAt: Date;
  timeoutPolicy: TimeoutPolicy;
  timeoutHandledAt: Date | null;
  lastRemindedAt: Date | null;
  slaState: 'ok' | 'yellow' | 'red';
  variables: Record<string, unknown>;
  headers: Record<string, string>;
  status: TaskStatus;
  completedAt: Date | null;
  completedBy: string | null;
  decision: string | null;
  comment: string | null;
  jobDeadline: Date | null;
  /** The assignee's decision while signers added after them (后加签) still have to sign. */
  pendingCompletion: { decision: string; comment: string | null; variables: Record<string, unknown>; by: string } | null;
  formId: string | null;
}

export const taskSchema = new Schema<Task>(
  {
    jobKey: { type: String, required: true, unique: true },
    caseId: { type: Schema.Types.ObjectId, default: null, index: true },
    caseNumber: { type: String, default: '' },
    processInstanceKey: { type: String, index: true },
    processDefinitionKey: String,
    bpmnProcessId: String,
    elementId: String,
    elementInstanceKey: String,
    name: String,
    candidateGroups: [String],
    candidateUsers: [String],
    assignee: { type: String, default: null },
    owner: { type: String, default: null },
    signers: [{ _id: false, username: String, position: String, status: String, addedBy: String, comment: String, agree: Boolean, signedAt: Date }],
    formKey: { type: String, default: null },
    priority: { type: Number, default: 50 },
    dueDate: { type: Date, default: null },
    followUpDate: { type: Date, default: null },
    createdAt: { type: Date, required: true },
    timeoutPolicy: { type: String, default: 'none' },
    timeoutHandledAt: { type: Date, default: null },
    lastRemindedAt: { type: Date, default: null },
    slaState: { type: String, default: 'ok' },
    variables: { type: Schema.Types.Mixed, default: {} },
    headers: { type: Schema.Types.Mixed, default: {} },
    status: { type: String, enum: TASK_STATUSES, default: 'open', index: true },
    completedAt: { type: Date, default: null },
    completedBy: { type: String, default: null },
    decision: { type: String, default: null },
    comment: { type: String, default: null },
    jobDeadline: { type: Date, default: null },
    pendingCompletion: { type: Schema.Types.Mixed, default: null },
    formId: { type: String, default: null },
  },
  { collection: 'tasks', minimize: false },
);
