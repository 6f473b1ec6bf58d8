import type { DiagramElement, EventBus } from '../types.ts';
import type { StreetflowOptions } from './streetflow-options.ts';
import type { StreetflowWriter } from './streetflow-writer.ts';
import { STEP_TEMPLATES, findTemplate, templateSettings } from './templates.ts';

interface ElementFactory { createShape(attrs: Record<string, unknown>): DiagramElement & Record<string, unknown> }
interface Create { start(event: Event, shape: unknown): void }
interface Palette { registerProvider(priority: number, provider: unknown): void }
interface PopupMenu { registerProvider(id: string, priority: number, provider: unknown): void }

type PaletteEntries = Record<string, { group: string; className: string; title: string; action: { dragstart: (e: Event) => void; click: (e: Event) => void } }>;
type PopupEntries = Record<string, { label: string; className: string; action: () => void }>;

const TEMPLATE_KEY = 'streetflowTemplate';

/**
 * Element templates for the domain's steps: a "街道模板" section of the palette, an "apply
 * template" part of the replace menu, and filling in the Zeebe properties when such a shape is created.
 */
export class TemplatePalette {
  static $inject = ['palette', 'popupMenu', 'create', 'elementFactory', 'eventBus', 'streetflowWriter', 'config.streetflow'];

  constructor(palette: Palette, popupMenu: PopupMenu, private readonly create: Create, private readonly elementFactory: ElementFactory,
    eventBus: EventBus, private readonly writer: StreetflowWriter, private readonly opts: StreetflowOptions) {
    palette.registerProvider(400, this);
    popupMenu.registerProvider('bpmn-replace', 400, {
      getPopupMenuEntries: (element: DiagramElement) => this.popupEntries(element),
    });
    eventBus.on('commandStack.shape.create.postExecute', 500, (e) => {
      const shape = (e as { context: { shape: DiagramElement & Record<string, unknown> } }).context.shape;
      const id = shape[TEMPLATE_KEY];
      if (typeof id !== 'string') return;
      delete shape[TEMPLATE_KEY];
      this.apply(shape, id);
    });
  }

  private label(id: string): string {
    return this.opts.t(`templates.${id}`);
  }

  /** Writes a template's properties onto an existing element. */
  apply(element: DiagramElement, templateId: string): void {
    const template = findTemplate(templateId);
    if (!template) return;
    this.writer.update(element, templateSettings(template, this.label(template.id), this.opts.groups()));
  }

  getPaletteEntries(): PaletteEntries {
    const entries: PaletteEntries = {};
    for (const template of STEP_TEMPLATES) {
      const start = (event: Event): void => {
        const shape = this.elementFactory.createShape({ type: template.type });
        shape[TEMPLATE_KEY] = template.id;
        this.create.start(event, shape);
      };
      entries[`sf-template-${template.id}`] = {
        group: 'streetflow',
        className: `sf-template-entry sf-template-${template.id}`,
        title: this.label(template.id),
        action: { dragstart: start, click: start },
      };
    }
    return entries;
  }

  private popupEntries(element: DiagramElement): (entries: PopupEntries) => PopupEntries {
    return (entries) => {
      if (!element.type.endsWith('Task')) return entries;
      for (const template of STEP_TEMPLATES) {
        if (template.type !== element.type) continue;
        entries[`sf-apply-${template.id}`] = {
          label: this.opts.t('templates.apply', { name: this.label(template.id) }),
          className: 'bpmn-icon-user-task',
          action: () => this.apply(element, template.id),
        };
      }
      return entries;
    };
  }
}
