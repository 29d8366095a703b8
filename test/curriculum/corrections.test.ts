/**
 * Issue 15: the expert review's errors in the lessons stay corrected. For each one, the wrong
 * statement must be absent from the lesson sources (and the scripts or captures that back
 * them), and the corrected claim present. Text is compared with runs of white space folded to
 * one space, so re-wrapping a paragraph does not break a check, but rewording it does: a
 * deliberate rewording must keep the corrected claim.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ANNOTATIONS } from '../../src/core/codes/verify-annotations.ts';

const root = resolve(import.meta.dirname, '../..');
const fold = (s: string) => s.replace(/\s+/g, ' ');
const read = (path: string) => fold(readFileSync(join(root, path), 'utf8'));
const lesson = (slug: string) => read(`content/lessons/${slug}.mdx`);
const capture = (name: string) => readFileSync(join(root, 'scripts/examples/out', `${name}.txt`), 'utf8');
const LESSONS = readdirSync(join(root, 'content/lessons'))
  .filter((f) => f.endsWith('.mdx'))
  .map((f) => f.replace(/\.mdx$/, ''));
const allLessons = () => LESSONS.map((slug) => ({ slug, text: lesson(slug) }));

/** The lessons (by slug) whose text contains `needle`. */
const lessonsWith = (needle: string) =>
  allLessons()
    .filter((l) => l.text.includes(needle))
    .map((l) => l.slug);

describe('High', () => {
  it('"Verify return code: 0" is not "every check passed": s_client checks no host name without -verify_hostname', () => {
    expect(lessonsWith('and every check passed')).toEqual([]);
    const text = lesson('reading-the-handshake');
    expect(text).toContain('`s_client` checks **no host name** unless you add `-verify_hostname`');
    expect(text).toContain('<ExampleOutput of="reading-the-handshake/no-hostname-check" />');
    // The capture proves it: 0 without the option, 62 with it.
    expect(
      capture('reading-the-handshake/no-hostname-check')
        .split('\n')
        .filter((l) => l.startsWith('Verify return code')),
    ).toEqual(['Verify return code: 0 (ok)', 'Verify return code: 62 (hostname mismatch)']);
  });

  it('depth-0 code 20/21 is taught with its discriminator (is the leaf\'s issuer a root?), not as "the server forgot its intermediate"', () => {
    expect(lessonsWith('at depth 0 the server did not send the link')).toEqual([]);
    expect(lesson('reading-the-handshake')).toContain("**is the leaf's issuer a root?**");
    expect(lesson('reading-the-handshake')).toContain('<ExampleOutput of="reading-the-handshake/two-tier" />');
    expect(lesson('error-decoder')).toContain('Codes 20 and 21 at depth 0: which fault?');
    expect(lesson('why-it-breaks')).toContain('This CA is *two-tier*');
    // The two-tier capture shows the same signature as the incomplete chain.
    expect(capture('reading-the-handshake/two-tier')).toContain('verify error:num=21:unable to verify the first certificate');
    expect(capture('reading-the-handshake/two-tier')).toContain('   i:O = Acme Corp, CN = Acme Corp Internal Root');
    // Code 21's annotation (the decoder and reference pages read it).
    expect(ANNOTATIONS.UNABLE_TO_VERIFY_LEAF_SIGNATURE.explanation).not.toContain('almost always the server does not send');
    expect(ANNOTATIONS.UNABLE_TO_VERIFY_LEAF_SIGNATURE.explanation).toContain("Is the leaf's issuer a root?");
    // ssl-audit.sh gives both readings.
    expect(read('public/examples/ssl-audit.sh')).not.toContain("most likely an incomplete chain (the server's fault)");
    expect(read('public/examples/ssl-audit.sh')).toContain('If it is a root (a two-tier private CA: mkcert, kubeadm, a company CA)');
  });

  it('"works in Chrome, fails in Python" also has a client-side cause: a company root in the OS store', () => {
    expect(lessonsWith("and it is the **server's** fault.")).toEqual([]);
    expect(lesson('chain-of-trust')).toContain('"works in Chrome, fails in Python" has a second cause with the same symptom: a **company root**');
    expect(lesson('why-it-breaks')).toContain('The same symptom has a second cause, and then the server is fine: a **company root**');
    expect(lesson('summary')).toContain('And Chrome uses the OS store, where a company root may be that Python lacks');
  });
});

describe('Medium', () => {
  it("--cacert and CURL_CA_BUNDLE keep Debian curl's CApath; only --capath to an empty directory isolates", () => {
    expect(lessonsWith('`--cacert` replaces the OS bundle')).toEqual([]);
    expect(lesson('resolution')).toContain('`--cacert` leaves it in place');
    expect(
      capture('resolution/curl-capath')
        .split('\n')
        .filter((l) => /^(HTTP|curl:)/.test(l)),
    ).toEqual(['HTTP 200', 'HTTP 200', 'curl: (60) SSL certificate problem: unable to get local issuer certificate']);
  });

  it("3DES is not in OpenSSL 3's legacy provider; RC2 is", () => {
    expect(lessonsWith('with RC2-40 and 3DES, ciphers that OpenSSL 3 moved')).toEqual([]);
    expect(lessonsWith('RC2-40 or 3DES, which OpenSSL 3 keeps in its legacy provider')).toEqual([]);
    expect(lesson('keys-and-files')).toContain('3DES did **not** move');
  });

  it("the lab's s_server sends exactly its configured chain, never one completed from the OS store", () => {
    expect(read('scripts/examples/lib.sh')).toContain('openssl s_server -accept "127.0.0.1:$port" -www -quiet -no-CAfile -no-CApath -no-CAstore "$@"');
    // With the Acme root in the OS store, the vault still sends only its leaf: Python and Node.js
    // fail as before, not with "self-signed certificate in certificate chain".
    const out = capture('why-it-breaks/os-store-clients');
    expect(out).not.toContain('self-signed certificate in certificate chain');
    expect(out).toContain('UNABLE_TO_VERIFY_LEAF_SIGNATURE unable to verify the first certificate');
  });

  it('leaf lifetimes: 200 days since 2026-03-15, 100 from 2027-03-15, 47 from 2029-03-15', () => {
    expect(lessonsWith('It lives a few months to a year')).toEqual([]);
    expect(lesson('chain-of-trust')).toContain(
      'A public TLS leaf now lives at most **200 days** (since 2026-03-15; 398 before), **100 days** from 2027-03-15 and **47 days** from 2029-03-15',
    );
  });

  it('which clients fetch missing intermediates: not "Python, curl, Node.js, Go and Java never"', () => {
    expect(lessonsWith('Python, curl, Node.js, Java and Go do not.')).toEqual([]);
    expect(lessonsWith('Python, curl, Node.js, Go and Java (unless started with')).toEqual([]);
    expect(lessonsWith('Chrome follows it; Python, curl, Node.js and Go do not.')).toEqual([]);
    expect(lessonsWith('Go on macOS and Windows')).toEqual(['chain-of-trust', 'why-it-breaks']);
    expect(lesson('reading-a-certificate')).toContain('platform verifiers (Go and curl on macOS and Windows) use it');
    expect(lesson('chain-of-trust')).toContain('and .NET, which fetches on every OS');
  });

  it('the them-or-us table: the "theirs" row has a private-CA twin, and step 0 looks for CA variables', () => {
    const text = lesson('them-or-us');
    expect(text).toContain('— **or** its CA is private and in neither store');
    expect(text).toContain("env | grep -E '^(REQUESTS_CA_BUNDLE|SSL_CERT_FILE|SSL_CERT_DIR|CURL_CA_BUNDLE)='");
    expect(text).toContain('<ExampleOutput of="them-or-us/env-override" />');
  });

  it('code 24 in OpenSSL 3.x reads "issuer certificate doesn\'t have a public key"', () => {
    expect(lessonsWith('unable to get issuer public key')).toEqual([]);
    expect(lesson('summary')).toContain("In OpenSSL 3.x, 24 is `issuer certificate doesn\\'t have a public key`");
    expect(lesson('error-decoder')).toContain("in 3.x, 24 is `issuer certificate doesn't have a public key`");
  });
});

describe('Low', () => {
  it('SNI is automatic in s_client since 1.1.1; -servername matters for addresses and backends', () => {
    expect(lessonsWith('`-servername` sends the name (SNI).')).toEqual([]);
    expect(lesson('reading-the-handshake')).toContain('Since OpenSSL 1.1.1, `s_client` already sends the host of `-connect` as SNI');
  });

  it('plain openssl verify accepts RSA-1024 and SHA-1 (66/68 need -auth_level); Node 24 refuses RSA-1024', () => {
    expect(lessonsWith('but accepted by Node.js 20 and Java 17')).toEqual([]);
    const text = lesson('why-it-breaks');
    expect(text).toContain('and by Node.js 24, but accepted by Java 17');
    expect(text).toContain('A plain `openssl verify` accepts them: it applies no security level unless you add `-auth_level 2`');
    expect(lesson('error-decoder')).toContain('a plain `openssl verify` accepts RSA-1024 and SHA-1: add `-auth_level 2`');
  });

  it('trust anchors: RFC 5280 6.1.1(d); Android and Java ignore root expiry', () => {
    expect(lesson('chain-of-trust')).toContain('RFC 5280 (section 6.1.1(d))');
    expect(lesson('chain-of-trust')).toContain('Android and Java ignore it');
  });

  it('subject = issuer means self-issued; self-signed is checked with the key', () => {
    expect(lessonsWith("The root's subject and issuer are identical: it is **self-signed**.")).toEqual([]);
    expect(lesson('reading-a-certificate')).toContain("The root's subject and issuer are identical: it is **self-issued**.");
    expect(capture('reading-a-certificate/self-signed')).toContain('-check_ss_sig root.pem\nroot.pem: OK');
    expect(read('public/examples/ssl-audit.sh')).toContain('self-issued but not self-signed');
  });

  it('the CN fallback is stated the same way in every lesson', () => {
    expect(lessonsWith('the Common Name is a label only: clients check the SAN')).toEqual([]);
    expect(lessonsWith('OpenSSL-based clients and Java still accept them')).toEqual([]);
    expect(lesson('reading-a-certificate')).toContain('Only without a DNS name in the SAN do some clients fall back to the CN');
    expect(lesson('why-it-breaks')).toContain("The subject's Common Name counts only for a certificate with **no DNS name in its SAN**.");
  });

  it('not every client uses OpenSSL: git on Debian uses GnuTLS', () => {
    expect(lessonsWith('OpenSSL (which curl, Python and Node.js all use)')).toEqual([]);
    expect(lessonsWith('git on Debian and Ubuntu verifies with GnuTLS')).toEqual(['chain-of-trust']);
    expect(lesson('error-decoder')).toContain('`git` on Debian and Ubuntu is built with GnuTLS');
  });

  it('ssl-audit.sh: not-yet-valid apart from expired, SNI name checked, -checkip for addresses, no placeholder URL', () => {
    const script = read('public/examples/ssl-audit.sh');
    expect(script).not.toContain('EXPIRED (or not yet valid)');
    expect(script).toContain('!! NOT YET VALID');
    expect(script).not.toContain('-checkhost "$host"');
    expect(script).toContain('check=(-checkhost "$sni")');
    expect(script).toContain('check=(-checkip "$host")');
    expect(script).not.toContain('certlab.example');
    expect(lessonsWith('https://certlab.example/')).toEqual([]);
  });
});
