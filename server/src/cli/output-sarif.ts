// SARIF 2.1.0 output (`kalint lint --format sarif`), for GitHub code scanning and other viewers.
// Every registered rule is declared in tool.driver.rules; results point at it by id and index.
// Positions are 1-based; columns count UTF-16 code units, as kalint's do (run.columnKind says so).

import { pathToFileURL } from 'node:url';
import { isAbsolute } from 'node:path';
import type { Diagnostic, Severity } from '../core/diagnostics.js';
import type { Range } from '../core/syntax/cst.js';
import type { Rule } from '../rules/types.js';
import { sortedRules } from './explain.js';
import { VERSION } from './common.js';
import { encodeText, hasEscapedBytes } from '../core/syntax/encoding.js';

export const SARIF_SCHEMA_URI = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

type SarifLevel = 'error' | 'warning' | 'note';

const LEVEL: Record<Severity, SarifLevel> = { error: 'error', warning: 'warning', info: 'note' };

interface SarifOptions {
  /** Findings hidden by suppression comments: reported as suppressed results, with the reason. */
  suppressed?: { diagnostic: Diagnostic; reason: string }[];
  /** Every rule kalint has (declared even when it found nothing). */
  rules: readonly Rule[];
  /** The folder relative paths are relative to (the working directory). */
  baseDir: string;
  /** Paths that could not be linted, with why: the run did not check everything it was given. */
  unlinted?: string[];
}

function region(r: Range) {
  return { startLine: r.start.line + 1, startColumn: r.start.column + 1, endLine: r.end.line + 1, endColumn: r.end.column + 1 };
}

/** A file as a SARIF artifact location: relative paths against %SRCROOT%, absolute ones as file: URIs. */
function artifactLocation(file: string) {
  if (isAbsolute(file)) return { uri: hasEscapedBytes(file) ? `file://${file.split('/').map(uriSegment).join('/')}` : pathToFileURL(file).href };
  const uri = file.split(/[\\/]/).map(uriSegment).join('/');
  return { uri, uriBaseId: '%SRCROOT%' };
}

/**
 * One segment of a path in a URI. A URI escapes bytes, so a name that is not UTF-8 (kept with escaped bytes, see
 * encoding.ts) is escaped byte by byte: `s\xe9c.conf` is `s%E9c.conf` (encodeURIComponent throws on it).
 */
function uriSegment(segment: string): string {
  if (!hasEscapedBytes(segment)) return encodeURIComponent(segment);
  let out = '';
  for (const byte of encodeText(segment)) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-_.!~*'()]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

function physicalLocation(file: string, range: Range) {
  return { physicalLocation: { artifactLocation: artifactLocation(file), region: region(range) } };
}

function markdownExample(title: string, text: string): string {
  return `**${title}**\n\n\`\`\`\n${text.replace(/\n+$/, '')}\n\`\`\``;
}

function ruleDescriptor(rule: Rule) {
  return {
    id: rule.code,
    name: rule.name,
    shortDescription: { text: rule.description },
    fullDescription: { text: rule.docs.why },
    help: {
      text: `${rule.docs.why}\n\nBad:\n${rule.docs.bad}\nGood:\n${rule.docs.good}`,
      markdown: `${rule.docs.why}\n\n${markdownExample('Bad', rule.docs.bad)}\n\n${markdownExample('Good', rule.docs.good)}`,
    },
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: { tags: [rule.family] },
  };
}

export function toSarif(diags: Diagnostic[], options: SarifOptions): object {
  const rules = sortedRules(options.rules);
  const index = new Map(rules.map((r, i) => [r.code, i]));
  const descriptors: object[] = rules.map(ruleDescriptor);
  const all: { d: Diagnostic; reason?: string }[] = [...diags.map((d) => ({ d })), ...(options.suppressed ?? []).map((s) => ({ d: s.diagnostic, reason: s.reason }))];
  // A code no rule file declares (should not happen) still gets a minimal descriptor.
  for (const { d } of all) {
    if (index.has(d.code)) continue;
    index.set(d.code, descriptors.length);
    descriptors.push({ id: d.code, shortDescription: { text: d.code } });
  }
  const results = all.map(({ d, reason }) => {
    const result: Record<string, unknown> = {
      ruleId: d.code,
      ruleIndex: index.get(d.code),
      level: LEVEL[d.severity],
      message: { text: d.message },
      locations: [physicalLocation(d.file, d.range)],
    };
    if (d.related?.length) {
      result.relatedLocations = d.related.map((r, i) => ({ id: i, ...physicalLocation(r.file, r.range), message: { text: r.message } }));
    }
    if (reason !== undefined) result.suppressions = [{ kind: 'inSource', justification: reason }];
    if (d.fix) {
      const byFile = new Map<string, typeof d.fix.edits>();
      for (const e of d.fix.edits) byFile.set(e.file, [...(byFile.get(e.file) ?? []), e]);
      result.fixes = [
        {
          description: { text: d.fix.description },
          artifactChanges: [...byFile].map(([file, edits]) => ({
            artifactLocation: artifactLocation(file),
            replacements: edits.map((e) => ({ deletedRegion: region(e.range), insertedContent: { text: e.newText } })),
          })),
        },
      ];
    }
    return result;
  });
  const base = pathToFileURL(options.baseDir.endsWith('/') ? options.baseDir : options.baseDir + '/').href;
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'kalint', version: VERSION, semanticVersion: VERSION, rules: descriptors } },
        originalUriBaseIds: { '%SRCROOT%': { uri: base } },
        columnKind: 'utf16CodeUnits',
        // A path that could not be read is no finding, but the run is incomplete: viewers show it as a tool error.
        invocations: [
          {
            executionSuccessful: !options.unlinted?.length,
            ...(options.unlinted?.length ? { toolExecutionNotifications: options.unlinted.map((m) => ({ level: 'error', message: { text: m } })) } : {}),
          },
        ],
        results,
      },
    ],
  };
}

export function formatSarif(diags: Diagnostic[], options: SarifOptions): string {
  return JSON.stringify(toSarif(diags, options), null, 2) + '\n';
}
