import type { GroupOption } from '../../stores/org-store.ts';

/** Configuration the Vue app hands to the bpmn-js modules (`config.streetflow`). */
export interface StreetflowOptions {
  /** UI text through vue-i18n (the properties group, pickers, template names). */
  t: (key: string, values?: Record<string, unknown>) => string;
  /** Offices and posts from the organisation directory. */
  groups: () => GroupOption[];
}
