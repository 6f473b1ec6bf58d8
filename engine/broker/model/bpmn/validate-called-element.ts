/** Deploy rules for the binding of `zeebe:calledElement` (call activities) and `zeebe:calledDecision` (business rule tasks), in Zeebe's wording. */
import { explicitStringProp, extensionsOfType } from './moddle-element.ts';
import type { ModdleElement } from './moddle-element.ts';

const BINDING_TYPES = ['deployment', 'latest', 'versionTag'];

/** `bindingType` is one of Zeebe's; `versionTag` is given exactly when the binding type is `versionTag`. */
export function validateCalledElementBinding(node: ModdleElement, report: (message: string) => void): void {
  for (const called of [...extensionsOfType(node, 'zeebe:CalledElement'), ...extensionsOfType(node, 'zeebe:CalledDecision')]) {
    const bindingType = explicitStringProp(called, 'bindingType');
    const versionTag = explicitStringProp(called, 'versionTag');
    if (bindingType !== undefined && !BINDING_TYPES.includes(bindingType)) {
      report(`Attribute 'bindingType' must be one of: ${BINDING_TYPES.join(', ')}`);
    }
    if (bindingType === 'versionTag' && (versionTag === undefined || versionTag.trim() === '')) {
      report("Attribute 'versionTag' must be present and not empty if 'bindingType' is 'versionTag'");
    }
    if (bindingType !== 'versionTag' && versionTag !== undefined) {
      report("Attribute 'versionTag' may only be used if 'bindingType' is 'versionTag'");
    }
  }
}
