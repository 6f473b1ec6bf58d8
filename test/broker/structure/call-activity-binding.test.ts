/**
 * Call activity binding types (`zeebe:calledElement bindingType`): `latest` (the default), `deployment`
 * (the version deployed with the caller) and `versionTag` (the latest version with that tag), with
 * Zeebe's CALLED_ELEMENT_ERROR incidents and deploy rejections. Multi-resource deployments go through a
 * raw grpc-js DeployResource (zeebe-node 8.3 deploys one resource per call); the rest through zeebe-node.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportedRecord } from '../../../engine/broker/index.ts';
import { end, flow, processXml, serviceTask, start } from '../engine/support/bpmn-builder.ts';
import { jobOf, liveEngines, replayFromLog, startHarness, type EngineHarness } from '../engine/support/engine-harness.ts';
import { rawClient, unary, type RawGatewayClient } from '../engine/support/raw-gateway-client.ts';

/** A called process: start → task(type) → end, optionally tagged with a zeebe:versionTag. */
function child(id: string, type: string, versionTag?: string): string {
  const tag = versionTag ? `<bpmn:extensionElements><zeebe:versionTag value="${versionTag}" /></bpmn:extensionElements>` : '';
  return processXml(id, [start(), serviceTask('work', type), end(), flow('f1', 'start', 'work'), flow('f2', 'work', 'end')].join('\n')).replace(
    `<bpmn:process id="${id}" isExecutable="true">`,
    `<bpmn:process id="${id}" isExecutable="true">${tag}`,
  );
}

/** A caller: start → call activity (calledElement attributes) → end; `marker` tells versions apart. */
function caller(id: string, attributes: string, marker = 'call'): string {
  return processXml(
    id,
    [
      start(),
      `<bpmn:callActivity id="${marker}"><bpmn:extensionElements><zeebe:calledElement ${attributes} /></bpmn:extensionElements></bpmn:callActivity>`,
      end(),
      flow('f1', 'start', marker),
      flow('f2', marker, 'end'),
    ].join('\n'),
  );
}

interface DeployedProcess {
  bpmnProcessId: string;
  version: number;
  processDefinitionKey: string;
}

/** Deploys several resources in one deployment through the raw client; returns the processes by id. */
async function deployTogether(raw: RawGatewayClient, resources: Record<string, string>): Promise<Record<string, DeployedProcess>> {
  const response = await unary<{ deployments: { process?: DeployedProcess }[] }>(raw, 'DeployResource', {
    resources: Object.entries(resources).map(([name, xml]) => ({ name, content: Buffer.from(xml) })),
  });
  return Object.fromEntries(response.deployments.filter((d) => d.process).map((d) => [d.process!.bpmnProcessId, d.process!]));
}

/** The process definition key of the child instance a parent instance created. */
function childDefinitionOf(records: ExportedRecord[], parentKey: string): string | undefined {
  const record = records.find(
    (r) =>
      r.valueType === 'PROCESS_INSTANCE' &&
      r.intent === 'ELEMENT_ACTIVATING' &&
      (r.value as { bpmnElementType: string }).bpmnElementType === 'PROCESS' &&
      String((r.value as { parentProcessInstanceKey: number }).parentProcessInstanceKey) === parentKey,
  );
  return record ? String((record.value as { processDefinitionKey: number }).processDefinitionKey) : undefined;
}

describe('call activity binding types', () => {
  let h: EngineHarness;
  let raw: RawGatewayClient;

  beforeAll(async () => {
    h = await startHarness();
    raw = rawClient(h.broker.address);
  });

  afterAll(async () => {
    raw.close();
    await h.close();
  });

  async function incidentOf(processInstanceKey: string): Promise<ExportedRecord> {
    return h.waitForRecord(
      (r) => r.valueType === 'INCIDENT' && r.intent === 'CREATED' && String((r.value as { processInstanceKey: number }).processInstanceKey) === processInstanceKey,
    );
  }

  it('should call the latest version when no binding type is given', async () => {
    // given
    await h.deploy('cb-latest-child.bpmn', child('cb-latest-child', 'cb-latest-1'));
    const v2 = await h.deploy('cb-latest-child.bpmn', child('cb-latest-child', 'cb-latest-2'));
    await h.deploy('cb-latest.bpmn', caller('cb-latest', 'processId="cb-latest-child"'));
    // when
    const parent = await h.client.createProcessInstance({ bpmnProcessId: 'cb-latest', variables: {} });
    await jobOf(h.client, 'cb-latest-2');
    // then
    expect(childDefinitionOf(h.records(), parent.processInstanceKey)).toBe(v2);
    await h.client.cancelProcessInstance(parent.processInstanceKey);
  });

  it('should call the version deployed together with the caller for binding type deployment', async () => {
    // given the caller deployed with version 1 of the child, then a newer child deployed alone
    const together = await deployTogether(raw, {
      'cb-dep-child.bpmn': child('cb-dep-child', 'cb-dep-1'),
      'cb-dep.bpmn': caller('cb-dep', 'processId="cb-dep-child" bindingType="deployment"'),
    });
    await h.deploy('cb-dep-child.bpmn', child('cb-dep-child', 'cb-dep-2'));
    // when
    const parent = await h.client.createProcessInstance({ bpmnProcessId: 'cb-dep', variables: {} });
    const job = await jobOf(h.client, 'cb-dep-1');
    // then
    expect(childDefinitionOf(h.records(), parent.processInstanceKey)).toBe(together['cb-dep-child']!.processDefinitionKey);
    await h.client.completeJob({ jobKey: job.key, variables: {} });
    await h.waitForRecord((r) => r.intent === 'ELEMENT_COMPLETED' && String(r.key) === parent.processInstanceKey);
  });

  it('should version every resource of a deployment together, so an unchanged caller binds the changed child', async () => {
    // given a first deployment of caller and child
    const first = await deployTogether(raw, {
      'cb-tog-child.bpmn': child('cb-tog-child', 'cb-tog-1'),
      'cb-tog.bpmn': caller('cb-tog', 'processId="cb-tog-child" bindingType="deployment"'),
    });
    // when only the child changed in the second deployment
    const second = await deployTogether(raw, {
      'cb-tog-child.bpmn': child('cb-tog-child', 'cb-tog-2'),
      'cb-tog.bpmn': caller('cb-tog', 'processId="cb-tog-child" bindingType="deployment"'),
    });
    const parent = await h.client.createProcessInstance({ bpmnProcessId: 'cb-tog', variables: {} });
    await jobOf(h.client, 'cb-tog-2');
    // then the unchanged caller got a new version too, and it calls the child of its own deployment
    expect(second['cb-tog']!.version).toBe(2);
    expect(second['cb-tog']!.processDefinitionKey).not.toBe(first['cb-tog']!.processDefinitionKey);
    expect(childDefinitionOf(h.records(), parent.processInstanceKey)).toBe(second['cb-tog-child']!.processDefinitionKey);
    await h.client.cancelProcessInstance(parent.processInstanceKey);
  });

  it('should raise a CALLED_ELEMENT_ERROR when the process of the caller\'s deployment was deleted', async () => {
    // given
    const together = await deployTogether(raw, {
      'cb-gone-child.bpmn': child('cb-gone-child', 'cb-gone-1'),
      'cb-gone.bpmn': caller('cb-gone', 'processId="cb-gone-child" bindingType="deployment"'),
    });
    await unary(raw, 'DeleteResource', { resourceKey: together['cb-gone-child']!.processDefinitionKey });
    // when
    const parent = await h.client.createProcessInstance({ bpmnProcessId: 'cb-gone', variables: {} });
    // then
    const incident = await incidentOf(parent.processInstanceKey);
    const deploymentKey = h.records().find((r) => r.valueType === 'PROCESS' && r.intent === 'CREATED' && String(r.key) === together['cb-gone']!.processDefinitionKey)!;
    expect(incident.value).toMatchObject({
      errorType: 'CALLED_ELEMENT_ERROR',
      elementId: 'call',
      errorMessage:
        `Expected to call process with BPMN process id 'cb-gone-child' with binding type 'deployment', but no such process found in the deployment with key ${(deploymentKey.value as { deploymentKey: number }).deploymentKey} which contained the current process. ` +
        'To resolve this incident, migrate the process instance to a process definition that is deployed together with the intended process definition to call.',
    });
    await h.client.cancelProcessInstance(parent.processInstanceKey);
  });

  it('should call the latest version carrying the version tag for binding type versionTag', async () => {
    // given versions tagged v1, v2, v1 again, and one without a tag
    await h.deploy('cb-tag-child.bpmn', child('cb-tag-child', 'cb-tag-a', 'v1'));
    await h.deploy('cb-tag-child.bpmn', child('cb-tag-child', 'cb-tag-b', 'v2'));
    const newestV1 = await h.deploy('cb-tag-child.bpmn', child('cb-tag-child', 'cb-tag-c', 'v1'));
    await h.deploy('cb-tag-child.bpmn', child('cb-tag-child', 'cb-tag-d'));
    await h.deploy('cb-tag.bpmn', caller('cb-tag', 'processId="cb-tag-child" bindingType="versionTag" versionTag="v1"'));
    // when
    const parent = await h.client.createProcessInstance({ bpmnProcessId: 'cb-tag', variables: {} });
    await jobOf(h.client, 'cb-tag-c');
    // then
    expect(childDefinitionOf(h.records(), parent.processInstanceKey)).toBe(newestV1);
    await h.client.cancelProcessInstance(parent.processInstanceKey);
  });

  it('should raise a CALLED_ELEMENT_ERROR naming the missing version tag, and call it once deployed and resolved', async () => {
    // given
    await h.deploy('cb-miss-child.bpmn', child('cb-miss-child', 'cb-miss-old', '1.0'));
    await h.deploy('cb-miss.bpmn', caller('cb-miss', 'processId="cb-miss-child" bindingType="versionTag" versionTag="2.0"'));
    const parent = await h.client.createProcessInstance({ bpmnProcessId: 'cb-miss', variables: {} });
    // when
    const incident = await incidentOf(parent.processInstanceKey);
    // then
    expect(incident.value).toMatchObject({
      errorType: 'CALLED_ELEMENT_ERROR',
      elementId: 'call',
      errorMessage:
        "Expected to call process with BPMN process id 'cb-miss-child' and version tag '2.0', but no such process found. " +
        'To resolve this incident, deploy a process with the given process id and version tag.',
    });
    // when the tagged version is deployed and the incident resolved
    const tagged = await h.deploy('cb-miss-child.bpmn', child('cb-miss-child', 'cb-miss-new', '2.0'));
    await h.client.resolveIncident({ incidentKey: String(incident.key) });
    await jobOf(h.client, 'cb-miss-new');
    // then
    expect(childDefinitionOf(h.records(), parent.processInstanceKey)).toBe(tagged);
    await h.client.cancelProcessInstance(parent.processInstanceKey);
  });
});

const INVALID: ReadonlyArray<{ name: string; resources: Record<string, string>; elementId: string; text: string }> = [
  {
    name: 'a versionTag binding without a version tag',
    resources: { 'cbv-1.bpmn': caller('cbv-1', 'processId="x" bindingType="versionTag"') },
    elementId: 'call',
    text: "Attribute 'versionTag' must be present and not empty if 'bindingType' is 'versionTag'",
  },
  {
    name: 'a version tag with another binding type',
    resources: { 'cbv-2.bpmn': caller('cbv-2', 'processId="x" bindingType="latest" versionTag="v1"') },
    elementId: 'call',
    text: "Attribute 'versionTag' may only be used if 'bindingType' is 'versionTag'",
  },
  {
    name: 'an unknown binding type',
    resources: { 'cbv-3.bpmn': caller('cbv-3', 'processId="x" bindingType="newest"') },
    elementId: 'call',
    text: "Attribute 'bindingType' must be one of: deployment, latest, versionTag",
  },
  {
    name: 'a deployment binding to a process that is not in the deployment',
    resources: { 'cbv-4.bpmn': caller('cbv-4', 'processId="cbv-elsewhere" bindingType="deployment"'), 'cbv-other.bpmn': child('cbv-other', 'cbv-x') },
    elementId: 'call',
    text: "Expected to find process with id 'cbv-elsewhere' in current deployment, but not found.",
  },
];

describe('deploy validation of call activity bindings', () => {
  let h: EngineHarness;
  let raw: RawGatewayClient;
  beforeAll(async () => {
    h = await startHarness();
    raw = rawClient(h.broker.address);
  });
  afterAll(async () => {
    raw.close();
    await h.close();
  });

  for (const model of INVALID) {
    it(`should reject ${model.name}, naming element '${model.elementId}'`, async () => {
      // when
      const failure = await deployTogether(raw, model.resources).then(
        () => undefined,
        (error: Error & { details?: string }) => error,
      );
      // then
      expect(failure, 'deployment should have been rejected').toBeDefined();
      expect(failure!.message).toContain('INVALID_ARGUMENT');
      expect(failure!.message).toContain(`Element: ${model.elementId}`);
      expect(failure!.message).toContain(model.text);
    });
  }

  it('should accept a deployment binding to a process of the same deployment', async () => {
    // when
    const deployed = await deployTogether(raw, {
      'cbv-ok.bpmn': caller('cbv-ok', 'processId="cbv-ok-child" bindingType="deployment"'),
      'cbv-ok-child.bpmn': child('cbv-ok-child', 'cbv-ok-x'),
    });
    // then
    expect(Object.keys(deployed).sort()).toEqual(['cbv-ok', 'cbv-ok-child']);
  });
});

describe('call activity bindings in the log', () => {
  const startEngine = liveEngines('streetflow-call-binding-replay-');

  it('should replay binding-resolved calls and their incidents into exactly the live state', async () => {
    // given
    const run = await startEngine();
    const rawRun = rawClient(run.address);
    await deployTogether(rawRun, {
      'cbr-child.bpmn': child('cbr-child', 'cbr-1', 'v1'),
      'cbr-dep.bpmn': caller('cbr-dep', 'processId="cbr-child" bindingType="deployment"'),
    });
    await run.client.deployResource({ name: 'cbr-child.bpmn', process: Buffer.from(child('cbr-child', 'cbr-2', 'v2')) });
    await run.client.deployResource({ name: 'cbr-tag.bpmn', process: Buffer.from(caller('cbr-tag', 'processId="cbr-child" bindingType="versionTag" versionTag="v1"')) });
    await run.client.deployResource({ name: 'cbr-none.bpmn', process: Buffer.from(caller('cbr-none', 'processId="cbr-child" bindingType="versionTag" versionTag="v9"')) });
    await run.client.createProcessInstance({ bpmnProcessId: 'cbr-dep', variables: {} });
    await run.client.createProcessInstance({ bpmnProcessId: 'cbr-tag', variables: {} });
    const stuck = await run.client.createProcessInstance({ bpmnProcessId: 'cbr-none', variables: {} });
    await jobOf(run.client, 'cbr-1');
    rawRun.close();
    // when
    const { live, liveKey, replayed } = await replayFromLog(run);
    // then
    expect(replayed.state.snapshot()).toEqual(live);
    expect(replayed.state.keys.nextKey).toBe(liveKey);
    expect(JSON.stringify(live)).toContain('CALLED_ELEMENT_ERROR');
    expect(stuck.processInstanceKey).toBeDefined();
    await replayed.stop();
  });
});
