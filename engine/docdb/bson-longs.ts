/**
 * int64 (Long) fidelity around mingo. mingo compares and computes with JS numbers, so commands are
 * evaluated on a copy with Longs promoted to numbers, while documents keep their Long fields:
 * inserted and replacement documents are stored as sent, Long fields stay Long across operator
 * updates while they hold integers, and find results are re-read with their stored types.
 */
import { Long, type Document } from 'bson';

function isPlain(v: unknown): v is Document {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date)
    && (v as { _bsontype?: string })._bsontype === undefined;
}

function isLong(v: unknown): v is Long {
  return typeof v === 'object' && v !== null && (v as { _bsontype?: string })._bsontype === 'Long';
}

/** `v` with every Long that fits a double exactly replaced by a number (copy-on-write). */
export function promoteLongs<T>(v: T): T {
  if (isLong(v)) {
    const n = v.toNumber();
    return (Number.isSafeInteger(n) ? n : v) as T;
  }
  if (Array.isArray(v)) {
    let out: unknown[] | undefined;
    v.forEach((item, i) => {
      const p = promoteLongs(item);
      if (p !== item) (out ??= v.slice())[i] = p;
    });
    return (out ?? v) as T;
  }
  if (isPlain(v)) {
    let out: Document | undefined;
    for (const [k, item] of Object.entries(v)) {
      const p = promoteLongs(item);
      if (p !== item) (out ??= { ...v })[k] = p;
    }
    return (out ?? v) as T;
  }
  return v;
}

/** Dotted paths (through nested documents, not arrays) of Long fields. */
export function longPaths(doc: Document, prefix = '', out: string[] = []): string[] {
  for (const [k, v] of Object.entries(doc)) {
    if (isLong(v)) out.push(prefix + k);
    else if (isPlain(v)) longPaths(v, `${prefix}${k}.`, out);
  }
  return out;
}

/** Turns integer numbers at `paths` back into Longs (after an update computed them as numbers). */
export function restoreLongs(doc: Document, paths: string[]): void {
  for (const path of paths) {
    const parts = path.split('.');
    let cur: unknown = doc;
    for (let i = 0; i < parts.length - 1 && isPlain(cur); i++) cur = cur[parts[i]];
    if (!isPlain(cur)) continue;
    const last = parts[parts.length - 1];
    const v = cur[last];
    if (typeof v === 'number' && Number.isSafeInteger(v)) cur[last] = Long.fromNumber(v);
  }
}
