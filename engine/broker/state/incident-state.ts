/** Open incidents, by key, by job and by element instance. */
import type { IncidentValue } from '../protocol/record.ts';

/** Read access to incidents. */
export interface ReadonlyIncidentState {
  get(key: number): IncidentValue | undefined;
  forJob(jobKey: number): number | undefined;
  forElementInstance(elementInstanceKey: number): number | undefined;
}

/** Incident state; changed only by appliers. */
export class IncidentState implements ReadonlyIncidentState {
  private readonly incidents = new Map<number, IncidentValue>();
  private readonly byJob = new Map<number, number>();
  private readonly byElement = new Map<number, number>();

  get(key: number): IncidentValue | undefined {
    return this.incidents.get(key);
  }

  forJob(jobKey: number): number | undefined {
    return this.byJob.get(jobKey);
  }

  forElementInstance(elementInstanceKey: number): number | undefined {
    return this.byElement.get(elementInstanceKey);
  }

  create(key: number, value: IncidentValue): void {
    this.incidents.set(key, value);
    if (value.jobKey > 0) this.byJob.set(value.jobKey, key);
    else this.byElement.set(value.elementInstanceKey, key);
  }

  remove(key: number): void {
    const value = this.incidents.get(key);
    if (!value) return;
    this.incidents.delete(key);
    if (value.jobKey > 0) this.byJob.delete(value.jobKey);
    else this.byElement.delete(value.elementInstanceKey);
  }

  snapshot(): unknown {
    return [...this.incidents];
  }
}
