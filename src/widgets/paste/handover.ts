/**
 * Hands a paste from one page to a tool page in the same tab without putting it in a URL:
 * certificates and keys may be private, so they travel through sessionStorage (this tab only,
 * gone when it closes) and are removed as soon as the tool page reads them.
 */
export type HandoverTool = 'inspector' | 'decoder';

const key = (tool: HandoverTool) => `certlab:handover:${tool}`;

export function handOver(tool: HandoverTool, text: string): boolean {
  try {
    sessionStorage.setItem(key(tool), text);
    return true;
  } catch {
    return false; // storage off or full: the caller says so
  }
}

/** The text handed to `tool`, once: reading it removes it. */
export function takeHandover(tool: HandoverTool): string | null {
  try {
    const text = sessionStorage.getItem(key(tool));
    if (text !== null) sessionStorage.removeItem(key(tool));
    return text;
  } catch {
    return null;
  }
}
