import type { Models } from '../../models/index.ts';
import type { HistoryEntry } from '../../models/history.ts';
import { KeyedMutex } from '../keyed-mutex.ts';
import { canonicalJson } from './canonical-json.ts';
import { GENESIS_HASH, entryHash, verifyChain, type ChainVerdict } from './hash-chain.ts';

/** What to append to a case's history. */
export interface NewEntry {
  kind: 'record' | 'action';
  actor: string | null;
  action: string;
  payload: unknown;
  at?: Date;
  position?: number | null;
}

/** Case history: an append-only, hash-chained list per case. */
export class HistoryService {
  private readonly mutex = new KeyedMutex();
  /** Head (seq, hash) per case, so an append is one insert; reloaded after a conflict. */
  private readonly heads = new Map<string, { seq: number; hash: string }>();

  constructor(private readonly models: Models) {}

  /** Appends one entry after the current head. Serialised per case; the unique (caseId, seq) index guards the rest. */
  append(caseId: string, e: NewEntry): Promise<HistoryEntry> {
    return this.mutex.run(caseId, async () => {
      for (let attempt = 0; ; attempt++) {
        let head = attempt === 0 ? this.heads.get(caseId) : undefined;
        if (!head) {
          const last = await this.models.History.findOne({ caseId }).sort({ seq: -1 }).lean();
          head = last ? { seq: last.seq, hash: last.hash } : undefined;
        }
        const fields = {
          caseId,
          seq: (head?.seq ?? 0) + 1,
          kind: e.kind,
          at: e.at ?? new Date(),
          actor: e.actor,
          action: e.action,
          payload: canonicalJson(e.payload),
          prevHash: head?.hash ?? GENESIS_HASH,
        };
        try {
          const hash = entryHash(fields);
          const doc = await this.models.History.create({ ...fields, position: e.position ?? null, hash });
          this.heads.set(caseId, { seq: fields.seq, hash });
          return doc.toObject();
        } catch (err) {
          this.heads.delete(caseId);
          if (attempt < 3 && isDuplicateKey(err)) continue; // another process appended first: relink
          throw err;
        }
      }
    });
  }

  /**
   * Appends several entries in one insert (the exporter's batches). Not retried on a conflict:
   * the caller re-reads what is already chained and appends the rest.
   */
  appendMany(caseId: string, entries: NewEntry[]): Promise<number> {
    if (entries.length === 0) return Promise.resolve(0);
    return this.mutex.run(caseId, async () => {
      let head = this.heads.get(caseId);
      if (!head) {
        const last = await this.models.History.findOne({ caseId }).sort({ seq: -1 }).lean();
        head = last ? { seq: last.seq, hash: last.hash } : undefined;
      }
      let seq = head?.seq ?? 0;
      let prevHash = head?.hash ?? GENESIS_HASH;
      const docs = entries.map((e) => {
        const fields = { caseId, seq: ++seq, kind: e.kind, at: e.at ?? new Date(), actor: e.actor, action: e.action, payload: canonicalJson(e.payload), prevHash };
        const hash = entryHash(fields);
        prevHash = hash;
        return { ...fields, position: e.position ?? null, hash };
      });
      try {
        await this.models.History.insertMany(docs, { ordered: true });
      } catch (err) {
        this.heads.delete(caseId);
        throw err;
      }
      this.heads.set(caseId, { seq, hash: prevHash });
      return docs.length;
    });
  }

  /** Entries of a case in order. */
  list(caseId: string): Promise<HistoryEntry[]> {
    return this.models.History.find({ caseId }).sort({ seq: 1 }).lean();
  }

  /** Recomputes the chain and names the first broken entry. */
  async verify(caseId: string): Promise<ChainVerdict> {
    const entries = await this.list(caseId);
    return verifyChain(entries.map((e) => ({ ...e, id: String(e._id), at: new Date(e.at) })));
  }
}

/** True for MongoDB duplicate-key errors (E11000). */
export function isDuplicateKey(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: number }).code === 11000;
}
