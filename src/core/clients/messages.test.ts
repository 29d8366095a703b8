import { describe, expect, it } from 'vitest';
import { CAUSE_IDS } from '../causes/cause-id.ts';
import { CLIENT_MESSAGES, messageById } from './messages.ts';

describe('client message table', () => {
  it('has one entry per (client, id)', () => {
    const keys = CLIENT_MESSAGES.map((m) => `${m.client}/${m.id}`);
    expect(keys.length - new Set(keys).size).toBe(0);
  });

  it('gives every entry a known cause and a source', () => {
    const bad = CLIENT_MESSAGES.filter((m) => !(m.cause === 'from-code' || (CAUSE_IDS as readonly string[]).includes(m.cause)) || m.source.length < 20);
    expect(bad).toEqual([]);
  });

  it('covers every client named in the brief', () => {
    const counts = Object.fromEntries(
      ['openssl', 'curl', 'python', 'node', 'java', 'go', 'rustls', 'dotnet', 'chrome', 'firefox'].map((c) => [
        c,
        CLIENT_MESSAGES.filter((m) => m.client === c).length > 0,
      ]),
    );
    expect(counts).toEqual({
      openssl: true,
      curl: true,
      python: true,
      node: true,
      java: true,
      go: true,
      rustls: true,
      dotnet: true,
      chrome: true,
      firefox: true,
    });
  });

  it('holds curl exit codes 35, 51, 58, 60, 77, 83, 90 and 91', () => {
    const codes = [...new Set(CLIENT_MESSAGES.filter((m) => m.client === 'curl').map((m) => m.errorCode))].sort();
    expect(codes).toEqual(['35', '51', '56', '58', '60', '77', '83', '90', '91']);
  });

  it('finds an entry by id and names the known ids when it cannot', () => {
    expect(messageById('go', 'hostname').template).toBe('x509: certificate is valid for {names}, not {host}');
    expect(() => messageById('go', 'nope')).toThrow(/No client message go\/nope\. Known ids for go: tls-prefix, http-get, unknown-authority/);
  });
});
