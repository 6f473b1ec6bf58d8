/** Rebuilds state on start: applies every logged event in order, parsing each deployed process as it appears. */
import { compiledDrg, parseDmn, parseResource, type ParsedResource } from '../model/index.ts';
import type { DecisionRequirementsValue } from '../protocol/decision-records.ts';
import type { RecordLog } from '../log/record-log.ts';
import type { ProcessValue } from '../protocol/record.ts';
import type { MutableEngineState } from '../state/engine-state.ts';
import { applyRecord } from '../state/appliers/index.ts';

/** Result of a replay. */
export interface ReplayResult {
  readonly lastPosition: number;
  readonly records: number;
}

/** Parses deployed resources once per checksum and registers the executable model of a process. */
class ModelRegistrar {
  private readonly parsed = new Map<string, ParsedResource>();

  constructor(private readonly state: MutableEngineState) {}

  async register(process: ProcessValue): Promise<void> {
    const cacheKey = `${process.checksum}:${process.resourceName}`;
    let parsed = this.parsed.get(cacheKey);
    if (!parsed) {
      parsed = await parseResource(process.resourceName, process.resource, { validate: false });
      this.parsed.set(cacheKey, parsed);
    }
    const model = parsed.kind === 'process' ? parsed.processes.find((p) => p.bpmnProcessId === process.bpmnProcessId) : undefined;
    if (model) this.state.models.put(process.processDefinitionKey, model);
  }
}

/** Parses a deployed DRG's resource once, which remembers its executable model by checksum. */
async function registerDrg(drg: DecisionRequirementsValue): Promise<void> {
  // Parsed under the checksum the record carries (the gateway computed it from the deployed bytes).
  if (!compiledDrg(drg.checksum)) await parseDmn(drg.resourceName, drg.resource, drg.checksum);
}

/** Replays the whole log into state. */
export async function replayLog(log: RecordLog, state: MutableEngineState): Promise<ReplayResult> {
  const models = new ModelRegistrar(state);
  let lastPosition = 0;
  let records = 0;
  for (const batch of log.batchesInOrder()) {
    for (const record of batch.records) {
      // A process's model must be known before the first record that needs it (same order as live).
      if (record.valueType === 'PROCESS' && record.recordType === 'EVENT' && record.intent === 'CREATED') await models.register(record.value as ProcessValue);
      // A DRG's executable model (remembered by checksum when parsed) must be known before it is evaluated.
      if (record.valueType === 'DECISION_REQUIREMENTS' && record.recordType === 'EVENT' && record.intent === 'CREATED') await registerDrg(record.value as DecisionRequirementsValue);
      applyRecord(state, record);
      lastPosition = record.position;
      records++;
    }
    state.keys.nextKey = batch.nextKey;
  }
  state.jobs.availableTypes.clear();
  return { lastPosition, records };
}
