/**
 * Retryable writes (replica-set mode): a write carrying lsid + txnNumber is executed once; a retry
 * with the same pair gets the first outcome instead of being applied twice. Kept in memory (LRU).
 */
import type { Document } from 'bson';

const MAX_ENTRIES = 50_000;

function sessionKey(body: Document): string | undefined {
  const id = (body.lsid as { id?: { buffer?: Uint8Array; toString(enc?: string): string } } | undefined)?.id;
  if (!id) return undefined;
  const hex = id.buffer ? Buffer.from(id.buffer).toString('hex') : String(id);
  return `${hex}:${String(body.txnNumber)}`;
}

/** Remembers outcomes of retryable writes per (session, txnNumber). */
export class RetryableWrites {
  private readonly done = new Map<string, Promise<Document>>();

  /** Runs `exec` once per (lsid, txnNumber); a retry returns the first reply. */
  run(body: Document, exec: () => Document | Promise<Document>): Promise<Document> {
    const key = sessionKey(body);
    if (!key) return Promise.resolve(exec());
    const prior = this.done.get(key);
    if (prior) return prior;
    const result = Promise.resolve().then(exec);
    this.done.set(key, result);
    result.then((reply) => {
      if (reply.ok !== 1) this.done.delete(key);
    }, () => this.done.delete(key));
    if (this.done.size > MAX_ENTRIES) this.done.delete(this.done.keys().next().value as string);
    return result;
  }
}
