/**
 * Deploy-time validation through the real zeebe-node client over gRPC: every invalid model is
 * rejected with INVALID_ARGUMENT and Zeebe's message listing the offending element ids, and a
 * deployment with one bad resource deploys nothing.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sdkZeebeClient } from './clients/support/sdk-client.ts';
import { ZBClient } from 'zeebe-node';
import { startBroker, type RunningBroker } from '../../engine/broker/index.ts';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), 'model', 'fixtures');
const read = (name: string): Buffer => readFileSync(join(fixtures, name));

interface GrpcError {
  readonly code?: number;
  readonly details?: string;
  readonly message: string;
}

/** The error a call failed with (the test fails if it succeeded). */
async function failureOf(call: Promise<unknown>): Promise<GrpcError> {
  try {
    await call;
  } catch (error) {
    return error as GrpcError;
  }
  throw new Error('expected the call to be rejected, but it succeeded');
}

const INVALID_MODELS: ReadonlyArray<{ file: string; elementIds: readonly string[]; text: string }> = [
  { file: 'unsupported-element.bpmn', elementIds: ['review'], text: "Elements of type 'ComplexGateway' are currently not supported" },
  { file: 'service-task-without-task-definition.bpmn', elementIds: ['notify'], text: "Must have exactly one 'zeebe:taskDefinition' extension element" },
  { file: 'empty-job-type.bpmn', elementIds: ['archive'], text: "Attribute 'type' must be present and not empty" },
  { file: 'exclusive-gateway-without-outgoing-flow.bpmn', elementIds: ['decide'], text: 'Must have at least one outgoing sequence flow' },
  { file: 'parallel-gateway-without-outgoing-flow.bpmn', elementIds: ['fork'], text: 'Must have at least one outgoing sequence flow' },
  { file: 'invalid-feel-condition.bpmn', elementIds: ['toApprove'], text: "failed to parse expression 'amount >'" },
  { file: 'static-condition.bpmn', elementIds: ['toApprove'], text: "Expected expression but found static value 'amount > 5'" },
  { file: 'flow-without-condition-or-default.bpmn', elementIds: ['toReject'], text: 'Must have a condition or be default flow' },
  { file: 'default-flow-not-outgoing.bpmn', elementIds: ['decide'], text: 'Default flow must start at gateway' },
  { file: 'conditional-flow-from-task.bpmn', elementIds: ['check'], text: 'Conditional sequence flows are only supported at exclusive or inclusive gateway' },
  { file: 'no-start-event.bpmn', elementIds: ['no_start'], text: 'Must have at least one start event' },
  { file: 'two-none-start-events.bpmn', elementIds: ['two_starts'], text: 'Multiple none start events are not allowed' },
  { file: 'duplicate-ids.bpmn', elementIds: ['task1'], text: "There are multiple occurrences of ID value 'task1'" },
  { file: 'dangling-sequence-flow.bpmn', elementIds: ['lost'], text: "SequenceFlow has targetRef 'nowhere' which cannot be resolved" },
  { file: 'invalid-mappings.bpmn', elementIds: ['enrich'], text: "failed to parse expression 'applicant.name +'" },
  { file: 'invalid-job-type-expression.bpmn', elementIds: ['route'], text: "failed to parse expression 'concat(\"job-\",'" },
  { file: 'no-executable-process.bpmn', elementIds: ['draftDefinitions'], text: 'Must contain at least one executable process' },
  { file: 'timer-start-event.bpmn', elementIds: ['daily'], text: 'Timer event definition must have exactly one of timeDate, timeDuration or timeCycle' },
  { file: 'invalid-user-task.bpmn', elementIds: ['review'], text: "Exactly one of the attributes 'formId, formKey' must be present and not blank" },
  { file: 'many-problems.bpmn', elementIds: ['noType', 'deadEnd', 'sub'], text: "Must have exactly one 'zeebe:taskDefinition' extension element" },
];

describe('deploy validation through zeebe-node over gRPC', () => {
  let broker: RunningBroker;
  let dataDir: string;
  let zbc: ZBClient;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'streetflow-deploy-validation-'));
    broker = await startBroker({ host: '127.0.0.1', port: 0, dataDir });
    zbc = new ZBClient(`127.0.0.1:${broker.port}`, { useTLS: false, loglevel: 'NONE', retry: false });
  });

  afterAll(async () => {
    await zbc?.close();
    await broker?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it.each(INVALID_MODELS)('should reject $file listing $elementIds', async ({ file, elementIds, text }) => {
    // given an invalid model
    // when a client deploys it
    const error = await failureOf(zbc.deployResource({ name: file, process: read(`invalid/${file}`) }));

    // then the gateway answers INVALID_ARGUMENT with Zeebe's rejection naming every element
    expect(error.code).toBe(3);
    const details = error.details ?? error.message;
    expect(details).toContain(
      "Command 'CREATE' rejected with code 'INVALID_ARGUMENT': Expected to deploy new resources, but encountered the following errors:",
    );
    expect(details).toContain(`'${file}': `);
    for (const elementId of elementIds) expect(details).toContain(`- Element: ${elementId}\n`);
    expect(details).toContain(text);
  });

  it('should reject malformed XML with the line and column', async () => {
    const error = await failureOf(zbc.deployResource({ name: 'malformed.bpmn', process: read('invalid/malformed.bpmn') }));
    expect(error.code).toBe(3);
    expect(error.details ?? error.message).toContain("'malformed.bpmn': Failed to read the BPMN XML: closing tag mismatch");
    expect(error.details ?? error.message).toContain('(line 5, column 3)');
  });

  it('should reject a form without an id', async () => {
    const error = await failureOf(zbc.deployResource({ name: 'form-without-id.form', form: read('invalid/form-without-id.form') }));
    expect(error.code).toBe(3);
    expect(error.details ?? error.message).toContain("'form-without-id.form': Expected the form id to be present, but none given");
  });

  it('should deploy the valid all-elements model and its form', async () => {
    // given the model with every supported element and the form it links
    // when both are deployed
    const form = await zbc.deployResource({ name: 'rebuild-review.form', form: read('rebuild-review.form') });
    const process = await zbc.deployResource({ name: 'all-elements.bpmn', process: read('all-elements.bpmn') });

    // then both are accepted
    expect(form.deployments[0].form.formId).toBe('rebuild-review');
    expect(process.deployments[0].process.bpmnProcessId).toBe('all_elements');
  });

  it('should reject a whole multi-resource deployment and list each bad resource', async () => {
    // given a deployment of one valid and two invalid resources (sent in one DeployResource call)
    const zeebe = sdkZeebeClient(`127.0.0.1:${broker.port}`);
    try {
      // when it is deployed
      const error = await failureOf(
        zeebe.deployResources([
          { name: 'two-executable-processes.bpmn', process: read('two-executable-processes.bpmn') },
          { name: 'no-start-event.bpmn', process: read('invalid/no-start-event.bpmn') },
          { name: 'form-without-id.form', form: read('invalid/form-without-id.form') },
        ]),
      );

      // then one rejection lists both bad resources under one prefix
      const details = error.details ?? error.message;
      expect(error.code).toBe(3);
      expect(details.match(/Command 'CREATE' rejected/g)).toHaveLength(1);
      expect(details).toContain("'no-start-event.bpmn': - Element: no_start\n    - ERROR: Must have at least one start event");
      expect(details).toContain("'form-without-id.form': Expected the form id to be present, but none given");
      expect(details).not.toContain("'two-executable-processes.bpmn'");

      // and the valid resource was not deployed either
      const notDeployed = await failureOf(zbc.createProcessInstance({ bpmnProcessId: 'street_intake', variables: {} }));
      expect(notDeployed.code).toBe(5);
    } finally {
      await zeebe.close(5_000);
    }
  });
});
