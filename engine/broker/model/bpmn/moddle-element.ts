/**
 * A node of the object tree bpmn-moddle reads from XML. Properties are looked up by name
 * through the typed accessors below rather than trusted blindly.
 */
export interface ModdleElement {
  readonly $type: string;
  readonly $attrs?: Record<string, string>;
  readonly $parent?: ModdleElement;
  readonly id?: string;
  readonly name?: string;
  $instanceOf(type: string): boolean;
  readonly [property: string]: unknown;
}

/** True for objects produced by moddle. */
export function isModdleElement(value: unknown): value is ModdleElement {
  return typeof value === 'object' && value !== null && typeof (value as { $type?: unknown }).$type === 'string';
}

/** A string property, or a string from the element's foreign attributes. */
export function stringProp(element: ModdleElement, name: string): string | undefined {
  const value = element[name];
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const attr = element.$attrs?.[name];
  return typeof attr === 'string' ? attr : undefined;
}

/**
 * A string attribute only when written in the XML: moddle answers schema defaults
 * (e.g. `bindingType` → `latest`) for attributes that are absent.
 */
export function explicitStringProp(element: ModdleElement, name: string): string | undefined {
  return Object.hasOwn(element, name) ? stringProp(element, name) : element.$attrs?.[name];
}

/** A single-element property (reference or containment). */
export function elementProp(element: ModdleElement, name: string): ModdleElement | undefined {
  const value = element[name];
  return isModdleElement(value) ? value : undefined;
}

/** A many-valued property; empty when absent. */
export function elementList(element: ModdleElement, name: string): ModdleElement[] {
  const value = element[name];
  return Array.isArray(value) ? value.filter(isModdleElement) : [];
}

/** The type name without namespace prefix: `bpmn:ServiceTask` → `ServiceTask`. */
export function localTypeName(type: string): string {
  const colon = type.indexOf(':');
  return colon === -1 ? type : type.slice(colon + 1);
}

/** Extension elements of the given moddle type (e.g. `zeebe:TaskDefinition`). */
export function extensionsOfType(element: ModdleElement, type: string): ModdleElement[] {
  const container = elementProp(element, 'extensionElements');
  if (!container) return [];
  return elementList(container, 'values').filter((value) => value.$type === type);
}

/** The single extension element of the given type, if present (the first when several). */
export function extension(element: ModdleElement, type: string): ModdleElement | undefined {
  return extensionsOfType(element, type)[0];
}
