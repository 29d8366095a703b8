/**
 * Reads the text `openssl s_client -connect … [-showcerts]` prints: the "Certificate
 * chain" entries (` 0 s:` subject, `   i:` issuer, and OpenSSL 3's `a:`/`v:` lines), the
 * `depth=N … verify error:num=X:text` lines, the verify return code, the protocol and
 * cipher. The PEM blocks themselves are picked up by the PEM scanner.
 */

export interface SClientChainEntry {
  depth: number;
  subject: string;
  issuer: string;
  /** `a:PKEY: id-ecPublicKey, 256 (bit)` → 'id-ecPublicKey, 256 (bit)'. */
  publicKey?: string;
  signatureAlgorithm?: string;
  notBefore?: string;
  notAfter?: string;
}

export interface SClientTranscript {
  chain: SClientChainEntry[];
  /** True when PEM blocks follow the chain entries (-showcerts). */
  showcerts: boolean;
  verifyReturnCode?: { code: number; text: string };
  /** "OK" or the text after "Verification error:". */
  verification?: string;
  verifyErrors: { depth: number; code: number; text: string; subject: string }[];
  protocol?: string;
  cipher?: string;
  serverTempKey?: string;
  peerSignatureType?: string;
  handshakeBytesRead?: number;
}

/** Cheap test: does this text come from s_client? */
export function looksLikeSClient(text: string): boolean {
  return /^Certificate chain\s*$/m.test(text) || /^CONNECTED\(/m.test(text) || /Verify return code: \d+/.test(text);
}

export function parseSClient(text: string): SClientTranscript {
  const lines = text.split(/\r?\n/);
  const out: SClientTranscript = { chain: [], showcerts: false, verifyErrors: [] };
  let inChain = false;
  let inPem = false;
  let lastDepth: { depth: number; subject: string } | undefined;
  for (const line of lines) {
    let m: RegExpExecArray | null;
    if (line.startsWith('-----BEGIN ')) {
      inPem = true;
      if (inChain) out.showcerts = true;
      continue;
    }
    if (line.startsWith('-----END ')) {
      inPem = false;
      continue;
    }
    if (inPem) continue;
    if (/^Certificate chain\s*$/.test(line)) {
      inChain = true;
      continue;
    }
    if (line.startsWith('---')) {
      if (out.chain.length) inChain = false;
      continue;
    }
    if (inChain && (m = /^\s*(\d+) s:(.*)$/.exec(line))) {
      out.chain.push({ depth: +m[1], subject: m[2].trim(), issuer: '' });
      continue;
    }
    const last = out.chain[out.chain.length - 1];
    if (inChain && last && (m = /^\s+i:(.*)$/.exec(line))) {
      last.issuer = m[1].trim();
      continue;
    }
    if (inChain && last && (m = /^\s+a:PKEY: (.*?); sigalg: (.*)$/.exec(line))) {
      last.publicKey = m[1].trim();
      last.signatureAlgorithm = m[2].trim();
      continue;
    }
    if (inChain && last && (m = /^\s+v:NotBefore: (.*?); NotAfter: (.*)$/.exec(line))) {
      last.notBefore = m[1].trim();
      last.notAfter = m[2].trim();
      continue;
    }
    if ((m = /^depth=(\d+) ?(.*)$/.exec(line))) {
      lastDepth = { depth: +m[1], subject: m[2].trim() };
      continue;
    }
    if ((m = /^verify error:num=(\d+):(.*)$/.exec(line)) && lastDepth) {
      const e = { depth: lastDepth.depth, code: +m[1], text: m[2].trim(), subject: lastDepth.subject };
      if (!out.verifyErrors.some((x) => x.depth === e.depth && x.code === e.code)) out.verifyErrors.push(e);
      continue;
    }
    if ((m = /^\s*Verify return code: (\d+) \((.*)\)\s*$/.exec(line))) {
      out.verifyReturnCode = { code: +m[1], text: m[2] };
      continue;
    }
    if ((m = /^Verification error: (.*)$/.exec(line))) out.verification = m[1].trim();
    else if (/^Verification: OK/.test(line)) out.verification = 'OK';
    else if ((m = /^(?:New|Reused), (\S+?), Cipher is (\S+)/.exec(line))) {
      if (m[1] !== '(NONE)') out.protocol = m[1];
      if (m[2] !== '(NONE)') out.cipher = m[2];
    } else if ((m = /^\s+Protocol\s*: (\S+)/.exec(line))) out.protocol = m[1];
    else if ((m = /^\s+Cipher\s*: (\S+)/.exec(line))) out.cipher ??= m[1];
    else if ((m = /^Server Temp Key: (.*)$/.exec(line))) out.serverTempKey = m[1].trim();
    else if ((m = /^Peer signature type: (.*)$/.exec(line))) out.peerSignatureType = m[1].trim();
    else if ((m = /^SSL handshake has read (\d+) bytes/.exec(line))) out.handshakeBytesRead = +m[1];
  }
  return out;
}
