/** Rebuilds state on start: parses every deployed process, then applies every logged event in order. */
import { parseResource, type ParsedResource } from '../model/index.ts';
import type { RecordLog } from '../log/record-log.ts';
import type { ProcessValue } from '../protocol/record.ts';
import type { MutableEngineState } from '../state/engine-state.ts';
import { applyRecord } from '../state/appliers/index.ts';

/** Result of a replay. */
export interface ReplayResult {
  readonly lastPosition: number;
  readonly records: number;
}

async function registerModels(log: RecordLog, state: MutableEngineState): Promise<void> {
  const parsedByChecksum = new Map<string, ParsedResource>();
  for (const batch of log.batchesInOrder()) {
    for (const record of batch.records) {
      if (record.valueType !== 'PROCESS' || record.recordType !== 'EVENT') continue;
      const process = record.value as ProcessValue;
      let parsed = parsedByChecksum.get(process.checksum + process.resourceName);
      if (!parsed) {
        parsed = await parseResource(process.resourceName, process.resource, { validate: false });
        parsedByChecksum.set(process.checksum + process.resourceName, parsed);
      }
      const model = parsed.kind === 'process' ? parsed.processes.find((p) => p.bpmnProcessId === process.bpmnProcessId) : undefined;
      if (model) state.models.put(process.processDefinitionKey, model);
    }
  }
}

/** Replays the whole log into state. */
export async function replayLog(log: RecordLog, state: MutableEngineState): Promise<ReplayResult> {
  await registerModels(log, state);
  let lastPosition = 0;
  let records = 0;
  for (const batch of log.batchesInOrder()) {
    for (const record of batch.records) {
      applyRecord(state, record);
      lastPosition = record.position;
      records++;
    }
    state.keys.nextKey = batch.nextKey;
  }
  state.jobs.availableTypes.clear();
  return { lastPosition, records };
}
