// The shared empty arrays of the AST, the model and the rule facts are plain arrays, not frozen
// ones (a frozen array keeps V8 from inlining for-of over every list that may be it). Nothing may
// add to them: after linting every fixture, lists that use them are still empty.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintText } from '../server/src/linter.js';
import { trackBlocks, unicastPeerWords } from '../server/src/rules/vrrp/util.js';
import { addressProblems } from '../server/src/rules/vrrp/addresses.js';
import { lvsFacts } from '../server/src/rules/lvs/server-facts.js';
import { addressRepeats } from '../server/src/rules/vrrp/repeated-instance-address.js';

function confs(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) confs(p, out);
    else if (name.endsWith('.conf')) out.push(p);
  }
  return out;
}

const PLAIN = `vrrp_instance VI_1 {
    state MASTER
    interface eth0
    virtual_router_id 51
    priority 100
    virtual_ipaddress {
        192.0.2.10
    }
}
virtual_server 192.0.2.10 80 {
    protocol TCP
    real_server 192.0.2.21 80 {
        weight 1
    }
}
`;

describe('shared empty lists', () => {
  it('stay empty after linting every fixture', () => {
    const files = confs(join(__dirname, '..', 'fixtures'));
    expect(files.length).toBeGreaterThan(10);
    for (const f of files) lintText(readFileSync(f, 'utf8'), { file: f });
    const { analysis } = lintText(PLAIN);
    const inst = analysis.model.vrrpInstances[0]!;
    // A leaf's children, a model list with nothing in it, instance facts, address problems, server facts.
    expect(inst.node.children[0]!.keyword).toBe('state');
    expect(inst.node.children[0]!.children).toEqual([]);
    expect(inst.trackScripts).toEqual([]);
    expect(unicastPeerWords(inst)).toEqual([]);
    expect(trackBlocks(inst)).toEqual([]);
    expect(addressProblems(inst.virtualIpaddresses[0]!)).toEqual([]);
    expect(addressRepeats(inst, false)).toEqual([]);
    expect(addressRepeats(inst, true)).toEqual([]);
    expect(lvsFacts(analysis).servers[0]!.familyFindings).toEqual([]);
  });
});
