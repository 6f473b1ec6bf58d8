/** What a command handler receives, and the handler type every command file exports. */
import type { Document } from 'bson';
import type { StorageEngine } from '../storage/storage-engine.ts';
import type { CursorRegistry } from '../storage/cursor-registry.ts';

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
  /** The command document (kind-1 sequences merged in). */
  readonly body: Document;
  /** Name of the command as sent. */
  readonly name: string;
}

/** A command implementation. */
export type CommandHandler = (ctx: CommandContext) => Document | Promise<Document>;
