/**
 * Applies an update statement to one document with mingo's updater: operator updates
 * ($set, $inc, $push … with arrayFilters and the positional operator), replacement documents and
 * pipeline-style updates. $setOnInsert is applied only when the update inserts (upsert).
 */
import { update as mingoUpdate, updateOne as mingoUpdateOne } from 'mingo';
import { ObjectId, type Document } from 'bson';
import { MongoCommandError, failedToParse } from '../errors.ts';
import { encodeKey } from '../storage/key-encoding.ts';
import type { PipelineStage } from 'mingo/updater';

/** Kind of update document. */
export type UpdateKind = 'operators' | 'replacement' | 'pipeline';

/** Classifies `u` and rejects mixtures of operators and fields. */
export function updateKind(u: unknown): UpdateKind {
  if (Array.isArray(u)) return 'pipeline';
  if (typeof u !== 'object' || u === null) throw failedToParse('Update argument must be either an object or an array');
  const keys = Object.keys(u);
  const ops = keys.filter((k) => k.startsWith('$'));
  if (ops.length === 0) return 'replacement';
  if (ops.length !== keys.length) {
    const field = keys.find((k) => !k.startsWith('$'));
    throw failedToParse(`Unknown modifier: ${field}. Expected a valid update modifier or pipeline-style update specified as an array`);
  }
  return 'operators';
}

const KNOWN = new Set(['$set', '$unset', '$inc', '$mul', '$min', '$max', '$rename', '$currentDate', '$push', '$pull',
  '$pullAll', '$pop', '$addToSet', '$bit', '$setOnInsert']);

function translateError(err: unknown): MongoCommandError {
  if (err instanceof MongoCommandError) return err;
  const msg = (err as Error).message ?? String(err);
  if (/immutable field '_id'/.test(msg)) return new MongoCommandError('ImmutableField', msg);
  if (/non-numeric|numeric/i.test(msg)) return new MongoCommandError('TypeMismatch', msg);
  return new MongoCommandError('BadValue', msg);
}

/** Options of one application. */
export interface ApplyOptions {
  filter: Document;
  arrayFilters?: Document[];
  /** True when the document is being inserted by an upsert. */
  inserting: boolean;
  variables?: Document;
}

/** Returns the updated copy of `doc` (which is mutated) for an update `u` of the given kind. */
export function applyUpdate(doc: Document, u: unknown, kind: UpdateKind, opts: ApplyOptions): Document {
  const id = doc._id;
  let out: Document;
  try {
    if (kind === 'replacement') {
      const { _id: replId, ...rest } = u as Document;
      if (!opts.inserting && replId !== undefined && id !== undefined && !encodeKey(replId).equals(encodeKey(id))) {
        throw new MongoCommandError('ImmutableField', `After applying the update, the (immutable) field '_id' was found to have been altered to _id: ${String(replId)}`);
      }
      const newId = opts.inserting ? (replId ?? id) : id;
      out = newId !== undefined ? { _id: newId, ...rest } : rest;
    } else if (kind === 'pipeline') {
      const arr = [doc];
      mingoUpdateOne(arr, {}, u as PipelineStage[], { cloneMode: 'none' }, opts.variables ? { variables: opts.variables } : undefined);
      out = arr[0];
    } else {
      const mods = { ...(u as Document) };
      for (const op of Object.keys(mods)) {
        if (!KNOWN.has(op)) {
          throw failedToParse(`Unknown modifier: ${op}. Expected a valid update modifier or pipeline-style update specified as an array`);
        }
      }
      const onInsert = mods.$setOnInsert as Document | undefined;
      delete mods.$setOnInsert;
      if (opts.inserting && onInsert) mods.$set = { ...(mods.$set as Document | undefined), ...onInsert };
      if (Object.keys(mods).length > 0) mingoUpdate(doc, mods, opts.arrayFilters, opts.filter, { cloneMode: 'deep' });
      out = doc;
    }
  } catch (err) {
    throw translateError(err);
  }
  if (!opts.inserting && id !== undefined && (out._id === undefined || !encodeKey(out._id).equals(encodeKey(id)))) {
    throw new MongoCommandError('ImmutableField', `Performing an update on the path '_id' would modify the immutable field '_id'`);
  }
  return out;
}

/** The seed document of an upsert: equality fields of the filter (top-level and $and). */
export function upsertSeed(filter: Document): Document {
  const seed: Document = {};
  const visit = (f: Document): void => {
    for (const [k, v] of Object.entries(f)) {
      if (k === '$and' && Array.isArray(v)) {
        for (const sub of v) visit(sub as Document);
        continue;
      }
      if (k.startsWith('$')) continue;
      let value: unknown = v;
      if (v && typeof v === 'object' && !Array.isArray(v) && (v as { _bsontype?: string })._bsontype === undefined && !(v instanceof Date) && !(v instanceof RegExp)) {
        const keys = Object.keys(v);
        if (keys.some((x) => x.startsWith('$'))) {
          if ('$eq' in v) value = (v as Document).$eq;
          else continue;
        }
      }
      if (value instanceof RegExp) continue;
      setPath(seed, k, value);
    }
  };
  visit(filter);
  return seed;
}

function setPath(doc: Document, path: string, value: unknown): void {
  const parts = path.split('.');
  let cur: Document = doc;
  for (let i = 0; i < parts.length - 1; i++) {
    if (typeof cur[parts[i]] !== 'object' || cur[parts[i]] === null) cur[parts[i]] = {};
    cur = cur[parts[i]] as Document;
  }
  cur[parts[parts.length - 1]] = value;
}

/** Puts _id first, generating an ObjectId when missing (as mongod does). */
export function withIdFirst(doc: Document): Document {
  if (doc._id === undefined) return { _id: new ObjectId(), ...doc };
  const keys = Object.keys(doc);
  if (keys[0] === '_id') return doc;
  const { _id, ...rest } = doc;
  return { _id, ...rest };
}
