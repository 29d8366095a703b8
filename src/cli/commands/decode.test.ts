import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { run } from './decode.ts';

function io(stdin = '') {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out, err,
    io: { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t), readStdin: async () => new TextEncoder().encode(stdin) },
  };
}

describe('certlab decode', () => {
  it('prints the JSON shape for a code given as an argument', async () => {
    const t = io();
    expect(await run(['--json', '10'], t.io)).toBe(0);
    const j = JSON.parse(t.out.join(''));
    expect({ cause: j.cause, liability: j.liability, code: j.code, name: j.name, client: j.client, lesson: j.lesson, next: j.next }).toEqual({
      cause: 'expired', liability: 'server', code: 10, name: 'X509_V_ERR_CERT_HAS_EXPIRED', client: null,
      lesson: '/lessons/reading-a-certificate/#validity',
      next: "openssl s_client -connect HOST:443 -servername HOST -showcerts </dev/null 2>/dev/null | grep -E '^ *(depth|v:|Verify)'; date -u",
    });
    expect(Object.keys(j.actions)).toEqual(['server', 'client']);
  });

  it('reads standard input when no text is given, and exits 1 when nothing is placed', async () => {
    const t = io("Error [ERR_TLS_CERT_ALTNAME_INVALID]: Hostname/IP does not match certificate's altnames: Host: shop.example.com. is not in the cert's altnames: DNS:www.example.org");
    expect(await run([], t.io)).toBe(0);
    expect(t.out.join('')).toContain('cause:      hostname-mismatch');
    expect(t.out.join('')).toContain('confirm with: openssl s_client -connect shop.example.com:443 -servername shop.example.com </dev/null 2>/dev/null | openssl x509 -noout -subject -ext subjectAltName');
    const u = io('all is well');
    expect(await run([], u.io)).toBe(1);
  });

  it('rejects unknown options and empty input with a usage message', async () => {
    const t = io();
    expect(await run(['--yaml'], t.io)).toBe(2);
    expect(t.err.join('')).toContain('unknown option "--yaml". Expected --json or --help.');
    const e = io('   ');
    expect(await run([], e.io)).toBe(2);
  });

  it('runs as the real command line', () => {
    const r = spawnSync('npm', ['run', '-s', 'certlab', '--', 'decode', '--json', 'X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ cause: 'unknown-ca', code: 19, liability: 'both' });
  });
});
