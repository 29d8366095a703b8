import { describe, expect, it } from 'vitest';
import { readingTime } from './reading-time.ts';

const prose = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(' ');

describe('readingTime', () => {
  it('counts prose at 150 words a minute and leaves out frontmatter, imports and tags', () => {
    const mdx = `---\ntitle: A lesson with many words in its title\n---\n\nimport X from './X.astro';\n\n${prose(300)}\n\n<X label="not read" />\n`;
    expect(readingTime(mdx)).toEqual({ proseWords: 300, codeWords: 0, practiceSteps: 0, quizQuestions: 0, minutes: 2, practiceMinutes: 0 });
  });

  it('reads code blocks and captured outputs at 100 words a minute', () => {
    const mdx = `${prose(150)}\n\n\`\`\`sh\n${prose(100)}\n\`\`\`\n\n<ExampleOutput of="lesson/out" title="Output" />\n<ExampleOutput of="lesson/unknown" />\n`;
    const capture = (of: string) => (of === 'lesson/out' ? prose(100) : undefined);
    expect(readingTime(mdx, capture)).toEqual({ proseWords: 150, codeWords: 200, practiceSteps: 0, quizQuestions: 0, minutes: 3, practiceMinutes: 0 });
  });

  it('times "Try it yourself" steps and self-check questions as practice, not as prose', () => {
    const mdx = [
      prose(150),
      '## Try it yourself',
      '1. Run the first command.',
      '2. Run the second one.',
      '3. Compare.',
      '## Check yourself',
      '<Quiz',
      '  lesson="x"',
      '  questions={[',
      "    { q: 'One?', options: ['a', 'b'], answer: 0, why: 'because', whyNot: { 1: 'not b' } },",
      "    { q: 'Two?', options: ['a', 'b'], answer: 1, why: 'because', whyNot: { 0: 'not a' } },",
      '  ]}',
      '/>',
      '## Next',
    ].join('\n');
    // prose: 150 words + "Try it yourself" (3) + the steps with their numbers (12) + "Check yourself" (2) + "Next" (1)
    expect(readingTime(mdx)).toEqual({ proseWords: 168, codeWords: 0, practiceSteps: 3, quizQuestions: 2, minutes: 1, practiceMinutes: 14 });
  });

  it('times a graded exercise as a practice step and reads only its task text', () => {
    const mdx = '## Try it yourself\n\n1. One step.\n\n<Exercise\n  id="x"\n  solution="`cat a > b`: the answer, not read"\n>\n\nThe task.\n\n</Exercise>\n';
    // prose: "Try it yourself" (3) + "1. One step." (3) + "The task." (2)
    expect(readingTime(mdx)).toEqual({ proseWords: 8, codeWords: 0, practiceSteps: 2, quizQuestions: 0, minutes: 1, practiceMinutes: 8 });
  });

  it('counts a "Try it yourself" section without a numbered list as one step', () => {
    expect(readingTime('## Try it yourself\n\nPick a service and audit it.\n').practiceSteps).toBe(1);
  });

  it('keeps the text inside components and says at least one minute', () => {
    expect(readingTime('<details><summary>Why?</summary>Because.</details>')).toEqual({
      proseWords: 2,
      codeWords: 0,
      practiceSteps: 0,
      quizQuestions: 0,
      minutes: 1,
      practiceMinutes: 0,
    });
  });

  it('does not count punctuation-only tokens such as list markers or arrows', () => {
    expect(readingTime('- one\n- two → three').proseWords).toBe(3);
  });
});
