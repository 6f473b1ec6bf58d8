/** The fields of an exported Zeebe record the application reads (Zeebe's exported record shape). */
export interface ExportedRecordLike {
  position: number;
  key: number | string | bigint;
  timestamp: number;
  recordType: string;
  valueType: string;
  intent: string;
  value: unknown;
}

/** The process instance a record belongs to, as a string, or null. */
export function processInstanceKeyOf(r: ExportedRecordLike): string | null {
  const v = r.value as { processInstanceKey?: unknown } | null;
  const k = v?.processInstanceKey;
  if (k === undefined || k === null || k === -1 || k === '-1' || k === 0) return null;
  return String(k);
}
