import type { HistoryService } from '../services/audit/history-service.ts';

/**
 * Records what the application itself sees of the broker (its own commands, job activations
 * and completions) into case history. Used when the broker is an external Zeebe, whose record
 * stream the application cannot read; with the embedded broker the exported stream already
 * holds these facts and {@link NO_OBSERVER} is used instead.
 */
export interface RecordObserver {
  observe(caseId: string | null, action: string, payload: Record<string, unknown>): Promise<void>;
}

export const NO_OBSERVER: RecordObserver = { observe: async () => {} };

/** Appends observations as `record` entries with action `observed.<what>`. */
export class AppObserver implements RecordObserver {
  constructor(private readonly history: HistoryService) {}

  async observe(caseId: string | null, action: string, payload: Record<string, unknown>): Promise<void> {
    if (!caseId) return;
    await this.history.append(caseId, { kind: 'record', actor: 'app-observed', action: `observed.${action}`, payload });
  }
}
