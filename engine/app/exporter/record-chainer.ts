import type { Logger } from '../logger.ts';
import type { Models } from '../models/index.ts';
import type { HistoryService } from '../services/audit/history-service.ts';
import type { EventBus } from '../services/events/event-bus.ts';
import { KeyedMutex } from '../services/keyed-mutex.ts';
import { summariseBpmn } from '../services/deployments/bpmn-summary.ts';
import { projectRecord } from './case-projection.ts';

/**
 * Moves stored broker records of a process instance into its case: appends each event (and
 * rejection) to the case's hash-chained history and projects it onto the case document, in
 * position order, exactly once (an entry with that position in the case history is skipped).
 * Records of an instance whose case is not linked yet wait until it is.
 */
export class RecordChainer {
  private readonly mutex = new KeyedMutex();
  private readonly names = new Map<string, Promise<Map<string, string>>>();

  constructor(
    private readonly models: Models,
    private readonly history: HistoryService,
    private readonly bus: EventBus,
    private readonly logger: Logger,
  ) {}

  /** Chains the pending records of one process instance (no-op until its case is known). */
  chainInstance(processInstanceKey: string): Promise<number> {
    return this.mutex.run(processInstanceKey, async () => {
      const c = await this.models.Case.findOne({ processInstanceKey }).lean();
      if (!c) return 0;
      const names = await this.stepNames(c.processDefinitionKey);
      const pending = await this.models.StoredRecord.find({ processInstanceKey, chained: false }).sort({ position: 1 }).lean();
      const caseId = String(c._id);
      if (pending.length === 0) return 0;
      // Positions already in the case history (a crash after appending, before marking chained).
      const seen = new Set(
        (await this.models.History.find({ caseId, position: { $gte: pending[0]!.position } }, { position: 1 }).lean()).map((e) => e.position),
      );
      const fresh = pending.filter((r) => r.recordType !== 'COMMAND' && !seen.has(r.position));
      await this.history.appendMany(
        caseId,
        fresh.map((r) => ({
          kind: 'record' as const,
          actor: null,
          action: `${r.valueType}.${r.intent}`,
          at: new Date(r.timestamp),
          position: r.position,
          payload: { position: r.position, key: r.key, recordType: r.recordType, valueType: r.valueType, intent: r.intent, value: JSON.parse(r.value) as unknown },
        })),
      );
      for (const r of fresh) await projectRecord(this.models, this.bus, c, r, (id) => names.get(id) ?? id);
      await this.models.StoredRecord.updateMany({ position: { $in: pending.map((r) => r.position) } }, { $set: { chained: true } });
      return pending.length;
    });
  }

  /** Chains every instance that has pending records (at start-up). */
  async chainAllPending(): Promise<void> {
    const keys = (await this.models.StoredRecord.distinct('processInstanceKey', { chained: false })) as Array<string | null>;
    for (const k of keys) if (k) await this.chainInstance(k).catch((err: unknown) => this.logger.error({ err, processInstanceKey: k }, 'chaining failed'));
  }

  private stepNames(processDefinitionKey: string): Promise<Map<string, string>> {
    let p = this.names.get(processDefinitionKey);
    if (!p) {
      p = (async () => {
        const v = await this.models.ProcessVersion.findOne({ processDefinitionKey }).lean();
        const steps = v?.xml ? (await summariseBpmn(v.xml)).flatMap((s) => s.steps) : [];
        return new Map(steps.map((s) => [s.id, s.name]));
      })().catch(() => new Map<string, string>());
      this.names.set(processDefinitionKey, p);
    }
    return p;
  }
}
