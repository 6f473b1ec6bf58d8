/**
 * Models of the randomized workload test: one rich approval chain in two versions (same element ids,
 * version 2 adds an archive step and a longer deadline), the process it calls, a message-started process
 * and the routing decision (DMN) the chain's business rule task calls.
 */
import { businessRuleTask, dmnXml, tableDecision } from '../../decision/support/dmn-builder.ts';
import { end, flow, processXml, serviceTask, start } from './bpmn-builder.ts';

const timer = (kind: 'timeDuration' | 'timeCycle', value: string): string =>
  `<bpmn:timerEventDefinition><bpmn:${kind} xsi:type="bpmn:tFormalExpression">${value}</bpmn:${kind}></bpmn:timerEventDefinition>`;
const boundary = (id: string, host: string, definition: string, interrupting: boolean): string =>
  `<bpmn:boundaryEvent id="${id}" attachedToRef="${host}" cancelActivity="${interrupting}">${definition}</bpmn:boundaryEvent>`;
const messageRef = (ref: string): string => `<bpmn:messageEventDefinition messageRef="${ref}" />`;
const linkThrow = (id: string, name: string): string => `<bpmn:intermediateThrowEvent id="${id}"><bpmn:linkEventDefinition name="${name}" /></bpmn:intermediateThrowEvent>`;
const linkCatch = (id: string, name: string): string => `<bpmn:intermediateCatchEvent id="${id}"><bpmn:linkEventDefinition name="${name}" /></bpmn:intermediateCatchEvent>`;
const esp = (id: string, interrupting: boolean, definition: string, inner: string[]): string =>
  `<bpmn:subProcess id="${id}" triggeredByEvent="true"><bpmn:startEvent id="${id}-start" isInterrupting="${interrupting}">${definition}</bpmn:startEvent>${inner.join('')}</bpmn:subProcess>`;
const withRoots = (xml: string, roots: string[]): string => xml.replace('</bpmn:definitions>', `${roots.join('\n')}\n</bpmn:definitions>`);
/**
 * A compensable activity: its compensation boundary event `<id>-undo` and the handler `undo-<id>` (a service task
 * of job type soak-undo, which the workload completes or fails like any job), linked by an association.
 */
const compensation = (id: string, handler: { extensions?: string; loop?: string } = {}): string =>
  [
    `<bpmn:boundaryEvent id="${id}-undo" attachedToRef="${id}"><bpmn:compensateEventDefinition /></bpmn:boundaryEvent>`,
    `<bpmn:serviceTask id="undo-${id}" isForCompensation="true"><bpmn:extensionElements><zeebe:taskDefinition type="soak-undo" />${handler.extensions ?? ''}</bpmn:extensionElements>${handler.loop ?? ''}</bpmn:serviceTask>`,
    `<bpmn:association id="${id}-assoc" associationDirection="One" sourceRef="${id}-undo" targetRef="undo-${id}" />`,
  ].join('\n');
const compensate = (activityRef?: string): string => `<bpmn:compensateEventDefinition${activityRef ? ` activityRef="${activityRef}"` : ''} />`;
const message = (id: string, name: string): string =>
  `<bpmn:message id="${id}" name="${name}"><bpmn:extensionElements><zeebe:subscription correlationKey="=key" /></bpmn:extensionElements></bpmn:message>`;

/** Names of the messages the models wait for (all correlated by `key`). */
export const SOAK_MESSAGES = ['soak-nudge', 'soak-withdraw', 'soak-ping', 'soak-begin', 'soak-recall'] as const;
/** Signals the models catch. */
export const SOAK_SIGNALS = ['soak-stop', 'soak-other', 'soak-go', 'soak-go'] as const;
/** Error codes a worker may throw (REJECT and CHILD_FAIL are caught somewhere, OTHER never). */
export const SOAK_ERROR_CODES = ['REJECT', 'CHILD_FAIL', 'OTHER'] as const;

/**
 * The approval chain. Branch one: a sub-process (review, then stamp, both compensable — stamp only in version 1 —
 * with an error boundary on review that jumps by link to a fix step; message event sub-processes, non-interrupting
 * nudge whose path throws compensation for review (activityRef) and interrupting withdraw (撤回) whose compensation
 * end event undoes the completed steps) with an
 * interrupting deadline timer; the fix step ends in a terminate end event. Branch two: an inclusive fork into a 会签
 * (parallel multi-instance user task, two of three approvals complete it; an error boundary on its body also leads to
 * the join), a sequential multi-instance clerk task and a script task (会签 and clerk are compensable, once per body;
 * the 会签's handler is itself multi-instance), an inclusive join, a compensable business rule task `route` calling the
 * soak-route decision (version 1 bound to the decision deployed with it, version 2 to the latest; its handler maps
 * variables in and out), a compensable call activity (non-interrupting ping and escalation boundaries) and a link jump
 * to the parallel join. After the join an exclusive gateway may throw compensation for the
 * clerk step (amount > 100, activityRef) or for everything (amount < 50). Process event sub-processes: the called
 * process's CHILD_FAIL error (interrupting), a stop signal (interrupting), a recall message (interrupting, a
 * compensation end event), a reminder cycle (non-interrupting) whose path throws a signal. Compensation handlers are
 * service tasks of job type soak-undo.
 */
export function soakProcess(version: 1 | 2): string {
  const body = [
    start(),
    '<bpmn:parallelGateway id="fork" />',
    `<bpmn:subProcess id="sub">
      ${start('sub-start')}
      ${serviceTask('review', 'soak-review')}
      ${compensation('review')}
      ${serviceTask('stamp', 'soak-stamp')}
      ${version === 1 ? compensation('stamp') : ''}
      ${end('sub-end')}
      ${boundary('rejected', 'review', '<bpmn:errorEventDefinition errorRef="e-reject" />', true)}
      ${linkThrow('back', 'rework')}
      ${linkCatch('rework-catch', 'rework')}
      ${serviceTask('fix', 'soak-fix')}
      <bpmn:endEvent id="fix-end"><bpmn:terminateEventDefinition /></bpmn:endEvent>
      ${flow('s1', 'sub-start', 'review')}
      ${flow('s2', 'review', 'stamp')}
      ${flow('s2b', 'stamp', 'sub-end')}
      ${flow('s3', 'rejected', 'back')}
      ${flow('s4', 'rework-catch', 'fix')}
      ${flow('s5', 'fix', 'fix-end')}
      ${esp('esp-nudge', false, messageRef('m-nudge'), [
        serviceTask('nudge', 'soak-nudge'),
        `<bpmn:intermediateThrowEvent id="nudge-undo">${compensate('review')}</bpmn:intermediateThrowEvent>`,
        end('nudge-end'),
        flow('n1', 'esp-nudge-start', 'nudge'),
        flow('n2', 'nudge', 'nudge-undo'),
        flow('n3', 'nudge-undo', 'nudge-end'),
      ])}
      ${esp('esp-withdraw', true, messageRef('m-withdraw'), [`<bpmn:endEvent id="withdraw-undo">${compensate()}</bpmn:endEvent>`, flow('w1', 'esp-withdraw-start', 'withdraw-undo')])}
    </bpmn:subProcess>`,
    boundary('sub-timeout', 'sub', timer('timeDuration', version === 1 ? 'PT1H' : 'PT2H'), true),
    serviceTask('escalate', 'soak-escalate'),
    '<bpmn:exclusiveGateway id="merge-a" />',
    '<bpmn:inclusiveGateway id="split" default="to-light" />',
    `<bpmn:userTask id="sign">
      <bpmn:multiInstanceLoopCharacteristics isSequential="false">
        <bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=approvers" inputElement="approver" /></bpmn:extensionElements>
        <bpmn:completionCondition xsi:type="bpmn:tFormalExpression">=numberOfCompletedInstances &gt;= 2</bpmn:completionCondition>
      </bpmn:multiInstanceLoopCharacteristics>
    </bpmn:userTask>`,
    boundary('sign-rejected', 'sign', '<bpmn:errorEventDefinition errorRef="e-reject" />', true),
    compensation('sign', {
      loop: '<bpmn:multiInstanceLoopCharacteristics isSequential="false"><bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=approvers" inputElement="approver" /></bpmn:extensionElements></bpmn:multiInstanceLoopCharacteristics>',
    }),
    serviceTask('clerk', 'soak-clerk').replace('</bpmn:serviceTask>', '<bpmn:multiInstanceLoopCharacteristics isSequential="true"><bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=[1, 2]" inputElement="round" /></bpmn:extensionElements></bpmn:multiInstanceLoopCharacteristics></bpmn:serviceTask>'),
    compensation('clerk'),
    '<bpmn:scriptTask id="light"><bpmn:extensionElements><zeebe:script expression="=amount * 2" resultVariable="doubled" /></bpmn:extensionElements></bpmn:scriptTask>',
    '<bpmn:inclusiveGateway id="merge" />',
    businessRuleTask('route', 'soak-route', 'office', { bindingType: version === 1 ? 'deployment' : 'latest' }),
    compensation('route', { extensions: '<zeebe:ioMapping><zeebe:input source="=office" target="undone" /><zeebe:output source="=undone" target="revoked" /></zeebe:ioMapping>' }),
    '<bpmn:callActivity id="call"><bpmn:extensionElements><zeebe:calledElement processId="soak-child" propagateAllChildVariables="false" /></bpmn:extensionElements></bpmn:callActivity>',
    boundary('ping', 'call', messageRef('m-ping'), false),
    boundary('escalated', 'call', '<bpmn:escalationEventDefinition escalationRef="esc" />', false),
    compensation('call'),
    serviceTask('esc-task', 'soak-esc'),
    end('esc-end'),
    end('ping-end'),
    linkThrow('jump', 'tail'),
    linkCatch('tail-catch', 'tail'),
    '<bpmn:parallelGateway id="join" />',
    '<bpmn:exclusiveGateway id="settle" default="settle-skip" />',
    `<bpmn:intermediateThrowEvent id="refund">${compensate('clerk')}</bpmn:intermediateThrowEvent>`,
    `<bpmn:intermediateThrowEvent id="recall">${compensate()}</bpmn:intermediateThrowEvent>`,
    '<bpmn:exclusiveGateway id="settled" />',
    ...(version === 2 ? [serviceTask('archive', 'soak-archive')] : []),
    '<bpmn:intermediateThrowEvent id="notify"><bpmn:extensionElements><zeebe:taskDefinition type="soak-notify" /></bpmn:extensionElements><bpmn:messageEventDefinition /></bpmn:intermediateThrowEvent>',
    end(),
    esp('esp-child-fail', true, '<bpmn:errorEventDefinition errorRef="e-child" />', [serviceTask('handle', 'soak-handle'), end('handle-end'), flow('h1', 'esp-child-fail-start', 'handle'), flow('h2', 'handle', 'handle-end')]),
    esp('esp-recall', true, messageRef('m-recall'), [`<bpmn:endEvent id="recall-undo">${compensate()}</bpmn:endEvent>`, flow('u1', 'esp-recall-start', 'recall-undo')]),
    esp('esp-stop', true, '<bpmn:signalEventDefinition signalRef="s-stop" />', [end('stop-end'), flow('t1', 'esp-stop-start', 'stop-end')]),
    esp('esp-remind', false, timer('timeCycle', 'R2/PT30M'), [
      serviceTask('remind', 'soak-remind'),
      '<bpmn:intermediateThrowEvent id="remind-signal"><bpmn:signalEventDefinition signalRef="s-other" /></bpmn:intermediateThrowEvent>',
      end('remind-end'),
      flow('r1', 'esp-remind-start', 'remind'),
      flow('r2', 'remind', 'remind-signal'),
      flow('r3', 'remind-signal', 'remind-end'),
    ]),
    flow('f0', 'start', 'fork'),
    flow('f1', 'fork', 'sub'),
    flow('f2', 'sub', 'merge-a'),
    flow('f3', 'sub-timeout', 'escalate'),
    flow('f4', 'escalate', 'merge-a'),
    flow('f5', 'merge-a', 'join'),
    flow('f6', 'fork', 'split'),
    flow('to-sign', 'split', 'sign', '=amount > 100'),
    flow('to-clerk', 'split', 'clerk', '=amount > 50'),
    flow('to-light', 'split', 'light'),
    flow('f7', 'sign', 'merge'),
    flow('f7b', 'sign-rejected', 'merge'),
    flow('f8', 'clerk', 'merge'),
    flow('f9', 'light', 'merge'),
    flow('f10', 'merge', 'route'),
    flow('f10b', 'route', 'call'),
    flow('f11', 'ping', 'ping-end'),
    flow('f11b', 'escalated', 'esc-task'),
    flow('f11c', 'esc-task', 'esc-end'),
    flow('f12', 'call', 'jump'),
    flow('f13', 'tail-catch', 'join'),
    flow('f14a', 'join', 'settle'),
    flow('to-refund', 'settle', 'refund', '=amount > 100'),
    flow('to-recall', 'settle', 'recall', '=amount < 50'),
    flow('settle-skip', 'settle', 'settled'),
    flow('f14b', 'refund', 'settled'),
    flow('f14c', 'recall', 'settled'),
    ...(version === 2 ? [flow('f14', 'settled', 'archive'), flow('f15', 'archive', 'notify')] : [flow('f14', 'settled', 'notify')]),
    flow('f16', 'notify', 'end'),
  ];
  return withRoots(processXml('soak', body.join('\n')), [
    message('m-nudge', 'soak-nudge'),
    message('m-withdraw', 'soak-withdraw'),
    message('m-ping', 'soak-ping'),
    message('m-recall', 'soak-recall'),
    '<bpmn:error id="e-reject" name="e-reject" errorCode="REJECT" />',
    '<bpmn:error id="e-child" name="e-child" errorCode="CHILD_FAIL" />',
    '<bpmn:signal id="s-stop" name="soak-stop" />',
    '<bpmn:signal id="s-other" name="soak-other" />',
    '<bpmn:escalation id="esc" name="esc" escalationCode="ESC" />',
  ]);
}

/**
 * The called process: a work step (whose worker may throw CHILD_FAIL; a signal boundary ends it early), an escalation
 * throw (caught by the call activity's boundary), an event-based gateway (a signal against a 45 min timer) and a message throw.
 */
export const soakChild = withRoots(
  processXml(
    'soak-child',
    [
      start(),
      serviceTask('child-work', 'soak-child-work'),
      boundary('child-other', 'child-work', '<bpmn:signalEventDefinition signalRef="s-other" />', true),
      end('child-other-end'),
      '<bpmn:intermediateThrowEvent id="child-notify"><bpmn:extensionElements><zeebe:taskDefinition type="soak-notify" /></bpmn:extensionElements><bpmn:messageEventDefinition /></bpmn:intermediateThrowEvent>',
      end(),
      '<bpmn:eventBasedGateway id="child-wait" />',
      `<bpmn:intermediateCatchEvent id="child-go">${'<bpmn:signalEventDefinition signalRef="s-go" />'}</bpmn:intermediateCatchEvent>`,
      `<bpmn:intermediateCatchEvent id="child-later">${timer('timeDuration', 'PT45M')}</bpmn:intermediateCatchEvent>`,
      flow('c1', 'start', 'child-work'),
      '<bpmn:intermediateThrowEvent id="child-escalate"><bpmn:escalationEventDefinition escalationRef="esc" /></bpmn:intermediateThrowEvent>',
      flow('c2', 'child-work', 'child-escalate'),
      flow('c2b', 'child-escalate', 'child-wait'),
      flow('c5', 'child-wait', 'child-go'),
      flow('c6', 'child-wait', 'child-later'),
      flow('c7', 'child-go', 'child-notify'),
      flow('c8', 'child-later', 'child-notify'),
      flow('c3', 'child-notify', 'end'),
      flow('c4', 'child-other', 'child-other-end'),
    ].join('\n'),
  ),
  ['<bpmn:signal id="s-other" name="soak-other" />', '<bpmn:signal id="s-go" name="soak-go" />', '<bpmn:escalation id="esc" name="esc" escalationCode="ESC" />'],
);

/**
 * A process started by the keyed message soak-begin (one instance per key) and by a timer cycle (R3/PT90M); `tag` makes
 * each deployment a new version (which closes the previous version's start events; deleting it reopens them).
 */
export function soakStarter(tag: number): string {
  return withRoots(
    processXml(
      'soak-starter',
      [
        `<bpmn:startEvent id="start" name="v${tag}">${messageRef('m-begin')}</bpmn:startEvent>`,
        `<bpmn:startEvent id="tick">${timer('timeCycle', 'R3/PT90M')}</bpmn:startEvent>`,
        flow('b0', 'tick', 'begin-work'),
        serviceTask('begin-work', 'soak-begin-work'),
        end(),
        flow('b1', 'start', 'begin-work'),
        flow('b2', 'begin-work', 'end'),
      ].join('\n'),
    ),
    [message('m-begin', 'soak-begin')],
  );
}

/**
 * The routing decision (DRG soak-rules, decision soak-route: amount → office, hit policy UNIQUE). Each variant's rules
 * overlap for one amount of the workload, whose evaluation then fails (DECISION_EVALUATION_ERROR incident): variant 1
 * (deployed with version 1 of the chain) for 150, variant 2 (with version 2) for 80; variant 3 (FIRST) never fails.
 * `tag` makes a redeployment a new version.
 */
export function soakRules(variant: 1 | 2 | 3, tag = 0): string {
  const rules: [string, string][] =
    variant === 1
      ? [['< 100', '"window"'], ['>= 100', '"office"'], ['> 120', '"leader"']]
      : variant === 2
        ? [['<= 50', '"window"'], ['> 50', '"office"'], ['[70..90]', '"clerk"']]
        : [['> 100', '"leader"'], ['-', '"window"']];
  const decision = tableDecision('soak-route', {
    hitPolicy: variant === 3 ? 'FIRST' : 'UNIQUE',
    inputs: [{ id: 'in-amount', expression: 'amount' }],
    outputs: [{ id: 'out-office', name: 'office' }],
    rules: rules.map(([input, output], i) => ({ id: `r${i + 1}`, inputs: [input], outputs: [output] })),
  });
  return dmnXml('soak-rules', [decision], `soak rules v${variant}.${tag}`);
}
