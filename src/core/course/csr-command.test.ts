import { describe, expect, it } from 'vitest';
import { gradeCsrCommand } from './csr-command.ts';
import { shellWords } from './shell-words.ts';

const TASK = { names: ['api.example.com', 'www.api.example.com'], key: 'ec' as const };
const GOOD =
  'openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -noenc -keyout api.key -subj "/CN=api.example.com" -addext "subjectAltName=DNS:api.example.com,DNS:www.api.example.com" -out api.csr';
const kinds = (cmd: string) => gradeCsrCommand(cmd, TASK).problems.map((p) => p.kind);

describe('shellWords', () => {
  it('reads quotes, escapes, continuations and comments as a shell does', () => {
    expect(shellWords(`openssl req -subj '/CN=a b' -addext "x=\\"y\\"" \\\n  -out a\\ b.csr # done`)).toEqual([
      'openssl',
      'req',
      '-subj',
      '/CN=a b',
      '-addext',
      'x="y"',
      '-out',
      'a b.csr',
    ]);
    expect(shellWords('a | b; c')).toEqual(['a', '|', 'b', ';', 'c']);
  });
});

describe('gradeCsrCommand', () => {
  it('accepts a new P-256 key and a CSR with exactly the two names', () => {
    expect(gradeCsrCommand(GOOD, TASK)).toEqual({ ok: true, problems: [] });
    // names in any order and case, split over two -addext, -nodes, on several lines
    expect(
      gradeCsrCommand(
        'openssl req -newkey ec:p256.pem -nodes -keyout k \\\n -subj /CN=x -addext subjectAltName=DNS:WWW.api.example.com,DNS:api.example.com -out r.csr',
        TASK,
      ),
    ).toEqual({ ok: true, problems: [] });
  });

  it('names each mistake', () => {
    expect(kinds('openssl x509 -in a.pem')).toEqual(['not-openssl-req']);
    expect(kinds(GOOD.replace('-new ', '-x509 -new '))).toEqual(['self-signed-instead']);
    expect(kinds(GOOD.replace('-newkey ec -pkeyopt ec_paramgen_curve:P-256', '-newkey rsa:2048'))).toEqual(['wrong-key-type']);
    expect(kinds(GOOD.replace(' -pkeyopt ec_paramgen_curve:P-256', ''))).toEqual(['ec-curve-missing']);
    expect(kinds(GOOD.replace('-newkey ec -pkeyopt ec_paramgen_curve:P-256 -noenc -keyout api.key', '-key api.key'))).toEqual(['no-new-key']);
    expect(kinds(GOOD.replace(' -noenc', ''))).toEqual(['key-passphrase']);
    expect(kinds(GOOD.replace(' -subj "/CN=api.example.com"', ''))).toEqual(['subject-missing']);
    expect(kinds(GOOD.replace(/ -addext "[^"]+"/, ''))).toEqual(['san-missing']);
    expect(kinds(GOOD.replace(',DNS:www.api.example.com', ''))).toEqual(['san-names-missing']);
    expect(kinds(GOOD.replace('DNS:www.api.example.com', 'DNS:www.api.example.com,DNS:evil.example'))).toEqual(['san-names-extra']);
    expect(kinds(GOOD.replace('DNS:www.api.example.com', 'www.api.example.com'))).toEqual(['san-not-dns', 'san-names-missing']);
  });

  it('says what is missing without giving the command', () => {
    expect(gradeCsrCommand(GOOD.replace(',DNS:www.api.example.com', ''), TASK).problems).toEqual([
      { kind: 'san-names-missing', message: 'The SAN lacks www.api.example.com.' },
    ]);
  });
});
