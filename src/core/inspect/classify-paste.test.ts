// classifyPaste on real texts (#14): PEM, DER and a .p12 made by the real openssl, an s_client
// transcript and client errors captured from the real programs (test/decoder-corpus), hosts as typed.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { classifyPaste, describePaste } from './classify-paste.ts';
import { makeChain, makeExtras, type Chain } from '../../../test/fixtures/inspect/openssl-chain.ts';

const corpus = JSON.parse(readFileSync(new URL('../../../test/decoder-corpus/captured.json', import.meta.url), 'utf8')) as {
  entries: { id: string; text: string }[];
};
const captured = (id: string) => corpus.entries.find((e) => e.id === id)!.text;

let chain: Chain;
const b64 = (file: string) => readFileSync(chain.path(file)).toString('base64');

beforeAll(() => {
  chain = makeChain();
  makeExtras(chain);
});

describe('classifyPaste', () => {
  it('sends a PEM bundle and a PEM key to the inspector', () => {
    expect(classifyPaste(chain.pem.ee + chain.pem.ica)).toEqual({ route: 'inspector', found: 'pem', labels: ['CERTIFICATE'] });
    expect(classifyPaste(`  ${chain.pem.eeKey}\n`)).toEqual({ route: 'inspector', found: 'pem', labels: ['PRIVATE KEY'] });
  });

  it('sends base64 DER, base64 of a .p12 and hex DER to the inspector, naming the kind', () => {
    expect(classifyPaste(b64('ee.der'))).toEqual({ route: 'inspector', found: 'der-base64', kind: 'certificate' });
    const p12 = classifyPaste(b64('modern.p12'));
    expect(p12).toEqual({ route: 'inspector', found: 'der-base64', kind: 'pkcs12' });
    expect(describePaste(p12)).toEqual('a PKCS#12 file (.p12/.pfx) in base64');
    expect(classifyPaste(readFileSync(chain.path('ee.der')).toString('hex'))).toEqual({ route: 'inspector', found: 'der-hex', kind: 'certificate' });
  });

  it('sends YAML with base64 PEM inside (a kubeconfig) to the inspector', () => {
    const kubeconfig = `apiVersion: v1\nclusters:\n- cluster:\n    certificate-authority-data: ${Buffer.from(chain.pem.root).toString('base64')}\n    server: https://k8s.example.com:6443\n`;
    expect(classifyPaste(kubeconfig)).toEqual({ route: 'inspector', found: 'embedded-pem' });
  });

  it('sends an s_client transcript to both tools', () => {
    const t = captured('incomplete-chain/openssl');
    expect(t).toContain('CONNECTED(');
    expect(classifyPaste(t)).toEqual({ route: 'both', found: 's_client' });
  });

  it('sends client errors, codes and names to the decoder', () => {
    const traceback = captured('incomplete-chain/python-ssl');
    expect(traceback).toContain('Traceback (most recent call last)');
    expect(classifyPaste(traceback)).toEqual({ route: 'decoder', found: 'text' });
    expect(classifyPaste(captured('expired/java'))).toEqual({ route: 'decoder', found: 'text' });
    expect(classifyPaste(captured('expired/node24'))).toEqual({ route: 'decoder', found: 'text' });
    for (const t of ['21', '10', 'CERT_HAS_EXPIRED', 'ERR_TLS_CERT_ALTNAME_INVALID', '(_ssl.c:1006)', 'x509: certificate signed by unknown authority']) {
      expect([t, classifyPaste(t)]).toEqual([t, { route: 'decoder', found: 'text' }]);
    }
  });

  it('sends a host, host:port, a URL and IP literals to the probe', () => {
    expect(classifyPaste('example.com')).toEqual({ route: 'probe', found: 'target', host: 'example.com', port: 443, portGiven: false });
    expect(classifyPaste(' Shop.Example.COM:8443 ')).toEqual({ route: 'probe', found: 'target', host: 'shop.example.com', port: 8443, portGiven: true });
    expect(classifyPaste('https://api.example.com/v1/items?x=1')).toEqual({
      route: 'probe',
      found: 'target',
      host: 'api.example.com',
      port: 443,
      portGiven: true,
    });
    expect(classifyPaste('192.0.2.10:993')).toEqual({ route: 'probe', found: 'target', host: '192.0.2.10', port: 993, portGiven: true });
    const v6 = classifyPaste('[2001:db8::1]:443');
    expect(v6).toEqual({ route: 'probe', found: 'target', host: '2001:db8::1', port: 443, portGiven: true });
    expect(describePaste(v6)).toEqual('a server: [2001:db8::1]:443');
  });

  it('says when there is nothing to route', () => {
    expect(classifyPaste(' \n\t')).toEqual({ route: 'none', found: 'empty' });
  });
});
