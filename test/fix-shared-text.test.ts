// Fixes whose edit would land on text that stands for more than the finding (audit of session 59, each checked with
// keepalived 2.2.7 -t before and after): a `$NAME` reference that holds other lines, a file included twice, a block
// header behind `@id`. The finding stays; the fix is withheld.

import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inDir } from './helpers/scratch.js';
import { lintText } from '../server/src/linter.js';
import { hostWithin } from '../scripts/fuzz-differential.js';
import { conf, findings } from './helpers/rule-cases.js';

const repo = join(__dirname, '..');

describe('a line out of a multi-line $NAME', () => {
  it("KA510: 'Use port 80' would replace the $RS reference (keepalived then drops the virtual server)", () => {
    const text = conf('$RS=\\', 'real_server 10.0.1.1 8080 { \\', '    weight 1 \\', '}', 'virtual_server 10.0.0.1 80 {', '    lb_algo rr', '    lb_kind DR', '    protocol TCP', '    $RS', '}');
    const [d] = findings(text, 'KA510');
    expect(d).toBeDefined();
    expect(d!.fix).toBeUndefined();
    const written = conf('virtual_server 10.0.0.1 80 {', '    lb_algo rr', '    lb_kind DR', '    protocol TCP', '    real_server 10.0.1.1 8080 {', '        weight 1', '    }', '}');
    expect(findings(written, 'KA510')[0]?.fix).toBeDefined();
  });

  it("KA521: 'Remove ops' would delete the $VSOPT line, lb_algo and lb_kind with it", () => {
    const text = conf('$VSOPT=\\', '    lb_algo rr \\', '    lb_kind NAT \\', '    ops', 'virtual_server 10.0.0.1 80 {', '    protocol TCP', '    $VSOPT', '    real_server 10.0.1.1 80 {', '        weight 1', '    }', '}');
    const [d] = findings(text, 'KA521');
    expect(d).toBeDefined();
    expect(d!.fix).toBeUndefined();
  });

  it("KA508: 'Add lb_algo' would land after $VS, outside the block the reference holds whole", () => {
    const text = conf('$VS=\\', 'virtual_server 10.0.0.1 80 { \\', '    lb_kind DR \\', '    protocol TCP \\', '    real_server 10.0.1.1 80 { \\', '        weight 1 \\', '    } \\', '}', '$VS');
    const [d] = findings(text, 'KA508');
    expect(d).toBeDefined();
    expect(d!.fix).toBeUndefined();
  });

  it('a definition that only opens the block keeps the fix (its body follows the reference)', () => {
    const text = conf('$VS=virtual_server 10.0.0.1 80 {', '$VS', '    lb_kind DR', '    protocol TCP', '    real_server 10.0.1.1 80 {', '        weight 1', '    }', '}');
    expect(findings(text, 'KA508')[0]?.fix).toBeDefined();
  });
});

it('a fix in a file included twice is withheld (it would change the other include too)', () => {
  const files = {
    'keepalived.conf': conf('$VIP=10.0.0.1/24', 'vrrp_instance VI_1 {', '    virtual_router_id 51', '    nopreempt', '    include common.conf', '}', '$VIP=10.0.0.2/24', 'vrrp_instance VI_2 {', '    virtual_router_id 52', '    include common.conf', '}'),
    'common.conf': conf('state MASTER', 'interface eth0', 'priority 100', 'virtual_ipaddress {', '    $VIP', '}'),
  };
  const found = inDir(files, (dir) => lintText(files['keepalived.conf'], { file: join(dir, 'keepalived.conf'), configId: 'x', host: hostWithin(dir) }).diagnostics.filter((d) => d.code === 'KA308'));
  expect(found).toHaveLength(1);
  expect(found[0]!.fix).toBeUndefined();
});

it("an 'Add' after a block header behind @id is not offered for every host (the line would be outside the block on the others)", () => {
  const b = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: repo, encoding: 'utf8' });
  expect(b.status).toBe(0);
  const text = conf('@a global_defs {', '@a     router_id a', '@a }', 'vrrp_script chk {', '    script "/usr/bin/true"', '}', 'vrrp_instance VI_1 {', '    interface eth0', '    virtual_router_id 51', '    virtual_ipaddress {', '        10.0.0.1/24', '    }', '    track_script {', '        chk', '    }', '}');
  for (const args of [[], ['--config-id', 'a']]) {
    const out = inDir({ 'keepalived.conf': text }, (dir) => spawnSync(process.execPath, [join(repo, 'bin/kalint.js'), 'lint', '--format', 'json', ...args, 'keepalived.conf'], { cwd: dir, encoding: 'utf8' }).stdout);
    const ka601 = (JSON.parse(out) as { code: string; fix?: unknown }[]).filter((d) => d.code === 'KA601');
    expect(ka601.length, args.join(' ')).toBeGreaterThan(0);
    for (const d of ka601) expect(d.fix, args.join(' ')).toBeUndefined();
  }
});
