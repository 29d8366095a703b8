/**
 * One copy-to-clipboard helper for every tool: a button that copies a text, says "Copied" for
 * a moment (or, where the clipboard is refused, selects the text and says "Press Ctrl+C"), and
 * the two uses built on it: a button on each command block (`addCopyButtons`) and a button that
 * copies the link to a result (`copyLinkButton`).
 */
import { el } from './dom.ts';

const SHOWN_MS = 2000;

/** Copies `text`; false when the browser refuses (no permission, not a secure context). */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

function selectContents(node: Node): void {
  const range = document.createRange();
  range.selectNodeContents(node);
  const sel = getSelection();
  sel?.removeAllRanges();
  sel?.addRange(range);
}

/**
 * A button that copies what `get()` returns when pressed. `select` is the node to select when
 * the clipboard is refused, so the reader can copy it by hand.
 */
export function copyButton(label: string, get: () => string, select?: Node): HTMLButtonElement {
  const button = el('button', { type: 'button', class: 'certlab-copy', 'data-copy-button': '' }, label);
  let timer: ReturnType<typeof setTimeout> | undefined;
  button.addEventListener('click', async () => {
    const ok = await copyText(get());
    if (!ok && select) selectContents(select);
    button.textContent = ok ? 'Copied' : 'Press Ctrl+C';
    button.dataset.copied = ok ? 'true' : 'false';
    clearTimeout(timer);
    timer = setTimeout(() => {
      button.textContent = label;
      delete button.dataset.copied;
    }, SHOWN_MS);
  });
  return button;
}

/** The text a command block copies: its data-copy, else its text without a leading "$ " prompt. */
export function commandText(pre: HTMLElement): string {
  return pre.dataset.copy ?? (pre.textContent ?? '').replace(/^\$ /gm, '');
}

/**
 * Puts a Copy button on every `pre` under `root` that has none yet (each block is wrapped once
 * in a `.certlab-code` box that holds the button). Call it after each render.
 */
export function addCopyButtons(root: ParentNode, selector = 'pre'): void {
  for (const pre of root.querySelectorAll<HTMLElement>(selector)) {
    if (pre.parentElement?.classList.contains('certlab-code')) continue;
    const box = el('div', { class: 'certlab-code' });
    pre.replaceWith(box);
    box.append(
      pre,
      copyButton('Copy', () => commandText(pre), pre),
    );
  }
}

/**
 * A "Copy link" row for a result: the link is what `href()` returns when pressed (the page
 * address after the tool wrote its state into it, as a rule).
 */
export function copyLinkButton(href: () => string, note = 'Opening it shows this result again.'): HTMLElement {
  const link = el('p', { class: 'certlab-result-link', 'data-result-link': '' });
  link.append(copyButton('Copy link to this result', href), ` ${note}`);
  return link;
}
