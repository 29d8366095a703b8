/** Tiny DOM helpers: every piece of data goes in through textContent, never as HTML. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  ...children: (Node | string | undefined)[]
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') e.className = v;
    else e.setAttribute(k, v);
  }
  for (const c of children) {
    if (c === undefined) continue;
    e.append(typeof c === 'string' ? document.createTextNode(c) : c);
  }
  return e;
}

export function text<K extends keyof HTMLElementTagNameMap>(tag: K, value: string, attrs: Record<string, string> = {}): HTMLElementTagNameMap[K] {
  const e = el(tag, attrs);
  e.textContent = value;
  return e;
}
