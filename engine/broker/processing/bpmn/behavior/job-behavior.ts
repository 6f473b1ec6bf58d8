/** Creates and cancels the jobs of job-based elements. */
import { evaluateJobProperties, type EvaluationResult } from '../../../model/index.ts';
import type { ProcessingContext } from '../../processing-context.ts';
import type { ElementContext } from '../element-processor.ts';

/** Job writes for one command. */
export class JobBehavior {
  constructor(private readonly ctx: ProcessingContext) {}

  /** Evaluates the job properties and writes JOB CREATED; returns the failure message if evaluation failed. */
  create(element: ElementContext): EvaluationResult<number> {
    const variables = this.ctx.state.variables.collect(element.key);
    const deployments = this.ctx.state.deployments;
    const props = evaluateJobProperties(element.element, variables, {
      resolveFormKey: (formId) => {
        const form = deployments.latestForm(formId);
        return form ? String(form.formKey) : undefined;
      },
    });
    if (!props.ok) return props;
    const key = this.ctx.nextKey();
    const v = element.value;
    this.ctx.event(key, 'JOB', 'CREATED', {
      type: props.value.type,
      worker: '',
      retries: props.value.retries,
      deadline: -1,
      timeout: -1,
      errorMessage: '',
      errorCode: '',
      customHeaders: props.value.customHeaders,
      variables: {},
      elementId: v.elementId,
      elementInstanceKey: element.key,
      bpmnProcessId: v.bpmnProcessId,
      processDefinitionVersion: v.version,
      processDefinitionKey: v.processDefinitionKey,
      processInstanceKey: v.processInstanceKey,
      retryBackoff: 0,
      recurringTime: -1,
      tenantId: v.tenantId,
    });
    return { ok: true, value: key };
  }

  /** Cancels the job of an element instance, if it has one. */
  cancel(jobKey: number): void {
    if (jobKey <= 0) return;
    const job = this.ctx.state.jobs.get(jobKey);
    if (job) this.ctx.event(jobKey, 'JOB', 'CANCELED', job.value);
  }
}
