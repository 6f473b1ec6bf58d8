import { StreetflowWriter } from './streetflow-writer.ts';
import { StreetflowPropertiesProvider } from './properties-provider.ts';
import { TemplatePalette } from './template-palette.ts';

/** bpmn-js module: Streetflow's domain properties, pickers and element templates. */
export default {
  __init__: ['streetflowWriter', 'streetflowPropertiesProvider', 'streetflowTemplates'],
  streetflowWriter: ['type', StreetflowWriter],
  streetflowPropertiesProvider: ['type', StreetflowPropertiesProvider],
  streetflowTemplates: ['type', TemplatePalette],
};
