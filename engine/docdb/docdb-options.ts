/** Options of the embedded document store, with MongoDB's limits as defaults. */

/** Tunables of a docdb instance. */
export interface DocDbTuning {
  /** How often the TTL monitor deletes expired documents (MongoDB: 60 s). */
  ttlMonitorIntervalMs: number;
  /** Idle cursors are closed after this long (MongoDB: 10 min). */
  cursorTimeoutMs: number;
}

/** MongoDB's protocol limits, reported in hello and enforced. */
export const LIMITS = {
  maxBsonObjectSize: 16 * 1024 * 1024,
  maxMessageSizeBytes: 48_000_000,
  maxWriteBatchSize: 100_000,
  /** Command bodies may exceed a document's limit by this much (MongoDB's BSONObjMaxInternalSize). */
  internalSlack: 16 * 1024,
} as const;

/** Wire version 21 = MongoDB 7.0. */
export const WIRE_VERSION = { min: 0, max: 21 } as const;
/** Version reported by buildInfo, matching {@link WIRE_VERSION}. */
export const SERVER_VERSION = '7.0.0';

export const DEFAULT_TUNING: DocDbTuning = {
  ttlMonitorIntervalMs: 60_000,
  cursorTimeoutMs: 10 * 60_000,
};
