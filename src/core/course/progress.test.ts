import { describe, expect, it } from 'vitest';
import { emptyProgress, lessonState, markExercise, markPassed, markRead, parseProgress, summarize } from './progress.ts';

const LESSONS = ['chain-of-trust', 'keys-and-files', 'reading-the-handshake'];

describe('parseProgress', () => {
  it('reads what the widgets stored', () => {
    const p = markPassed(markRead(emptyProgress(), 'chain-of-trust', 1000), 'keys-and-files', 2000);
    expect(parseProgress(JSON.stringify(p))).toEqual({
      read: { 'chain-of-trust': 1000, 'keys-and-files': 2000 },
      passed: { 'keys-and-files': 2000 },
      exercises: {},
    });
  });

  it('keeps solved exercises, and reads progress stored before exercises existed', () => {
    const p = markExercise(markExercise(emptyProgress(), 'keys-and-files-fullchain', 3000), 'keys-and-files-fullchain', 4000);
    expect(parseProgress(JSON.stringify(p))).toEqual({ read: {}, passed: {}, exercises: { 'keys-and-files-fullchain': 3000 } });
    expect(parseProgress(JSON.stringify({ read: { summary: 1 }, passed: {} }))).toEqual({ read: { summary: 1 }, passed: {}, exercises: {} });
    expect(markExercise(emptyProgress(), '<img>', 1)).toEqual(emptyProgress());
  });

  it('treats missing, garbage, huge or wrongly shaped storage as no progress', () => {
    for (const raw of [null, '', '{', 'null', '42', '[]', '"x"', JSON.stringify({ read: [1, 2] }), 'x'.repeat(200_000)]) {
      expect(parseProgress(raw)).toEqual({ read: {}, passed: {}, exercises: {} });
    }
  });

  it('drops entries with bad slugs or non-numeric times, keeps the rest', () => {
    const raw = JSON.stringify({ read: { 'chain-of-trust': 5, '<img>': 6, 'keys-and-files': 'yesterday' }, passed: { summary: Infinity } });
    expect(parseProgress(raw)).toEqual({ read: { 'chain-of-trust': 5 }, passed: {}, exercises: {} });
  });
});

describe('marking', () => {
  it('keeps the first time a lesson was read', () => {
    const p = markRead(markRead(emptyProgress(), 'summary', 1), 'summary', 2);
    expect(p).toEqual({ read: { summary: 1 }, passed: {}, exercises: {} });
  });

  it('passing a self-check also marks the lesson read', () => {
    expect(markPassed(emptyProgress(), 'summary', 7)).toEqual({ read: { summary: 7 }, passed: { summary: 7 }, exercises: {} });
    expect(lessonState(markPassed(emptyProgress(), 'summary', 7), 'summary')).toBe('passed');
    expect(lessonState(markRead(emptyProgress(), 'summary', 7), 'summary')).toBe('read');
    expect(lessonState(emptyProgress(), 'summary')).toBe('new');
  });
});

describe('summarize', () => {
  it('counts read and passed lessons of the course and names the next one to read', () => {
    const p = markPassed(markRead(emptyProgress(), 'chain-of-trust', 1), 'reading-the-handshake', 2);
    expect(summarize(p, LESSONS)).toEqual({ total: 3, read: 2, passed: 1, next: 'keys-and-files' });
    expect(summarize(emptyProgress(), LESSONS)).toEqual({ total: 3, read: 0, passed: 0, next: 'chain-of-trust' });
  });
});
