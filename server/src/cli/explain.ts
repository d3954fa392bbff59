// `kalint explain CODE|NAME` and `kalint explain --list`, plus the renderers of docs/rules/ and of
// the rule list in schemas/kalint.schema.json: one source (the rule files) for all of them.

import { ruleByCode, rules as registry } from '../rules/index.js';
import { suggest } from '../core/analysis/suggest.js';
import type { Rule, RuleFamily } from '../rules/types.js';
import { EXIT, parseCommandArgs, UsageError } from './common.js';
import { SEVERITY_SETTINGS } from './config.js';
import { explainFailoverText } from './explain-failover.js';

export const FAMILY_TITLES: Record<RuleFamily, string> = {
  meta: 'kalint (KA0xx)',
  syntax: 'Syntax (KA1xx)',
  schema: 'Schema (KA2xx)',
  vrrp: 'VRRP (KA3xx)',
  cluster: 'Cluster (KA4xx)',
  lvs: 'LVS (KA5xx)',
  security: 'Security (KA6xx)',
  style: 'Style (KA7xx)',
};

const KIND_TEXT: Record<Rule['kind'], string> = {
  core: 'reported by the parser and schema checks',
  file: 'checks one file at a time',
  cluster: 'compares the nodes of a cluster',
};

const EXPLAIN_HELP = `Usage: kalint explain CODE|NAME
       kalint explain --list
       kalint explain KA4xx FILE FILE...   failover scenarios of a cluster (FILE@ID for config ids)

Prints what a rule checks, why it matters, its default severity and a bad and a good example.
CODE is a rule code such as KA201, NAME its name such as unknown-keyword.

Options:
  -l, --list     list every rule (code, severity, name, description)
  -h, --help     this help

Exit codes: 0 rule found, 2 unknown rule or usage error.
`;

export function sortedRules(rules: readonly Rule[] = registry): Rule[] {
  return [...rules].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

function sentence(text: string): string {
  return /[.!?)]$/.test(text) ? text : text + '.';
}

function kindText(rule: Rule): string {
  return rule.family === 'meta' ? 'reported by kalint about itself and its directives' : KIND_TEXT[rule.kind];
}

/**
 * An example as shown: a NUL byte (KA117's) as the symbol ␀, and the other control characters (KA119's binary data)
 * as theirs (␁, ␡), which terminals and Markdown can show. Tabs and line ends stay.
 */
export function shownExample(text: string): string {
  return text.replace(/[\0-\x08\x0b\x0c\x0e-\x1f]/g, (c) => String.fromCharCode(0x2400 + c.charCodeAt(0))).replace(/\x7f/g, '\u2421');
}

function indent(text: string, by: string): string {
  return shownExample(text)
    .replace(/\n+$/, '')
    .split('\n')
    .map((l) => (l ? by + l : l))
    .join('\n');
}

/** Rules reporting a file whose comments kalint does not read (binary data, KA119): no comment suppresses them. */
const NO_COMMENTS_READ = new Set(['KA119']);

/** A rule as `kalint explain` prints it. */
export function explainText(rule: Rule): string {
  let out = `${rule.code} ${rule.name}\n\n`;
  out += `${sentence(rule.description)}\n\n`;
  out += `Severity: ${rule.severity} (default)\nFamily:   ${FAMILY_TITLES[rule.family]}, ${kindText(rule)}\n\n`;
  out += `Why:\n${indent(wrap(rule.docs.why, 76), '  ')}\n\n`;
  out += `Bad:\n${indent(rule.docs.bad, '    ')}\n\n`;
  out += `Good:\n${indent(rule.docs.good, '    ')}\n`;
  if (rule.docs.target) out += `\nThe examples are read as keepalived ${rule.docs.target} reads them (--target-version ${rule.docs.target}).\n`;
  const files = Object.entries(rule.docs.files ?? {});
  if (files.length) out += `\nThe examples read ${files.length === 1 ? 'this file' : `these ${files.length} files`}: ${summarizeFiles(files)}\n`;
  out += `\nTurn it off or change its severity in .kalint.json: { "rules": { "${rule.code}": "off" } }\n`;
  if (NO_COMMENTS_READ.has(rule.code)) out += `No comment suppresses it (kalint reads none in such a file): --rule ${rule.code}=off does\n`;
  else out += `Suppress one finding: # kalint-disable-next-line ${rule.code} -- reason\n`;
  return out;
}

function summarizeFiles(files: [string, string][]): string {
  const names = files.map(([p]) => p);
  return names.length <= 4 ? names.join(', ') : `${names.slice(0, 2).join(', ')} … ${names[names.length - 1]}`;
}

function wrap(text: string, width: number): string {
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let cur = '';
  for (const w of words) {
    if (cur && cur.length + 1 + w.length > width) {
      lines.push(cur);
      cur = w;
    } else cur = cur ? `${cur} ${w}` : w;
  }
  if (cur) lines.push(cur);
  return lines.join('\n');
}

/** `kalint explain --list`: one line per rule. */
export function listText(rules: readonly Rule[] = registry): string {
  const sorted = sortedRules(rules);
  const nameWidth = Math.max(...sorted.map((r) => r.name.length));
  return sorted.map((r) => `${r.code}  ${r.severity.padEnd(7)}  ${r.name.padEnd(nameWidth)}  ${r.description}`).join('\n') + '\n';
}

export function explainCommand(argv: string[]): number {
  const { values, positionals } = parseCommandArgs(
    'explain',
    argv,
    { list: { type: 'boolean', short: 'l' }, help: { type: 'boolean', short: 'h' } },
    { cluster: "give the cluster's files after the rule, without --cluster: kalint explain KA4xx FILE FILE..." },
  );
  if (values.help) {
    process.stdout.write(EXPLAIN_HELP);
    return EXIT.ok;
  }
  if (values.list) {
    if (positionals.length) throw new UsageError('--list takes no rule');
    process.stdout.write(listText());
    return EXIT.ok;
  }
  if (positionals.length === 0 || positionals[0]!.trim() === '') throw new UsageError("give a rule code or name (e.g. 'kalint explain KA201'), or --list");
  if (positionals.length > 1) {
    const clusterRule = ruleByCode(positionals[0]!) ?? ruleByCode(positionals[0]!.toLowerCase().replace(/_/g, '-'));
    if (!clusterRule) throw new UsageError(`unknown rule '${positionals[0]}'; 'kalint explain --list' lists them all (only cluster rules, KA4xx, take node files after them)`);
    if (clusterRule.kind !== 'cluster') throw new UsageError('explain takes one rule code or name; only cluster rules (KA4xx) take node files after it');
    process.stdout.write(explainFailoverText(clusterRule, positionals.slice(1)));
    return EXIT.ok;
  }
  // `unknown_keyword` and `Unknown-Keyword` name unknown-keyword too.
  const rule = ruleByCode(positionals[0]!) ?? ruleByCode(positionals[0]!.toLowerCase().replace(/_/g, '-'));
  if (!rule) {
    const q = positionals[0]!.toLowerCase();
    const near = suggest(q.replace(/_/g, '-'), registry.map((r) => r.name));
    const close = [...registry.filter((r) => r.name === near), ...registry.filter((r) => r.name !== near && (r.name.includes(q) || r.description.toLowerCase().includes(q)))].slice(0, 5);
    throw new UsageError(`unknown rule '${positionals[0]}'${close.length ? ` (did you mean ${close.map((r) => `${r.code} ${r.name}`).join(', ')}?)` : ''}; 'kalint explain --list' lists them all`);
  }
  process.stdout.write(explainText(rule));
  return EXIT.ok;
}

// ---------- docs/rules (generated by `npm run docs`) ----------

const GENERATED_NOTE = '<!-- Generated by `npm run docs` from the rule files in server/src/rules. Do not edit. -->';

function fence(text: string): string {
  const body = shownExample(text).replace(/\n+$/, '');
  const ticks = body.includes('```') ? '````' : '```';
  return `${ticks}keepalived\n${body}\n${ticks}`;
}

/** The rule's page, docs/rules/CODE.md. */
export function ruleMarkdown(rule: Rule): string {
  let md = `${GENERATED_NOTE}\n\n# ${rule.code} ${rule.name}\n\n${sentence(rule.description)}\n\n`;
  md += `| | |\n|---|---|\n| Code | \`${rule.code}\` |\n| Name | \`${rule.name}\` |\n| Family | ${FAMILY_TITLES[rule.family]} |\n| Default severity | ${rule.severity} |\n| Kind | ${kindText(rule)} |\n\n`;
  md += `## Why\n\n${rule.docs.why}\n\n`;
  md += `## Bad\n\n${fence(rule.docs.bad)}\n\n## Good\n\n${fence(rule.docs.good)}\n\n`;
  if (rule.docs.target) md += `The examples are read as keepalived ${rule.docs.target} reads them (\`--target-version ${rule.docs.target}\`).\n\n`;
  const files = Object.entries(rule.docs.files ?? {});
  if (files.length) {
    md += `## Files the examples read\n\nThe examples are read as \`/etc/keepalived/keepalived.conf\`.\n\n`;
    const shown = files.length <= 4 ? files : files.slice(0, 2);
    for (const [p, t] of shown) md += `\`${p}\`:\n\n${fence(t || '# (empty)')}\n\n`;
    if (shown.length < files.length) md += `… and ${files.length - shown.length} more files of the same shape, up to \`${files[files.length - 1]![0]}\`.\n\n`;
  }
  md += `## Configuration\n\nChange the severity, or turn the rule off, in \`.kalint.json\`:\n\n\`\`\`json\n{ "rules": { "${rule.code}": "off" } }\n\`\`\`\n\n`;
  if (NO_COMMENTS_READ.has(rule.code)) md += `A file this rule reports is not read for \`# kalint-disable\` comments: turn the rule off for it with \`--rule ${rule.code}=off\` or in the \`.kalint.json\` of its folder.\n`;
  else md += `Suppress a single finding with a comment on the line before it (the reason is required):\n\n\`\`\`keepalived\n# kalint-disable-next-line ${rule.code} -- why this is fine here\n\`\`\`\n`;
  return md;
}

/** docs/rules/README.md: every rule, by family. */
export function rulesIndexMarkdown(rules: readonly Rule[] = registry): string {
  let md = `${GENERATED_NOTE}\n\n# kalint rules\n\n`;
  md += 'Every finding kalint reports has a stable code and a name; both are accepted wherever a rule is named ';
  md += '(`.kalint.json`, `--rule`, suppression comments, `kalint explain`). Severities are the defaults.\n\n';
  const sorted = sortedRules(rules);
  for (const family of Object.keys(FAMILY_TITLES) as RuleFamily[]) {
    const list = sorted.filter((r) => r.family === family);
    if (!list.length) continue;
    md += `## ${FAMILY_TITLES[family]}\n\n| Code | Name | Severity | Description |\n|---|---|---|---|\n`;
    for (const r of list) md += `| [${r.code}](${r.code}.md) | \`${r.name}\` | ${r.severity} | ${r.description.replace(/\|/g, '\\|')} |\n`;
    md += '\n';
  }
  md += '## Suppressing findings\n\n';
  md += '```keepalived\n# kalint-disable-next-line KA204 -- the next line only (comment lines in between are skipped)\n';
  md += '# kalint-disable KA204,KA206 -- the whole file this comment is in\n```\n\n';
  md += "`!` works in place of `#`. The reason after ` -- ` is required: a directive without one suppresses nothing and is reported ";
  md += '(KA001). Suppressions that match no finding are reported as KA002. `kalint lint --no-inline-config` ignores all of them.\n';
  return md;
}

/** The JSON Schema of `.kalint.json`, with every rule listed so editors can complete codes and names. */
export function configJsonSchema(rules: readonly Rule[] = registry): object {
  const severity = { $ref: '#/definitions/severity' };
  const ruleProps: Record<string, object> = {};
  for (const r of sortedRules(rules)) ruleProps[r.code] = { ...severity, description: `${r.name}: ${r.description} (default: ${r.severity})` };
  for (const r of sortedRules(rules)) ruleProps[r.name] = { ...severity, description: `${r.code}: ${r.description} (default: ${r.severity})` };
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'kalint configuration (.kalint.json)',
    description: 'Settings for kalint, the keepalived.conf linter. kalint uses the nearest .kalint.json above each file it checks; relative paths are relative to the folder that holds it. Generated by `npm run docs`.',
    type: 'object',
    additionalProperties: false,
    properties: {
      $schema: { type: 'string', description: 'The JSON Schema of this file, for editors.' },
      rules: {
        type: 'object',
        description: 'Severity per rule, by code (KA201) or name (unknown-keyword): off, info, warning or error.',
        properties: ruleProps,
        additionalProperties: false,
      },
      targetVersion: {
        type: 'string',
        pattern: '^\\d+\\.\\d+(\\.\\d+)?$',
        description: 'The keepalived version the configs run on. Keywords added later are reported (KA207). Default 2.2.7.',
        examples: ['2.2.7', '2.3.1', '1.3.5'],
      },
      configIds: {
        type: 'array',
        minItems: 1,
        uniqueItems: true,
        items: { type: 'string', pattern: '^\\S+$' },
        description: 'Config ids (keepalived -i) to check every file for: lines prefixed with @ID apply only to that id.',
      },
      clusters: {
        type: 'array',
        description: 'Groups of files that are the nodes of one cluster, checked against each other.',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['files'],
          properties: {
            name: { type: 'string', minLength: 1, description: 'A name for messages.' },
            files: { type: 'array', minItems: 2, uniqueItems: true, items: { type: 'string', minLength: 1 }, description: 'The config files of the nodes.' },
          },
        },
      },
      pathMappings: {
        type: 'object',
        description: 'Absolute include prefixes, as written in include lines, mapped to folders of this repository (relative to this file).',
        propertyNames: { pattern: '^/' },
        additionalProperties: { type: 'string', minLength: 1 },
        examples: [{ '/etc/keepalived': 'deploy/keepalived' }],
      },
      autoPair: {
        type: 'boolean',
        description: 'false: files below this folder are never paired into clusters on their own (a folder of examples whose instances happen to match). Default true.',
      },
      ignorePatterns: {
        type: 'array',
        description: "Globs, relative to this file's folder, of files a directory search or a glob leaves out, as .gitignore reads them: a pattern without '/' (but a trailing one) matches a name at any depth, one with '/' is anchored here; a trailing '/' matches folders only; '*', '?', '[...]' stay within a name, a '**' segment spans folders; '!pattern' takes back what an earlier one left out (the last match wins; nothing comes back under a folder left out); '\\' escapes. A leading './' reads as '/'. Files named one by one are still checked.",
        items: { type: 'string', minLength: 1 },
        examples: [['examples/', 'test/broken-*.conf']],
      },
      format: {
        type: 'object',
        description: 'Options of kalint format.',
        additionalProperties: false,
        properties: {
          indentWidth: { type: 'integer', minimum: 0, maximum: 16, description: 'Spaces per level, 0 to 16 (default 4; 0: no indentation), as fmt --indent.' },
          useTabs: { type: 'boolean', description: 'Indent with tabs.' },
        },
      },
    },
    definitions: {
      severity: { enum: [...SEVERITY_SETTINGS] },
    },
  };
}

/** Every generated file, by path relative to the repository root. */
export function generatedDocs(rules: readonly Rule[] = registry): Map<string, string> {
  const out = new Map<string, string>();
  out.set('docs/rules/README.md', rulesIndexMarkdown(rules));
  for (const r of sortedRules(rules)) out.set(`docs/rules/${r.code}.md`, ruleMarkdown(r));
  out.set('schemas/kalint.schema.json', JSON.stringify(configJsonSchema(rules), null, 2) + '\n');
  return out;
}
