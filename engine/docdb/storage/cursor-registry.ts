/** Open cursors: the remaining documents of a find or aggregate, served batch by batch by getMore. */
import { Long, calculateObjectSize, type Document } from 'bson';
import { MongoCommandError } from '../errors.ts';
import { LIMITS } from '../docdb-options.ts';

/** A cursor whose documents arrive over time (change streams): getMore waits up to maxTimeMS. */
export interface TailSource {
  next(batchSize: number | undefined, maxTimeMS: number): Promise<{ docs: Document[]; postBatchResumeToken: Document; closed: boolean }>;
}

interface OpenCursor {
  ns: string;
  docs: Document[];
  pos: number;
  lastUsed: number;
  batchSize?: number;
  tail?: TailSource;
}

/** Reply size budget for one batch (leaves room for the envelope). */
const BATCH_BYTES = LIMITS.maxBsonObjectSize - 64 * 1024;

/** Registry of open cursors with an idle timeout. */
export class CursorRegistry {
  private cursors = new Map<number, OpenCursor>();
  private timer: NodeJS.Timeout;

  constructor(private readonly timeoutMs: number) {
    this.timer = setInterval(() => this.sweep(), Math.min(timeoutMs, 60_000));
    this.timer.unref();
  }

  private sweep(): void {
    const now = Date.now();
    for (const [id, c] of this.cursors) if (now - c.lastUsed > this.timeoutMs) this.cursors.delete(id);
  }

  private static takeBatch(docs: Document[], from: number, batchSize: number | undefined): Document[] {
    const max = batchSize && batchSize > 0 ? batchSize : Infinity;
    const out: Document[] = [];
    let bytes = 0;
    for (let i = from; i < docs.length && out.length < max; i++) {
      const size = calculateObjectSize(docs[i]);
      if (out.length > 0 && bytes + size > BATCH_BYTES) break;
      bytes += size;
      out.push(docs[i]);
    }
    return out;
  }

  /** First batch of a new cursor; registers the rest when more documents remain. */
  open(ns: string, docs: Document[], batchSize: number | undefined, singleBatch: boolean): Document {
    const firstBatch = CursorRegistry.takeBatch(docs, 0, batchSize ?? 101);
    let id = 0;
    if (!singleBatch && firstBatch.length < docs.length) {
      do id = Math.floor(Math.random() * 2 ** 52) + 1; while (this.cursors.has(id));
      this.cursors.set(id, { ns, docs, pos: firstBatch.length, lastUsed: Date.now(), batchSize });
    }
    return { cursor: { firstBatch, id: Long.fromNumber(id), ns }, ok: 1 };
  }

  /** Registers a tailable cursor (change stream) and returns its (empty) first batch. */
  openTailable(ns: string, tail: TailSource, postBatchResumeToken: Document): Document {
    let id: number;
    do id = Math.floor(Math.random() * 2 ** 52) + 1; while (this.cursors.has(id));
    this.cursors.set(id, { ns, docs: [], pos: 0, lastUsed: Date.now(), tail });
    return { cursor: { firstBatch: [], postBatchResumeToken, id: Long.fromNumber(id), ns }, ok: 1 };
  }

  /** Next batch of an open cursor; tailable cursors wait up to `maxTimeMS` for documents. */
  async getMore(id: number, ns: string, batchSize: number | undefined, maxTimeMS = 1000): Promise<Document> {
    const c = this.cursors.get(id);
    if (!c) throw new MongoCommandError('CursorNotFound', `cursor id ${id} not found`);
    if (c.ns !== ns) {
      throw new MongoCommandError('Unauthorized', `Requested getMore on namespace '${ns}', but cursor belongs to a different namespace ${c.ns}`);
    }
    if (c.tail) {
      const out = await c.tail.next(batchSize, maxTimeMS);
      c.lastUsed = Date.now();
      let outId = id;
      if (out.closed || !this.cursors.has(id)) {
        this.cursors.delete(id);
        outId = 0;
      }
      return { cursor: { nextBatch: out.docs, postBatchResumeToken: out.postBatchResumeToken, id: Long.fromNumber(outId), ns }, ok: 1 };
    }
    const nextBatch = CursorRegistry.takeBatch(c.docs, c.pos, batchSize ?? c.batchSize);
    c.pos += nextBatch.length;
    c.lastUsed = Date.now();
    let outId = id;
    if (c.pos >= c.docs.length) {
      this.cursors.delete(id);
      outId = 0;
    }
    return { cursor: { nextBatch, id: Long.fromNumber(outId), ns }, ok: 1 };
  }

  /** Closes cursors; returns which were killed and which were unknown. */
  kill(ids: number[]): { cursorsKilled: Long[]; cursorsNotFound: Long[] } {
    const cursorsKilled: Long[] = [];
    const cursorsNotFound: Long[] = [];
    for (const id of ids) (this.cursors.delete(id) ? cursorsKilled : cursorsNotFound).push(Long.fromNumber(id));
    return { cursorsKilled, cursorsNotFound };
  }

  get size(): number {
    return this.cursors.size;
  }

  close(): void {
    clearInterval(this.timer);
    this.cursors.clear();
  }
}
