/**
 * The durable record log: batches of records in lmdb, keyed by the position of their first record.
 * One processed command and everything it produced form one batch, stored under one key (so one
 * put is atomic); lmdb groups the batches of one event turn into one commit (group commit).
 */
import { open, type Database, type DatabaseOptions, type RootDatabase } from 'lmdb';
import type { BrokerRecord } from '../protocol/record.ts';
import { LogClosedError } from '../errors.ts';

/** Key of the shared msgpack structures in the log database (positions, the batch keys, start at 1). */
const STRUCTURES_KEY = 0;
/** Distinct record shapes kept shared (msgpackr allows up to 8,160; the broker writes a few hundred). */
const MAX_SHARED_STRUCTURES = 1_000;

/** What is stored per batch. */
export interface StoredBatch {
  /** The key generator's next value after this batch. */
  nextKey: number;
  records: BrokerRecord[];
}

/** Options of {@link RecordLog.open}. */
export interface RecordLogOptions {
  dir: string;
  /** Wait for the OS to report the commit flushed (true, default) or only committed. */
  waitForFlush?: boolean;
}

/** Append-only, position-addressed record log with exporter acknowledgements. */
export class RecordLog {
  private closed = false;
  private lastWrite: Promise<unknown> = Promise.resolve();
  private lastAck: Promise<unknown> = Promise.resolve();
  /** Highest position known to be durable. */
  committedPosition = 0;

  private constructor(
    private readonly root: RootDatabase,
    private readonly batches: Database<StoredBatch, number>,
    private readonly acks: Database<number, string>,
    private readonly waitForFlush: boolean,
  ) {}

  /** Opens (or creates) the log in a directory. */
  static open(options: RecordLogOptions): RecordLog {
    const root = open({ path: options.dir, maxDbs: 4, separateFlushed: true, noMemInit: true });
    // Shared msgpack structures (kept under key 0; positions start at 1): record shapes are stored
    // once instead of in every batch, and their readers stay compiled across batches.
    const logOptions: DatabaseOptions & { name: string; maxSharedStructures: number } = {
      name: 'log',
      keyEncoding: 'uint32',
      sharedStructuresKey: STRUCTURES_KEY,
      maxSharedStructures: MAX_SHARED_STRUCTURES,
    };
    const batches = root.openDB<StoredBatch, number>(logOptions);
    const acks = root.openDB<number, string>({ name: 'exporter-positions' });
    const log = new RecordLog(root, batches, acks, options.waitForFlush !== false);
    return log;
  }

  /** Every stored batch in order (for replay on start). */
  *batchesInOrder(): Generator<StoredBatch> {
    for (const { value } of this.batches.getRange({ start: 1 })) yield value;
  }

  /** Position of the last stored record, 0 when empty. */
  lastStoredPosition(): number {
    for (const { value } of this.batches.getRange({ end: 0, reverse: true, limit: 1 })) {
      const last = value.records[value.records.length - 1];
      return last ? last.position : 0;
    }
    return 0;
  }

  /**
   * Appends a batch; resolves once it is durable. Batches must be appended in position order.
   * The batch is encoded at once and handed to lmdb's write thread (no round trip through this
   * thread while the transaction is open). Group commit: lmdb puts every batch appended in one
   * event-loop turn into one transaction, and batches appended while a transaction is being
   * committed into the next one; transactions commit in order, so a batch is durable only after
   * every batch before it.
   */
  append(batch: StoredBatch): Promise<void> {
    if (this.closed) return Promise.reject(new LogClosedError());
    const last = batch.records[batch.records.length - 1];
    if (!last) return Promise.resolve();
    const written = this.batches.put(batch.records[0]!.position, batch) as Promise<boolean> & { flushed?: Promise<boolean> };
    const durable = this.waitForFlush && written.flushed ? written.then(() => written.flushed) : written;
    const done = durable.then(() => {
      if (last.position > this.committedPosition) this.committedPosition = last.position;
    });
    this.lastWrite = done.catch(() => undefined);
    return done;
  }

  /** Records with position > after, in order, at most limit, only durable ones. */
  read(after: number, limit: number): BrokerRecord[] {
    const out: BrokerRecord[] = [];
    if (after >= this.committedPosition) return out;
    let start = after + 1;
    for (const { key } of this.batches.getRange({ start, end: 0, reverse: true, limit: 1 })) start = key;
    for (const { value } of this.batches.getRange({ start })) {
      for (const record of value.records) {
        if (record.position <= after) continue;
        if (record.position > this.committedPosition || out.length >= limit) return out;
        out.push(record);
      }
    }
    return out;
  }

  /** Stores an exporter's acknowledged position durably. */
  acknowledge(exporterId: string, position: number): Promise<void> {
    // a write to a closed lmdb environment throws from inside lmdb, uncaught: refuse it here
    if (this.closed) return Promise.reject(new LogClosedError());
    const written = this.acks.put(exporterId, position) as Promise<boolean> & { flushed?: Promise<boolean> };
    const done = written.then(() => written.flushed).then(() => undefined);
    this.lastAck = done.catch(() => undefined);
    return done;
  }

  /** The acknowledged position of an exporter, 0 when none. */
  acknowledgedPosition(exporterId: string): number {
    return this.acks.get(exporterId) ?? 0;
  }

  /** Waits for pending writes and closes the files. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([this.lastWrite, this.lastAck]);
    await this.root.flushed;
    await this.root.close();
  }
}
