/** Deployed processes and forms, by key and by id/version. */
import type { FormValue, ProcessValue } from '../protocol/record.ts';

/** Read access to deployed resources. */
export interface ReadonlyDeploymentState {
  processByKey(key: number): ProcessValue | undefined;
  latestProcess(bpmnProcessId: string): ProcessValue | undefined;
  processByVersion(bpmnProcessId: string, version: number): ProcessValue | undefined;
  latestForm(formId: string): FormValue | undefined;
  allProcesses(): IterableIterator<ProcessValue>;
}

/** Deployment state; changed only by appliers. */
export class DeploymentState implements ReadonlyDeploymentState {
  private readonly processes = new Map<number, ProcessValue>();
  private readonly processVersions = new Map<string, Map<number, ProcessValue>>();
  private readonly latestProcesses = new Map<string, ProcessValue>();
  private readonly latestForms = new Map<string, FormValue>();
  private readonly forms = new Map<number, FormValue>();

  processByKey(key: number): ProcessValue | undefined {
    return this.processes.get(key);
  }

  latestProcess(bpmnProcessId: string): ProcessValue | undefined {
    return this.latestProcesses.get(bpmnProcessId);
  }

  processByVersion(bpmnProcessId: string, version: number): ProcessValue | undefined {
    return this.processVersions.get(bpmnProcessId)?.get(version);
  }

  latestForm(formId: string): FormValue | undefined {
    return this.latestForms.get(formId);
  }

  allProcesses(): IterableIterator<ProcessValue> {
    return this.processes.values();
  }

  putProcess(process: ProcessValue): void {
    this.processes.set(process.processDefinitionKey, process);
    let versions = this.processVersions.get(process.bpmnProcessId);
    if (!versions) this.processVersions.set(process.bpmnProcessId, (versions = new Map()));
    versions.set(process.version, process);
    const latest = this.latestProcesses.get(process.bpmnProcessId);
    if (!latest || latest.version < process.version) this.latestProcesses.set(process.bpmnProcessId, process);
  }

  putForm(form: FormValue): void {
    this.forms.set(form.formKey, form);
    const latest = this.latestForms.get(form.formId);
    if (!latest || latest.version < form.version) this.latestForms.set(form.formId, form);
  }

  /** Comparable snapshot for the replay test. */
  snapshot(): unknown {
    return { processes: [...this.processes.values()], forms: [...this.forms.values()] };
  }
}
