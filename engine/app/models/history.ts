import { Schema, type Types } from 'mongoose';
import type { ChainFields } from '../services/audit/hash-chain.ts';

/** One entry of a case's tamper-evident history: the hashed fields (see services/audit/hash-chain.ts) plus storage. */
export interface HistoryEntry extends ChainFields {
  _id: Types.ObjectId;
  /** Broker record position for kind 'record'. */
  position?: number | null;
  hash: string;
}

export const historySchema = new Schema<HistoryEntry>(
  {
    caseId: { type: String, required: true },
    seq: { type: Number, required: true },
    kind: { type: String, required: true },
    at: { type: Date, required: true },
    actor: { type: String, default: null },
    action: { type: String, required: true },
    payload: { type: String, required: true },
    position: { type: Number, default: null },
    prevHash: { type: String, required: true },
    hash: { type: String, required: true },
  },
  { collection: 'case_history', versionKey: false },
);
historySchema.index({ caseId: 1, seq: 1 }, { unique: true });

/** A record of the broker's stream, kept as exported (or as the application observed it). */
export interface StoredRecord {
  position: number;
  key: string;
  timestamp: number;
  recordType: string;
  valueType: string;
  intent: string;
  /** Canonical JSON of the record value (keys may hold dots, e.g. io.camunda.zeebe:formKey). */
  value: string;
  processInstanceKey: string | null;
  source: 'broker-exporter' | 'app-observed';
  chained: boolean;
}

export const storedRecordSchema = new Schema<StoredRecord>(
  {
    position: { type: Number, required: true, unique: true },
    key: String,
    timestamp: Number,
    recordType: String,
    valueType: String,
    intent: String,
    value: String,
    processInstanceKey: { type: String, default: null, index: true },
    source: String,
    chained: { type: Boolean, default: false },
  },
  { collection: 'broker_records', versionKey: false },
);

/** Where an exporter (or the app recorder) stands. */
export interface ExporterState {
  _id: string;
  position: number;
  updatedAt: Date;
}
export const exporterStateSchema = new Schema<ExporterState>({ _id: String, position: Number, updatedAt: Date }, { collection: 'exporter_state', versionKey: false });
