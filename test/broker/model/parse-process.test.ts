import { describe, expect, it } from 'vitest';
import { parseResource, resourceChecksum } from '../../../engine/broker/model/index.ts';
import type { ExecutableElement, ExecutableProcess, ParsedResource } from '../../../engine/broker/model/index.ts';
import { fixture } from './fixtures.ts';

function onlyProcess(resource: ParsedResource): ExecutableProcess {
  if (resource.kind !== 'process') throw new Error(`expected a process resource, got ${resource.kind}`);
  expect(resource.processes).toHaveLength(1);
  return resource.processes[0];
}

function element(process: ExecutableProcess, id: string): ExecutableElement {
  const found = process.elements.get(id);
  if (!found) throw new Error(`no element ${id}`);
  return found;
}

describe('parsing executable BPMN processes', () => {
  it('should read the process header, start event and checksum', async () => {
    // given a model with every supported element
    const content = fixture('all-elements.bpmn');

    // when it is parsed
    const resource = await parseResource('all-elements.bpmn', content);

    // then the process carries its id, name, version tag and the resource checksum
    const process = onlyProcess(resource);
    expect(resource.checksum).toBe(resourceChecksum(content));
    expect(resource.checksum).toMatch(/^[0-9a-f]{32}$/);
    expect(process).toMatchObject({
      bpmnProcessId: 'all_elements',
      name: '旧址重建审批',
      resourceName: 'all-elements.bpmn',
      checksum: resource.checksum,
      versionTag: 'v1',
      noneStartEventId: 'start',
    });
    expect(element(process, 'all_elements')).toMatchObject({ type: 'PROCESS', flowScopeId: null, noneStartEventId: 'start' });
    expect(process.embeddedForms.get('embeddedForm')).toBe('{"id":"embedded","components":[]}');
  });

  it('should type every element with Zeebe element and event types', async () => {
    // given / when
    const process = onlyProcess(await parseResource('all-elements.bpmn', fixture('all-elements.bpmn')));

    // then
    const types = Object.fromEntries([...process.elements.values()].map((e) => [e.id, `${e.type}/${e.eventType}`]));
    expect(types).toEqual({
      all_elements: 'PROCESS/UNSPECIFIED',
      start: 'START_EVENT/NONE',
      checkApplicant: 'SERVICE_TASK/UNSPECIFIED',
      notifyVillage: 'SEND_TASK/UNSPECIFIED',
      classify: 'BUSINESS_RULE_TASK/UNSPECIFIED',
      computeArea: 'SCRIPT_TASK/UNSPECIFIED',
      review: 'USER_TASK/UNSPECIFIED',
      sign: 'USER_TASK/UNSPECIFIED',
      siteVisit: 'MANUAL_TASK/UNSPECIFIED',
      archive: 'TASK/UNSPECIFIED',
      decision: 'EXCLUSIVE_GATEWAY/UNSPECIFIED',
      fork: 'PARALLEL_GATEWAY/UNSPECIFIED',
      join: 'PARALLEL_GATEWAY/UNSPECIFIED',
      approved: 'END_EVENT/NONE',
      rejected: 'END_EVENT/NONE',
    });
    expect([...process.elements.values()].filter((e) => e.type !== 'PROCESS').every((e) => e.flowScopeId === 'all_elements')).toBe(true);
    expect(element(process, 'all_elements').childIds).toHaveLength(14);
  });

  it('should link elements through incoming and outgoing sequence flows', async () => {
    // given / when
    const process = onlyProcess(await parseResource('all-elements.bpmn', fixture('all-elements.bpmn')));

    // then
    expect(element(process, 'fork')).toMatchObject({ incoming: ['f2'], outgoing: ['f3', 'f4', 'f5'] });
    expect(element(process, 'join')).toMatchObject({ incoming: ['f6', 'f7', 'f8'], outgoing: ['f9'] });
    expect(element(process, 'decision')).toMatchObject({ outgoing: ['toApprove', 'toReject'], defaultFlowId: 'toReject' });
    expect(process.sequenceFlows.get('toApprove')).toEqual({
      id: 'toApprove',
      name: '同意',
      type: 'SEQUENCE_FLOW',
      sourceId: 'decision',
      targetId: 'siteVisit',
      flowScopeId: 'all_elements',
      condition: { kind: 'feel', source: '=approved = true and area <= 200', expression: 'approved = true and area <= 200' },
    });
    expect(process.sequenceFlows.get('toReject')?.condition).toBeUndefined();
    expect(process.sequenceFlows.size).toBe(15);
  });

  it('should read job type and retries as expressions, with headers and mappings', async () => {
    // given / when
    const process = onlyProcess(await parseResource('all-elements.bpmn', fixture('all-elements.bpmn')));

    // then
    const task = element(process, 'checkApplicant');
    expect(task.jobWorker).toEqual({
      type: { kind: 'feel', source: '="check-" + kind', expression: '"check-" + kind' },
      retries: { kind: 'feel', source: '=retryBudget', expression: 'retryBudget' },
      taskHeaders: { office: '民政办', sla: 'P3D' },
    });
    expect(task.inputMappings.map((m) => [m.source.source, m.target, m.targetPath])).toEqual([
      ['=applicant.name', 'name', ['name']],
      ['static text', 'note', ['note']],
      ['=applicant.village', 'address.village', ['address', 'village']],
    ]);
    expect(task.outputMappings.map((m) => [m.source.source, m.target])).toEqual([['=verified', 'checks.applicant']]);
    expect(element(process, 'notifyVillage').jobWorker?.retries).toEqual({ kind: 'static', source: '3', value: '3' });
    expect(element(process, 'classify').jobWorker).toMatchObject({
      type: { kind: 'static', value: 'classify' },
      retries: { kind: 'static', value: '5' },
    });
  });

  it('should read a script task with zeebe:script and no job', async () => {
    // given / when
    const process = onlyProcess(await parseResource('all-elements.bpmn', fixture('all-elements.bpmn')));

    // then
    const script = element(process, 'computeArea');
    expect(script.jobWorker).toBeUndefined();
    expect(script.script).toEqual({
      expression: { kind: 'feel', source: '=width * depth', expression: 'width * depth' },
      resultVariable: 'area',
    });
  });

  it('should read user tasks as job-based with assignment, schedule and form', async () => {
    // given / when
    const process = onlyProcess(await parseResource('all-elements.bpmn', fixture('all-elements.bpmn')));

    // then
    const review = element(process, 'review');
    expect(review.jobWorker).toMatchObject({
      type: { kind: 'static', value: 'io.camunda.zeebe:userTask' },
      retries: { kind: 'static', value: '1' },
    });
    expect(review.userTask).toMatchObject({
      implementation: 'job-worker',
      assignee: { kind: 'feel', expression: 'reviewer' },
      candidateGroups: { kind: 'static', value: 'land-office, planning-office' },
      candidateUsers: { kind: 'feel', expression: '["wang", "li"]' },
      dueDate: { kind: 'feel', expression: 'deadline' },
      followUpDate: { kind: 'static', value: '2026-12-01T09:00:00+08:00' },
      formId: 'rebuild-review',
      formBindingType: 'latest',
    });
    expect(review.userTask?.formKey).toBeUndefined();
    expect(element(process, 'sign').userTask).toMatchObject({ formKey: 'camunda-forms:bpmn:embeddedForm' });
    expect(element(process, 'sign').userTask?.formId).toBeUndefined();
  });

  it('should skip data objects and pass-through tasks need nothing', async () => {
    // given / when
    const process = onlyProcess(await parseResource('all-elements.bpmn', fixture('all-elements.bpmn')));

    // then
    expect(process.elements.has('applicationFile')).toBe(false);
    expect(process.elements.has('applicationData')).toBe(false);
    expect(element(process, 'siteVisit').jobWorker).toBeUndefined();
    expect(element(process, 'archive').jobWorker).toBeUndefined();
  });

  it('should return every executable process of a file and ignore non-executable ones', async () => {
    // given a collaboration with two executable processes and one non-executable (with an unsupported element)
    // when it is parsed
    const resource = await parseResource('two-executable-processes.bpmn', fixture('two-executable-processes.bpmn'));

    // then only the executable ones are returned, sharing the resource checksum
    if (resource.kind !== 'process') throw new Error('expected a process resource');
    expect(resource.processes.map((p) => p.bpmnProcessId)).toEqual(['street_intake', 'town_review']);
    expect(resource.processes.map((p) => p.noneStartEventId)).toEqual(['intakeStart', 'reviewStart']);
    expect(new Set(resource.processes.map((p) => p.checksum))).toEqual(new Set([resource.checksum]));
    expect(resource.processes[1].elements.get('reviewTask')?.jobWorker?.type).toEqual({
      kind: 'static',
      source: 'town-review',
      value: 'town-review',
    });
  });

  it('should accept the same model given as a string or as bytes with the same checksum', async () => {
    // given the same XML as text and as a buffer
    const bytes = fixture('two-executable-processes.bpmn');

    // when both are parsed
    const fromBytes = await parseResource('p.bpmn', bytes);
    const fromText = await parseResource('p.bpmn', bytes.toString('utf8'));

    // then the checksums agree, and a changed model gets another checksum
    expect(fromText.checksum).toBe(fromBytes.checksum);
    const changed = await parseResource('p.bpmn', bytes.toString('utf8').replace('街道受理', '街道受理（新）'));
    expect(changed.checksum).not.toBe(fromBytes.checksum);
  });
});

describe('parsing forms', () => {
  it('should read the form id and schema of a form-js file', async () => {
    // given a form-js form
    const content = fixture('rebuild-review.form');

    // when it is parsed
    const resource = await parseResource('rebuild-review.form', content);

    // then
    expect(resource).toMatchObject({ kind: 'form', resourceName: 'rebuild-review.form', formId: 'rebuild-review' });
    expect(resource.checksum).toBe(resourceChecksum(content));
    if (resource.kind !== 'form') throw new Error('expected a form');
    expect(resource.schema.components).toHaveLength(2);
  });
});

describe('re-reading accepted resources', () => {
  it('should skip validation when asked, so later rules cannot reject a deployed model', async () => {
    // given a model that the current rules reject for one element
    const content = fixture('invalid/service-task-without-task-definition.bpmn');
    await expect(parseResource('old.bpmn', content)).rejects.toThrow(/Must have exactly one 'zeebe:taskDefinition'/);

    // when it is re-read without validation (as on replay)
    const resource = await parseResource('old.bpmn', content, { validate: false });

    // then its process is still built
    if (resource.kind !== 'process') throw new Error('expected a process');
    expect(resource.processes[0].elements.get('notify')).toMatchObject({ type: 'SERVICE_TASK', incoming: ['f1'], outgoing: ['f2'] });
    expect(resource.processes[0].elements.get('notify')?.jobWorker).toBeUndefined();
  });

  it('should still fail an unreadable resource without validation', async () => {
    await expect(parseResource('broken.bpmn', fixture('invalid/malformed.bpmn'), { validate: false })).rejects.toThrow(
      /Failed to read the BPMN XML: closing tag mismatch/,
    );
  });
});

describe('reading resource bytes', () => {
  it('should honour a GBK encoding declaration', async () => {
    // given a model saved as GBK by older office software
    // when it is parsed
    const resource = await parseResource('gbk-encoded.bpmn', fixture('gbk-encoded.bpmn'));

    // then the Chinese names are read correctly
    if (resource.kind !== 'process') throw new Error('expected a process');
    const process = resource.processes[0];
    expect(process.name).toBe('宅基地审批');
    expect(process.elements.get('review')?.name).toBe('村委审核');
    expect(process.elements.get('review')?.userTask?.candidateGroups).toEqual({ kind: 'static', source: '村委会', value: '村委会' });
  });

  it('should read UTF-8 with a byte-order mark', async () => {
    const resource = await parseResource('utf8-with-bom.bpmn', fixture('utf8-with-bom.bpmn'));
    if (resource.kind !== 'process') throw new Error('expected a process');
    expect(resource.processes[0]).toMatchObject({ bpmnProcessId: 'bom_process', name: '宅基地审批' });
  });
});

describe('multi-instance activities (read now, executed from part 2)', () => {
  it('should accept a countersign step now that the engine runs multi-instance', async () => {
    const resource = await parseResource('countersign.bpmn', fixture('countersign.bpmn'));
    expect(resource.kind === 'process' && resource.processes[0].elements.get('sign')?.multiInstance?.outputCollection).toBe('opinions');
  });

  it('should read the countersign loop characteristics of a 比例 step', async () => {
    // given a user task signed by three offices, complete at two thirds
    // when it is read (without validation, as part 2 will read it)
    const resource = await parseResource('countersign.bpmn', fixture('countersign.bpmn'), { validate: false });

    // then the multi-instance properties are modelled
    if (resource.kind !== 'process') throw new Error('expected a process');
    expect(resource.processes[0].elements.get('sign')?.multiInstance).toEqual({
      isSequential: false,
      inputCollection: { kind: 'feel', source: '=["民政办", "国土所", "规划办"]', expression: '["民政办", "国土所", "规划办"]' },
      inputElement: 'signerGroup',
      outputCollection: 'opinions',
      outputElement: { kind: 'feel', source: '=opinion', expression: 'opinion' },
      completionCondition: {
        kind: 'feel',
        source: '=numberOfCompletedInstances / numberOfInstances >= 0.67',
        expression: 'numberOfCompletedInstances / numberOfInstances >= 0.67',
      },
    });
  });
});
