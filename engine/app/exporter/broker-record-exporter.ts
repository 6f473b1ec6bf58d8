import type { BrokerExporter } from '../../broker/index.ts';
import type { Logger } from '../logger.ts';
import type { Models } from '../models/index.ts';
import { canonicalJson } from '../services/audit/canonical-json.ts';
import { isDuplicateKey } from '../services/audit/history-service.ts';
import { processInstanceKeyOf, type ExportedRecordLike } from './record-shape.ts';
import type { RecordChainer } from './record-chainer.ts';

/** The exporter id under which the application acknowledges its position in the broker. */
export const EXPORTER_ID = 'streetflow-case-history';

/** The part of the embedded broker's exporter API this consumer uses. */
export type RecordSource = Pick<BrokerExporter, 'waitForRecords' | 'acknowledge' | 'acknowledgedPosition'> & {
  read(afterPosition: number, limit: number): ExportedRecordLike[] | Promise<ExportedRecordLike[]>;
};

/**
 * Copies the embedded broker's record stream into MongoDB (collection broker_records) from the
 * last acknowledged position: write the batch (the unique position index turns a re-delivered
 * record into a no-op), chain the touched instances into their cases, then acknowledge. A crash
 * between writing and acknowledging re-reads the batch; nothing is lost or doubled.
 */
export class BrokerRecordExporter {
  private stopped = false;
  private loop: Promise<void> | undefined;
  private position = 0;

  constructor(
    private readonly source: RecordSource,
    private readonly models: Models,
    private readonly chainer: RecordChainer,
    private readonly logger: Logger,
    private readonly batchSize = 500,
  ) {}

  /** Position up to which records are stored and acknowledged. */
  get acknowledged(): number {
    return this.position;
  }

  start(): void {
    this.position = this.source.acknowledgedPosition(EXPORTER_ID);
    this.logger.info({ position: this.position }, 'case-history exporter resumes');
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.loop;
  }

  /** Exports everything available now (used by tests and at shutdown). */
  async drain(): Promise<void> {
    while (await this.exportBatch()) {
      /* keep going */
    }
  }

  private async run(): Promise<void> {
    let backoff = 100;
    while (!this.stopped) {
      try {
        const more = await this.exportBatch();
        backoff = 100;
        if (!more) await this.source.waitForRecords(this.position, 500);
      } catch (err) {
        if (this.stopped) break;
        this.logger.error({ err, position: this.position }, 'exporting records failed; retrying');
        await new Promise((r) => setTimeout(r, backoff));
        backoff = Math.min(backoff * 2, 5000);
      }
    }
  }

  /** One batch; returns true when it exported something. */
  async exportBatch(): Promise<boolean> {
    const batch = await this.source.read(this.position, this.batchSize);
    if (batch.length === 0) return false;
    const docs = batch.map((r) => ({
      position: r.position,
      key: String(r.key),
      timestamp: r.timestamp,
      recordType: r.recordType,
      valueType: r.valueType,
      intent: r.intent,
      value: canonicalJson(r.value),
      processInstanceKey: processInstanceKeyOf(r),
      source: 'broker-exporter' as const,
      chained: false,
    }));
    try {
      await this.models.StoredRecord.insertMany(docs, { ordered: false });
    } catch (err) {
      if (!isDuplicateKey(err) && !isBulkDuplicates(err)) throw err;
    }
    const instances = [...new Set(docs.flatMap((d) => (d.processInstanceKey ? [d.processInstanceKey] : [])))];
    for (const k of instances) await this.chainer.chainInstance(k);
    const last = batch[batch.length - 1]!.position;
    await this.source.acknowledge(EXPORTER_ID, last);
    await this.models.ExporterState.updateOne({ _id: EXPORTER_ID }, { $set: { position: last, updatedAt: new Date() } }, { upsert: true });
    this.position = last;
    return true;
  }
}

function isBulkDuplicates(err: unknown): boolean {
  const e = err as { writeErrors?: Array<{ code?: number; err?: { code?: number } }> };
  return Array.isArray(e.writeErrors) && e.writeErrors.every((w) => (w.code ?? w.err?.code) === 11000);
}
