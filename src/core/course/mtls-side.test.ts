/** The logs are lines real programs printed against the lab's mTLS server (scripts/examples/out/mtls/). */
import { describe, expect, it } from 'vitest';
import { gradeMtlsSide, readMtlsLog } from './mtls-side.ts';

const NO_CERT = 'curl: (56) OpenSSL SSL_read: error:0A00045C:SSL routines::tlsv13 alert certificate required, errno 0';
const UNKNOWN_CA = 'curl: (56) OpenSSL SSL_read: error:0A000418:SSL routines::tlsv1 alert unknown ca, errno 0';
const CLIENT_SIDE = 'curl: (60) SSL certificate problem: unable to get local issuer certificate';

describe('readMtlsLog', () => {
  it('reads which check failed, and the line that shows it', () => {
    expect(readMtlsLog(`* connected\n${NO_CERT}\n`)).toEqual({ failure: 'client-sent-no-certificate', evidence: NO_CERT });
    expect(readMtlsLog(UNKNOWN_CA)).toEqual({ failure: 'server-rejected-client-certificate', evidence: UNKNOWN_CA });
    expect(readMtlsLog(CLIENT_SIDE)).toEqual({ failure: 'client-rejected-server-certificate', evidence: CLIENT_SIDE });
    expect(readMtlsLog('<center><h1>400 Bad Request</h1></center>\n<center>No required SSL certificate was sent</center>')?.failure).toEqual(
      'client-sent-no-certificate',
    );
    expect(readMtlsLog('[info] 6613#6613: *1 client sent no required SSL certificate while reading client request headers')?.failure).toEqual(
      'client-sent-no-certificate',
    );
    expect(readMtlsLog('[info] 6613#6613: *2 client SSL certificate verify error: (21:unable to verify the first certificate)')?.failure).toEqual(
      'server-rejected-client-certificate',
    );
    expect(readMtlsLog('HTTP/1.1 200 OK')).toEqual(null);
  });
});

describe('gradeMtlsSide', () => {
  it('accepts the side the log shows and hints at the other', () => {
    expect(gradeMtlsSide(UNKNOWN_CA, 'server-rejected-client-certificate')).toEqual({ ok: true, problems: [] });
    expect(gradeMtlsSide(UNKNOWN_CA, 'client-sent-no-certificate')).toEqual({
      ok: false,
      problems: [
        {
          kind: 'answer-wrong',
          message:
            'Not that one. A client that sent a certificate can still be refused: look for an alert the server sent (unknown ca, bad certificate, certificate expired).',
        },
      ],
    });
    expect(gradeMtlsSide(NO_CERT, null)).toEqual({ ok: false, problems: [{ kind: 'answer-missing', message: 'Pick which check failed.' }] });
    expect(() => gradeMtlsSide('all fine', 'client-sent-no-certificate')).toThrow('shows no mTLS failure');
  });
});
