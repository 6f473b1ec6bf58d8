/** Deployed processes and forms, by key and by id/version; deleted versions are gone, their numbers never reused. */
import type { FormValue, ProcessValue } from '../protocol/record.ts';

/** Read access to deployed resources. */
export interface ReadonlyDeploymentState {
  processByKey(key: number): ProcessValue | undefined;
  latestProcess(bpmnProcessId: string): ProcessValue | undefined;
  processByVersion(bpmnProcessId: string, version: number): ProcessValue | undefined;
  /** Deployed (not deleted) versions of a process id, highest version first. */
  processVersions(bpmnProcessId: string): ProcessValue[];
  /** The version of a process id deployed with the given deployment, if any. */
  processInDeployment(bpmnProcessId: string, deploymentKey: number): ProcessValue | undefined;
  /** The highest version number a process id ever had (deleted versions included); 0 when never deployed. */
  highestProcessVersion(bpmnProcessId: string): number;
  latestForm(formId: string): FormValue | undefined;
  formByKey(key: number): FormValue | undefined;
  /** The highest version number a form id ever had (deleted versions included); 0 when never deployed. */
  highestFormVersion(formId: string): number;
  allProcesses(): IterableIterator<ProcessValue>;
}

/** Versions of one resource id: the live ones by version, and the highest number ever given. */
class Versions<T extends { version: number }> {
  readonly byVersion = new Map<number, T>();
  highest = 0;

  put(value: T): void {
    this.byVersion.set(value.version, value);
    this.highest = Math.max(this.highest, value.version);
  }

  latest(): T | undefined {
    let best: T | undefined;
    for (const value of this.byVersion.values()) if (!best || value.version > best.version) best = value;
    return best;
  }

  descending(): T[] {
    return [...this.byVersion.values()].sort((a, b) => b.version - a.version);
  }
}

/** Deployment state; changed only by appliers. */
export class DeploymentState implements ReadonlyDeploymentState {
  private readonly processes = new Map<number, ProcessValue>();
  private readonly processVersionsById = new Map<string, Versions<ProcessValue>>();
  private readonly latestProcesses = new Map<string, ProcessValue>();
  private readonly forms = new Map<number, FormValue>();
  private readonly formVersionsById = new Map<string, Versions<FormValue>>();
  private readonly latestForms = new Map<string, FormValue>();

  processByKey(key: number): ProcessValue | undefined {
    return this.processes.get(key);
  }

  latestProcess(bpmnProcessId: string): ProcessValue | undefined {
    return this.latestProcesses.get(bpmnProcessId);
  }

  processByVersion(bpmnProcessId: string, version: number): ProcessValue | undefined {
    return this.processVersionsById.get(bpmnProcessId)?.byVersion.get(version);
  }

  processVersions(bpmnProcessId: string): ProcessValue[] {
    return this.processVersionsById.get(bpmnProcessId)?.descending() ?? [];
  }

  processInDeployment(bpmnProcessId: string, deploymentKey: number): ProcessValue | undefined {
    return this.processVersions(bpmnProcessId).find((process) => process.deploymentKey === deploymentKey);
  }

  highestProcessVersion(bpmnProcessId: string): number {
    return this.processVersionsById.get(bpmnProcessId)?.highest ?? 0;
  }

  latestForm(formId: string): FormValue | undefined {
    return this.latestForms.get(formId);
  }

  formByKey(key: number): FormValue | undefined {
    return this.forms.get(key);
  }

  highestFormVersion(formId: string): number {
    return this.formVersionsById.get(formId)?.highest ?? 0;
  }

  allProcesses(): IterableIterator<ProcessValue> {
    return this.processes.values();
  }

  putProcess(process: ProcessValue): void {
    this.processes.set(process.processDefinitionKey, process);
    const versions = this.versionsOf(this.processVersionsById, process.bpmnProcessId);
    versions.put(process);
    this.latestProcesses.set(process.bpmnProcessId, versions.latest()!);
  }

  /** Removes a deleted process version; the previous remaining version becomes the latest. */
  deleteProcess(processDefinitionKey: number): void {
    const process = this.processes.get(processDefinitionKey);
    if (!process) return;
    this.processes.delete(processDefinitionKey);
    const versions = this.processVersionsById.get(process.bpmnProcessId);
    versions?.byVersion.delete(process.version);
    const latest = versions?.latest();
    if (latest) this.latestProcesses.set(process.bpmnProcessId, latest);
    else this.latestProcesses.delete(process.bpmnProcessId);
  }

  putForm(form: FormValue): void {
    this.forms.set(form.formKey, form);
    const versions = this.versionsOf(this.formVersionsById, form.formId);
    versions.put(form);
    this.latestForms.set(form.formId, versions.latest()!);
  }

  /** Removes a deleted form version; the previous remaining version becomes the latest. */
  deleteForm(formKey: number): void {
    const form = this.forms.get(formKey);
    if (!form) return;
    this.forms.delete(formKey);
    const versions = this.formVersionsById.get(form.formId);
    versions?.byVersion.delete(form.version);
    const latest = versions?.latest();
    if (latest) this.latestForms.set(form.formId, latest);
    else this.latestForms.delete(form.formId);
  }

  private versionsOf<T extends { version: number }>(all: Map<string, Versions<T>>, id: string): Versions<T> {
    let versions = all.get(id);
    if (!versions) all.set(id, (versions = new Versions<T>()));
    return versions;
  }

  /** Comparable snapshot for the replay test. */
  snapshot(): unknown {
    const highest = (all: Map<string, Versions<{ version: number }>>) => [...all].map(([id, versions]) => [id, versions.highest]);
    return {
      processes: [...this.processes.values()],
      forms: [...this.forms.values()],
      highestProcessVersions: highest(this.processVersionsById),
      highestFormVersions: highest(this.formVersionsById),
    };
  }
}
