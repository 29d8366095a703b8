/**
 * The exercise graders on the course's lab PKI (public/examples/lab/, made by
 * scripts/examples/lab-pki.sh):
 *
 *   certlab Lab Root CA -> certlab Lab Issuing CA 1 (pathlen:0) -> api.example.com
 *
 * and on messages captured from real clients (scripts/examples/out/).
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { webcrypto } from 'node:crypto';
import { gradeDecode, gradeFullchain } from './exercises.ts';

const repo = resolve(import.meta.dirname, '../../..');
const lab = (name: string) => readFileSync(join(repo, 'public/examples/lab', name), 'utf8');
const LEAF = lab('leaf.pem');
const ICA = lab('intermediate.pem');
const ROOT = lab('root.pem');
const opts = { subtle: webcrypto.subtle as SubtleCrypto, at: Date.UTC(2026, 5, 1) };
const kinds = async (pem: string) => {
  const g = await gradeFullchain(pem, opts);
  return { ok: g.ok, kinds: g.problems.map((p) => p.kind) };
};

describe('gradeFullchain', () => {
  it('accepts the leaf followed by its intermediate', async () => {
    expect(await gradeFullchain(LEAF + ICA, opts)).toEqual({ ok: true, problems: [] });
  });

  it('names each mistake', async () => {
    expect(await kinds(ICA + LEAF)).toEqual({ ok: false, kinds: ['wrong-order'] });
    expect(await kinds(LEAF)).toEqual({ ok: false, kinds: ['intermediate-missing'] });
    expect(await kinds(LEAF + ICA + ROOT)).toEqual({ ok: false, kinds: ['root-included'] });
    expect(await kinds(LEAF + ICA + lab('leaf.key'))).toEqual({ ok: false, kinds: ['private-key'] });
    expect(await kinds('')).toEqual({ ok: false, kinds: ['nothing-readable'] });
    expect(await kinds('hello')).toEqual({ ok: false, kinds: ['nothing-readable'] });
  });

  it('never puts the answer in a problem message', async () => {
    const g = await gradeFullchain(ICA + LEAF, opts);
    expect(g.problems.map((p) => p.message).join(' ')).not.toContain('BEGIN CERTIFICATE');
  });
});

describe('gradeDecode', () => {
  // The last line Python printed against the lab's expired server (why-it-breaks.sh).
  const expired = readFileSync(join(repo, 'scripts/examples/out/why-it-breaks/expired.txt'), 'utf8')
    .split('\n')
    .find((l) => l.startsWith('requests.exceptions.SSLError'))!;

  it('reads the code and the culprit from the decoder', () => {
    expect(expired).toContain('certificate has expired');
    expect(gradeDecode(expired, { code: 10, liability: 'server' })).toEqual({ ok: true, problems: [] });
  });

  it('names a wrong code, a wrong culprit and missing answers', () => {
    expect(gradeDecode(expired, { code: 20, liability: 'client' }).problems.map((p) => p.kind)).toEqual(['code-wrong', 'liability-wrong']);
    expect(gradeDecode(expired, { code: null, liability: null }).problems.map((p) => p.kind)).toEqual(['code-missing', 'liability-missing']);
  });

  it('refuses a message with no code in it, naming what it received', () => {
    expect(() => gradeDecode('all good', { code: 0, liability: 'server' })).toThrow('Received: all good. Expected a message that names one.');
  });
});
