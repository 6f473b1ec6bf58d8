import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { end, flow, io, processXml, serviceTask, start } from './support/bpmn-builder.ts';
import { startHarness, type EngineHarness } from './support/engine-harness.ts';

const withMappings = processXml(
  'var-io',
  [
    start(),
    serviceTask('collect', 'var-collect', {
      extensions: io(
        [
          ['=applicant.name', 'sender'],
          ['=fee * 2', 'doubled'],
        ],
        [['=receipt', 'payment.receipt']],
      ),
    }),
    end(),
    flow('f0', 'start', 'collect'),
    flow('f1', 'collect', 'end'),
  ].join('\n'),
);

const noOutputs = processXml(
  'var-prop',
  [start(), serviceTask('work', 'var-prop', { extensions: io([['=1', 'local']]) }), end(), flow('f0', 'start', 'work'), flow('f1', 'work', 'end')].join('\n'),
);

const badInput = processXml(
  'var-bad',
  [start(), serviceTask('work', 'var-bad', { extensions: io([['=assert(permitNumber, permitNumber != null)', 'x']]) }), end(), flow('f0', 'start', 'work'), flow('f1', 'work', 'end')].join('\n'),
);

describe('variables', () => {
  let h: EngineHarness;

  beforeAll(async () => {
    h = await startHarness();
    await h.deploy('var-io.bpmn', withMappings);
    await h.deploy('var-prop.bpmn', noOutputs);
    await h.deploy('var-bad.bpmn', badInput);
  });

  afterAll(async () => {
    await h.close();
  });

  const activate = async (type: string, fetchVariable?: string[]) => {
    const jobs = await h.client.activateJobs({ type, worker: 'w', maxJobsToActivate: 1, timeout: 60_000, requestTimeout: 5_000, fetchVariable });
    expect(jobs).toHaveLength(1);
    return jobs[0]!;
  };

  it('should give the job its input mappings and map only outputs back to the process', async () => {
    // given
    const pending = h.client.createProcessInstanceWithResult({ bpmnProcessId: 'var-io', variables: { applicant: { name: '李四' }, fee: 21 } });
    // when
    const job = await activate('var-collect');
    await h.client.completeJob({ jobKey: job.key, variables: { receipt: 'R-1', scratch: 'not mapped' } });
    const result = await pending;
    // then
    expect(job.variables).toMatchObject({ sender: '李四', doubled: 42, fee: 21 });
    expect(result.variables).toEqual({ applicant: { name: '李四' }, fee: 21, payment: { receipt: 'R-1' } });
  });

  it('should propagate job variables to the process when there are no output mappings, updating local ones in place', async () => {
    // given
    const pending = h.client.createProcessInstanceWithResult({ bpmnProcessId: 'var-prop', variables: { status: 'new' } });
    // when
    const job = await activate('var-prop');
    await h.client.completeJob({ jobKey: job.key, variables: { status: 'done', added: true, local: 99 } });
    const result = await pending;
    // then
    expect(result.variables).toEqual({ status: 'done', added: true });
  });

  it('should fetch only the requested variables for a job', async () => {
    // given
    await h.client.createProcessInstance({ bpmnProcessId: 'var-prop', variables: { a: 1, b: 2, c: 3 } });
    // when
    const job = await activate('var-prop', ['a', 'c']);
    // then
    expect(job.variables).toEqual({ a: 1, c: 3 });
    await h.client.completeJob({ jobKey: job.key, variables: {} });
  });

  it('should set variables locally or with propagation through SetVariables', async () => {
    // given
    const pending = h.client.createProcessInstanceWithResult({ bpmnProcessId: 'var-prop', variables: { shared: 'old' } });
    const job = await activate('var-prop');
    // when
    const localResponse = await h.client.setVariables({ elementInstanceKey: job.elementInstanceKey, variables: { onlyHere: 1 }, local: true });
    await h.client.setVariables({ elementInstanceKey: job.elementInstanceKey, variables: { shared: 'new', fresh: 2 }, local: false });
    await h.client.completeJob({ jobKey: job.key, variables: {} });
    const result = await pending;
    // then
    expect(Number((localResponse as unknown as { key: string }).key)).toBeGreaterThan(0);
    expect(result.variables).toEqual({ shared: 'new', fresh: 2 });
    const records = h.records();
    const onlyHere = records.find((r) => r.valueType === 'VARIABLE' && (r.value as { name: string }).name === 'onlyHere');
    expect(String((onlyHere!.value as { scopeKey: number }).scopeKey)).toBe(job.elementInstanceKey);
  });

  it('should answer NOT_FOUND when setting variables on an unknown element instance', async () => {
    const error = await h.client.setVariables({ elementInstanceKey: '2251799813999997', variables: { a: 1 }, local: true }).catch((e: Error) => e);
    expect((error as { code?: number }).code).toBe(5);
    expect((error as Error).message).toContain("Expected to update variables for element with key '2251799813999997', but no such element was found");
  });

  it('should raise an IO mapping incident naming the failing expression', async () => {
    // when
    const created = await h.client.createProcessInstance({ bpmnProcessId: 'var-bad', variables: {} });
    // then
    const incident = await h.waitForRecord(
      (r) => r.valueType === 'INCIDENT' && String((r.value as { processInstanceKey: number }).processInstanceKey) === created.processInstanceKey,
    );
    expect(incident.value).toMatchObject({ errorType: 'IO_MAPPING_ERROR', elementId: 'work' });
    expect((incident.value as { errorMessage: string }).errorMessage).toContain('permitNumber');
  });
});
