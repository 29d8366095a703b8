import { describe, expect, it } from 'vitest';
import { CAUSE_IDS } from '../causes/cause-id.ts';
import { CAUSES } from '../causes/causes.ts';
import { correctChainIds, fixFor } from './fix.ts';
import { scenarioForModes } from './presets.ts';

describe('correctChainIds: what the server should send', () => {
  it('is leaf + intermediates, root left out, whatever the server sends now', () => {
    // root -> ica -> leaf, server sends [leaf]
    expect(correctChainIds(scenarioForModes(['leaf-only']).scenario)).toEqual(['leaf', 'ica']);
    // root -> policy-ca -> ica -> leaf, server sends [leaf, policy-ca, ica]
    expect(correctChainIds(scenarioForModes(['wrong-order']).scenario)).toEqual(['leaf', 'ica', 'policy-ca']);
    // self-signed leaf: just itself
    expect(correctChainIds(scenarioForModes(['self-signed-leaf']).scenario)).toEqual(['leaf']);
  });
});

describe('fixFor', () => {
  it('incomplete chain: serve fullchain.pem in leaf-first order, check with s_client', () => {
    const fix = fixFor(scenarioForModes(['leaf-only']).scenario, 'incomplete-chain');
    expect({ liability: fix.liability, files: fix.files, first: fix.steps[0]!.label, check: fix.steps[1]!.code }).toEqual({
      liability: 'server',
      files: ['fullchain.pem'],
      first: 'Serve the full chain: leaf then ica (download fullchain.pem), never the leaf alone.',
      check: 'openssl s_client -connect shop.certlab.test:443 -servername shop.certlab.test -showcerts </dev/null',
    });
  });
  it("private CA: the root to trust and every client's way to trust it", () => {
    const fix = fixFor(scenarioForModes(['private-ca']).scenario, 'unknown-ca');
    expect(fix.files).toEqual(['root.pem']);
    const codes = fix.steps.map((s) => s.code ?? '').join('\n');
    for (const needle of [
      '-CAfile root.pem',
      'verify="/path/root.pem"',
      'REQUESTS_CA_BUNDLE=',
      'NODE_EXTRA_CA_CERTS=',
      'keytool -importcert',
      'SSL_CERT_FILE=',
      'update-ca-certificates',
    ]) {
      expect(codes).toContain(needle);
    }
  });
  it('gives every cause a title from the shared table and at least one step', () => {
    const s = scenarioForModes([]).scenario;
    for (const id of CAUSE_IDS) {
      const fix = fixFor(s, id);
      expect({ title: fix.title, hasSteps: fix.steps.length > 0 }).toEqual({ title: CAUSES[id].title, hasSteps: true });
    }
  });
});
