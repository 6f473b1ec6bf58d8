import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.ts';

/** Hash that precedes the first entry of every chain. */
export const GENESIS_HASH = '0'.repeat(64);

/** The hashed part of a history entry. `payload` is itself canonical JSON. */
export interface ChainFields {
  caseId: string;
  seq: number;
  kind: 'record' | 'action';
  at: Date;
  actor: string | null;
  action: string;
  payload: string;
  prevHash: string;
}

/** A stored entry: its fields, its hash, and an id to name it by. */
export interface ChainEntry extends ChainFields {
  id: string;
  hash: string;
}

/** SHA-256 (hex) over the canonical encoding of the entry's fields. */
export function entryHash(f: ChainFields): string {
  const body = canonicalJson({
    caseId: f.caseId,
    seq: f.seq,
    kind: f.kind,
    at: f.at instanceof Date ? f.at.toISOString() : String(f.at),
    actor: f.actor,
    action: f.action,
    payload: f.payload,
    prevHash: f.prevHash,
  });
  return createHash('sha256').update(body, 'utf8').digest('hex');
}

/** Result of {@link verifyChain}. */
export type ChainVerdict =
  | { valid: true; entries: number; headHash: string }
  | {
      valid: false;
      entries: number;
      firstBroken: { id: string; seq: number; reason: 'hash-mismatch' | 'prev-hash-mismatch' | 'sequence-gap' };
      detail: string;
    };

/** Recomputes the chain (entries sorted by seq) and names the first entry that does not fit. */
export function verifyChain(entries: readonly ChainEntry[]): ChainVerdict {
  let prev = GENESIS_HASH;
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!;
    if (e.seq !== i + 1) {
      return { valid: false, entries: entries.length, firstBroken: { id: e.id, seq: e.seq, reason: 'sequence-gap' }, detail: `expected entry ${i + 1}, found ${e.seq}: an entry was removed` };
    }
    if (e.prevHash !== prev) {
      return { valid: false, entries: entries.length, firstBroken: { id: e.id, seq: e.seq, reason: 'prev-hash-mismatch' }, detail: `entry ${e.seq} does not point to the hash of entry ${e.seq - 1}` };
    }
    const recomputed = entryHash(e);
    if (recomputed !== e.hash) {
      return { valid: false, entries: entries.length, firstBroken: { id: e.id, seq: e.seq, reason: 'hash-mismatch' }, detail: `entry ${e.seq} was changed after it was written (stored ${e.hash.slice(0, 12)}…, recomputed ${recomputed.slice(0, 12)}…)` };
    }
    prev = e.hash;
  }
  return { valid: true, entries: entries.length, headHash: prev };
}
