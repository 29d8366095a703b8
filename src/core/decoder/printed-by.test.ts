import { describe, expect, it } from 'vitest';
import { CLIENT_MESSAGES } from '../clients/messages.ts';
import { printedBy } from './printed-by.ts';
import { STACK_ENTRIES } from './stacks/index.ts';

describe('printedBy: who printed a message, in product names (issue 14: no internal ids in what users read)', () => {
  it('names the shared clients and the other stacks by their product names', () => {
    expect(['python', 'node', 'dotnet', 'schannel', 'libpq', 'curl'].map((id) => printedBy(id as Parameters<typeof printedBy>[0]))).toEqual([
      'Python (ssl / requests)',
      'Node.js (tls / https / fetch)',
      '.NET (SslStream / HttpClient)',
      'Windows Schannel',
      'PostgreSQL client (libpq / psql)',
      'curl',
    ]);
  });

  it('has a name for every client and stack the decoder can report', () => {
    const ids = new Set([...CLIENT_MESSAGES.map((m) => m.client), ...STACK_ENTRIES.map((e) => e.stack)]);
    const unnamed = [...ids].filter((id) => !printedBy(id));
    expect(unnamed).toEqual([]);
  });
});
