import { isType, type BpmnFactory, type CommandSpec, type DiagramElement, type ModdleElement } from '../types.ts';

/**
 * Collects edits of extension elements for one diagram element and turns them into one undoable
 * command list (element.updateModdleProperties steps). New elements are filled in directly;
 * existing ones are changed through commands so undo/redo work.
 */
export class ExtensionBatch {
  private readonly commands: CommandSpec[] = [];
  private readonly created = new Set<ModdleElement>();
  private readonly lists = new Map<ModdleElement, { ext: ModdleElement; values: ModdleElement[]; changed: boolean }>();

  constructor(private readonly element: DiagramElement, private readonly factory: BpmnFactory) {}

  /** Creates a moddle element that belongs to this batch. */
  create(type: string, attrs: Record<string, unknown> = {}): ModdleElement {
    const el = this.factory.create(type, attrs);
    this.created.add(el);
    return el;
  }

  /** Sets properties on an element (directly when new, through a command otherwise). */
  set(target: ModdleElement, props: Record<string, unknown>): void {
    if (this.created.has(target)) {
      for (const [k, v] of Object.entries(props)) target.set(k, v);
      return;
    }
    this.commands.push({ cmd: 'element.updateModdleProperties', context: { element: this.element, moddleElement: target, properties: props } });
  }

  private list(owner: ModdleElement): { ext: ModdleElement; values: ModdleElement[]; changed: boolean } {
    let entry = this.lists.get(owner);
    if (!entry) {
      let ext = owner.get('extensionElements') as ModdleElement | undefined;
      if (!ext) {
        ext = this.create('bpmn:ExtensionElements', { values: [] });
        ext.$parent = owner;
        this.set(owner, { extensionElements: ext });
      }
      entry = { ext, values: [...((ext.get('values') as ModdleElement[] | undefined) ?? [])], changed: false };
      this.lists.set(owner, entry);
    }
    return entry;
  }

  /** Finds the extension of a type on `owner`, or creates it. */
  child(owner: ModdleElement, type: string, attrs: Record<string, unknown> = {}): ModdleElement {
    const entry = this.list(owner);
    const found = entry.values.find((v) => isType(v, type));
    if (found) return found;
    const el = this.create(type, attrs);
    el.$parent = entry.ext;
    entry.values.push(el);
    entry.changed = true;
    return el;
  }

  /** Finds the extension of a type on `owner` without creating it. */
  find(owner: ModdleElement, type: string): ModdleElement | undefined {
    return this.list(owner).values.find((v) => isType(v, type));
  }

  /** Removes the extension of a type from `owner`. */
  remove(owner: ModdleElement, type: string): void {
    const entry = this.list(owner);
    const next = entry.values.filter((v) => !isType(v, type));
    if (next.length !== entry.values.length) {
      entry.values = next;
      entry.changed = true;
    }
  }

  /** The command list to execute (empty when nothing changed). */
  build(): CommandSpec[] {
    const out = [...this.commands];
    for (const entry of this.lists.values()) {
      if (!entry.changed) continue;
      if (this.created.has(entry.ext)) entry.ext.set('values', entry.values);
      else out.push({ cmd: 'element.updateModdleProperties', context: { element: this.element, moddleElement: entry.ext, properties: { values: entry.values } } });
    }
    return out;
  }
}
