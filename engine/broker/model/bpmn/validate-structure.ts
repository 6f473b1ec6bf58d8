/** Deploy rules for structural elements: embedded and event sub-processes, inclusive gateways, call activities. */
import type { ElementRow } from './element-table.ts';
import { elementList, extensionsOfType, stringProp } from './moddle-element.ts';
import { isEventSubProcess, validateEventSubProcess, validateEventSubProcessScope, validateStartEventPlacement } from './validate-event-sub-process.ts';
import { checkExpression } from './validate-expression.ts';
import type { ModdleElement } from './moddle-element.ts';

/** Reports problems of sub-processes and inclusive gateways, in Zeebe's wording where it has one. */
export function validateStructure(node: ModdleElement, row: ElementRow, outgoing: readonly ModdleElement[], report: (message: string) => void): void {
  if (row.type === 'SUB_PROCESS') {
    if (isEventSubProcess(node)) validateEventSubProcess(node, report);
    else {
      const starts = elementList(node, 'flowElements').filter((element) => element.$type === 'bpmn:StartEvent');
      if (starts.length !== 1) report('Must have exactly one start event');
      else if (elementList(starts[0]!, 'eventDefinitions').length > 0) report('Start events in subprocesses must be of type none');
    }
    validateEventSubProcessScope(node, report);
  }
  if (row.type === 'START_EVENT') validateStartEventPlacement(node, report);
  if (row.type === 'INCLUSIVE_GATEWAY' && outgoing.length === 0) report('Must have at least one outgoing sequence flow');
  if (row.type === 'CALL_ACTIVITY') {
    const called = extensionsOfType(node, 'zeebe:CalledElement');
    if (called.length !== 1) report("Must have exactly one 'zeebe:calledElement' extension element");
    else if (!stringProp(called[0]!, 'processId')) report("Attribute 'processId' must be present and not empty");
    else checkExpression(stringProp(called[0]!, 'processId')!, { mandatory: true }).forEach(report);
  }
}
