/** Appliers for DECISION_REQUIREMENTS, DECISION and DECISION_EVALUATION events. */
import type { ValueTypeAppliers } from './applier.ts';

export const decisionRequirementsAppliers: ValueTypeAppliers<'DECISION_REQUIREMENTS'> = {
  CREATED: (state, record) => state.decisions.putDrg(record.value),
  DELETED: (state, record) => state.decisions.deleteDrg(record.value.decisionRequirementsKey),
};

export const decisionAppliers: ValueTypeAppliers<'DECISION'> = {
  CREATED: (state, record) => state.decisions.putDecision(record.value),
  DELETED: (state, record) => state.decisions.deleteDecision(record.value.decisionKey),
};

/** Evaluations change no state (their results reach variables through VARIABLE records). */
export const decisionEvaluationAppliers: ValueTypeAppliers<'DECISION_EVALUATION'> = {
  EVALUATED: () => {},
  FAILED: () => {},
};

/** The three value types' appliers, for the registry. */
export const allDecisionAppliers = {
  DECISION_REQUIREMENTS: decisionRequirementsAppliers,
  DECISION: decisionAppliers,
  DECISION_EVALUATION: decisionEvaluationAppliers,
};
