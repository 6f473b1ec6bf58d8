/** updateDescription of a change event: dotted paths of changed and removed fields. */
import type { Document } from 'bson';
import { encodeKey } from './key-encoding.ts';

function isPlain(v: unknown): v is Document {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date)
    && (v as { _bsontype?: string })._bsontype === undefined;
}

/** Diffs two versions of a document; nested documents are diffed by dotted path, arrays replaced whole. */
export function diffDocuments(before: Document, after: Document): { updatedFields: Document; removedFields: string[]; truncatedArrays: Document[] } {
  const updatedFields: Document = {};
  const removedFields: string[] = [];
  const walk = (a: Document, b: Document, prefix: string): void => {
    for (const k of Object.keys(a)) if (!(k in b)) removedFields.push(prefix + k);
    for (const [k, v] of Object.entries(b)) {
      const old = a[k];
      if (isPlain(old) && isPlain(v)) walk(old, v, `${prefix}${k}.`);
      else if (!(k in a) || !encodeKey(old).equals(encodeKey(v)) || (typeof old) !== (typeof v)) updatedFields[prefix + k] = v;
    }
  };
  walk(before, after, '');
  return { updatedFields, removedFields, truncatedArrays: [] };
}
