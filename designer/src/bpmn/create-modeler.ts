import Modeler from 'bpmn-js/lib/Modeler';
import {
  BpmnPropertiesPanelModule, BpmnPropertiesProviderModule, ZeebePropertiesProviderModule,
} from 'bpmn-js-properties-panel';
import ZeebeBehaviorsModule from 'camunda-bpmn-js-behaviors/lib/camunda-cloud';
import LintingModule from '@camunda/linting/modeler';
import zeebeModdle from 'zeebe-bpmn-moddle/resources/zeebe.json';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css';
import '@bpmn-io/properties-panel/assets/properties-panel.css';
import '@camunda/linting/assets/linting.css';
import { createTranslateModule } from './translate/index.ts';
import StreetflowModule from './streetflow/index.ts';
import type { StreetflowOptions } from './streetflow/streetflow-options.ts';

/** What the modeler page needs to build a modeler. */
export interface CreateModelerOptions {
  container: HTMLElement;
  propertiesParent: HTMLElement;
  locale: () => string;
  streetflow: StreetflowOptions;
}

/**
 * Builds the Zeebe modeler: bpmn-js + zeebe moddle + properties panel (Zeebe provider) + Camunda
 * behaviours + linting overlays + token simulation (its own lazy chunk) + Streetflow's modules
 * + the Chinese translate module.
 */
export async function createModeler(opts: CreateModelerOptions): Promise<Modeler> {
  const [{ default: TokenSimulationModule }] = await Promise.all([
    import('bpmn-js-token-simulation'),
    import('bpmn-js-token-simulation/assets/css/bpmn-js-token-simulation.css'),
  ]);
  return new Modeler({
    container: opts.container,
    propertiesPanel: { parent: opts.propertiesParent },
    linting: { active: true },
    streetflow: opts.streetflow,
    additionalModules: [
      BpmnPropertiesPanelModule,
      BpmnPropertiesProviderModule,
      ZeebePropertiesProviderModule,
      ZeebeBehaviorsModule,
      LintingModule,
      TokenSimulationModule,
      StreetflowModule,
      createTranslateModule(opts.locale),
    ],
    moddleExtensions: { zeebe: zeebeModdle },
  });
}

/**
 * Destroys a modeler. diagram-js' hover tooltip keeps a pending show-timer that would render into the
 * destroyed canvas (TypeError in the console) when the page changes while a palette entry is hovered,
 * so it is hidden first.
 */
export function destroyModeler(modeler: Modeler): void {
  try {
    const tip = modeler.get<{ _hide?: () => void }>('hoverTooltip', false);
    tip?._hide?.();
  } catch {
    // no hover tooltip in this diagram-js version
  }
  modeler.destroy();
}

export type { Modeler };
