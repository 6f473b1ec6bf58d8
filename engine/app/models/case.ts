import { Schema, type Types } from 'mongoose';

export const CASE_STATUSES = ['creating', 'running', 'completed', 'rejected', 'withdrawn', 'terminated', 'failed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** The applicant (申请人) a case is filed for; the agent files on their behalf. */
export interface Applicant {
  name: string;
  idNumber?: string;
  phone?: string;
  village?: string;
}

/** A file attached to a case, stored in GridFS. */
export interface Attachment {
  fileId: Types.ObjectId;
  name: string;
  contentType: string;
  size: number;
  kind: 'upload' | 'permit';
  uploadedBy: string;
  uploadedAt: Date;
}

/** A step the case is in right now. */
export interface CurrentStep {
  elementId: string;
  name: string;
  elementInstanceKey: string;
  since: Date;
}

/** One case (办件): an instance of a deployed process with its applicant, status and files. */
export interface Case {
  _id: Types.ObjectId;
  caseNumber: string;
  bpmnProcessId: string;
  processName: string;
  processVersion: number;
  processDefinitionKey: string;
  processInstanceKey: string | null;
  applicant: Applicant;
  status: CaseStatus;
  outcome?: string;
  currentSteps: CurrentStep[];
  variables: Record<string, unknown>;
  attachments: Attachment[];
  readers: string[];
  incidents: Array<{ key: string; elementId: string; errorType: string; message: string; at: Date }>;
  slaState: 'ok' | 'yellow' | 'red';
  deadline?: Date | null;
  createdBy: string;
  createdByOffices: string[];
  createdAt: Date;
  updatedAt: Date;
  completedAt?: Date | null;
}

export const caseSchema = new Schema<Case>(
  {
    caseNumber: { type: String, required: true, unique: true },
    bpmnProcessId: { type: String, required: true, index: true },
    processName: String,
    processVersion: Number,
    processDefinitionKey: String,
    processInstanceKey: { type: String, default: null, index: true },
    applicant: { _id: false, name: String, idNumber: String, phone: String, village: String },
    status: { type: String, enum: CASE_STATUSES, default: 'creating' },
    outcome: String,
    currentSteps: [{ _id: false, elementId: String, name: String, elementInstanceKey: String, since: Date }],
    variables: { type: Schema.Types.Mixed, default: {} },
    attachments: [{ _id: false, fileId: Schema.Types.ObjectId, name: String, contentType: String, size: Number, kind: String, uploadedBy: String, uploadedAt: Date }],
    readers: [String],
    incidents: [{ _id: false, key: String, elementId: String, errorType: String, message: String, at: Date }],
    slaState: { type: String, default: 'ok' },
    deadline: { type: Date, default: null },
    createdBy: String,
    createdByOffices: [String],
    completedAt: { type: Date, default: null },
  },
  { collection: 'cases', timestamps: true, minimize: false },
);

/** Atomic counters (case numbers per year). */
export interface Counter {
  _id: string;
  seq: number;
}
export const counterSchema = new Schema<Counter>({ _id: String, seq: Number }, { collection: 'counters', versionKey: false });
