/**
 * RESOURCE_DELETION records (DeleteResource), shaped like Zeebe's ResourceDeletionRecord. They extend
 * the {@link EventIntents}, {@link CommandIntents} and {@link ValueOf} maps by interface merging.
 * PROCESS DELETING / DELETED and FORM DELETED are declared with their value types in `intents.ts`.
 */

/** RESOURCE_DELETION value: the key of the process definition or form to delete. */
export interface ResourceDeletionValue {
  resourceKey: number;
  tenantId: string;
}

declare module './intents.ts' {
  interface EventIntents {
    RESOURCE_DELETION: 'DELETING' | 'DELETED';
  }
  interface CommandIntents {
    RESOURCE_DELETION: 'DELETE';
  }
}

declare module './record.ts' {
  interface ValueOf {
    RESOURCE_DELETION: ResourceDeletionValue;
  }
}
