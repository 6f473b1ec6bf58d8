import { ref } from 'vue';
import { endpoints } from '../api/endpoints.ts';
import type { FormResource } from '../api/types.ts';

/** Where the diagram in the modeler comes from and goes to. */
export type DiagramSource =
  | { kind: 'draft'; draftId: string }
  | { kind: 'version'; processId: string; version: number };

/** Loads and saves the diagram being edited (a draft, or a deployed version opened for editing). */
export function useDiagramSource() {
  const xml = ref('');
  const forms = ref<FormResource[]>([]);
  const name = ref('');
  const processId = ref('');
  const version = ref<number | null>(null);
  const draftId = ref<string | null>(null);

  async function load(source: DiagramSource): Promise<void> {
    if (source.kind === 'draft') {
      const d = await endpoints.draft(source.draftId);
      xml.value = d.xml;
      forms.value = d.forms ?? [];
      name.value = d.name;
      processId.value = d.bpmnProcessId;
      draftId.value = d.id;
      version.value = null;
    } else {
      const v = await endpoints.processVersion(source.processId, source.version);
      xml.value = v.xml;
      forms.value = v.forms ?? [];
      processId.value = source.processId;
      version.value = v.version;
      draftId.value = null;
    }
  }

  /** Saves into the draft (creating one when editing a deployed version); returns the draft id. */
  async function save(nextXml: string, nextName: string): Promise<string> {
    xml.value = nextXml;
    name.value = nextName;
    if (draftId.value) {
      await endpoints.saveDraft(draftId.value, { name: nextName, xml: nextXml, forms: forms.value });
      return draftId.value;
    }
    const d = await endpoints.createDraft(nextName, nextXml, forms.value);
    draftId.value = d.id;
    return d.id;
  }

  return { xml, forms, name, processId, version, draftId, load, save };
}
