import { describe, expect, it } from 'vitest';
import type { PlatformVerdict, VersionVerdict } from './matrix.ts';
import { platformSentence, platformShortName } from './sentence.ts';

const isrg = { sha256: 'aa', name: 'ISRG Root X1' };
const dst = { sha256: 'bb', name: 'DST Root CA X3' };
const v = (version: string, date: string, trusted: boolean, anchor = isrg): VersionVerdict => ({
  version,
  date,
  trusted,
  anchor: trusted ? anchor : null,
  failure: trusted
    ? null
    : { code: 20, name: 'X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY', text: 'unable to get local issuer certificate', kind: 'IssuerNotFound', depth: 1 },
});
const platform = (versions: VersionVerdict[], over: Partial<PlatformVerdict> = {}): PlatformVerdict => {
  const first = versions.findIndex((x) => x.trusted);
  return {
    id: 'certifi',
    name: 'certifi (Python; Mozilla roots)',
    checksAnchorExpiry: true,
    newest: versions.at(-1)!,
    oldestTrusting: first >= 0 ? { version: versions[first].version, date: versions[first].date } : null,
    firstStopped: null,
    anchorExpired: null,
    versions,
    ...over,
  };
};

describe('platformSentence', () => {
  it('names the last failing version and the version the root arrived in', () => {
    const p = platform([
      v('2016.2.28', '2016-02-28', false),
      v('2016.8.2', '2016-08-02', false),
      v('2016.8.8', '2016-08-08', true),
      v('2026.10.18', '2026-10-18', true),
    ]);
    expect(platformSentence(p)).toBe('certifi 2016.8.2 and older fail: ISRG Root X1 reached certifi in 2016.8.8 (2016-08-08).');
  });

  it('every version trusts', () => {
    expect(platformSentence(platform([v('0.0.3', '2011-12-28', true), v('2026.10.18', '2026-10-18', true)]))).toBe(
      'Every certifi version on record trusts it (0.0.3, 2011-12-28, to 2026.10.18), through ISRG Root X1.',
    );
  });

  it('the newest does not: when it stopped and which root was removed, and the expired root', () => {
    const p = platform([v('2021.5.30', '2021-05-30', true, dst), v('2021.10.8', '2021-10-08', true, dst), v('2022.5.18.1', '2022-05-18', false)], {
      firstStopped: { version: '2022.5.18.1', date: '2022-05-18', reason: 'removed', root: dst },
      anchorExpired: { ...dst, notAfter: '2021-09-30T14:01:15.000Z' },
    });
    expect(platformSentence(p)).toBe(
      'certifi 2022.5.18.1 (newest on record) does not trust this chain: unable to get local issuer certificate. It stopped in 2022.5.18.1 (2022-05-18), which removed DST Root CA X3. Its root DST Root CA X3 expired on 2021-09-30.',
    );
  });

  it('no version trusts it; a platform that ignores anchor expiry says so', () => {
    expect(platformSentence(platform([v('1', '2020-01-01', false), v('2', '2021-01-01', false)]))).toBe(
      'certifi 2 (newest on record) does not trust this chain: unable to get local issuer certificate. No certifi version on record trusts it.',
    );
    const java = platform([v('25.0.3', '2026-04-21', true, dst)], {
      id: 'java',
      name: 'OpenJDK cacerts',
      checksAnchorExpiry: false,
      anchorExpired: { ...dst, notAfter: '2021-09-30T14:01:15.000Z' },
    });
    expect(platformSentence(java)).toBe(
      'OpenJDK cacerts 25.0.3 (2026-04-21, the only version on record) trusts it, through DST Root CA X3. Its root DST Root CA X3 expired on 2021-09-30, which this platform ignores.',
    );
  });

  it('short names', () => {
    expect(
      [
        'Node.js bundled roots (tls.rootCertificates; Mozilla NSS at the release)',
        'Debian ca-certificates (what OpenSSL, curl and Python read on Debian)',
        'OpenJDK cacerts',
      ].map(platformShortName),
    ).toEqual(['Node.js', 'Debian ca-certificates', 'OpenJDK cacerts']);
  });
});
