import { describe, expect, it } from 'vitest';
import { CAUSE_IDS } from '../../causes/cause-id.ts';
import { verifyCodeByNumber } from '../../codes/verify-codes.ts';
import { STACK_ENTRIES } from './index.ts';

describe('stack wordings (issue #11)', () => {
  it('gives every entry a unique id, a pattern or template, a known cause or code, and where it comes from', () => {
    const keys = STACK_ENTRIES.map((e) => `${e.stack}/${e.id}`);
    expect(new Set(keys).size).toBe(keys.length);
    const problems: string[] = [];
    for (const e of STACK_ENTRIES) {
      const key = `${e.stack}/${e.id}`;
      if (!e.pattern && !e.template) problems.push(`${key}: neither pattern nor template`);
      if (e.cause !== 'from-code' && !CAUSE_IDS.includes(e.cause)) problems.push(`${key}: unknown cause ${e.cause}`);
      if (e.code !== undefined && !verifyCodeByNumber(e.code).code) problems.push(`${key}: ${e.code} is no OpenSSL 3.0 verify code`);
      for (const a of e.alternatives ?? []) if (!CAUSE_IDS.includes(a)) problems.push(`${key}: unknown alternative ${a}`);
      if (e.alternatives && e.alternatives.length > 3) problems.push(`${key}: more than 3 readings`);
      if (!/github\.com|^[\w.-]+\/[\w.-]+ |winerror|Windows SDK|Debian apt|GNU wget|\.NET Framework|MariaDB|aosp/.test(e.source))
        problems.push(`${key}: source "${e.source}" names no repository or thread`);
    }
    expect(problems).toEqual([]);
  });
});
