/**
 * Estimated reading time of a lesson from its MDX source, computed at build time.
 * Prose is read at about 200 words a minute; code and command output are skimmed, counted at
 * a third of their words. Frontmatter, imports and component tags are not read at all.
 */
export const WORDS_PER_MINUTE = 200;

export interface ReadingTime {
  proseWords: number;
  codeWords: number;
  minutes: number;
}

const words = (text: string): number => text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;

export function readingTime(mdx: string): ReadingTime {
  let body = mdx.replace(/^---\n[\s\S]*?\n---\n/, '');
  let codeWords = 0;
  body = body.replace(/^(```|~~~)[^\n]*\n([\s\S]*?)^\1[ \t]*$/gm, (_m, _fence: string, code: string) => {
    codeWords += words(code);
    return '\n';
  });
  body = body
    .replace(/^(import|export)\s.*$/gm, '')
    .replace(/<\/?[A-Za-z][^>]*>/g, ' ') // component and HTML tags (their text content stays)
    .replace(/\{[^{}]*\}/g, ' '); // JSX expressions such as {props}
  const proseWords = words(body);
  const minutes = Math.max(1, Math.round((proseWords + codeWords / 3) / WORDS_PER_MINUTE));
  return { proseWords, codeWords, minutes };
}
