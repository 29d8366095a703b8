import { describe, expect, it } from 'vitest';
import { gradeCaSetting } from './ca-setting.ts';

const PATH = '~/corp-root.pem';
const kinds = (tool: Parameters<typeof gradeCaSetting>[0], answer: string) => gradeCaSetting(tool, answer, PATH).problems.map((p) => p.kind);

describe('gradeCaSetting', () => {
  it.each([
    ['git', 'git config --global http.sslCAInfo ~/corp-root.pem'],
    ['git', 'export GIT_SSL_CAINFO=~/corp-root.pem'],
    ['pip', 'pip config set global.cert ~/corp-root.pem'],
    ['pip', 'PIP_CERT=~/corp-root.pem pip install requests'],
    ['pip', 'pip install --cert ~/corp-root.pem requests'],
    ['npm', 'npm config set cafile ~/corp-root.pem'],
    ['npm', 'export NODE_EXTRA_CA_CERTS=~/corp-root.pem'],
    ['aws', 'aws configure set ca_bundle ~/corp-root.pem'],
    ['aws', 'export AWS_CA_BUNDLE="$HOME/corp-root.pem"'],
    ['conda', 'conda config --set ssl_verify ~/corp-root.pem'],
    ['node', 'NODE_EXTRA_CA_CERTS=~/corp-root.pem node app.js'],
    ['requests', 'export REQUESTS_CA_BUNDLE=~/corp-root.pem'],
    ['curl', 'curl --cacert ~/corp-root.pem https://example.com/'],
    ['go', 'SSL_CERT_FILE=~/corp-root.pem go get ./...'],
  ] as const)('%s: accepts %s', (tool, answer) => {
    expect(gradeCaSetting(tool, answer, tool === 'aws' && answer.includes('$HOME') ? '$HOME/corp-root.pem' : PATH)).toEqual({ ok: true, problems: [] });
  });

  it('never accepts turning verification off', () => {
    expect(kinds('git', 'git config --global http.sslVerify false')).toEqual(['disables-verification']);
    expect(kinds('npm', 'npm config set strict-ssl false')).toEqual(['disables-verification']);
    expect(kinds('pip', 'pip install --trusted-host pypi.org requests')).toEqual(['disables-verification']);
    expect(kinds('node', 'NODE_TLS_REJECT_UNAUTHORIZED=0 node app.js')).toEqual(['disables-verification']);
    expect(kinds('conda', 'conda config --set ssl_verify false')).toEqual(['disables-verification']);
  });

  it("names another tool's setting, a non-setting, and a wrong file", () => {
    expect(gradeCaSetting('requests', 'export SSL_CERT_FILE=~/corp-root.pem', PATH)).toEqual({
      ok: false,
      problems: [{ kind: 'wrong-tool', message: 'That setting is read by Go programs, not by Python requests.' }],
    });
    expect(kinds('git', 'export NODE_EXTRA_CA_CERTS=~/corp-root.pem')).toEqual(['wrong-tool']);
    expect(kinds('pip', 'pip install requests')).toEqual(['not-a-ca-setting']);
    expect(kinds('git', 'git config --global http.sslCAInfo /etc/ssl/certs/ca-certificates.crt')).toEqual(['path-missing']);
    expect(kinds('npm', '   ')).toEqual(['empty']);
  });
});
