/**
 * Public entry point of the embedded MongoDB-compatible document store.
 * The application imports only this file; everything else in engine/docdb is internal.
 */

/** Options for {@link startDocDb}. */
export interface DocDbOptions {
  /** Interface to bind; 127.0.0.1 by default. */
  host?: string;
  /** Wire-protocol port; 0 picks a free one. */
  port: number;
  /** Directory for the lmdb files. */
  dataDir: string;
}

/** A running embedded document store. */
export interface RunningDocDb {
  /** mongodb:// URI for MONGODB_URI / mongoose. */
  readonly uri: string;
  readonly port: number;
  /** Stops taking connections, flushes storage and closes. */
  stop(): Promise<void>;
}

/** Starts the embedded document store. Not implemented yet: see issue "document store". */
export async function startDocDb(_options: DocDbOptions): Promise<RunningDocDb> {
  throw new Error('the embedded MongoDB-compatible document store (engine/docdb) is not built yet');
}
