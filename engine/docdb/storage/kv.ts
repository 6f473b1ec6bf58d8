/**
 * The key-value view CollectionStore works on: either lmdb directly (autocommit writes) or a
 * transaction's overlay over an lmdb read snapshot (multi-document transactions).
 */
import type { Database, Transaction } from 'lmdb';
import type { OplogEvent } from './oplog.ts';

/** Range options understood by {@link KV.getRange}. */
export interface KVRange {
  start?: Buffer;
  end?: Buffer;
  reverse?: boolean;
}

/** Minimal ordered key-value interface over binary keys and values. */
export interface KV {
  get(key: Buffer): Buffer | undefined;
  getRange(range: KVRange): Iterable<{ key: Buffer; value: Buffer }>;
  put(key: Buffer, value: Buffer): void;
  remove(key: Buffer): void;
}

/** What a CollectionStore reads and writes through. */
export interface StoreBackend {
  readonly docs: KV;
  readonly idx: KV;
  appendEvent(event: Omit<OplogEvent, 'seq' | 'ts' | 'wall'>): void;
}

/** lmdb itself (reads see the latest committed state, or the write transaction's state inside one). */
export class DirectKV implements KV {
  constructor(private readonly db: Database<Buffer, Buffer>) {}

  get(key: Buffer): Buffer | undefined {
    return this.db.get(key);
  }

  getRange(range: KVRange): Iterable<{ key: Buffer; value: Buffer }> {
    return this.db.getRange(range);
  }

  put(key: Buffer, value: Buffer): void {
    void this.db.put(key, value);
  }

  remove(key: Buffer): void {
    void this.db.remove(key);
  }
}

/** A transaction's private writes over a read snapshot; remembers the snapshot value of every written key. */
export class OverlayKV implements KV {
  /** latin1(key) → new value (null = removed). */
  readonly writes = new Map<string, Buffer | null>();
  /** latin1(key) → value in the snapshot when first written (for write-conflict detection). */
  readonly base = new Map<string, Buffer | undefined>();

  constructor(
    readonly db: Database<Buffer, Buffer>,
    private readonly snapshot: Transaction,
  ) {}

  get(key: Buffer): Buffer | undefined {
    const k = key.toString('latin1');
    if (this.writes.has(k)) return this.writes.get(k) ?? undefined;
    return this.db.get(key, { transaction: this.snapshot });
  }

  private remember(key: Buffer): string {
    const k = key.toString('latin1');
    if (!this.base.has(k)) this.base.set(k, this.db.get(key, { transaction: this.snapshot }));
    return k;
  }

  put(key: Buffer, value: Buffer): void {
    this.writes.set(this.remember(key), value);
  }

  remove(key: Buffer): void {
    this.writes.set(this.remember(key), null);
  }

  *getRange(range: KVRange): Iterable<{ key: Buffer; value: Buffer }> {
    const inRange = (key: Buffer): boolean => {
      if (range.reverse) {
        return (range.start === undefined || Buffer.compare(key, range.start) <= 0) && (range.end === undefined || Buffer.compare(key, range.end) > 0);
      }
      return (range.start === undefined || Buffer.compare(key, range.start) >= 0) && (range.end === undefined || Buffer.compare(key, range.end) < 0);
    };
    const dir = range.reverse ? -1 : 1;
    const own = [...this.writes.keys()].map((k) => Buffer.from(k, 'latin1')).filter(inRange).sort((a, b) => dir * Buffer.compare(a, b));
    let i = 0;
    for (const entry of this.db.getRange({ ...range, transaction: this.snapshot })) {
      while (i < own.length && dir * Buffer.compare(own[i], entry.key) < 0) {
        const v = this.writes.get(own[i].toString('latin1'));
        if (v) yield { key: own[i], value: v };
        i++;
      }
      if (i < own.length && own[i].equals(entry.key)) {
        const v = this.writes.get(own[i].toString('latin1'));
        if (v) yield { key: own[i], value: v };
        i++;
        continue;
      }
      yield entry;
    }
    for (; i < own.length; i++) {
      const v = this.writes.get(own[i].toString('latin1'));
      if (v) yield { key: own[i], value: v };
    }
  }
}
