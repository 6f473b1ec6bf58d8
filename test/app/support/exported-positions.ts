import type { Db } from 'mongodb';
import { EXPORTER_ID } from '../../../engine/app/exporter/broker-record-exporter.ts';
import { eventually, type AppHarness } from './app-harness.ts';

/** The broker's record positions read at one moment, and the positions MongoDB holds up to the last of them. */
export interface ExportedPositions {
  fromBroker: number[];
  stored: number[];
}

/**
 * Reads the broker's positions once, waits until the application's exporter has acknowledged the
 * last of them (it acknowledges only after storing the batch), then reads what broker_records holds
 * up to that position. The broker may keep writing meanwhile (a job completion still in flight, a
 * keep-alive): records after the snapshot are left out on both sides instead of racing the exporter.
 */
export async function exportedPositions(h: AppHarness, db: Db): Promise<ExportedPositions> {
  const fromBroker = h.broker.exporter.read(0, Number.MAX_SAFE_INTEGER).map((r) => r.position);
  const last = fromBroker.at(-1) ?? 0;
  await eventually(async () => h.broker.exporter.acknowledgedPosition(EXPORTER_ID) >= last, `the exporter to acknowledge position ${last}`);
  const docs = await db.collection('broker_records').find({ position: { $lte: last } }, { projection: { position: 1 } }).sort({ position: 1 }).toArray();
  return { fromBroker, stored: docs.map((d) => d.position as number) };
}
