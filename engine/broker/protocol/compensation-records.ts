/**
 * COMPENSATION_SUBSCRIPTION records, shaped like Zeebe's CompensationSubscriptionRecord (8.5+). They
 * extend the {@link EventIntents} and {@link ValueOf} maps by interface merging; there are no commands
 * (Zeebe writes these events from the BPMN processors only).
 *
 * Lifecycle: CREATED when a compensable activity completes (before its ELEMENT_COMPLETED), TRIGGERED
 * by a compensation throw or end event, COMPLETED when its handler completed (or, for a sub-process
 * or multi-instance body holding subscriptions of its own, when those are all done), DELETED when
 * the process instance ends or the sub-process holding it is terminated.
 */
import type { VariableDocument } from './record.ts';

/** COMPENSATION_SUBSCRIPTION value. Keys not known yet are -1, ids not known yet ''. */
export interface CompensationSubscriptionValue {
  tenantId: string;
  processInstanceKey: number;
  processDefinitionKey: number;
  /** Id of the completed activity (for a multi-instance activity: its id, shared by body and inner activity). */
  compensableActivityId: string;
  /** Element instance key of the completed activity. */
  compensableActivityInstanceKey: number;
  /** Element instance key of the flow scope the activity completed in. */
  compensableActivityScopeKey: number;
  /** Id of the compensation throw or end event that triggered it ('' until triggered). */
  throwEventId: string;
  /** Element instance key of that throw event (-1 until triggered). */
  throwEventInstanceKey: number;
  /** Id of the compensation handler; '' for a sub-process or body that only holds inner subscriptions. */
  compensationHandlerId: string;
  /** Element instance key of the activated handler (-1 until triggered, and when there is no handler). */
  compensationHandlerInstanceKey: number;
  /** Always empty, as in Zeebe (RecordValueWithVariables). */
  variables: VariableDocument;
}

declare module './intents.ts' {
  interface EventIntents {
    COMPENSATION_SUBSCRIPTION: 'CREATED' | 'TRIGGERED' | 'COMPLETED' | 'DELETED';
  }
}

declare module './record.ts' {
  interface ValueOf {
    COMPENSATION_SUBSCRIPTION: CompensationSubscriptionValue;
  }
}
