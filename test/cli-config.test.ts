// .kalint.json: the hand-written runtime validator and schemas/kalint.schema.json (checked with
// ajv) agree on valid and invalid configs; errors name the file; path mappings resolve against
// the config's folder.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import Ajv from 'ajv';
import { ConfigError, ignoredPath, ignorePattern, loadConfigFile, resolvedPathMappings, validateConfig } from '../server/src/cli/config.js';
import { locatePointer } from '../server/src/cli/json-locate.js';

const schema = JSON.parse(readFileSync(join(__dirname, '..', 'schemas/kalint.schema.json'), 'utf8'));
const ajv = new Ajv({ allErrors: true, strict: true });
const validateWithSchema = ajv.compile(schema);

const VALID: [string, unknown][] = [
  ['empty', {}],
  ['everything', {
    $schema: './node_modules/kalint/schemas/kalint.schema.json',
    rules: { KA204: 'off', 'unknown-keyword': 'warning', KA206: 'error', KA002: 'info' },
    targetVersion: '2.2.7',
    configIds: ['lb1', 'lb2'],
    clusters: [{ name: 'edge', files: ['lb1/keepalived.conf', 'lb2/keepalived.conf'] }, { files: ['a.conf', 'b.conf', 'c.conf'] }],
    pathMappings: { '/etc/keepalived': 'deploy/keepalived', '/': 'root' },
    format: { indentWidth: 2, useTabs: false },
    ignorePatterns: ['examples/', '**/broken-*.conf'],
    autoPair: false,
  }],
  ['short version', { targetVersion: '1.3' }],
  // As fmt --indent 0 (session 61: the file refused what the option took).
  ['no indentation', { format: { indentWidth: 0 } }],
];

const INVALID: [string, unknown, string][] = [
  ['not an object', [], '/: must be an object'],
  ['unknown top-level key', { rule: {} }, '/rule: unknown setting'],
  ['unknown rule', { rules: { KA999: 'off' } }, "/rules/KA999: unknown rule 'KA999'"],
  ['lower-case code', { rules: { ka204: 'off' } }, "/rules/ka204: unknown rule"],
  ['bad severity', { rules: { KA204: 'warn' } }, '/rules/KA204: severity must be one of off, info, warning, error, got "warn"'],
  ['bad version', { targetVersion: 'latest' }, '/targetVersion: must be a keepalived version'],
  ['version as number', { targetVersion: 2.2 }, '/targetVersion'],
  ['empty configIds', { configIds: [] }, '/configIds: must be a non-empty array'],
  ['config id with blank', { configIds: ['a b'] }, '/configIds/0'],
  ['config id twice', { configIds: ['lb1', 'lb2', 'lb1'] }, '/configIds/2: "lb1" is given twice'],
  ['cluster file twice', { clusters: [{ files: ['a.conf', 'b.conf', 'a.conf'] }] }, '/clusters/0/files/2: "a.conf" is given twice'],
  ['cluster of one', { clusters: [{ files: ['a.conf'] }] }, '/clusters/0/files: must list at least two files'],
  ['cluster extra key', { clusters: [{ files: ['a', 'b'], nodes: 2 }] }, '/clusters/0/nodes: unknown setting'],
  ['relative mapping prefix', { pathMappings: { 'etc/keepalived': 'x' } }, '/pathMappings/etc~1keepalived: the prefix must be an absolute path'],
  ['mapping to nothing', { pathMappings: { '/etc': '' } }, '/pathMappings/~1etc: must map to a folder path'],
  ['indent out of range', { format: { indentWidth: 17 } }, '/format/indentWidth: must be an integer from 0 to 16, got 17'],
  ['indent not whole', { format: { indentWidth: 2.5 } }, '/format/indentWidth'],
  ['tabs not boolean', { format: { useTabs: 'yes' } }, '/format/useTabs: must be true or false'],
  ['ignore pattern not a list', { ignorePatterns: 'examples/' }, '/ignorePatterns: must be an array of globs'],
  ['empty ignore pattern', { ignorePatterns: [''] }, '/ignorePatterns/0: must be a non-empty glob'],
  ['autoPair not boolean', { autoPair: 'no' }, '/autoPair: must be true or false'],
];

describe('.kalint.json validation', () => {
  it.each(VALID)('accepts %s (runtime validator and JSON schema)', (_name, config) => {
    expect(validateConfig(config)).toEqual([]);
    expect(validateWithSchema(config), JSON.stringify(validateWithSchema.errors)).toBe(true);
  });

  it.each(INVALID)('rejects %s (runtime validator and JSON schema)', (_name, config, message) => {
    const errors = validateConfig(config);
    expect(errors.join('\n')).toContain(message);
    expect(validateWithSchema(config)).toBe(false);
  });

  it('the schema lets editors complete every rule code and name', () => {
    const props = Object.keys(schema.properties.rules.properties);
    expect(props).toContain('KA201');
    expect(props).toContain('unknown-keyword');
  });

  it('reports invalid JSON and invalid settings with the file path, line and column', () => {
    expect(() => loadConfigFile('/repo/.kalint.json', '{ "rules": ')).toThrow(ConfigError);
    expect(() => loadConfigFile('/repo/.kalint.json', '{ "rules": ')).toThrow(/^\/repo\/\.kalint\.json:1:12: invalid JSON: Unexpected end of JSON input$/);
    expect(() => loadConfigFile('/repo/.kalint.json', '{\n  "rules": {\n    "KA201": "off",\n  }\n}\n')).toThrow(/^\/repo\/\.kalint\.json:4:3: invalid JSON: Expected double-quoted property name$/);
    expect(() => loadConfigFile('/repo/.kalint.json', '{ "rules": { "KA204": "warn" } }')).toThrow(
      /^\/repo\/\.kalint\.json: invalid configuration:\n {2}\/repo\/\.kalint\.json:1:23: \/rules\/KA204: severity must be/,
    );
    // V8 gives no position for an unexpected character or literal, and quotes the text over several lines.
    expect(() => loadConfigFile('/repo/.kalint.json', '{\n  "rules": {"KA204": error}\n}\n')).toThrow(/^\/repo\/\.kalint\.json:2:22: invalid JSON: Unexpected token 'e'$/);
    expect(() => loadConfigFile('/repo/.kalint.json', '{"a": tru}')).toThrow(/^\/repo\/\.kalint\.json:1:10: invalid JSON: Unexpected token '}'$/);
    expect(() => loadConfigFile('/repo/.kalint.json', '{"a": .5}')).toThrow(/^\/repo\/\.kalint\.json:1:7: invalid JSON: Unexpected token '\.'$/);
    // JSONC comments, where they start.
    expect(() => loadConfigFile('/repo/.kalint.json', '// comment\n{"rules": { "KA204": "error" }}')).toThrow(/^\/repo\/\.kalint\.json:1:1: invalid JSON: comments are not allowed in JSON/);
    expect(() => loadConfigFile('/repo/.kalint.json', '{\n  /* severities */\n  "rules": {}\n}')).toThrow(/^\/repo\/\.kalint\.json:2:3: invalid JSON: comments are not allowed in JSON/);
    // A value error at the value, its pointer escaped as RFC 6901 says.
    expect(() => loadConfigFile('/repo/.kalint.json', '{\n  "targetVersion": "2.2.7",\n  "pathMappings": {\n    "/etc/keepalived": ""\n  }\n}\n')).toThrow(
      /^\/repo\/\.kalint\.json: invalid configuration:\n {2}\/repo\/\.kalint\.json:4:24: \/pathMappings\/~1etc~1keepalived: must map to a folder path$/,
    );
    const nested = '{\n  "clusters": [\n    { "files": ["a.conf", "b.conf"] },\n    { "files": "c.conf" }\n  ],\n  "targetVersion": 2.2\n}\n';
    let message = '';
    try {
      loadConfigFile('/repo/.kalint.json', nested);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message.split('\n').slice(1)).toEqual([
      expect.stringMatching(/^ {2}\/repo\/\.kalint\.json:4:16: \/clusters\/1\/files: /),
      expect.stringMatching(/^ {2}\/repo\/\.kalint\.json:6:20: \/targetVersion: /),
    ]);
  });

  it('locates a JSON pointer past strings holding braces, quotes and slashes', () => {
    const text = '{ "a\\"}": [1, {"x": "]}"}], "pathMappings": { "/etc/k": "x", "/etc/k": "deploy" }, "rules": {"KA1": [ ] } }';
    expect(JSON.parse(text)).toBeTruthy();
    const at = (p: string) => locatePointer(text, p);
    expect(text.slice(at('/pathMappings/~1etc~1k')!)).toMatch(/^"deploy"/); // the last of a duplicated key, as JSON.parse keeps
    expect(text.slice(at('/rules/KA1')!)).toMatch(/^\[ \]/);
    expect(text.slice(at('/a"}/1/x')!)).toMatch(/^"\]\}"/);
    expect(at('/rules/KA2')).toBeUndefined();
    expect(at('/rules/KA1/0')).toBeUndefined();
    expect(at('')).toBe(0);
  });

  it('reads a .kalint.json saved with a byte order mark', () => {
    expect(loadConfigFile('/repo/.kalint.json', '\ufeff{ "rules": { "KA204": "off" } }').config.rules).toEqual({ KA204: 'off' });
  });

  it('resolves path mappings relative to the folder of the config', () => {
    const loaded = loadConfigFile('/repo/.kalint.json', JSON.stringify({ pathMappings: { '/etc/keepalived/': 'deploy/ka', '/opt/x': '/abs/x' } }));
    expect(resolvedPathMappings(loaded)).toEqual({ '/etc/keepalived': '/repo/deploy/ka', '/opt/x': '/abs/x' });
  });
});

describe('ignorePatterns', () => {
  const ignored = (patterns: string[], path: string) => ignoredPath(patterns.map(ignorePattern), path);
  // Each row as git 2.39 reads the same lines in a .gitignore (`git status --ignored` on a scratch repository with the
  // file): `!` (the last match wins, nothing comes back under a folder left out), `[...]` classes, a trailing '/' for
  // folders only, a leading or inner '/' anchoring, `**`, `\` escapes and trailing blanks.
  const GIT: [string[], string, boolean][] = [
    [["examples"], "examples/a.conf", true],
    [["examples"], "docs/examples/a.conf", true],
    [["*.bak.conf"], "deploy/lb1.bak.conf", true],
    [["examples"], "deploy/examples.conf", false],
    [["docs/examples/"], "docs/examples/a.conf", true],
    [["docs/examples/"], "x/docs/examples/a.conf", false],
    [["test/*.conf"], "test/sub/a.conf", false],
    [["test/**/*.conf"], "test/sub/deeper/a.conf", true],
    [["test/**/*.conf"], "test/a.conf", true],
    [["lb?.conf"], "lb1.conf", true],
    [["a+b.conf"], "a+b.conf", true],
    [["nodes/*", "!nodes/keepalived.conf"], "nodes/keepalived.conf", false],
    [["nodes/*", "!nodes/keepalived.conf"], "nodes/keepalived-old.conf", true],
    [["!nodes/keepalived.conf", "nodes/*"], "nodes/keepalived.conf", true],
    [["*.conf", "!keepalived.conf"], "a/b/keepalived.conf", false],
    [["*.conf", "!keepalived.conf"], "a/keepalived-x.conf", true],
    [["a/*", "!a/b/"], "a/b/keepalived.conf", false],
    [["a/*", "!a/b/"], "a/keepalived.conf", true],
    [["a/", "!a/b/"], "a/b/keepalived.conf", true],
    [["a", "!keepalived.conf"], "a/keepalived.conf", true],
    [["[a]/"], "a/keepalived.conf", true],
    [["[a]/"], "b/keepalived.conf", false],
    [["[!a]/"], "b/keepalived.conf", true],
    [["[^a]/"], "a/keepalived.conf", false],
    [["lb[0-9].conf"], "lb7.conf", true],
    [["lb[0-9].conf"], "lbx.conf", false],
    [["lb[[:digit:]].conf"], "lb7.conf", true],
    [["lb[[:alpha:]].conf"], "lb7.conf", false],
    [["lb[]x].conf"], "lb].conf", true],
    [["lb[a-].conf"], "lb-.conf", true],
    [["lb[z-a].conf"], "lbz.conf", true],
    [["a[/]b"], "a/b", false],
    [["keepalived.conf/"], "keepalived.conf", false],
    [["keepalived.conf/"], "a/keepalived.conf", false],
    [["keepalived.conf/"], "keepalived.conf/x.conf", true],
    [["/keepalived.conf"], "keepalived.conf", true],
    [["/keepalived.conf"], "a/keepalived.conf", false],
    [["/a"], "a/x.conf", true],
    [["/a"], "b/a/x.conf", false],
    [["**/b"], "a/b/x.conf", true],
    [["**/b"], "b/x.conf", true],
    [["a/**"], "a/x.conf", true],
    [["a/**"], "a/b/c/x.conf", true],
    [["a/**", "!a/keep.conf"], "a/keep.conf", false],
    [["a/**/c"], "a/c/x.conf", true],
    [["a/**/c"], "a/b/d/c/x.conf", true],
    [["a**b.conf"], "axxb.conf", true],
    [["a**b.conf"], "a/x/b.conf", false],
    [["a/x**/y.conf"], "a/xq/z/y.conf", true],
    [["\\!x.conf"], "!x.conf", true],
    [["\\#x.conf"], "#x.conf", true],
    [["x.conf  "], "x.conf", true],
    [["x.conf\\ "], "x.conf ", true],
    [["x.conf\\ "], "x.conf", false],
    [["\\*.conf"], "a.conf", false],
    [["\\*.conf"], "*.conf", true],
    [["*"], "a/b/c.conf", true],
    [["*", "!*/"], "a/b/c.conf", true],
    [["*", "!*/", "!*.conf"], "a/b/c.conf", false],
    [["a/b"], "a/b/c.conf", true],
    [["a/b"], "x/a/b/c.conf", false],
    [["b/"], "a/b", false],
    [["*.CONF"], "a.conf", false],
    [[" x.conf"], "x.conf", false],
    [["lb[[:foo].conf"], "lb[.conf", true],
    [["lb[[:foo].conf"], "lbf.conf", true],
    [["lb[\\]].conf"], "lb].conf", true],
    [["lb[\\a-c].conf"], "lbb.conf", true],
    [["lb[[:space:]x].conf"], "lb .conf", true],
    [["lb[a[:digit:]-z].conf"], "lb-.conf", true],
    [["lb[a[:digit:]-z].conf"], "lbq.conf", false],
    [["**"], "a/b.conf", true],
    [["**/"], "a/b.conf", true],
    [["/**"], "a/b.conf", true],
    [["a/**/"], "a/b.conf", false],
    [["a/**/"], "a/c/b.conf", true],
    [["*/b/"], "a/b/c.conf", true],
    [["*/b/"], "x/a/b/c.conf", false],
    [["d", "!d/e", "d/e/f"], "d/e/f/g.conf", true],
    [["*.conf", "!/a/*.conf"], "a/x.conf", false],
    [["*.conf", "!/a/*.conf"], "b/a/x.conf", true],
    [["**/a/**"], "x/y/a/b/c.conf", true],
    [["a/b/**/c.conf"], "a/b/c.conf", true],
    [["***/c.conf"], "x/y/c.conf", true],
    [["x/***"], "x/y/c.conf", true],
    [["x/a***"], "x/aq/c.conf", true],
    [["[!]].conf"], "a.conf", true],
    [["[!]].conf"], "].conf", false],
    [["\\ x.conf"], " x.conf", true],
  ];
  it.each(GIT)('%j leaves out %s: %s (as git)', (patterns, path, expected) => {
    expect(ignored(patterns, path)).toBe(expected);
  });

  it('reads a leading ./ as /, and matches one character with ? and a class (git: one byte)', () => {
    expect(ignored(['./test/*.conf'], 'test/a.conf')).toBe(true);
    expect(ignored(['./test/*.conf'], 'x/test/a.conf')).toBe(false);
    expect(ignored(['l?.conf'], 'l\u00e9.conf')).toBe(true);
    expect(ignored(['l[\u00e9e].conf'], 'l\u00e9.conf')).toBe(true);
  });

  it('refuses a pattern .gitignore reads as matching nothing, saying why', () => {
    const why = (pattern: string) => validateConfig({ ignorePatterns: ['ok/', pattern] }).join('\n');
    expect(why('#old')).toMatch(/^\/ignorePatterns\/1: "#old": a pattern starting with '#' is a comment in \.gitignore and matches nothing \(write '\\#'/);
    expect(why('lb[12.conf')).toContain("'[' at 3 opens a class that no ']' closes");
    expect(why('lb[[:num:]].conf')).toContain("'[:num:]' is no character class");
    expect(why('!')).toContain('the pattern names nothing');
    expect(why('/')).toContain('the pattern names nothing');
    expect(why('x\\')).toContain("a trailing '\\' escapes nothing");
    expect(validateConfig({ ignorePatterns: ['\\#old', '!keep/', 'lb[12].conf', '[[:digit:]]*'] })).toEqual([]);
  });
});
