/** The in-process exporter API: read records from a position, wait for new ones, acknowledge durably. */
import type { BrokerEngine } from '../engine/broker-engine.ts';
import type { BrokerRecord } from '../protocol/record.ts';

/** A record as exported (Zeebe's exported record shape). */
export type ExportedRecord = BrokerRecord;

/** Reads the record stream for in-process consumers (the app's case history). */
export interface BrokerExporter {
  /** Records with position > afterPosition, in order, at most limit; only durable ones. */
  read(afterPosition: number, limit: number): ExportedRecord[];
  /** Resolves when a record newer than afterPosition is durable, or after timeoutMs. */
  waitForRecords(afterPosition: number, timeoutMs: number): Promise<void>;
  /** Stores how far an exporter got, durably. */
  acknowledge(exporterId: string, position: number): Promise<void>;
  /** The acknowledged position of an exporter; 0 when none. */
  acknowledgedPosition(exporterId: string): number;
}

/** Builds the exporter API over an engine. */
export function createExporter(engine: BrokerEngine): BrokerExporter {
  return {
    read: (afterPosition, limit) => engine.log.read(afterPosition, limit),
    waitForRecords(afterPosition, timeoutMs) {
      if (engine.log.committedPosition > afterPosition) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const done = (): void => {
          clearTimeout(timer);
          engine.commitListeners.delete(listener);
          resolve();
        };
        const listener = (): void => {
          if (engine.log.committedPosition > afterPosition) done();
        };
        const timer = setTimeout(done, timeoutMs);
        engine.commitListeners.add(listener);
      });
    },
    acknowledge: (exporterId, position) => engine.log.acknowledge(exporterId, position),
    acknowledgedPosition: (exporterId) => engine.log.acknowledgedPosition(exporterId),
  };
}
