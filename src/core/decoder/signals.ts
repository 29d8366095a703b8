/**
 * What a text shows beyond its error message: the name of a TLS-inspecting product in an
 * issuer, a well-known root that has expired, a "self-signed certificate in certificate chain".
 * Used to rank causes the message alone cannot tell apart (decode.ts) and to read evidence.
 */

/** CA names that TLS-inspecting proxies, firewalls and antivirus products put in the certificates they mint. */
const INSPECTION: [string, RegExp][] = [
  ['Zscaler', /zscaler/i],
  ['Netskope', /netskope|caadmin\.netskope/i],
  ['Fortinet FortiGate', /forti(?:gate|net|proxy)|\bFGT\d|\bFortiGate\b/i],
  ['Palo Alto Networks', /palo ?alto|\bPAN-OS\b/i],
  ['Blue Coat / Symantec ProxySG', /blue ?coat|proxysg/i],
  ['Cisco Umbrella', /cisco umbrella|umbrella (?:root|secondary)|opendns/i],
  ['Sophos', /sophos/i],
  ['Kaspersky', /kaspersky/i],
  ['Avast / AVG', /avast|\bAVG (?:Web|Technologies)|Web\/Mail Shield/i],
  ['ESET', /\bESET SSL Filter|\beset\b.*\bCA\b/i],
  ['Bitdefender', /bitdefender/i],
  ['McAfee / Skyhigh', /mcafee|skyhigh/i],
  ['Forcepoint / Websense', /forcepoint|websense/i],
  ['Check Point', /check ?point/i],
  ['Cloudflare Gateway', /Cloudflare for Teams|Gateway CA - Cloudflare/i],
  ['Menlo Security', /menlo security/i],
  ['iboss', /\biboss\b/i],
  ['Barracuda', /barracuda/i],
  ['WatchGuard', /watchguard/i],
  ['SonicWall', /sonicwall/i],
  ['Cato Networks', /cato networks/i],
  ['Trend Micro', /trend ?micro/i],
  ['Securly / Lightspeed / GoGuardian', /securly|lightspeed|goguardian|contentkeeper|smoothwall/i],
  ['Fiddler', /DO_NOT_TRUST_Fiddler|fiddler root/i],
  ['mitmproxy', /mitmproxy/i],
  ['Charles Proxy', /charles proxy/i],
  ['Burp Suite', /portswigger/i],
];

/** The inspection product named in the text, if any. */
export function inspectionProduct(text: string): string | null {
  for (const [name, re] of INSPECTION) if (re.test(text)) return name;
  return null;
}

/** Words people and tools write when a proxy or security product sits in the way. */
export function mentionsProxy(text: string): boolean {
  return /\b(?:corporate|company|enterprise|office) (?:proxy|network|firewall|vpn)\b|\bbehind a (?:proxy|firewall)\b|\bHTTPS?_PROXY\b|\bproxy\.\w|\bvia proxy\b|\bCONNECT tunnel\b|\bantivirus\b/i.test(
    text,
  );
}

/** Well-known roots that expired while still in many client stores. */
const EXPIRED_ROOTS: [string, RegExp][] = [
  ['DST Root CA X3 (expired 2021-09-30)', /DST Root CA X3|Sep 30 14:01:15 (?:\w+ )?2021|2021-09-30[T ]14:01:15|Thu Sep 30 14:01:15/i],
  ['AddTrust External CA Root (expired 2020-05-30)', /AddTrust External (?:CA )?Root|May 30 10:48:38 (?:\w+ )?2020|2020-05-30[T ]10:48:38/i],
  ['GlobalSign Root CA - R2 / Cybertrust Global Root (expired 2021-12-15)', /Cybertrust Global Root|GlobalSign Root CA - R2/i],
  ['GeoTrust Global CA (expired 2022-05-21)', /GeoTrust Global CA\b/i],
  ['Equifax Secure Certificate Authority (expired 2018-08-22)', /Equifax Secure Certificate Authority/i],
  ['Baltimore CyberTrust Root (expired 2025-05-12)', /Baltimore CyberTrust Root/i],
];

export function expiredRoot(text: string): string | null {
  for (const [name, re] of EXPIRED_ROOTS) if (re.test(text)) return name;
  return null;
}

/** Does a certificate name look like a root CA's (as opposed to an issuing intermediate)? */
export function looksLikeRoot(name: string): boolean {
  return /\broot\b|\bRoot CA\b|\bCA Root\b|Global(?:Sign)? CA\b|Certification Authority(?! -? ?G\d)$/i.test(name);
}
