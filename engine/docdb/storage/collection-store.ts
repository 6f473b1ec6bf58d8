/**
 * Document and index maintenance of one collection inside the current write transaction:
 * insert, replace and remove keep every index in step and enforce unique indexes before writing.
 */
import type { Document } from 'bson';
import { MongoCommandError } from '../errors.ts';
import { LIMITS } from '../docdb-options.ts';
import type { CollectionMeta, IndexSpec } from './catalog.ts';
import { duplicateKeyError } from './duplicate-key.ts';
import { indexEntries, type IndexEntry } from './index-keys.ts';
import { encodeKey, prefixEnd, prefixOf } from './key-encoding.ts';
import type { StorageEngine } from './storage-engine.ts';
import { diffDocuments } from './change-diff.ts';
import type { StoreBackend } from './kv.ts';

/** The implicit _id index as listIndexes reports it. */
export const ID_INDEX: IndexSpec = { id: 0, name: '_id_', key: { _id: 1 }, unique: true };

/** Key of a document in the `docs` database. */
export function docKey(meta: CollectionMeta, encodedId: Buffer): Buffer {
  return Buffer.concat([prefixOf(meta.id), encodedId]);
}

/** Checks the BSON size limit of a document about to be stored. */
export function checkSize(raw: Buffer): void {
  if (raw.length > LIMITS.maxBsonObjectSize) {
    throw new MongoCommandError(
      'BSONObjectTooLarge',
      `BSONObj size: ${raw.length} (0x${raw.length.toString(16)}) is invalid. Size must be between 0 and ${LIMITS.maxBsonObjectSize}(16MB)`,
    );
  }
}

/** Operations on one collection; construct per command. */
export class CollectionStore {
  /** Where reads and writes go: lmdb directly, or a transaction's overlay. */
  readonly kv: StoreBackend;

  constructor(
    readonly engine: StorageEngine,
    readonly db: string,
    readonly meta: CollectionMeta,
    backend?: StoreBackend,
  ) {
    this.kv = backend ?? engine.direct;
  }

  get ns(): string {
    return `${this.db}.${this.meta.name}`;
  }

  /** Reads a document by its encoded _id. */
  getByEncodedId(encodedId: Buffer): Document | undefined {
    const raw = this.kv.docs.get(docKey(this.meta, encodedId));
    return raw ? this.engine.decode(raw) : undefined;
  }

  /** Reads the raw BSON of a document by its encoded _id. */
  getRaw(encodedId: Buffer): Buffer | undefined {
    return this.kv.docs.get(docKey(this.meta, encodedId));
  }

  /** All documents in _id order. */
  *scan(start?: Buffer, end?: Buffer): Generator<Document> {
    const prefix = prefixOf(this.meta.id);
    const range = this.kv.docs.getRange({
      start: start ? Buffer.concat([prefix, start]) : prefix,
      end: end ? Buffer.concat([prefix, end]) : prefixEnd(prefix),
    });
    for (const { value } of range) yield this.engine.decode(value);
  }

  count(): number {
    const prefix = prefixOf(this.meta.id);
    if (this.kv === this.engine.direct) return this.engine.docs.getKeysCount({ start: prefix, end: prefixEnd(prefix) });
    let n = 0;
    for (const _ of this.kv.docs.getRange({ start: prefix, end: prefixEnd(prefix) })) n++;
    return n;
  }

  private entriesOf(doc: Document, encodedId: Buffer): Map<string, { index: IndexSpec; entry: IndexEntry }> {
    const out = new Map<string, { index: IndexSpec; entry: IndexEntry }>();
    for (const index of this.meta.indexes) {
      for (const entry of indexEntries(index, doc, encodedId)) out.set(entry.key.toString('latin1'), { index, entry });
    }
    return out;
  }

  private checkUnique(index: IndexSpec, entry: IndexEntry, encodedId: Buffer): void {
    if (!index.unique) return;
    const existing = this.kv.idx.get(entry.key);
    if (existing && !existing.equals(encodedId)) throw duplicateKeyError(this.ns, index, entry.values);
  }

  /** Inserts a new document (which must have an _id). Throws DuplicateKey before writing anything. */
  insert(doc: Document): void {
    const encodedId = encodeKey(doc._id);
    const raw = this.engine.encode(doc);
    checkSize(raw);
    const key = docKey(this.meta, encodedId);
    if (this.kv.docs.get(key)) throw duplicateKeyError(this.ns, ID_INDEX, [doc._id]);
    const entries = this.entriesOf(doc, encodedId);
    for (const { index, entry } of entries.values()) this.checkUnique(index, entry, encodedId);
    this.kv.docs.put(key, raw);
    for (const { entry } of entries.values()) this.kv.idx.put(entry.key, encodedId);
    this.kv.appendEvent({ op: 'insert', db: this.db, coll: this.meta.name, documentKey: { _id: doc._id }, fullDocument: doc });
  }

  /** Replaces `oldDoc` by `newDoc` (same _id). Returns false when nothing changed. */
  replace(oldDoc: Document, newDoc: Document, oldRaw?: Buffer, kind: 'update' | 'replace' = 'update'): boolean {
    const encodedId = encodeKey(oldDoc._id);
    const raw = this.engine.encode(newDoc);
    checkSize(raw);
    if (oldRaw && oldRaw.equals(raw)) return false;
    const before = this.entriesOf(oldDoc, encodedId);
    const after = this.entriesOf(newDoc, encodedId);
    for (const [k, { index, entry }] of after) if (!before.has(k)) this.checkUnique(index, entry, encodedId);
    for (const [k, { entry }] of before) if (!after.has(k)) this.kv.idx.remove(entry.key);
    for (const [k, { entry }] of after) if (!before.has(k)) this.kv.idx.put(entry.key, encodedId);
    this.kv.docs.put(docKey(this.meta, encodedId), raw);
    this.kv.appendEvent(kind === 'replace'
      ? { op: 'replace', db: this.db, coll: this.meta.name, documentKey: { _id: oldDoc._id }, fullDocument: newDoc }
      : { op: 'update', db: this.db, coll: this.meta.name, documentKey: { _id: oldDoc._id }, updateDescription: diffDocuments(oldDoc, newDoc) });
    return true;
  }

  /** Removes a document and its index entries. */
  remove(doc: Document): void {
    const encodedId = encodeKey(doc._id);
    for (const { entry } of this.entriesOf(doc, encodedId).values()) this.kv.idx.remove(entry.key);
    this.kv.docs.remove(docKey(this.meta, encodedId));
    this.kv.appendEvent({ op: 'delete', db: this.db, coll: this.meta.name, documentKey: { _id: doc._id } });
  }

  /** Builds the entries of a new index over existing documents; throws DuplicateKey on conflict. */
  buildIndex(index: IndexSpec): void {
    for (const doc of this.scan()) {
      const encodedId = encodeKey(doc._id);
      for (const entry of indexEntries(index, doc, encodedId)) {
        this.checkUnique(index, entry, encodedId);
        this.kv.idx.put(entry.key, encodedId);
      }
    }
  }

  /** Deletes all entries of an index. */
  dropIndexEntries(index: IndexSpec): void {
    const prefix = prefixOf(index.id);
    const keys = Array.from(this.kv.idx.getRange({ start: prefix, end: prefixEnd(prefix) }), (e) => e.key);
    for (const key of keys) this.kv.idx.remove(key);
  }

  /** Deletes all documents and index entries of the collection. */
  dropAll(): void {
    for (const index of this.meta.indexes) this.dropIndexEntries(index);
    const prefix = prefixOf(this.meta.id);
    const keys = Array.from(this.kv.docs.getRange({ start: prefix, end: prefixEnd(prefix) }), (e) => e.key);
    for (const key of keys) this.kv.docs.remove(key);
  }
}
