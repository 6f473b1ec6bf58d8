/** Computes the index entries of a document: multikey over arrays, sparse and partial filters. */
import { Query } from 'mingo';
import type { Document } from 'bson';
import { KeyWriter, encodeValue, prefixOf } from './key-encoding.ts';
import type { IndexSpec } from './catalog.ts';

/** One index entry of a document: its lmdb key and the key values (for DuplicateKey reports). */
export interface IndexEntry {
  key: Buffer;
  values: unknown[];
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date)
    && (v as { _bsontype?: string })._bsontype === undefined;
}

/** Values at a dotted path; arrays fan out (multikey). Missing → [undefined]. */
export function pathValues(v: unknown, parts: string[], i = 0): unknown[] {
  if (i === parts.length) {
    if (Array.isArray(v)) return v.length ? v : [undefined];
    return [v];
  }
  if (Array.isArray(v)) {
    if (/^\d+$/.test(parts[i])) {
      const el = v[Number(parts[i])];
      if (el !== undefined) return pathValues(el, parts, i + 1);
    }
    const out: unknown[] = [];
    for (const el of v) if (isPlainObject(el) || Array.isArray(el)) out.push(...pathValues(el, parts, i));
    return out.length ? out : [undefined];
  }
  if (isPlainObject(v)) return pathValues(v[parts[i]], parts, i + 1);
  return [undefined];
}

const partialCache = new WeakMap<IndexSpec, Query>();

/** True when the document belongs in the index (sparse and partial filters). */
export function isIndexed(index: IndexSpec, doc: Document, perField: unknown[][]): boolean {
  if (index.sparse && perField.every((vals) => vals.every((x) => x === undefined))) return false;
  if (index.partialFilterExpression) {
    let q = partialCache.get(index);
    if (!q) {
      q = new Query(index.partialFilterExpression);
      partialCache.set(index, q);
    }
    if (!q.test(doc)) return false;
  }
  return true;
}

const MAX_ENTRIES = 10_000;

/**
 * All entries of `doc` in `index`. `encodedId` is the document's encoded _id. Every key component is
 * encoded ascending whatever its direction in the key pattern; the planner (query/planner.ts
 * `planSort`) relies on that physical order when it lets a scan provide a sort.
 */
export function indexEntries(index: IndexSpec, doc: Document, encodedId: Buffer): IndexEntry[] {
  const fields = Object.keys(index.key);
  const perField = fields.map((f) => pathValues(doc, f.split('.')));
  if (!isIndexed(index, doc, perField)) return [];
  let combos: unknown[][] = [[]];
  for (const vals of perField) {
    const uniqueVals = dedupe(vals);
    const next: unknown[][] = [];
    for (const c of combos) for (const v of uniqueVals) next.push([...c, v]);
    combos = next;
    if (combos.length > MAX_ENTRIES) combos = combos.slice(0, MAX_ENTRIES);
  }
  const prefix = prefixOf(index.id);
  return combos.map((values) => {
    const w = new KeyWriter();
    w.bytes(prefix);
    for (const v of values) encodeValue(w, v);
    if (!index.unique) w.bytes(encodedId);
    return { key: w.toBuffer(), values };
  });
}

function dedupe(vals: unknown[]): unknown[] {
  if (vals.length < 2) return vals;
  const seen = new Set<string>();
  const out: unknown[] = [];
  for (const v of vals) {
    const w = new KeyWriter();
    encodeValue(w, v);
    const k = w.toBuffer().toString('latin1');
    if (!seen.has(k)) {
      seen.add(k);
      out.push(v);
    }
  }
  return out;
}
