/**
 * The lmdb environment: `docs` (collection prefix + encoded _id → BSON), `idx` (index prefix +
 * encoded key → encoded _id) and `meta` (the catalog). Every write runs in a child transaction of
 * lmdb's batched write transaction: writes issued in the same event-loop turn commit together, each
 * one atomic, all serialized in call order, and the promise resolves only after the commit.
 */
import { mkdirSync } from 'node:fs';
import { open, type Database, type RootDatabase } from 'lmdb';
import { deserialize, serialize, type Document } from 'bson';
import { Catalog } from './catalog.ts';
import { Oplog } from './oplog.ts';
import { DirectKV, type StoreBackend } from './kv.ts';
import { lockDataDir } from './data-dir-lock.ts';

const CATALOG_KEY = 'catalog';
const BSON_READ = { promoteValues: true, promoteLongs: true };

/** The opened storage of one docdb instance. */
export class StorageEngine {
  readonly root: RootDatabase;
  readonly docs: Database<Buffer, Buffer>;
  readonly idx: Database<Buffer, Buffer>;
  readonly meta: Database<Buffer, string>;
  readonly catalog: Catalog;
  /** The change log; present when docdb runs as a single-node replica set (change streams). */
  readonly oplog?: Oplog;
  private readonly unlock: () => void;
  /** Autocommit view of the data for CollectionStore. */
  readonly direct: StoreBackend;

  constructor(dataDir: string, options: { changeLog?: boolean } = {}) {
    mkdirSync(dataDir, { recursive: true });
    this.unlock = lockDataDir(dataDir);
    try {
      this.root = open({ path: dataDir, maxDbs: 8 });
    } catch (err) {
      this.unlock();
      throw err;
    }
    this.docs = this.root.openDB<Buffer, Buffer>('docs', { keyEncoding: 'binary', encoding: 'binary' });
    this.idx = this.root.openDB<Buffer, Buffer>('idx', { keyEncoding: 'binary', encoding: 'binary' });
    this.meta = this.root.openDB<Buffer, string>('meta', { encoding: 'binary' });
    this.catalog = new Catalog(this.meta.get(CATALOG_KEY));
    if (options.changeLog) this.oplog = new Oplog(this.root);
    const oplog = this.oplog;
    this.direct = {
      docs: new DirectKV(this.docs),
      idx: new DirectKV(this.idx),
      appendEvent: (event) => oplog?.append(event),
    };
  }

  /** Runs `fn` atomically in the next batched write transaction; resolves after commit. */
  write<T>(fn: () => T): Promise<T> {
    const done = this.docs.childTransaction(fn);
    if (!this.oplog) return done;
    return done.then((result) => {
      this.oplog?.notify();
      return result;
    });
  }

  /** Persists the in-memory catalog; call inside {@link write}. */
  saveCatalog(): void {
    this.meta.put(CATALOG_KEY, this.catalog.toBuffer());
  }

  /** Raw BSON of documents decoded by {@link decode}, to re-read them with their stored types. */
  private readonly rawOf = new WeakMap<Document, Buffer>();

  /** Decodes a stored document for evaluation (Longs that fit a double become numbers). */
  decode(raw: Buffer): Document {
    const doc = deserialize(raw, BSON_READ);
    this.rawOf.set(doc, raw);
    return doc;
  }

  /** Decodes a stored document keeping Long fields as Long. */
  decodeTyped(raw: Buffer): Document {
    return deserialize(raw, { promoteLongs: false });
  }

  /**
   * The stored-typed version of a document returned unchanged by {@link decode} (int64 fields come
   * back as Long); other documents are returned as they are.
   */
  typed(doc: Document): Document {
    const raw = this.rawOf.get(doc);
    return raw && raw.includes(0x12) ? this.decodeTyped(raw) : doc;
  }

  /** Encodes a document for storage. */
  encode(doc: Document): Buffer {
    return Buffer.from(serialize(doc));
  }

  async close(): Promise<void> {
    await this.root.flushed;
    await this.root.close();
    this.unlock();
  }
}
