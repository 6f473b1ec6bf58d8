import { describe, expect, it } from 'vitest';
import { evaluateJobProperties, parseResource } from '../../../engine/broker/model/index.ts';
import type { ExecutableElement, ExecutableProcess } from '../../../engine/broker/model/index.ts';
import { fixture } from './fixtures.ts';

async function allElements(): Promise<ExecutableProcess> {
  const resource = await parseResource('all-elements.bpmn', fixture('all-elements.bpmn'));
  if (resource.kind !== 'process') throw new Error('expected a process');
  return resource.processes[0];
}

function element(process: ExecutableProcess, id: string): ExecutableElement {
  const found = process.elements.get(id);
  if (!found) throw new Error(`no element ${id}`);
  return found;
}

describe('evaluating job properties at activation', () => {
  it('should evaluate a FEEL job type and retries and keep static headers', async () => {
    // given a service task with job type and retries as FEEL
    const task = element(await allElements(), 'checkApplicant');

    // when activated with variables
    const result = evaluateJobProperties(task, { kind: 'land', retryBudget: 4 });

    // then
    expect(result).toEqual({
      ok: true,
      value: { type: 'check-land', retries: 4, customHeaders: { office: '民政办', sla: 'P3D' } },
    });
  });

  it('should fail when the job type expression yields no string', async () => {
    const task = element(await allElements(), 'checkApplicant');
    const result = evaluateJobProperties(task, { retryBudget: 4 });
    expect(result).toEqual({
      ok: false,
      message:
        "Expected result of the expression '\"check-\" + kind' to be 'STRING', but was 'NULL'. The evaluation reported the following warnings:\n" +
        "[NO_VARIABLE_FOUND] No variable found with name 'kind'\n" +
        "[INVALID_TYPE] Can't add 'null' to '\"check-\"'",
    });
  });

  it('should default static retries to 3', async () => {
    const result = evaluateJobProperties(element(await allElements(), 'notifyVillage'), {});
    expect(result).toEqual({ ok: true, value: { type: 'notify', retries: 3, customHeaders: {} } });
  });

  it('should derive the reserved user-task headers and link the deployed form', async () => {
    // given a user task with assignee, candidates, schedule and a linked form
    const review = element(await allElements(), 'review');

    // when activated
    const result = evaluateJobProperties(
      review,
      { reviewer: 'zhao', deadline: '2026-12-01T17:00:00+08:00' },
      { resolveFormKey: (formId) => (formId === 'rebuild-review' ? '2251799813685300' : undefined) },
    );

    // then the job is a user-task job carrying Zeebe's headers
    expect(result).toEqual({
      ok: true,
      value: {
        type: 'io.camunda.zeebe:userTask',
        retries: 1,
        customHeaders: {
          'io.camunda.zeebe:assignee': 'zhao',
          'io.camunda.zeebe:candidateGroups': '["land-office","planning-office"]',
          'io.camunda.zeebe:candidateUsers': '["wang","li"]',
          'io.camunda.zeebe:dueDate': '2026-12-01T17:00:00+08:00',
          'io.camunda.zeebe:followUpDate': '2026-12-01T09:00:00+08:00',
          'io.camunda.zeebe:formKey': '2251799813685300',
        },
      },
    });
  });

  it('should fail a user task whose linked form is not deployed', async () => {
    const review = element(await allElements(), 'review');
    const result = evaluateJobProperties(review, { reviewer: 'zhao', deadline: '2026-12-01T17:00:00+08:00' }, {
      resolveFormKey: () => undefined,
    });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toContain("Expected to find a form with id 'rebuild-review'");
  });

  it('should leave out a due date that evaluates to null', async () => {
    const review = element(await allElements(), 'review');
    const result = evaluateJobProperties(review, { reviewer: 'zhao' }, { resolveFormKey: () => '1' });
    expect(result.ok && result.value.customHeaders['io.camunda.zeebe:dueDate']).toBeUndefined();
    expect(result.ok && result.value.customHeaders['io.camunda.zeebe:followUpDate']).toBe('2026-12-01T09:00:00+08:00');
  });

  it('should pass a custom form key through unchanged', async () => {
    const result = evaluateJobProperties(element(await allElements(), 'sign'), {});
    expect(result).toEqual({
      ok: true,
      value: {
        type: 'io.camunda.zeebe:userTask',
        retries: 1,
        customHeaders: { 'io.camunda.zeebe:formKey': 'camunda-forms:bpmn:embeddedForm' },
      },
    });
  });
});
