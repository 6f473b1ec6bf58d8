/** Periodically deletes documents whose TTL-indexed date field is older than expireAfterSeconds. */
import type { Document } from 'bson';
import type { StorageEngine } from './storage-engine.ts';
import { CollectionStore } from './collection-store.ts';
import { encodeKey } from './key-encoding.ts';
import { runRead } from '../query/executor.ts';

/** Deletes expired documents in every collection with a TTL index; returns how many. */
export async function deleteExpired(engine: StorageEngine, now = Date.now()): Promise<number> {
  return engine.write(() => {
    let removed = 0;
    for (const db of engine.catalog.databaseNames()) {
      for (const meta of engine.catalog.collections(db)) {
        const ttl = meta.indexes.filter((i) => i.expireAfterSeconds !== undefined);
        if (ttl.length === 0) continue;
        const store = new CollectionStore(engine, db, meta);
        const victims = new Map<string, Document>();
        for (const i of ttl) {
          const field = Object.keys(i.key)[0];
          const cutoff = new Date(now - (i.expireAfterSeconds ?? 0) * 1000);
          const { docs } = runRead(store, { filter: { [field]: { $lte: cutoff } }, hint: i.name });
          for (const doc of docs) victims.set(encodeKey(doc._id).toString('latin1'), doc);
        }
        for (const doc of victims.values()) store.remove(doc);
        removed += victims.size;
      }
    }
    return removed;
  });
}

/** Starts the TTL monitor; returns a function that stops it. */
export function startTtlMonitor(engine: StorageEngine, intervalMs: number, onError: (err: unknown) => void): () => Promise<void> {
  let pass: Promise<void> | undefined;
  const timer = setInterval(() => {
    if (pass) return;
    pass = deleteExpired(engine).then(() => undefined, onError).finally(() => {
      pass = undefined;
    });
  }, intervalMs);
  timer.unref();
  // stopping waits for a pass in progress, so nothing writes to the storage after it is closed
  return async () => {
    clearInterval(timer);
    await pass;
  };
}
