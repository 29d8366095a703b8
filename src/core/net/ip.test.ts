import { describe, expect, it } from 'vitest';
import { formatIpv6, ipBytes, parseIp } from './ip.ts';

// One parser for the probe's targets and the validator's names (#17: src/core/validate/ip.ts was a second one).
describe('parseIp / ipBytes', () => {
  it('reads both families into the same shape', () => {
    expect(parseIp('192.0.2.1')).toEqual({ family: 4, bytes: new Uint8Array([192, 0, 2, 1]), text: '192.0.2.1' });
    expect(parseIp('0:0::ffff:192.0.2.1')).toEqual({
      family: 6,
      bytes: new Uint8Array([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 192, 0, 2, 1]),
      text: '::ffff:c000:201',
    });
  });
  it('takes brackets only in ipBytes (a peer name or a SAN spelling)', () => {
    expect(parseIp('[::1]')).toEqual(undefined);
    expect(ipBytes('[::1]')).toEqual(new Uint8Array([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]));
  });
  it('accepts a dotted quad only at the end of an IPv6 address', () => {
    expect(['1.2.3.4::', '1.2.3.4::1', '::1.2.3.4:1'].map((t) => ipBytes(t))).toEqual([undefined, undefined, undefined]);
    expect(formatIpv6(ipBytes('::1.2.3.4')!)).toEqual('::102:304');
  });
});
