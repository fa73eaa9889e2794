// A small DOM builder: the client has no framework, so every view is made of these calls.

type Child = Node | string | number | null | undefined | false;
type Attr = string | number | boolean | null | undefined | EventListener;

/** `h('button', {type: 'button', onclick: fn}, 'Save')`: attributes, `on*` listeners, children. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, Attr> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (typeof value === 'function') {
      el.addEventListener(name.replace(/^on/, ''), value);
    } else if (value === true) {
      el.setAttribute(name, '');
    } else if (value !== false && value !== null && value !== undefined) {
      el.setAttribute(name, String(value));
    }
  }
  append(el, ...children);
  return el;
}

export function append(parent: Element, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    parent.append(child instanceof Node ? child : String(child));
  }
}

/** Replaces an element's children. */
export function fill(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, ...children);
}

let ids = 0;
/** A unique element id, for label/for and aria-describedby pairs. */
export function uid(prefix: string): string {
  ids += 1;
  return `${prefix}-${ids}`;
}

/** An input of a form: its name (the field it sends), its type, other attributes. */
export function formInput(
  name: string,
  type: string,
  attrs: Record<string, Attr> = {},
): HTMLInputElement {
  return h('input', { name, type, ...attrs });
}

export type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

/** A labelled form field: the label names the control, as screen readers need. */
export function field(label: string, control: Control): HTMLDivElement {
  control.id ||= uid('f');
  return h('div', { class: 'field' }, h('label', { for: control.id }, label), control);
}

/**
 * A one-row form named `label` (aria-label): labelled fields, then its submit button. On submit,
 * instead of a page load, `onSubmit` runs with that button (to disable it while busy).
 */
export function inlineForm(
  label: string,
  fields: [string, Control][],
  submitText: string,
  onSubmit: (submit: HTMLButtonElement) => void,
): HTMLFormElement {
  const submit = h('button', { type: 'submit' }, submitText);
  const form = h(
    'form',
    { class: 'inline-form', 'aria-label': label },
    ...fields.map(([text, control]) => field(text, control)),
    submit,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    onSubmit(submit);
  });
  return form;
}

export function select(
  name: string,
  options: [string, string][],
  value?: string,
): HTMLSelectElement {
  const el = h('select', { name });
  for (const [v, text] of options) {
    el.append(h('option', { value: v, selected: v === value }, text));
  }
  return el;
}

/** Two decimals at most, thousands grouped. */
export function num(value: number, digits = 2): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: digits });
}

/** Seconds as "1 h 05 min", "12 min 30 s" or "45 s". */
export function duration(seconds: number): string {
  const s = Math.round(seconds);
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  if (hours > 0) {
    return `${hours} h ${String(minutes).padStart(2, '0')} min`;
  }
  if (minutes > 0) {
    return `${minutes} min ${s % 60} s`;
  }
  return `${s} s`;
}

/** The date part of an ISO time (UTC). */
export function day(iso: string): string {
  return iso.slice(0, 10);
}
