/**
 * A tiny element builder. Text always goes in as text nodes, never parsed as HTML, so data from
 * the API (names, addresses, seQura's messages) can never become markup.
 */
export type Child = Node | string | number | null | undefined | false | Child[];
type Attrs = Record<string, string | number | boolean | null | undefined | ((event: Event) => void)>;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (typeof value === 'function') el.addEventListener(name.replace(/^on/, ''), value);
    else if (name === 'class') el.className = String(value);
    else if (value === true) el.setAttribute(name, '');
    else el.setAttribute(name, String(value));
  }
  append(el, ...children);
  return el;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) {
      append(parent, ...child);
      continue;
    }
    parent.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces every child of `el`. */
export function replace(el: Element, ...children: Child[]): void {
  el.replaceChildren();
  append(el, ...children);
}

let idCounter = 0;
/** A document-unique id, for label/aria wiring. */
export function uid(prefix: string): string {
  idCounter += 1;
  return `${prefix}-${idCounter}`;
}

/** A table with a caption and a header row; `rows` are arrays of cells. */
export function table(
  caption: string,
  headers: string[],
  rows: Child[][],
  options: { className?: string } = {},
): HTMLTableElement {
  return h(
    'table',
    { class: options.className ?? null },
    h('caption', {}, caption),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        headers.map((title) => h('th', { scope: 'col' }, title)),
      ),
    ),
    h(
      'tbody',
      {},
      rows.map((cells) =>
        h(
          'tr',
          {},
          cells.map((cell) => h('td', {}, cell)),
        ),
      ),
    ),
  );
}

/** A definition list from label/value pairs; empty values show as an em dash. */
export function details(pairs: [string, Child][], className = 'pairs'): HTMLDListElement {
  return h(
    'dl',
    { class: className },
    pairs.map(([label, value]) => [
      h('dt', {}, label),
      h('dd', {}, value === null || value === undefined || value === '' ? '—' : value),
    ]),
  );
}
