/** What a command handler receives, and the handler type every command file exports. */
import type { Document } from 'bson';
import type { StorageEngine } from '../storage/storage-engine.ts';
import type { CursorRegistry } from '../storage/cursor-registry.ts';
import type { StoreBackend } from '../storage/kv.ts';

/** Server-wide facts commands report. */
export interface ServerInfo {
  readonly host: string;
  readonly port: number;
  readonly startedAt: Date;
  readonly ttlMonitorIntervalMs: number;
  /** Replica set name when docdb presents itself as a single-node replica set. */
  readonly replicaSet?: string;
}

/** Per-request context. */
export interface CommandContext {
  readonly engine: StorageEngine;
  readonly cursors: CursorRegistry;
  readonly server: ServerInfo;
  readonly connectionId: number;
  /** Target database ($db). */
  readonly db: string;
  /** The command document (kind-1 sequences merged in), int64 values promoted to numbers for mingo. */
  readonly body: Document;
  /** The command document as received (int64 values as Long): the source of stored documents. */
  readonly typedBody: Document;
  /** Name of the command as sent. */
  readonly name: string;
  /** Where collection reads and writes go (a transaction's overlay inside a transaction). */
  readonly backend: StoreBackend;
  /** Runs a write: one batched lmdb commit, or synchronously against the transaction overlay. */
  write<T>(fn: () => T): Promise<T>;
  /** True inside a multi-document transaction. */
  readonly inTransaction: boolean;
}

/** A command implementation. */
export type CommandHandler = (ctx: CommandContext) => Document | Promise<Document>;
