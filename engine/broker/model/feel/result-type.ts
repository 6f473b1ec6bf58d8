import { FeelDate, FeelDateTime, FeelDuration, FeelTime } from 'feelin';

/** Zeebe's `ResultType` names, used in evaluation failure messages. */
export type ResultType =
  | 'NULL'
  | 'BOOLEAN'
  | 'NUMBER'
  | 'STRING'
  | 'ARRAY'
  | 'OBJECT'
  | 'DATE_TIME'
  | 'DATE'
  | 'TIME'
  | 'DURATION'
  | 'PERIOD'
  | 'UNKNOWN';

/** Classifies a value returned by feelin the way Zeebe names result types. */
export function resultTypeOf(value: unknown): ResultType {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'boolean') return 'BOOLEAN';
  if (typeof value === 'number' || typeof value === 'bigint') return 'NUMBER';
  if (typeof value === 'string') return 'STRING';
  if (Array.isArray(value)) return 'ARRAY';
  if (value instanceof FeelDateTime) return 'DATE_TIME';
  if (value instanceof FeelDate) return 'DATE';
  if (value instanceof FeelTime) return 'TIME';
  if (value instanceof FeelDuration) return value.yearsMonths ? 'PERIOD' : 'DURATION';
  if (typeof value === 'function') return 'UNKNOWN';
  if (typeof value === 'object') return 'OBJECT';
  return 'UNKNOWN';
}

