import { Schema } from 'mongoose';

/** A deployed form (form-js schema), as the broker versioned it. */
export interface FormVersion {
  formId: string;
  version: number;
  formKey: string;
  schema: unknown;
  resourceName: string;
  deployedAt: Date;
}

/** One deployed version of a process, with who deployed it and why. */
export interface ProcessVersion {
  bpmnProcessId: string;
  name: string;
  version: number;
  processDefinitionKey: string;
  deploymentKey: string;
  resourceName: string;
  xml: string;
  formIds: string[];
  deployedBy: string;
  deployedAt: Date;
  changeNote: string;
}

export const processVersionSchema = new Schema<ProcessVersion>(
  {
    bpmnProcessId: { type: String, required: true },
    name: { type: String, default: '' },
    version: { type: Number, required: true },
    processDefinitionKey: { type: String, required: true, unique: true },
    deploymentKey: String,
    resourceName: String,
    xml: String,
    formIds: [String],
    deployedBy: String,
    deployedAt: Date,
    changeNote: { type: String, default: '' },
  },
  { collection: 'process_versions' },
);
// Ascending on purpose: the embedded docdb sorts descending-index fields the wrong way round (reported).
processVersionSchema.index({ bpmnProcessId: 1, version: 1 });

export const formVersionSchema = new Schema<FormVersion>(
  {
    formId: { type: String, required: true },
    version: { type: Number, required: true },
    formKey: { type: String, required: true, unique: true },
    schema: Schema.Types.Mixed,
    resourceName: String,
    deployedAt: Date,
  },
  { collection: 'form_versions' },
);
formVersionSchema.index({ formId: 1, version: 1 });

/** Work in progress in the designer: not deployed. */
export interface Draft {
  name: string;
  bpmnProcessId: string;
  xml: string;
  forms: Array<{ formId: string; schema: unknown }>;
  createdBy: string;
  updatedBy: string;
  updatedAt: Date;
}

export const draftSchema = new Schema<Draft>(
  {
    name: { type: String, required: true },
    bpmnProcessId: { type: String, default: '' },
    xml: { type: String, required: true },
    forms: [{ _id: false, formId: String, schema: Schema.Types.Mixed }],
    createdBy: String,
    updatedBy: String,
    updatedAt: Date,
  },
  { collection: 'drafts' },
);
