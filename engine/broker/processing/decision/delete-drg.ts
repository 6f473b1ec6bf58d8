/**
 * DeleteResource of a decision requirements graph (by its key), as Zeebe 8.x: DECISION DELETED for each
 * of its decisions, then DECISION_REQUIREMENTS DELETED. The previous versions become the latest again;
 * version numbers are never reused. Business rule tasks bound to `latest` evaluate the previous version.
 */
import type { DecisionRequirementsValue } from '../../protocol/decision-records.ts';
import type { ProcessingContext } from '../processing-context.ts';

/** Writes the deletion records of a DRG and its decisions. */
export function deleteDrg(ctx: ProcessingContext, drg: DecisionRequirementsValue): void {
  for (const decision of ctx.state.decisions.decisionsOfDrg(drg.decisionRequirementsKey)) {
    ctx.event(decision.decisionKey, 'DECISION', 'DELETED', decision);
  }
  // Like the process deletion records, the DRG's deletion record carries neither resource nor checksum.
  ctx.event(drg.decisionRequirementsKey, 'DECISION_REQUIREMENTS', 'DELETED', { ...drg, resource: '', checksum: '' });
}
