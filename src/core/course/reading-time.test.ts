import { describe, expect, it } from 'vitest';
import { readingTime } from './reading-time.ts';

const prose = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(' ');

describe('readingTime', () => {
  it('counts prose at 200 words a minute and leaves out frontmatter, imports and tags', () => {
    const mdx = `---\ntitle: A lesson with many words in its title\n---\n\nimport X from './X.astro';\n\n${prose(400)}\n\n<X label="not read" />\n`;
    expect(readingTime(mdx)).toEqual({ proseWords: 400, codeWords: 0, minutes: 2 });
  });

  it('counts code at a third of its words', () => {
    const mdx = `${prose(100)}\n\n\`\`\`sh\n${prose(300)}\n\`\`\`\n`;
    expect(readingTime(mdx)).toEqual({ proseWords: 100, codeWords: 300, minutes: 1 });
  });

  it('keeps the text inside components and says at least one minute', () => {
    expect(readingTime('<details><summary>Why?</summary>Because.</details>')).toEqual({ proseWords: 2, codeWords: 0, minutes: 1 });
  });

  it('does not count punctuation-only tokens such as list markers or arrows', () => {
    expect(readingTime('- one\n- two → three')).toEqual({ proseWords: 3, codeWords: 0, minutes: 1 });
  });
});
