import { describe, expect, it } from 'vitest';
import { chainPicture, chainText } from './chain-picture.ts';
import { scenarioForModes } from './presets.ts';

const pic = (ids: string[]) => chainPicture(scenarioForModes(ids).scenario);

describe('chainPicture', () => {
  it('healthy: root (trusted) -> ica (sent #1) -> leaf (sent #0), nothing broken', () => {
    expect(pic([])).toEqual({
      nodes: [
        { id: 'leaf', name: 'shop.certlab.test', role: 'leaf', sentAt: 0, trusted: false },
        { id: 'ica', name: 'Certlab Demo Issuing CA 1', role: 'intermediate', sentAt: 1, trusted: false },
        { id: 'root', name: 'Certlab Demo Root CA', role: 'root', sentAt: null, trusted: true },
      ],
      links: [{ broken: false }, { broken: false }],
      extras: [],
      outOfOrder: false,
    });
  });
  it('leaf only: the link from leaf to ica is broken because ica was not sent', () => {
    expect(pic(['leaf-only']).links).toEqual([{ broken: true, reason: 'Certlab Demo Issuing CA 1 was not sent by the server' }, { broken: false }]);
  });
  it('private CA: the link to the root is broken because the client does not trust it', () => {
    expect(pic(['private-ca']).links).toEqual([
      { broken: false },
      { broken: true, reason: "Example Corp Internal Root CA is not in the client's trust store" },
    ]);
  });
  it('wrong order and extras are flagged', () => {
    expect(pic(['wrong-order']).outOfOrder).toBe(true);
    expect(pic(['extra-unrelated']).extras).toEqual([{ id: 'unrelated', name: 'Unrelated Old CA', sentAt: 2 }]);
    expect(pic(['root-included']).extras).toEqual([]);
  });
  it('a validator failure marks the certificate, or the link when the issuer is missing', () => {
    const s = scenarioForModes(['expired-intermediate']).scenario;
    expect(chainPicture(s, { depth: 1, message: 'certificate has expired', missingIssuer: false }).nodes[1]!.problem).toBe('certificate has expired');
    const text = chainText(chainPicture(scenarioForModes(['leaf-only']).scenario));
    expect(text).toBe(
      [
        '• Certlab Demo Root CA (root, not sent, trusted by the client)',
        '  │ issued the certificate below',
        '• Certlab Demo Issuing CA 1 (intermediate, not sent)',
        '  ✗ broken link: Certlab Demo Issuing CA 1 was not sent by the server',
        '• shop.certlab.test (leaf, sent #0)',
      ].join('\n'),
    );
  });
  it('self-signed leaf: a single node with its problem stated', () => {
    expect(pic(['self-signed-leaf']).nodes).toEqual([
      {
        id: 'leaf',
        name: 'shop.certlab.test',
        role: 'leaf',
        sentAt: 0,
        trusted: false,
        problem: "shop.certlab.test is signed by itself and not in the client's trust store",
      },
    ]);
  });
});
