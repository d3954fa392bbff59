// The lint output formats: SARIF checked against the SARIF 2.1.0 JSON schema (the copy Microsoft's
// SARIF SDK ships in @microsoft/sarif-multitool-ts), GitHub workflow-command escaping, Checkstyle
// XML, GNU lines and JSON with related locations.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { Diagnostic } from '../server/src/core/diagnostics.js';
import { rules } from '../server/src/rules/index.js';
import { lintText } from '../server/src/linter.js';
import { toSarif } from '../server/src/cli/output-sarif.js';
import { escapeGithubData, escapeGithubProperty, escapeXmlAttribute, formatCheckstyle, formatGithub, formatGnu } from '../server/src/cli/output-ci.js';
import { formatJson, formatOutput } from '../server/src/cli/output.js';
import { cpuMs, expectScalesWithin } from './helpers/scaling.js';

const require = createRequire(import.meta.url);
// The package's exports map hides assets/, so the schema is found from its entry point (dist/index.js).
const sarifPackageDir = dirname(dirname(require.resolve('@microsoft/sarif-multitool-ts')));

function loadSarifSchema(): Record<string, unknown> {
  return JSON.parse(readFileSync(join(sarifPackageDir, 'assets/sarif-2.1.0.schema.json'), 'utf8'));
}

const range = (l1: number, c1: number, l2: number, c2: number) => ({ start: { line: l1, column: c1, offset: 0 }, end: { line: l2, column: c2, offset: 0 } });

const SAMPLE: Diagnostic[] = [
  {
    code: 'KA209',
    severity: 'error',
    message: "vrrp_instance 'VI_1' is already defined",
    file: 'conf/keepalived.conf',
    range: range(9, 14, 9, 18),
    related: [{ file: 'conf/keepalived.conf', range: range(0, 14, 0, 18), message: 'first defined here' }],
  },
  {
    code: 'KA201',
    severity: 'error',
    message: "Unknown keyword 'routr_id'; did you mean 'router_id'?",
    file: 'dir with space/k%.conf',
    range: range(2, 4, 2, 12),
    fix: { description: "Replace with 'router_id'", edits: [{ file: 'dir with space/k%.conf', range: range(2, 4, 2, 12), newText: 'router_id' }] },
  },
  { code: 'KA206', severity: 'info', message: 'deprecated', file: '/etc/keepalived/keepalived.conf', range: range(0, 0, 0, 5) },
  { code: 'KA204', severity: 'warning', message: 'extra words', file: 'a.conf', range: range(1, 2, 1, 3) },
];

describe('sarif', () => {
  const suppressedFinding = { diagnostic: { ...SAMPLE[3]!, range: range(5, 2, 5, 3) }, reason: 'read by our inventory script' };
  const log = toSarif(SAMPLE, { rules, baseDir: '/work/repo', suppressed: [suppressedFinding] }) as any;

  it('validates against the SARIF 2.1.0 JSON schema', () => {
    const schema = loadSarifSchema();
    expect(String(schema.title)).toContain('SARIF');
    expect(String(schema.title)).toContain('2.1.0');
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    const ok = validate(log);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('a path that could not be linted makes the run unsuccessful, with a notification that says why (valid SARIF too)', () => {
    expect(log.runs[0].invocations).toEqual([{ executionSuccessful: true }]);
    const failed = toSarif(SAMPLE, { rules, baseDir: '/work/repo', unlinted: ['conf/missing.conf: no such file or directory'] }) as any;
    expect(failed.runs[0].invocations).toEqual([
      { executionSuccessful: false, toolExecutionNotifications: [{ level: 'error', message: { text: 'conf/missing.conf: no such file or directory' } }] },
    ]);
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(loadSarifSchema());
    expect(validate(failed), JSON.stringify(validate.errors)).toBe(true);
  });

  it('the schema check is not vacuous: a broken log fails it', () => {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(loadSarifSchema());
    const broken = structuredClone(log);
    broken.runs[0].results[0].level = 'fatal';
    delete broken.runs[0].tool.driver.name;
    expect(validate(broken)).toBe(false);
  });

  it('declares every registered rule with the fields viewers show', () => {
    const declared = log.runs[0].tool.driver.rules;
    expect(declared.map((r: any) => r.id).sort()).toEqual(rules.map((r) => r.code).sort());
    for (const d of declared) {
      expect(d.name).toMatch(/^[a-z]/);
      expect(d.shortDescription.text).not.toBe('');
      expect(d.fullDescription.text).not.toBe('');
      expect(d.help.text).toContain('Bad:');
      expect(['error', 'warning', 'note']).toContain(d.defaultConfiguration.level);
    }
  });

  it('results point at their rule by id and index, 1-based, with related locations and fixes', () => {
    const run = log.runs[0];
    const [dup, unknown, deprecated] = run.results;
    for (const r of run.results) expect(run.tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId);
    expect(dup.level).toBe('error');
    expect(dup.locations[0].physicalLocation).toEqual({ artifactLocation: { uri: 'conf/keepalived.conf', uriBaseId: '%SRCROOT%' }, region: { startLine: 10, startColumn: 15, endLine: 10, endColumn: 19 } });
    expect(dup.relatedLocations[0].physicalLocation.region.startLine).toBe(1);
    expect(dup.relatedLocations[0].message.text).toBe('first defined here');
    expect(unknown.locations[0].physicalLocation.artifactLocation.uri).toBe('dir%20with%20space/k%25.conf');
    expect(unknown.fixes[0].artifactChanges[0].replacements[0]).toEqual({ deletedRegion: { startLine: 3, startColumn: 5, endLine: 3, endColumn: 13 }, insertedContent: { text: 'router_id' } });
    expect(deprecated.level).toBe('note');
    expect(deprecated.locations[0].physicalLocation.artifactLocation).toEqual({ uri: 'file:///etc/keepalived/keepalived.conf' });
    expect(run.originalUriBaseIds['%SRCROOT%'].uri).toBe('file:///work/repo/');
    // Suppressed findings come last, marked with the reason written in the config.
    expect(run.results).toHaveLength(SAMPLE.length + 1);
    expect(run.results[SAMPLE.length].suppressions).toEqual([{ kind: 'inSource', justification: 'read by our inventory script' }]);
    expect(run.results.slice(0, SAMPLE.length).every((r: any) => r.suppressions === undefined)).toBe(true);
    // The spec requires a region to give where it starts.
    for (const r of run.results) expect(r.locations[0].physicalLocation.region.startLine).toBeGreaterThan(0);
  });

  it('a real lint result validates too', () => {
    const { diagnostics } = lintText('vrrp_instance VI_1 {\n}\nvrrp_instance VI_1 {\n}\nglobal_defs {\n    routr_id x\n}\n', { file: 'k.conf' });
    expect(diagnostics.length).toBeGreaterThan(1);
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    expect(ajv.validate(loadSarifSchema(), toSarif(diagnostics, { rules, baseDir: '/tmp' }))).toBe(true);
  });
});

describe('github', () => {
  it('escapes data and properties as the workflow command syntax requires', () => {
    expect(escapeGithubData('50% done\r\nnext: a,b')).toBe('50%25 done%0D%0Anext: a,b');
    expect(escapeGithubProperty('dir:a,b/100%.conf')).toBe('dir%3Aa%2Cb/100%25.conf');
  });

  it('prints one command per finding with 1-based positions and the code as title', () => {
    const out = formatGithub(SAMPLE).split('\n');
    // The related place in the message text (an annotation has one place).
    expect(out[0]).toBe("::error file=conf/keepalived.conf,line=10,col=15,endLine=10,endColumn=19,title=KA209::vrrp_instance 'VI_1' is already defined%0A↳ conf/keepalived.conf:1:15: first defined here");
    expect(out[2]).toMatch(/^::notice file=\/etc\/keepalived\/keepalived.conf,line=1,col=1,/);
    expect(out[3]).toMatch(/^::warning /);
    expect(formatGithub([{ ...SAMPLE[3]!, message: 'two\nlines: 100%' }])).toBe('::warning file=a.conf,line=2,col=3,endLine=2,endColumn=4,title=KA204::two%0Alines: 100%25\n');
  });
});

describe('checkstyle', () => {
  it('is well-formed XML with escaped attributes, listing clean files too', () => {
    const xml = formatCheckstyle([{ ...SAMPLE[3]!, message: `a "quoted" <tag> & 'x'\nnext\u0001` }], ['a.conf', 'clean.conf']);
    expect(xml).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<checkstyle version="4.3">\n' +
        '  <file name="a.conf">\n' +
        '    <error line="2" column="3" severity="warning" message="a &quot;quoted&quot; &lt;tag&gt; &amp; &apos;x&apos;&#10;next" source="kalint.KA204"/>\n' +
        '  </file>\n  <file name="clean.conf">\n  </file>\n</checkstyle>\n',
    );
    expect(escapeXmlAttribute('\uD800x')).toBe('x');
  });
  // A scaling sweep (session 53): each finding copied its file's list so far, so 80,000 findings in one file took
  // 48 s. Linear is 4x from 20,000 to 80,000 findings; the bound leaves room for a loaded machine.
  it('takes time in proportion to the findings of one file', () => {
    const many = (n: number) => Array.from({ length: n }, (_, i) => ({ ...SAMPLE[3]!, range: { start: { line: i, column: 0, offset: i }, end: { line: i, column: 1, offset: i + 1 } } }));
    const cpu = (n: number) => {
      const list = many(n);
      let out = '';
      const ms = cpuMs(() => (out = formatCheckstyle(list, ['a.conf'])));
      expect(out.split('<error ').length - 1).toBe(n);
      return ms;
    };
    cpu(2000);
    expectScalesWithin(cpu, 20_000, 80_000, 12, (small, large) => `20,000: ${small.toFixed(0)} ms, 80,000: ${large.toFixed(0)} ms`);
  });
});

describe('file names with control characters (cli63 #9)', () => {
  const odd: Diagnostic = { code: 'KA204', severity: 'warning', message: 'extra words', file: 'new\nline.conf', range: range(2, 2, 2, 3), related: [{ file: 'e\x1b[31mred.conf', range: range(0, 0, 0, 1), message: 'there' }] };
  it('are written with C escapes in gnu and stylish, so a name cannot make a fake line or colour the terminal', () => {
    expect(formatGnu([odd])).toBe('new\\nline.conf:3:3: warning: extra words [KA204]\ne\\033[31mred.conf:1:1: note: there\n');
    const stylish = formatOutput('stylish', [odd], { color: false, files: [], rules, baseDir: '/' });
    expect(stylish).toContain('\nnew\\nline.conf\n');
    expect(stylish).toContain('↳ e\\033[31mred.conf:1:1: there');
    expect(stylish).not.toContain('\x1b');
  });
  it('keep their escapes in checkstyle instead of losing the character, and the related place is in the message', () => {
    const xml = formatCheckstyle([{ ...odd, file: 'e\x1b[31mred.conf' }]);
    expect(xml).toContain('<file name="e\\033[31mred.conf">');
    expect(xml).toContain('message="extra words&#10;↳ e\\033[31mred.conf:1:1: there"');
  });
});

describe('gnu', () => {
  it('prints file:line:col: severity: message [CODE]', () => {
    expect(formatGnu(SAMPLE)).toBe(
      "conf/keepalived.conf:10:15: error: vrrp_instance 'VI_1' is already defined [KA209]\n" +
        'conf/keepalived.conf:1:15: note: first defined here\n' +
        "dir with space/k%.conf:3:5: error: Unknown keyword 'routr_id'; did you mean 'router_id'? [KA201]\n" +
        '/etc/keepalived/keepalived.conf:1:1: note: deprecated [KA206]\n' +
        'a.conf:2:3: warning: extra words [KA204]\n',
    );
  });
});

describe('json and stylish', () => {
  it('json carries related locations and fixes, 1-based', () => {
    const json = JSON.parse(formatJson(SAMPLE));
    expect(json[0].related).toEqual([{ file: 'conf/keepalived.conf', line: 1, column: 15, endLine: 1, endColumn: 19, message: 'first defined here' }]);
    expect(json[1].fix.edits[0]).toEqual({ file: 'dir with space/k%.conf', line: 3, column: 5, endLine: 3, endColumn: 13, newText: 'router_id' });
  });

  it('stylish is coloured only when asked', () => {
    const ctx = { files: [], rules, baseDir: '/' };
    expect(formatOutput('stylish', SAMPLE, { ...ctx, color: true })).toContain('\x1b[31m');
    expect(formatOutput('stylish', SAMPLE, { ...ctx, color: false })).not.toContain('\x1b[');
  });
});
