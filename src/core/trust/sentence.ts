/**
 * One plain sentence per platform of a trust matrix (matrix.ts), for the probe's page, its JSON
 * and the CLI: who fails, since or until which version, and why. Facts only from the verdict:
 * no version is named that the data does not hold.
 */
import type { PlatformVerdict } from './matrix.ts';

/** "Node.js" from "Node.js bundled roots (tls.rootCertificates; ...)": the platform's short name. */
export function platformShortName(name: string): string {
  return name.replace(/ \(.*$/, '').replace(/ bundled roots$/, '');
}

export function platformSentence(p: PlatformVerdict): string {
  const short = platformShortName(p.name);
  const n = p.newest;
  const expiry = p.anchorExpired
    ? ` Its root ${p.anchorExpired.name} expired${p.anchorExpired.notAfter ? ` on ${p.anchorExpired.notAfter.slice(0, 10)}` : ''}${p.checksAnchorExpiry ? '' : ', which this platform ignores'}.`
    : '';
  if (!n.trusted) {
    const why = n.failure ? `: ${n.failure.text}` : '';
    const stopped = p.firstStopped
      ? ` It stopped in ${p.firstStopped.version} (${p.firstStopped.date})${p.firstStopped.reason === 'removed' && p.firstStopped.root ? `, which removed ${p.firstStopped.root.name}` : p.firstStopped.reason === 'blocked' && p.firstStopped.root ? `, which blocks ${p.firstStopped.root.name}` : ''}.`
      : p.oldestTrusting
        ? ''
        : ` No ${short} version on record trusts it.`;
    return `${short} ${n.version} (newest on record) does not trust this chain${why}.${stopped}${expiry}`;
  }
  const anchor = n.anchor ? n.anchor.name : 'its root';
  const first = p.versions[0];
  if (p.versions.length === 1) return `${short} ${n.version} (${n.date}, the only version on record) trusts it, through ${anchor}.${expiry}`;
  if (!p.oldestTrusting || p.oldestTrusting.version === first.version) {
    return `Every ${short} version on record trusts it (${first.version}, ${first.date}, to ${n.version}), through ${anchor}.${expiry}`;
  }
  const i = p.versions.findIndex((v) => v.version === p.oldestTrusting!.version);
  const before = p.versions[i - 1];
  return `${short} ${before.version} and older fail: ${anchor} reached ${short} in ${p.oldestTrusting.version} (${p.oldestTrusting.date}).${expiry}`;
}
