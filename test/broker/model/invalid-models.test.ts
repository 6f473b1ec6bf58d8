import { describe, expect, it } from 'vitest';
import { parseResource, ResourceValidationError } from '../../../engine/broker/model/index.ts';
import { fixture } from './fixtures.ts';

async function rejectionOf(name: string): Promise<ResourceValidationError> {
  const resourceName = name.split('/').pop() ?? name;
  try {
    await parseResource(resourceName, fixture(name));
  } catch (error) {
    if (error instanceof ResourceValidationError) return error;
    throw error;
  }
  throw new Error(`expected ${name} to be rejected, but it was accepted`);
}

interface InvalidCase {
  readonly file: string;
  readonly elementId: string | undefined;
  readonly message: string;
}

const CASES: readonly InvalidCase[] = [
  {
    file: 'unsupported-element.bpmn',
    elementId: 'review',
    message: "Elements of type 'ComplexGateway' are currently not supported. Please refer to the documentation",
  },
  {
    file: 'service-task-without-task-definition.bpmn',
    elementId: 'notify',
    message: "Must have exactly one 'zeebe:taskDefinition' extension element",
  },
  { file: 'empty-job-type.bpmn', elementId: 'archive', message: "Attribute 'type' must be present and not empty" },
  { file: 'exclusive-gateway-without-outgoing-flow.bpmn', elementId: 'decide', message: 'Must have at least one outgoing sequence flow' },
  { file: 'parallel-gateway-without-outgoing-flow.bpmn', elementId: 'fork', message: 'Must have at least one outgoing sequence flow' },
  {
    file: 'invalid-feel-condition.bpmn',
    elementId: 'toApprove',
    message: "failed to parse expression 'amount >': unexpected end of expression",
  },
  {
    file: 'static-condition.bpmn',
    elementId: 'toApprove',
    message: "Expected expression but found static value 'amount > 5'. An expression must start with '=' (e.g. '=amount > 5').",
  },
  { file: 'flow-without-condition-or-default.bpmn', elementId: 'toReject', message: 'Must have a condition or be default flow' },
  { file: 'default-flow-not-outgoing.bpmn', elementId: 'decide', message: 'Default flow must start at gateway' },
  {
    file: 'conditional-flow-from-task.bpmn',
    elementId: 'check',
    message: 'Conditional sequence flows are only supported at exclusive or inclusive gateway',
  },
  { file: 'no-start-event.bpmn', elementId: 'no_start', message: 'Must have at least one start event' },
  { file: 'empty-process.bpmn', elementId: 'empty', message: 'Must have at least one start event' },
  { file: 'two-none-start-events.bpmn', elementId: 'two_starts', message: 'Multiple none start events are not allowed' },
  { file: 'duplicate-ids.bpmn', elementId: 'task1', message: "There are multiple occurrences of ID value 'task1' (line 10, column 5)" },
  { file: 'dangling-sequence-flow.bpmn', elementId: 'lost', message: "SequenceFlow has targetRef 'nowhere' which cannot be resolved" },
  { file: 'sequence-flow-without-source.bpmn', elementId: 'sourceless', message: 'SequenceFlow is missing required attribute sourceRef' },
  {
    file: 'invalid-job-type-expression.bpmn',
    elementId: 'route',
    message: `failed to parse expression 'concat("job-",'`,
  },
  { file: 'no-executable-process.bpmn', elementId: 'draftDefinitions', message: 'Must contain at least one executable process' },
  {
    file: 'timer-start-event.bpmn',
    elementId: 'daily',
    message: 'Timer event definition must have exactly one of timeDate, timeDuration or timeCycle',
  },
  {
    file: 'end-event-with-outgoing-flow.bpmn',
    elementId: 'early',
    message: 'End events must not have outgoing sequence flows to other elements.',
  },
  {
    file: 'script-task-without-script.bpmn',
    elementId: 'compute',
    message: "Must have either one 'zeebe:script' or one 'zeebe:taskDefinition' extension element",
  },
  {
    file: 'business-rule-task-without-decision.bpmn',
    elementId: 'classify',
    message: "Must have either one 'zeebe:calledDecision' or one 'zeebe:taskDefinition' extension element",
  },
  {
    file: 'element-without-id.bpmn',
    elementId: undefined,
    message: "Element of type 'ManualTask' named '盖章': Attribute 'id' must be present and not empty",
  },
  {
    file: 'invalid-assignee-expression.bpmn',
    elementId: 'approve',
    message: `failed to parse expression 'if applicant.village = "东村" then "wang"': unexpected end of expression, incomplete IfExpression`,
  },
  { file: 'invalid-assignee-expression.bpmn', elementId: 'approve', message: `failed to parse expression '["land",'` },
  { file: 'invalid-retries-expression.bpmn', elementId: 'sendSms', message: "failed to parse expression 'max(3,'" },
  { file: 'invalid-retries-expression.bpmn', elementId: 'sendSms', message: "Task header attribute 'key' must be present and not empty" },
  {
    file: 'reserved-and-duplicate-headers.bpmn',
    elementId: 'stamp',
    message:
      "Attribute 'key' contains 'io.camunda.zeebe:assignee', but header keys starting with 'io.camunda.zeebe:' are reserved for internal use.",
  },
  { file: 'reserved-and-duplicate-headers.bpmn', elementId: 'stamp', message: "Headers contain duplicate entries for key 'office'" },
  {
    file: 'execution-listeners.bpmn',
    elementId: 'audit',
    message: "Extension element 'zeebe:executionListeners' is currently not supported by the embedded broker",
  },
  { file: 'invalid-multi-instance.bpmn', elementId: 'noZeebeLoop', message: "Must have exactly one 'zeebe:loopCharacteristics' extension element" },
  {
    file: 'invalid-multi-instance.bpmn',
    elementId: 'staticCollection',
    message: "Expected expression but found static value 'signers'. An expression must start with '=' (e.g. '=signers').",
  },
  {
    file: 'invalid-multi-instance.bpmn',
    elementId: 'staticCollection',
    message: "Attribute 'outputElement' must be present if the attribute 'outputCollection' is set",
  },
  { file: 'malformed.bpmn', elementId: undefined, message: 'Failed to read the BPMN XML: closing tag mismatch at </bpmn:process> (line 5, column 3)' },
  { file: 'form-without-id.form', elementId: undefined, message: 'Expected the form id to be present, but none given' },
  { file: 'form-not-json.form', elementId: undefined, message: 'Failed to parse the form JSON' },
];

describe('deploy-time validation of invalid models', () => {
  it.each(CASES)('should reject $file naming element $elementId', async ({ file, elementId, message }) => {
    // given an invalid resource
    // when it is parsed
    const error = await rejectionOf(`invalid/${file}`);

    // then the problem names the element and says what is wrong
    const problem = error.problems.find((candidate) => candidate.message.includes(message));
    expect(problem, `problems: ${JSON.stringify(error.problems)}`).toBeDefined();
    expect(problem?.resourceName).toBe(file);
    expect(problem?.elementId).toBe(elementId);
    // and the message reads like Zeebe's deployment rejection
    expect(error.message).toMatch(
      /^Command 'CREATE' rejected with code 'INVALID_ARGUMENT': Expected to deploy new resources, but encountered the following errors:\n/,
    );
    expect(error.message).toContain(`'${file}': `);
    if (elementId !== undefined) {
      // the message sits in the block under its element's heading
      const start = error.message.indexOf(`- Element: ${elementId}\n`);
      expect(start).toBeGreaterThan(0);
      const next = error.message.indexOf('\n- Element: ', start + 1);
      const block = error.message.slice(start, next === -1 ? undefined : next);
      expect(block).toContain(`\n    - ERROR: ${message}`);
    }
    else expect(error.message).toContain(`'${file}': ${message}`);
  });

  it('should list every problem of a model, each under its element', async () => {
    // given a model with three broken elements
    // when it is parsed
    const error = await rejectionOf('invalid/many-problems.bpmn');

    // then all three are reported, not just the first
    expect(error.problems.map((problem) => problem.elementId)).toEqual(['noType', 'deadEnd', 'sub']);
    expect(error.rejectionReason).toBe(
      [
        'Expected to deploy new resources, but encountered the following errors:',
        "'many-problems.bpmn': - Element: noType",
        "    - ERROR: Must have exactly one 'zeebe:taskDefinition' extension element",
        '- Element: deadEnd',
        '    - ERROR: Must have at least one outgoing sequence flow',
        '- Element: sub',
        "    - ERROR: Elements of type 'ComplexGateway' are currently not supported. Please refer to the documentation for a list of supported elements: https://docs.camunda.io/docs/components/modeler/bpmn/bpmn-coverage/",
      ].join('\n'),
    );
  });

  it('should list every problem of one element under a single heading', async () => {
    // given a task with a broken input, a broken target and a static output source
    // when it is parsed
    const error = await rejectionOf('invalid/invalid-mappings.bpmn');

    // then the three problems are listed under the element
    expect(error.problems.map((problem) => problem.message)).toEqual([
      "failed to parse expression 'applicant.name +': unexpected end of expression, incomplete ArithmeticExpression at position 16",
      "Expected path expression '1st' but doesn't match the pattern '[a-zA-Z_][a-zA-Z0-9_]*(\\.[a-zA-Z_][a-zA-Z0-9_]*)*'.",
      "Expected expression but found static value 'approved'. An expression must start with '=' (e.g. '=approved').",
    ]);
    expect(error.message.match(/- Element: enrich/g)).toHaveLength(1);
  });

  it('should reject invalid user-task assignment, schedule and form definitions', async () => {
    // given a user task with an empty candidate group, a non-ISO due date and two form references
    // when it is parsed
    const error = await rejectionOf('invalid/invalid-user-task.bpmn');

    // then each is named
    expect(error.problems.map((problem) => [problem.elementId, problem.message])).toEqual([
      ['review', "Expected static value to be a list of comma-separated values, e.g. 'a,b,c', but found 'office,,post'."],
      ['review', "Expected static value to be a valid DateTime String, e.g. '2023-03-02T15:35+02:00', but found 'next monday'."],
      ['review', "Exactly one of the attributes 'formId, formKey' must be present and not blank"],
    ]);
  });

  it('should reject a resource that is neither BPMN, DMN nor a form', async () => {
    // given a resource with another suffix
    // when it is parsed
    const attempt = parseResource('decision.txt', '<definitions/>');

    // then it is rejected with a reason
    await expect(attempt).rejects.toThrow(ResourceValidationError);
    await expect(attempt).rejects.toThrow(/'decision\.txt': Expected the resource to be a BPMN process/);
  });

  it('should combine the problems of several resources into one rejection', async () => {
    // given two rejected resources of one deployment
    const first = await rejectionOf('invalid/no-start-event.bpmn');
    const second = await rejectionOf('invalid/form-without-id.form');

    // when they are combined
    const combined = ResourceValidationError.combine([first, second]);

    // then both resources are listed, each once
    expect(combined.rejectionReason).toBe(
      [
        'Expected to deploy new resources, but encountered the following errors:',
        "'no-start-event.bpmn': - Element: no_start",
        '    - ERROR: Must have at least one start event',
        "'form-without-id.form': Expected the form id to be present, but none given",
      ].join('\n'),
    );
  });
});
