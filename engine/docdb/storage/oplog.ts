/**
 * The change log behind change streams: every document write appends an event, in the same lmdb
 * transaction as the write, keyed by a big-endian sequence number. Waiters are woken after commit.
 * The log is capped (oldest events trimmed) so it cannot grow without bound.
 */
import { EventEmitter } from 'node:events';
import { Timestamp, deserialize, serialize, type Document } from 'bson';
import type { Database, RootDatabase } from 'lmdb';

/** A stored change event (before it is shaped for a change stream). */
export interface OplogEvent {
  seq: number;
  ts: Timestamp;
  wall: Date;
  op: 'insert' | 'update' | 'replace' | 'delete' | 'drop' | 'dropDatabase';
  db: string;
  coll?: string;
  documentKey?: Document;
  fullDocument?: Document;
  /** Set when fullDocument was too large to log; readers look the document up instead. */
  fullDocumentOmitted?: boolean;
  updateDescription?: { updatedFields: Document; removedFields: string[]; truncatedArrays: Document[] };
}

/** Events kept (older ones are trimmed), like a capped oplog. */
const MAX_EVENTS = 100_000;
/** Larger documents are not copied into the log; their events look the document up when read. */
const MAX_LOGGED_DOCUMENT = 16 * 1024;

function seqKey(seq: number): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigUInt64BE(BigInt(seq));
  return b;
}

/** Append-only, capped change log. */
export class Oplog {
  private readonly db: Database<Buffer, Buffer>;
  private nextSeq: number;
  private lastSecond = 0;
  private counter = 0;
  private readonly emitter = new EventEmitter();

  constructor(root: RootDatabase) {
    this.db = root.openDB<Buffer, Buffer>('oplog', { keyEncoding: 'binary', encoding: 'binary' });
    this.emitter.setMaxListeners(0);
    let last = 0;
    for (const key of this.db.getKeys({ reverse: true, limit: 1 })) last = Number(key.readBigUInt64BE(0));
    this.nextSeq = last + 1;
  }

  /** Sequence of the newest event (0 when empty). */
  get lastSeq(): number {
    return this.nextSeq - 1;
  }

  private nextTimestamp(): Timestamp {
    const now = Math.floor(Date.now() / 1000);
    if (now > this.lastSecond) {
      this.lastSecond = now;
      this.counter = 0;
    }
    return new Timestamp({ t: this.lastSecond, i: ++this.counter });
  }

  /** Appends an event; call inside the write transaction that makes the change. */
  append(event: Omit<OplogEvent, 'seq' | 'ts' | 'wall'>): void {
    const seq = this.nextSeq++;
    const full: OplogEvent = { seq, ts: this.nextTimestamp(), wall: new Date(), ...event };
    let raw = Buffer.from(serialize(full));
    if (full.fullDocument && raw.length > MAX_LOGGED_DOCUMENT) {
      delete full.fullDocument;
      full.fullDocumentOmitted = true;
      raw = Buffer.from(serialize(full));
    }
    this.db.put(seqKey(seq), raw);
    if (seq % 1000 === 0 && seq > MAX_EVENTS) {
      const keys = Array.from(this.db.getKeys({ end: seqKey(seq - MAX_EVENTS) }));
      for (const k of keys) this.db.remove(k);
    }
  }

  /** Events with a sequence greater than `after`, oldest first. */
  *readAfter(after: number, limit = 10_000): Generator<OplogEvent> {
    for (const { value } of this.db.getRange({ start: seqKey(after + 1), limit })) {
      yield deserialize(value, { promoteLongs: true }) as OplogEvent;
    }
  }

  /** Sequence of the first event at or after a cluster time (for startAtOperationTime). */
  seqAtOrAfter(ts: Timestamp): number {
    for (const ev of this.readAfter(0, Number.MAX_SAFE_INTEGER)) if (ev.ts.compare(ts) >= 0) return ev.seq - 1;
    return this.lastSeq;
  }

  /** Wakes waiting change-stream cursors (after a commit). */
  notify(): void {
    this.emitter.emit('append');
  }

  /** Set when the store is stopping: waiting cursors give up at once. */
  stopping = false;

  /** Wakes every waiting change-stream cursor for good (the store is stopping). */
  stop(): void {
    this.stopping = true;
    this.emitter.emit('append');
  }

  /** Resolves on the next commit that appended events, or after `ms` (at once when stopping). */
  waitForAppend(ms: number): Promise<void> {
    if (this.stopping) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.emitter.off('append', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.emitter.on('append', done);
    });
  }
}
