import type { Connection, Model } from 'mongoose';
import { officeSchema, villageSchema, type Office, type Village } from './org.ts';
import { sessionSchema, userSchema, type Session, type User } from './user.ts';
import { draftSchema, formVersionSchema, processVersionSchema, type Draft, type FormVersion, type ProcessVersion } from './process-version.ts';
import { caseSchema, counterSchema, type Case, type Counter } from './case.ts';
import { taskSchema, type Task } from './task.ts';
import { exporterStateSchema, historySchema, storedRecordSchema, type ExporterState, type HistoryEntry, type StoredRecord } from './history.ts';
import { calendarSchema, homesteadSchema, jobLedgerSchema, notificationSchema, type CalendarSettings, type HomesteadRecord, type JobLedgerEntry, type Notification } from './misc.ts';

/** Every mongoose model of the case service, bound to one connection. */
export interface Models {
  Office: Model<Office>;
  Village: Model<Village>;
  User: Model<User>;
  Session: Model<Session>;
  ProcessVersion: Model<ProcessVersion>;
  FormVersion: Model<FormVersion>;
  Draft: Model<Draft>;
  Case: Model<Case>;
  Counter: Model<Counter>;
  Task: Model<Task>;
  History: Model<HistoryEntry>;
  StoredRecord: Model<StoredRecord>;
  ExporterState: Model<ExporterState>;
  Notification: Model<Notification>;
  Homestead: Model<HomesteadRecord>;
  JobLedger: Model<JobLedgerEntry>;
  Calendar: Model<CalendarSettings>;
}

/** Registers the models on a connection and makes sure their indexes exist. */
export async function createModels(conn: Connection): Promise<Models> {
  const models: Models = {
    Office: conn.model<Office>('Office', officeSchema),
    Village: conn.model<Village>('Village', villageSchema),
    User: conn.model<User>('User', userSchema),
    Session: conn.model<Session>('Session', sessionSchema),
    ProcessVersion: conn.model<ProcessVersion>('ProcessVersion', processVersionSchema),
    FormVersion: conn.model<FormVersion>('FormVersion', formVersionSchema),
    Draft: conn.model<Draft>('Draft', draftSchema),
    Case: conn.model<Case>('Case', caseSchema),
    Counter: conn.model<Counter>('Counter', counterSchema),
    Task: conn.model<Task>('Task', taskSchema),
    History: conn.model<HistoryEntry>('History', historySchema),
    StoredRecord: conn.model<StoredRecord>('StoredRecord', storedRecordSchema),
    ExporterState: conn.model<ExporterState>('ExporterState', exporterStateSchema),
    Notification: conn.model<Notification>('Notification', notificationSchema),
    Homestead: conn.model<HomesteadRecord>('Homestead', homesteadSchema),
    JobLedger: conn.model<JobLedgerEntry>('JobLedger', jobLedgerSchema),
    Calendar: conn.model<CalendarSettings>('Calendar', calendarSchema),
  };
  // Unique indexes are what make projection and exporting idempotent: build them before use.
  await Promise.all(Object.values(models).map((m: Model<unknown>) => m.createIndexes()));
  return models;
}
