// Every registered rule, whatever its family: a stable code in its family's range, a name, docs,
// and examples that do what they claim — the bad one triggers the rule, the good one does not.
// Runs over the registry, so rule families are covered as they land.

import { describe, expect, it } from 'vitest';
import { rules } from '../server/src/rules/index.js';
import type { Rule, RuleFamily } from '../server/src/rules/types.js';
import { lintText, runClusterRules } from '../server/src/linter.js';
import { analyze } from '../server/src/core/index.js';
import { EXAMPLE_FILE, memoryHost } from './framework-host.js';

const FAMILY_DIGIT: Record<RuleFamily, string> = { meta: '0', syntax: '1', schema: '2', vrrp: '3', cluster: '4', lvs: '5', security: '6', style: '7' };

/** Rules whose bad example cannot trigger them, with the reason. */
const UNTRIGGERABLE: Record<string, string> = {
  KA000: 'internal error: only a bug in kalint produces it',
};

/** Core codes the linter adds on top of analyze() (see linter.ts). */
const LINTER_EMITTED = new Set(['KA105', 'KA108', 'KA119']);

function codesFor(rule: Rule, text: string): string[] {
  const files = { ...(rule.docs.files ?? {}), [EXAMPLE_FILE]: text };
  const host = memoryHost(files);
  if (rule.kind === 'cluster') {
    // The example is one node; docs.files are the other nodes of the cluster.
    const nodes = Object.entries(files).map(([file, t]) => ({ label: file, analysis: analyze(t, { file, host }) }));
    return runClusterRules(nodes, 'docs example').map((d) => d.code);
  }
  return lintText(text, { file: EXAMPLE_FILE, host, targetVersion: rule.docs.target }).diagnostics.map((d) => d.code);
}

describe('rule registry', () => {
  it('has the core codes and kalint meta codes registered', () => {
    const codes = new Set(rules.map((r) => r.code));
    for (const c of ['KA000', 'KA001', 'KA002', 'KA003', 'KA004', 'KA101', 'KA102', 'KA103', 'KA104', 'KA105', 'KA106', 'KA107', 'KA110', 'KA111', 'KA112', 'KA113', 'KA201', 'KA202', 'KA203', 'KA204', 'KA205', 'KA206', 'KA207', 'KA208', 'KA209', 'KA210']) {
      expect(codes, c).toContain(c);
    }
  });

  it('codes and names are unique', () => {
    const codes = rules.map((r) => r.code);
    const names = rules.map((r) => r.name);
    expect(codes.filter((c, i) => codes.indexOf(c) !== i)).toEqual([]);
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
  });

  it('names never look like codes, so a name and a code cannot be confused', () => {
    for (const r of rules) expect(r.name, r.code).not.toMatch(/^ka\d/i);
  });
});

describe.each(rules.map((r) => [`${r.code} ${r.name}`, r] as const))('%s', (_label, rule) => {
  it('has a code in its family range, a kebab-case name and complete docs', () => {
    expect(rule.code).toMatch(new RegExp(`^KA${FAMILY_DIGIT[rule.family]}\\d\\d$`));
    expect(rule.name).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
    expect(['error', 'warning', 'info']).toContain(rule.severity);
    expect(rule.description.length).toBeGreaterThan(10);
    expect(rule.docs.why.length).toBeGreaterThan(40);
    expect(rule.docs.bad.trim()).not.toBe('');
    expect(rule.docs.good.trim()).not.toBe('');
    expect(['core', 'file', 'cluster']).toContain(rule.kind);
  });

  if (UNTRIGGERABLE[rule.code]) {
    it(`is never triggered by its example (${UNTRIGGERABLE[rule.code]})`, () => {
      expect(codesFor(rule, rule.docs.bad)).not.toContain(rule.code);
    });
    return;
  }

  it('the bad example triggers it', () => {
    expect(codesFor(rule, rule.docs.bad)).toContain(rule.code);
  });

  it('the good example does not', () => {
    expect(codesFor(rule, rule.docs.good)).not.toContain(rule.code);
  });

  if (rule.kind === 'core') {
    // The core's examples are small whole configs: fixed, they are clean (other families'
    // examples may leave unrelated findings in place).
    it('the good example has no findings at all', () => {
      const host = memoryHost({ ...(rule.docs.files ?? {}), [EXAMPLE_FILE]: rule.docs.good });
      expect(lintText(rule.docs.good, { file: EXAMPLE_FILE, host }).diagnostics.map((d) => `${d.code}@${d.range.start.line + 1} ${d.message}`)).toEqual([]);
    });
  }

  if (rule.kind === 'core' && rule.family !== 'meta' && !LINTER_EMITTED.has(rule.code)) {
    it('analyze() itself reports the bad example and not the good one', () => {
      const host = memoryHost({ ...(rule.docs.files ?? {}), [EXAMPLE_FILE]: rule.docs.bad });
      expect(analyze(rule.docs.bad, { file: EXAMPLE_FILE, host }).diagnostics.map((d) => d.code)).toContain(rule.code);
      const goodHost = memoryHost({ ...(rule.docs.files ?? {}), [EXAMPLE_FILE]: rule.docs.good });
      expect(analyze(rule.docs.good, { file: EXAMPLE_FILE, host: goodHost }).diagnostics.map((d) => d.code)).not.toContain(rule.code);
    });
  }
});

describe('findings from a line that expands into many', () => {
  // One ~SEQ line makes 20 instances: each has the same two problems, at the ~SEQ line.
  const template = (n: number, extra = '') =>
    [
      '$VI= \\',
      'vrrp_instance VI_${N} { \\',
      '    state BACKUP \\',
      '    interface eth0 \\',
      '    virtual_router_id ${N} \\',
      '    priority 100 \\',
      '    unicast_src_ip 10.0.0.${N}/24 \\',
      `${extra}    virtual_ipaddress { \\`,
      '        10.0.1.${N} \\',
      '    } \\',
      '}',
      `~SEQ(N,1,${n}) $VI`,
      '',
    ].join('\n');
  const lint = (text: string, code: string) => lintText(text, { file: 'k.conf' }).diagnostics.filter((d) => d.code === code);

  it('folds findings of one rule that differ only in numbers into the first, with their count', () => {
    const noPeer = lint(template(20), 'KA323');
    expect(noPeer.map((d) => `${d.range.start.line + 1}: ${d.message}`)).toEqual([
      "12: 'VI_1' has 'unicast_src_ip' but no unicast_peer; keepalived falls back to multicast adverts (and 19 more like it from the lines this line expands to)",
    ]);
    expect(lint(template(1), 'KA323')[0]!.message).not.toContain('more like it');
  });

  it('keeps findings apart that differ in words, and findings of lines written out', () => {
    const typos = lint(template(3, '    wieght 1 \\\n    prioritty 2 \\\n'), 'KA201').map((d) => d.message);
    expect(typos).toHaveLength(2);
    expect(typos.join('\n')).toContain("'wieght'");
    expect(typos.join('\n')).toContain("'prioritty'");
    const written = [1, 2].map((n) => [`vrrp_instance VI_${n} {`, '  state BACKUP', '  interface eth0', `  virtual_router_id ${n}`, `  unicast_src_ip 10.0.0.${n}`, '  virtual_ipaddress {', `    10.0.1.${n}`, '  }', '}'].join('\n')).join('\n');
    expect(lint(written, 'KA323').map((d) => d.message)).toEqual([
      "'VI_1' has 'unicast_src_ip' but no unicast_peer; keepalived falls back to multicast adverts",
      "'VI_2' has 'unicast_src_ip' but no unicast_peer; keepalived falls back to multicast adverts",
    ]);
  });
});
