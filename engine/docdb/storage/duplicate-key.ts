/** MongoDB's E11000 DuplicateKey error: message format, keyPattern and keyValue. */
import type { Document } from 'bson';
import { MongoCommandError } from '../errors.ts';
import type { IndexSpec } from './catalog.ts';

/** Formats a value the way MongoDB prints it in `dup key: { … }`. */
export function formatValue(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (Array.isArray(v)) return `[ ${v.map(formatValue).join(', ')} ]`;
  if (v instanceof Date) return `new Date(${v.getTime()})`;
  const t = (v as { _bsontype?: string })._bsontype;
  if (t === 'ObjectId') return `ObjectId('${String(v)}')`;
  if (t === 'Decimal128') return `${String(v)}`;
  if (t === 'Long') return String(v);
  if (t !== undefined) return String(v);
  const entries = Object.entries(v as Record<string, unknown>);
  if (entries.length === 0) return '{}';
  return `{ ${entries.map(([k, x]) => `${k}: ${formatValue(x)}`).join(', ')} }`;
}

/** Builds the E11000 error for a violation of `index` in `ns` by key `values`. */
export function duplicateKeyError(ns: string, index: IndexSpec, values: unknown[]): MongoCommandError {
  const fields = Object.keys(index.key);
  const keyValue: Document = {};
  fields.forEach((f, i) => {
    keyValue[f] = values[i] === undefined ? null : values[i];
  });
  const shown = fields.map((f) => `${f}: ${formatValue(keyValue[f])}`).join(', ');
  return new MongoCommandError(
    'DuplicateKey',
    `E11000 duplicate key error collection: ${ns} index: ${index.name} dup key: { ${shown} }`,
    { keyPattern: { ...index.key }, keyValue },
  );
}
