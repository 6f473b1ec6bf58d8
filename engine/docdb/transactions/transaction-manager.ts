/**
 * Multi-document transactions (replica-set mode) with snapshot isolation on one node: each
 * transaction reads an lmdb read snapshot overlaid with its own writes; commit re-checks every key
 * it wrote against the latest committed state (first committer wins, else WriteConflict with the
 * TransientTransactionError label so drivers retry) and applies all writes in one lmdb transaction.
 */
import type { Document } from 'bson';
import { MongoCommandError } from '../errors.ts';
import { OverlayKV, type StoreBackend } from '../storage/kv.ts';
import type { OplogEvent } from '../storage/oplog.ts';
import type { StorageEngine } from '../storage/storage-engine.ts';

const TRANSIENT = { errorLabels: ['TransientTransactionError'] };

/** One open (or finished) transaction of a session. */
export interface Txn {
  readonly txnNumber: number;
  state: 'active' | 'committed' | 'aborted';
  readonly backend: StoreBackend;
  readonly startedAt: number;
}

interface TxnInternals extends Txn {
  docs: OverlayKV;
  idx: OverlayKV;
  events: Array<Omit<OplogEvent, 'seq' | 'ts' | 'wall'>>;
  release(): void;
}

/** Session key of a command (`lsid.id` as hex). */
export function sessionKeyOf(body: Document): string {
  const id = (body.lsid as { id?: { buffer?: Uint8Array } } | undefined)?.id;
  if (!id?.buffer) throw new MongoCommandError('InvalidOptions', 'a transaction requires a logical session id (lsid)');
  return Buffer.from(id.buffer).toString('hex');
}

/** Tracks the transaction of every session. */
export class TransactionManager {
  private readonly txns = new Map<string, TxnInternals>();
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly engine: StorageEngine, private readonly lifetimeMs = 60_000) {
    this.timer = setInterval(() => this.sweep(), Math.min(lifetimeMs, 5_000));
    this.timer.unref();
  }

  private sweep(): void {
    const now = Date.now();
    for (const t of this.txns.values()) if (t.state === 'active' && now - t.startedAt > this.lifetimeMs) this.finish(t, 'aborted');
  }

  private finish(t: TxnInternals, state: 'committed' | 'aborted'): void {
    if (t.state === 'active') t.release();
    t.state = state;
  }

  /** Starts transaction `txnNumber` of a session (aborting an older open one). */
  begin(session: string, txnNumber: number): Txn {
    const prior = this.txns.get(session);
    if (prior && prior.txnNumber >= txnNumber) {
      throw new MongoCommandError('ConflictingOperationInProgress', `Cannot start transaction ${txnNumber} on session because a newer transaction ${prior.txnNumber} has already started`);
    }
    if (prior) this.finish(prior, 'aborted');
    const snapshot = this.engine.docs.useReadTransaction();
    const docs = new OverlayKV(this.engine.docs, snapshot);
    const idx = new OverlayKV(this.engine.idx, snapshot);
    const events: TxnInternals['events'] = [];
    const t: TxnInternals = {
      txnNumber, state: 'active', startedAt: Date.now(), docs, idx, events,
      backend: { docs, idx, appendEvent: (ev) => events.push(ev) },
      release: () => snapshot.done(),
    };
    this.txns.set(session, t);
    return t;
  }

  /** The active transaction `txnNumber` of a session, or NoSuchTransaction. */
  get(session: string, txnNumber: number): Txn {
    const t = this.txns.get(session);
    if (!t || t.txnNumber !== txnNumber || t.state !== 'active') {
      throw new MongoCommandError('NoSuchTransaction', `Transaction with { txnNumber: ${txnNumber} } has been aborted.`, TRANSIENT);
    }
    return t;
  }

  /** Aborts the session's transaction (after an error inside it, or abortTransaction). */
  abort(session: string, txnNumber: number): void {
    const t = this.txns.get(session);
    if (!t || t.txnNumber !== txnNumber) throw new MongoCommandError('NoSuchTransaction', `Transaction with { txnNumber: ${txnNumber} } has been aborted.`, TRANSIENT);
    if (t.state === 'committed') throw new MongoCommandError('TransactionCommitted', `Transaction with { txnNumber: ${txnNumber} } has been committed.`);
    this.finish(t, 'aborted');
  }

  /** Commits: conflict check and apply in one lmdb write transaction. A retried commit is answered ok. */
  async commit(session: string, txnNumber: number): Promise<void> {
    const t = this.txns.get(session);
    if (t && t.txnNumber === txnNumber && t.state === 'committed') return;
    const txn = this.get(session, txnNumber) as TxnInternals;
    try {
      await this.engine.write(() => {
        for (const kv of [txn.docs, txn.idx]) {
          for (const [k, base] of kv.base) {
            const current = kv.db.get(Buffer.from(k, 'latin1'));
            const same = current === undefined ? base === undefined : base !== undefined && current.equals(base);
            if (!same) {
              throw new MongoCommandError('WriteConflict', 'Write conflict during commit: a document written by this transaction was changed by another operation since the transaction started. Please retry your operation or multi-document transaction.', TRANSIENT);
            }
          }
        }
        for (const kv of [txn.docs, txn.idx]) {
          for (const [k, v] of kv.writes) {
            const key = Buffer.from(k, 'latin1');
            if (v) void kv.db.put(key, v);
            else void kv.db.remove(key);
          }
        }
        for (const ev of txn.events) this.engine.oplog?.append(ev);
      });
      this.finish(txn, 'committed');
    } catch (err) {
      this.finish(txn, 'aborted');
      throw err;
    }
  }

  close(): void {
    clearInterval(this.timer);
    for (const t of this.txns.values()) this.finish(t, 'aborted');
    this.txns.clear();
  }
}
