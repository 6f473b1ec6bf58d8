/**
 * Change streams over the oplog: shapes stored events into MongoDB's change event documents,
 * filters them by the stream's scope (collection, database or cluster), applies the stages that
 * follow $changeStream with mingo, and waits for new events on getMore (awaitData).
 */
import { Aggregator } from 'mingo';
import type { Document } from 'bson';
import type { Oplog, OplogEvent } from '../storage/oplog.ts';
import type { TailSource } from '../storage/cursor-registry.ts';
import type { StorageEngine } from '../storage/storage-engine.ts';
import { CollectionStore } from '../storage/collection-store.ts';
import { encodeKey } from '../storage/key-encoding.ts';
import { MongoCommandError } from '../errors.ts';

/** Resume token of an oplog position. */
export function resumeToken(seq: number): Document {
  return { _data: seq.toString(16).toUpperCase().padStart(16, '0') };
}

/** Oplog position of a resume token. */
export function tokenSeq(token: unknown): number {
  const data = (token as { _data?: unknown } | undefined)?._data;
  if (typeof data !== 'string' || !/^[0-9A-Fa-f]{16}$/.test(data)) {
    throw new MongoCommandError('BadValue', `invalid resume token: ${JSON.stringify(token)}`);
  }
  return Number.parseInt(data, 16);
}

/** What a stream watches. */
export interface StreamScope {
  db?: string;
  coll?: string;
}

const ALLOWED_STAGES = new Set(['$match', '$project', '$addFields', '$set', '$unset', '$replaceRoot', '$replaceWith', '$redact']);

/** Validates the stages after $changeStream. */
export function checkStreamPipeline(stages: Document[]): void {
  for (const s of stages) {
    const name = Object.keys(s)[0];
    if (!ALLOWED_STAGES.has(name)) {
      throw new MongoCommandError('IllegalOperation', `${name} is not permitted in a $changeStream pipeline`);
    }
  }
}

/** A change stream cursor source. */
export class ChangeStreamSource implements TailSource {
  private invalidated = false;

  constructor(
    private readonly engine: StorageEngine,
    private readonly oplog: Oplog,
    private readonly scope: StreamScope,
    private readonly fullDocument: string,
    private readonly stages: Document[],
    private pos: number,
  ) {}

  get token(): Document {
    return resumeToken(this.pos);
  }

  private inScope(ev: OplogEvent): boolean {
    if (this.scope.db === undefined) return !['admin', 'config', 'local'].includes(ev.db);
    if (ev.db !== this.scope.db) return false;
    if (this.scope.coll === undefined) return true;
    return ev.coll === this.scope.coll || (ev.op === 'dropDatabase');
  }

  private shape(ev: OplogEvent): Document[] {
    const base: Document = { _id: resumeToken(ev.seq), operationType: ev.op, clusterTime: ev.ts, wallTime: ev.wall };
    const ns: Document = ev.coll === undefined ? { db: ev.db } : { db: ev.db, coll: ev.coll };
    const invalidates = (ev.op === 'drop' && this.scope.coll !== undefined) || (ev.op === 'dropDatabase' && this.scope.db !== undefined);
    const out: Document = { ...base, ns };
    if (ev.documentKey) out.documentKey = ev.documentKey;
    if (ev.op === 'update') {
      out.updateDescription = ev.updateDescription;
      if (this.fullDocument !== 'default') out.fullDocument = this.lookup(ev);
    }
    if (ev.op === 'insert' || ev.op === 'replace') out.fullDocument = ev.fullDocumentOmitted ? this.lookup(ev) : ev.fullDocument;
    if (!invalidates) return [out];
    this.invalidated = true;
    const events = ev.op === 'dropDatabase' && this.scope.coll !== undefined ? [] : [out];
    return [...events, { _id: resumeToken(ev.seq), operationType: 'invalidate', clusterTime: ev.ts, wallTime: ev.wall }];
  }

  private lookup(ev: OplogEvent): Document | null {
    const meta = ev.coll === undefined ? undefined : this.engine.catalog.get(ev.db, ev.coll);
    const doc = meta && ev.documentKey ? new CollectionStore(this.engine, ev.db, meta).getByEncodedId(encodeKey(ev.documentKey._id)) : undefined;
    if (!doc && this.fullDocument === 'required') {
      throw new MongoCommandError('NoMatchingDocument', `Change stream was configured to require a post-image for all update events, but the post-image was not found for ${JSON.stringify(ev.documentKey)}`);
    }
    return doc ?? null;
  }

  private poll(batchSize: number): Document[] {
    const out: Document[] = [];
    for (const ev of this.oplog.readAfter(this.pos, 1000)) {
      this.pos = ev.seq;
      if (this.inScope(ev)) {
        const shaped = this.shape(ev);
        out.push(...(this.stages.length ? (new Aggregator(this.stages).run(shaped) as Document[]) : shaped));
      }
      if (out.length >= batchSize || this.invalidated) break;
    }
    return out;
  }

  async next(batchSize: number | undefined, maxTimeMS: number): Promise<{ docs: Document[]; postBatchResumeToken: Document; closed: boolean }> {
    const size = batchSize && batchSize > 0 ? batchSize : 1000;
    const deadline = Date.now() + maxTimeMS;
    for (;;) {
      const docs = this.invalidated ? [] : this.poll(size);
      const left = deadline - Date.now();
      if (docs.length > 0 || this.invalidated || left <= 0 || this.oplog.stopping) {
        return { docs, postBatchResumeToken: this.token, closed: this.invalidated };
      }
      await this.oplog.waitForAppend(left);
    }
  }
}
