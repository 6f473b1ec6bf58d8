/** All engine state, with the read-only view handed to processors. */
import { KeyGenerator } from '../keys.ts';
import { CompensationState, type ReadonlyCompensationState } from './compensation-state.ts';
import { DecisionState, type ReadonlyDecisionState } from './decision-state.ts';
import { DeploymentState, type ReadonlyDeploymentState } from './deployment-state.ts';
import { EventState, type ReadonlyEventState } from './event-state.ts';
import { ElementInstanceState, type ReadonlyElementInstanceState } from './element-instance-state.ts';
import { IncidentState, type ReadonlyIncidentState } from './incident-state.ts';
import { JobState, type ReadonlyJobState } from './job-state.ts';
import { ProcessModels, type ReadonlyProcessModels } from './process-models.ts';
import { VariableState, type ReadonlyVariableState } from './variable-state.ts';

/** What processors may read. */
export interface ReadonlyEngineState {
  readonly deployments: ReadonlyDeploymentState;
  /** Deployed DRGs and decisions. */
  readonly decisions: ReadonlyDecisionState;
  readonly elementInstances: ReadonlyElementInstanceState;
  readonly variables: ReadonlyVariableState;
  readonly jobs: ReadonlyJobState;
  readonly incidents: ReadonlyIncidentState;
  readonly models: ReadonlyProcessModels;
  /** Timers, messages and subscriptions (part 2A). */
  readonly events: ReadonlyEventState;
  /** Compensation subscriptions. */
  readonly compensations: ReadonlyCompensationState;
}

/** What appliers may change. */
export class MutableEngineState implements ReadonlyEngineState {
  readonly deployments = new DeploymentState();
  readonly decisions = new DecisionState();
  readonly elementInstances = new ElementInstanceState();
  readonly variables = new VariableState();
  readonly jobs = new JobState();
  readonly incidents = new IncidentState();
  readonly events = new EventState();
  readonly compensations = new CompensationState();
  readonly keys = new KeyGenerator();
  /** Derived executable models; not part of the snapshot. */
  readonly models = new ProcessModels();

  /** A plain, comparable picture of the whole state (replay test). */
  snapshot(): unknown {
    return {
      deployments: this.deployments.snapshot(),
      decisions: this.decisions.snapshot(),
      elementInstances: this.elementInstances.snapshot(),
      variables: this.variables.snapshot(),
      jobs: this.jobs.snapshot(),
      incidents: this.incidents.snapshot(),
      events: this.events.snapshot(),
      compensations: this.compensations.snapshot(),
      nextKey: this.keys.nextKey,
    };
  }
}
