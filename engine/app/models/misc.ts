import { Schema, type Types } from 'mongoose';

/** A message in the notification outbox (nothing is really sent; it is persisted and viewable). */
export interface Notification {
  _id: Types.ObjectId;
  key: string;
  to: string;
  kind: 'task' | 'urge' | 'cc' | 'remind' | 'case' | 'dispatch';
  caseId: string | null;
  taskId: string | null;
  message: string;
  createdAt: Date;
  status: 'queued' | 'delivered';
  deliveredAt: Date | null;
  readAt: Date | null;
}

export const notificationSchema = new Schema<Notification>(
  {
    key: { type: String, required: true, unique: true },
    to: { type: String, required: true, index: true },
    kind: String,
    caseId: { type: String, default: null },
    taskId: { type: String, default: null },
    message: String,
    createdAt: Date,
    status: { type: String, default: 'queued' },
    deliveredAt: { type: Date, default: null },
    readAt: { type: Date, default: null },
  },
  { collection: 'notifications', versionKey: false },
);

/** A seeded homestead (宅基地) registry entry. */
export interface HomesteadRecord {
  parcelNumber: string;
  ownerName: string;
  ownerIdNumber: string;
  village: string;
  areaSqm: number;
  status: 'valid' | 'disputed' | 'revoked';
}

export const homesteadSchema = new Schema<HomesteadRecord>(
  {
    parcelNumber: { type: String, required: true, unique: true },
    ownerName: String,
    ownerIdNumber: String,
    village: String,
    areaSqm: Number,
    status: String,
  },
  { collection: 'homestead_registry', versionKey: false },
);

/** Result of a service job, by job key: a re-delivered job gets the same answer. */
export interface JobLedgerEntry {
  jobKey: string;
  type: string;
  outcome: 'completed' | 'error';
  variables: Record<string, unknown>;
  errorCode?: string;
  at: Date;
}

export const jobLedgerSchema = new Schema<JobLedgerEntry>(
  {
    jobKey: { type: String, required: true, unique: true },
    type: String,
    outcome: String,
    variables: { type: Schema.Types.Mixed, default: {} },
    errorCode: String,
    at: Date,
  },
  { collection: 'job_ledger', versionKey: false, minimize: false },
);

/** The office calendar: public holidays and make-up working days (YYYY-MM-DD). */
export interface CalendarSettings {
  _id: string;
  holidays: string[];
  workdays: string[];
}
export const calendarSchema = new Schema<CalendarSettings>({ _id: String, holidays: [String], workdays: [String] }, { collection: 'calendar', versionKey: false });
