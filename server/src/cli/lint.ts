// `kalint lint`: lint files, directories and globs in one process. Settings come from the nearest
// .kalint.json of each file, then from the command line (which wins).

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { lintText, type LintResult, type SeveritySetting, type SuppressedDiagnostic } from '../linter.js';
import { configIdsIn, targetCaveat, type Analysis } from '../core/index.js';
import { compareDiagnostics, type Diagnostic } from '../core/diagnostics.js';
import { ruleByCode, rules } from '../rules/index.js';
import { configBytes, discover, displayPath, fsHost, isDirectory, isPipe, stagedFiles, stageText, unreadableReason } from './host.js';
import { unifiedDiff } from './diff.js';
import { decodeBytes } from '../core/syntax/encoding.js';
import { FORMATS, formatOutput, type FormatName } from './output.js';
import { ConfigError, findConfig, isTargetVersion, inferredMappings, inferredMappingsNote, resolvedPathMappings, SEVERITY_SETTINGS, withoutIgnored } from './config.js';
import { EXIT, fsPath, ioReason, parseCommandArgs, sameFile, tell, UsageError } from './common.js';
import { analysisKey, lintClusters } from './cluster.js';
import { applyFixes } from '../core/apply-fixes.js';
import type { Fix } from '../core/diagnostics.js';
import { writeAtomically } from './fmt.js';
import { filesRead, inputAt } from './inputs.js';
import { ALL_CONFIG_IDS, expandConfigIds, implicitIdsSkippedNote, tooManyImplicitIds } from './config-ids.js';
import { appendAll } from '../core/arrays.js';
import { suppressionKey, unusedSuppressionCode } from '../rules/meta/suppressions.js';

const LINT_HELP = `Usage: kalint lint [options] PATH...

PATH may be a file, a directory (searched for keepalived configs), a glob (quoted; '**' spans
folders), a pipe (the shell's <(ssh lb1 cat /etc/keepalived/keepalived.conf)), or '-' for
standard input. Settings are read from the nearest .kalint.json above each file; options given
here win.

Options:
  -f, --format FORMAT        stylish (default) | json | sarif | github | checkstyle | gnu
  -o, --output-file FILE     write the report to FILE instead of standard output (never
                             over a config or .kalint.json this run reads, nor over the
                             file --stdin-filename names; a missing folder is made;
                             '-': standard output)
      --stdin-filename NAME  the name findings give the text read from '-' (default <stdin>);
                             its folder is where includes and .kalint.json are looked up
      --config-id ID[,ID]    analyse the file as keepalived -i ID would see it (@ID lines);
                             'all' = once for every @ID the file (or what it includes) mentions;
                             default: those @IDs compared as a cluster, plus the hosts not named
                             (only the latter when the @IDs are too many for the file's size)
      --cluster              the files given (or the config ids of one file) are the nodes of
                             one cluster: compare them (KA4xx) and simulate failover
      --show-clusters        name on stderr each set of files (or config ids) compared as one
                             cluster, and why: given, declared in .kalint.json, or auto-paired;
                             and how each shared instance was paired across the nodes
      --target-version V     keepalived version to check against (default 2.2.7)
      --rule CODE=SEVERITY   set a rule's severity: off | info | warning | error (repeatable;
                             CODE may be a rule name)
  -q, --quiet                report errors only
      --max-warnings N       exit 1 when there are more than N warnings (those reported:
                             none with --quiet)
      --no-inline-config     ignore '# kalint-disable…' comments in the configs
      --fix                  apply the safe quick fixes (renamed keywords, glued braces,
                             no-break spaces…) to the files, atomically, naming each on
                             stderr, then report what is left; the other fixes are
                             suggestions, shown as 'suggestion:'
      --fix-dry-run          show what --fix would write, as unified diffs (a/ b/ labels,
                             ready for 'git apply'; -o writes them to a file) instead of
                             the report; the configs are not written; exit 1 when a fix
                             would change a file
      --color / --no-color   force or disable colour (default: colour on a terminal, not
                             TERM=dumb; FORCE_COLOR=1 or 0 and NO_COLOR are honoured)
  -h, --help                 this help

Exit codes:
  0  no error-severity finding (and no more warnings than --max-warnings)
  1  error findings, or more warnings than --max-warnings
  2  usage error, unreadable file, or invalid .kalint.json

Suppress a finding with a comment on the line before it (the reason is required):
  # kalint-disable-next-line KA204 -- why this is fine here
or for a whole file:  # kalint-disable KA204 -- why
Run 'kalint explain CODE' for what a rule checks.
`;

interface LintSettings {
  format: FormatName;
  configIds?: string[];
  targetVersion?: string;
  ruleOverrides: Record<string, SeveritySetting>;
  inlineConfig: boolean;
}

function parseRuleOverrides(specs: string[]): Record<string, SeveritySetting> {
  const out: Record<string, SeveritySetting> = {};
  for (const spec of specs) {
    const m = /^([^=\s]+)=([a-z]+)$/.exec(spec.trim());
    if (!m) throw new UsageError(`invalid --rule '${spec}' (expected CODE=SEVERITY, e.g. KA204=off)`);
    // As .kalint.json's "rules" take it: a code (KA204) or a name (extra-arguments), exactly.
    const rule = rules.find((r) => r.code === m[1] || r.name === m[1]);
    if (!rule) {
      const near = ruleByCode(m[1]!) ?? ruleByCode(m[1]!.replace(/_/g, '-'));
      throw new UsageError(`unknown rule '${m[1]}' in --rule${near ? `; did you mean '${near.code}' (${near.name})?` : " (see 'kalint explain --list')"}`);
    }
    if (!(SEVERITY_SETTINGS as string[]).includes(m[2]!)) throw new UsageError(`invalid severity '${m[2]}' in --rule (${SEVERITY_SETTINGS.join(', ')})`);
    out[rule.code] = m[2] as SeveritySetting;
  }
  return out;
}

/** Included files are read by absolute (possibly mapped) path; show them like the files named. */
function displayPaths(d: Diagnostic): Diagnostic {
  const out = { ...d, file: displayPath(d.file) };
  if (d.related) out.related = d.related.map((r) => ({ ...r, file: displayPath(r.file) }));
  if (d.fix) out.fix = { ...d.fix, edits: d.fix.edits.map((e) => ({ ...e, file: displayPath(e.file) })) };
  return out;
}

/**
 * Lints one file for each config id. Findings every id shares are reported once; the others carry
 * the ids they occur for. An unused suppression (KA002) only counts when unused for every id.
 */
function lintFile(
  file: string,
  text: string,
  settings: LintSettings,
  analyses: Map<string, Analysis | null>,
  inferred?: Record<string, string>,
): { diagnostics: Diagnostic[]; suppressed: SuppressedDiagnostic[]; notes: string[]; used: Set<string> } {
  const loaded = findConfig(file);
  const config = loaded?.config ?? {};
  const shown = displayPath(file);
  const configured = loaded ? resolvedPathMappings(loaded) : undefined;
  const pathMappings = configured ?? inferred;
  const given = settings.configIds ?? config.configIds;
  // No id asked for: a file with `@id` lines is read differently on each host it names (keepalived's
  // default id is the host name), so it is checked for each of them and for the hosts it does not name.
  const targetVersion = settings.targetVersion ?? config.targetVersion;
  const lintFor = (configId: string | undefined) =>
    lintText(text, {
      file: shown,
      configId,
      targetVersion,
      host: fsHost,
      pathMappings,
      severities: { ...config.rules, ...settings.ruleOverrides },
      inlineConfig: settings.inlineConfig,
    });
  let ids: (string | undefined)[];
  let results: LintResult[];
  let idsNote: string | undefined;
  if (given) {
    ids = expandConfigIds(given, shown, text, { host: fsHost, pathMappings, targetVersion });
    results = ids.map(lintFor);
  } else {
    // The hosts the file does not name come first: their analysis reads every file the others' ids are
    // looked up in, so it stands in for the probe expandConfigIds would otherwise analyse the file for.
    const others = lintFor(undefined);
    const named = expandConfigIds([ALL_CONFIG_IDS], shown, text, { host: fsHost, pathMappings, targetVersion, analysis: others.analysis }).filter((id) => id !== undefined);
    if (tooManyImplicitIds(named.length, text.length)) {
      ids = [undefined];
      results = [others];
      idsNote = implicitIdsSkippedNote(shown, named.length);
    } else {
      ids = [...named, undefined];
      results = [...named.map(lintFor), others];
    }
  }
  const notes = idsNote ? [idsNote] : [];
  // Ids asked for of which no `@` line of a file that has some (or of what it includes) names any: a typo, or the
  // wrong file; say so. (One id named and another not is a host that reads only the shared lines: no note.)
  if (given) {
    const named = new Set<string>();
    for (const r of results) for (const f of r.analysis.files.values()) for (const id of configIdsIn(f.text, targetVersion)) named.add(id);
    const unnamed = given.filter((id) => id !== ALL_CONFIG_IDS && !named.has(id));
    if (named.size && unnamed.length && unnamed.length === given.length) notes.push(`${shown} names ${[...named].sort().map((id) => '@' + id).join(', ')}; none is ${unnamed.map((id) => `'${id}'`).join(' or ')}${settings.configIds ? ' (--config-id)' : ' (configIds of .kalint.json)'}: checked as a host no @ line names`);
  }
  // `include /etc/keepalived/conf.d/*.conf` in a repository whose conf.d sits beside the file: with no
  // .kalint.json mapping paths, read it from there, as the node would read it, and say so.
  if (!configured && !inferred) {
    const mappings = inferredMappings(results.flatMap((r) => [...r.analysis.inferredPathMappings]));
    if (mappings) {
      const again = lintFile(file, text, settings, analyses, mappings);
      return { ...again, notes: [inferredMappingsNote(file, mappings), ...again.notes] };
    }
  }
  // Kept for the cluster rules, so a cluster member is not analysed twice.
  // A template (KA108) or binary data (KA119) has no meaningful analysis: it is no cluster node and includes nothing
  // (null tells the cluster rules not to analyse it themselves).
  results.forEach((r, i) => analyses.set(analysisKey(file, ids[i]), r.template || r.binary ? null : r.analysis));
  const key = (d: Diagnostic) => `${d.file}\0${d.range.start.offset}\0${d.range.end.offset}\0${d.code}\0${d.message}`;
  // One file included by two spellings (`include /etc/keepalived/x.conf` and `include x.conf` beside it)
  // is read twice under two names, which show as one: its findings once.
  const runs = results.map((r) => {
    const shownOnce = new Set<string>();
    return r.diagnostics.map(displayPaths).filter((d) => !shownOnce.has(key(d)) && !!shownOnce.add(key(d)));
  });
  // The same suppressed finding under several ids is one.
  const suppressed = new Map<string, SuppressedDiagnostic>();
  for (const r of results) for (const s of r.suppressed) suppressed.set(key(s.diagnostic), { diagnostic: displayPaths(s.diagnostic), reason: s.reason });
  // The directives some id used (as shown): the run reports a directive unused only when no analysis of it
  // (another id's, another includer's) used it.
  const used = new Set<string>();
  for (const r of results) for (const u of r.usedSuppressions ?? []) {
    const [f, offset, code] = u.split('\0');
    used.add(suppressionKey(displayPath(f!), Number(offset), code!));
  }
  if (runs.length === 1) return { diagnostics: runs[0]!, suppressed: [...suppressed.values()], notes, used };
  const seen = new Map<string, { d: Diagnostic; ids: (string | undefined)[] }>();
  const fixKey = (d: Diagnostic) => (d.fix ? JSON.stringify(d.fix.edits) : '');
  runs.forEach((diags, i) => {
    for (const d of diags) {
      const k = key(d);
      const entry = seen.get(k);
      if (entry) {
        if (!entry.ids.includes(ids[i])) entry.ids.push(ids[i]);
        // One finding, another fix on another host (a block one host opens behind `@id`): no edit serves them all.
        if (entry.d.fix && fixKey(entry.d) !== fixKey(d)) entry.d = { ...entry.d, fix: undefined };
      } else seen.set(k, { d, ids: [ids[i]] });
    }
  });
  // A fix for some hosts only edits text every host reads, unless each edit is on a line of those hosts' own (`@id`):
  // "Add 'priority 150'" for the hosts no @id names gave the named ones a second priority (suggestions audit).
  const textOf = (f: string) => results.find((r) => r.analysis?.files.get(f))?.analysis?.files.get(f)?.text;
  const onOwnLines = (fix: NonNullable<Diagnostic['fix']>) => fix.edits.every((e) => {
    const text = textOf(e.file);
    if (text === undefined) return false;
    const lineStart = text.lastIndexOf('\n', e.range.start.offset - 1) + 1;
    // A new line the edit adds after an `@id` line is every host's unless it has its own prefix.
    return /^[ \t]*@/.test(text.slice(lineStart, e.range.start.offset + 1)) && !/\n(?![ \t]*@)/.test(e.newText);
  });
  const out: Diagnostic[] = [];
  for (const { d, ids: found } of seen.values()) {
    // A directive over another host's `@ID` line is judged only by the ids that read that line.
    if (d.code === 'KA002') {
      if (!usedInRun(d, used)) out.push(d);
    } else if (found.length === ids.length) out.push(d);
    else {
      const fix = d.fix && onOwnLines(d.fix) ? d.fix : undefined;
      out.push({ ...d, fix, message: `[${found.map((id) => (id === undefined ? 'other hosts' : '@' + id)).join(',')}] ${d.message}` });
    }
  }
  return { diagnostics: out, suppressed: [...suppressed.values()], notes, used };
}

/** Whether the directive of unused-suppression finding `d` suppressed its code in some analysis of `used`. */
function usedInRun(d: Diagnostic, used: Set<string>): boolean {
  const code = unusedSuppressionCode(d);
  return code !== undefined && used.has(suppressionKey(d.file, d.range.start.offset, code));
}

/**
 * Files read as includes of another linted file. Of files that include one another (a cycle), the first linted is
 * left in, and reads the others: each file of a cycle is still reported once (a folder of n files that each include
 * `*.conf` gave each finding n times, once from each file).
 */
function includedFragments(analyses: Map<string, Analysis | null>): Set<string> {
  const includes = new Map<string, Set<string>>();
  for (const a of analyses.values()) {
    if (!a) continue;
    const main = resolve(a.file);
    const set = includes.get(main) ?? new Set<string>();
    for (const p of a.files.keys()) if (resolve(p) !== main) set.add(resolve(p));
    includes.set(main, set);
  }
  const order = new Map([...includes.keys()].map((main, i) => [main, i]));
  const out = new Set<string>();
  for (const [main, set] of includes) {
    for (const inc of set) if (includes.has(inc) && (!includes.get(inc)!.has(main) || order.get(main)! < order.get(inc)!)) out.add(inc);
  }
  return out;
}

/** Each finding once: the first of those equal in file, place, code, severity and message. */
function distinctFindings<T>(items: T[], finding: (item: T) => Diagnostic): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const d = finding(item);
    const key = `${d.file}\0${d.range.start.offset}\0${d.range.end.offset}\0${d.code}\0${d.severity}\0${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Applies the fixes of `diagnostics` to the files they edit; the texts read in this run are the base. */
function writeFixes(diagnostics: Diagnostic[], texts: Map<string, string>, dryRun: boolean): { applied: number; files: number; errors: string[]; notices: string[]; done: string[] } {
  const byFile = new Map<string, Fix[]>();
  const seen = new Set<string>();
  /** The finding each fix comes from, to say what was fixed and where. */
  const findingOf = new Map<Fix, Diagnostic>();
  for (const d of diagnostics) {
    if (!d.fix?.safe) continue;
    const key = JSON.stringify(d.fix.edits);
    if (seen.has(key)) continue;
    seen.add(key);
    findingOf.set(d.fix, d);
    for (const file of new Set(d.fix.edits.map((e) => e.file))) {
      const list = byFile.get(file);
      if (list) list.push(d.fix);
      else byFile.set(file, [d.fix]);
    }
  }
  let applied = 0;
  let files = 0;
  const errors: string[] = [];
  const notices: string[] = [];
  const done: string[] = [];
  for (const [file, fixes] of byFile) {
    // A byte that is not UTF-8 (a Latin-1 or GBK comment) is an escape in the text and is written back as it was.
    const text = texts.get(resolve(file)) ?? fsHost.readFile(file);
    if (text === undefined) {
      errors.push(`${file}: cannot read file to fix it`);
      continue;
    }
    const r = applyFixes(text, file, fixes);
    if (!r.applied || r.text === text) continue;
    try {
      if (dryRun) stageText(file, r.text);
      else writeAtomically(file, configBytes(r.text));
    } catch (e) {
      errors.push(`${file}: cannot write the fixes: ${ioReason(e)}`);
      continue;
    }
    applied += r.applied;
    files++;
    for (const fix of r.taken) {
      const d = findingOf.get(fix)!;
      done.push(`${dryRun ? 'would fix' : 'fixed'} ${d.file}:${d.range.start.line + 1}:${d.range.start.column + 1}: ${fix.description} (${d.code})`);
    }
  }
  return { applied, files, errors, notices, done };
}

/**
 * What --fix-dry-run shows: each staged file against the file on disk, in name order, on stdout or in `outputFile`;
 * exit 1 when any differs.
 */
function printStagedDiffs(outputFile: string | undefined): number {
  let changed = 0;
  const diffs: Buffer[] = [];
  for (const [path, text] of [...stagedFiles()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    let before: string;
    try {
      before = decodeBytes(readFileSync(fsPath(path)));
    } catch (e) {
      tell(`kalint: ${displayPath(path)}: cannot read: ${ioReason(e)}\n`);
      return EXIT.usage;
    }
    if (before === text) continue;
    changed++;
    diffs.push(unifiedDiff(displayPath(path), displayPath(path), before, text));
  }
  if (outputFile !== undefined) {
    const failed = writeOutput(outputFile, Buffer.concat(diffs));
    if (failed !== undefined) return failed;
  } else for (const d of diffs) process.stdout.write(d);
  return changed ? EXIT.findings : EXIT.ok;
}

/**
 * Writes the report to `-o FILE` as a redirection would (through links, into /dev/stdout or a pipe),
 * making its folder when missing (`-o reports/kalint.sarif` in CI); an exit code when it failed.
 */
function writeOutput(outputFile: string, content: string | Buffer): number | undefined {
  try {
    try {
      mkdirSync(dirname(resolve(outputFile)), { recursive: true });
    } catch (e) {
      // `-o good.conf/x.json`: a file stands where a folder of the path should be (mkdir says EEXIST or ENOTDIR).
      const code = (e as NodeJS.ErrnoException).code;
      throw code === 'EEXIST' ? Object.assign(new Error('a part of the path is not a directory'), { code: 'ENOTDIR' }) : e;
    }
    writeFileSync(outputFile, content);
    return undefined;
  } catch (e) {
    tell(`kalint: ${outputFile}: cannot write: ${ioReason(e)}\n`);
    return EXIT.usage;
  }
}

/** Standard input's text, or why it cannot be read (`kalint lint - < somedir`: it is a directory). */
/**
 * Whether the report on standard output is coloured when no option says: FORCE_COLOR as node and chalk read it
 * ('', 1, 2, 3 or true: colour, even in a pipe; 0, false or anything else: none, even on a terminal), which wins
 * over NO_COLOR (set and not empty: none); else colour on a terminal, unless TERM is dumb.
 */
export function colourByEnvironment(env: NodeJS.ProcessEnv, tty: boolean): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return ['', '1', '2', '3', 'true'].includes(force);
  // A dumb terminal (Emacs' M-x shell) shows escape codes as text, as node's own hasColors() knows.
  return tty && !env.NO_COLOR && env.TERM !== 'dumb';
}

function readStdin(): string | { error: string } {
  try {
    return decodeBytes(readFileSync(0));
  } catch (e) {
    return { error: (e as NodeJS.ErrnoException).code === 'EISDIR' ? 'standard input is a directory' : `cannot read standard input: ${ioReason(e)}` };
  }
}

/**
 * `passes`: the round of --fix this is (each reruns the lint); `again`: the report after the fixes, a rerun too. A
 * rerun does not repeat what the first run said on stderr (missing paths, left-out templates, notes).
 */
export function lintCommand(argv: string[], passes = 1, again = false): number {
  const first = passes === 1 && !again;
  const say = (message: string) => {
    if (first) tell(message);
  };
  const { values, positionals } = parseCommandArgs('lint', argv, {
    format: { type: 'string', short: 'f', default: 'stylish' },
    'output-file': { type: 'string', short: 'o' },
    'stdin-filename': { type: 'string' },
    'config-id': { type: 'string' },
    cluster: { type: 'boolean' },
    'show-clusters': { type: 'boolean' },
    'target-version': { type: 'string' },
    rule: { type: 'string', multiple: true },
    quiet: { type: 'boolean', short: 'q' },
    'max-warnings': { type: 'string' },
    'no-inline-config': { type: 'boolean' },
    fix: { type: 'boolean' },
    'fix-dry-run': { type: 'boolean' },
    color: { type: 'boolean' },
    'no-color': { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    process.stdout.write(LINT_HELP);
    return EXIT.ok;
  }
  const format = values.format!;
  if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`unknown format '${format}' (${FORMATS.join(', ')})`);
  if (values['target-version'] !== undefined && !isTargetVersion(values['target-version'])) throw new UsageError(`invalid --target-version '${values['target-version']}' (expected e.g. 2.2.7 or 1.3.5)`);
  let maxWarnings: number | undefined;
  if (values['max-warnings'] !== undefined) {
    if (!/^\d+$/.test(values['max-warnings'])) throw new UsageError(`invalid --max-warnings '${values['max-warnings']}' (expected a number of warnings, e.g. 0)`);
    maxWarnings = Number(values['max-warnings']);
  }
  if (positionals.length === 0) throw new UsageError('no files to lint (give files, directories or globs)');
  // An empty list would analyse each file for no id at all, and report nothing.
  if (values['config-id'] !== undefined && !values['config-id'].split(',').some((s) => s.trim())) throw new UsageError("--config-id needs an id (e.g. --config-id lb1,lb2, or 'all')");
  const idsGiven = values['config-id']?.split(',').map((s) => s.trim()).filter(Boolean);
  // An `@ID` ends at a blank: an id with one can never match (.kalint.json's configIds refuses it too).
  const blank = idsGiven?.find((id) => /\s/.test(id));
  if (blank !== undefined) throw new UsageError(`invalid --config-id '${blank}': a config id has no blanks (an @ID ends at the first one)`, 'lint');
  // One id twice is one host, not two nodes of a cluster compared with each other.
  const configIds = idsGiven && [...new Set(idsGiven)];
  const settings: LintSettings = {
    format: format as FormatName,
    configIds,
    targetVersion: values['target-version'],
    ruleOverrides: parseRuleOverrides(values.rule ?? []),
    inlineConfig: !values['no-inline-config'],
  };

  if (idsGiven && configIds && idsGiven.length > configIds.length && passes === 1 && !again) {
    const twice = [...new Set(idsGiven.filter((id, i) => idsGiven.indexOf(id) < i))];
    tell(`kalint: note: --config-id names ${twice.join(', ')} more than once: each id is checked once (one host)\n`);
  }
  // '-' is standard input, read once under the name --stdin-filename gives it.
  const stdinName = values['stdin-filename'] ?? '<stdin>';
  // An empty name (`--stdin-filename "$UNSET"`) is the working folder itself: its .kalint.json was looked up from the parent.
  if (stdinName.trim() === '') throw new UsageError('--stdin-filename needs a file name', 'lint');
  if (isDirectory(stdinName)) throw new UsageError(`--stdin-filename ${stdinName}: it is a directory; give the name of the config the text stands for`, 'lint');
  const fromStdin = positionals.includes('-');
  const dryRun = !!values['fix-dry-run'];
  if (dryRun && values.fix) throw new UsageError('--fix and --fix-dry-run exclude each other');
  if (values['output-file'] === '') throw new UsageError('-o needs a file name', 'lint');
  if (fromStdin && (values.fix || dryRun)) throw new UsageError(`${dryRun ? '--fix-dry-run shows the fixes of files' : '--fix rewrites files'}: it cannot be used with '-' (standard input)`);
  const found = discover(positionals.filter((p) => p !== '-'));
  const pipe = values.fix || dryRun ? found.files.find(isPipe) : undefined;
  if (pipe !== undefined) throw new UsageError(`${dryRun ? '--fix-dry-run shows the fixes of files' : '--fix rewrites files'}: ${pipe} is a pipe`);
  const { missing, templates } = found;
  const kept = withoutIgnored(found);
  let files = kept.files;
  // `--stdin-filename lb1.conf - lb1.conf`: one file, linted once (as the text given on stdin).
  if (fromStdin) files = [stdinName, ...files.filter((f) => !sameFile(f, stdinName))];
  // What kept a path from being linted: said on stderr, and in a SARIF report as a tool notification.
  const unlinted: string[] = [];
  for (const m of [...missing, ...kept.problems]) {
    say(`kalint: ${m}\n`);
    unlinted.push(m);
  }
  if (templates.length) {
    const names = templates.slice(0, 5).map(displayPath).join(', ') + (templates.length > 5 ? `, and ${templates.length - 5} more` : '');
    const one = templates.length === 1;
    say(`kalint: left out ${templates.length} template${one ? '' : 's'} (${names}): keepalived reads what ${one ? 'it renders' : 'they render'} to, so lint that (KA108)\n`);
    // Only templates (`kalint lint roles/keepalived/templates`): nothing is checked, as for an empty folder (exit 2).
    if (!files.length && !unlinted.length) {
      const why = `nothing to lint: the only config${one ? ' found is a template' : 's found are templates'}; lint what ${one ? 'it renders' : 'they render'} to`;
      say(`kalint: ${why}\n`);
      unlinted.push(why);
    }
  }
  let all: Diagnostic[] = [];
  let suppressed: SuppressedDiagnostic[] = [];
  const analyses = new Map<string, Analysis | null>();
  const texts = new Map<string, string>();
  const linted: string[] = [];
  const perFile: ({ file: string } & ReturnType<typeof lintFile>)[] = [];
  const caveats = new Set<string>();
  for (const file of files) {
    const read = fromStdin && file === stdinName ? readStdin() : fsHost.readFile(file);
    if (typeof read === 'object') {
      say(`kalint: ${file}: ${read.error}\n`);
      unlinted.push(`${file}: ${read.error}`);
      continue;
    }
    const text = read;
    if (text === undefined) {
      say(`kalint: ${file}: ${unreadableReason(file)}\n`);
      unlinted.push(`${file}: ${unreadableReason(file)}`);
      continue;
    }
    linted.push(displayPath(file));
    texts.set(resolve(file), text);
    try {
      const linted = lintFile(file, text, settings, analyses);
      perFile.push({ file, ...linted });
      for (const note of linted.notes) {
        if (caveats.has(note)) continue;
        caveats.add(note);
        say(`kalint: note: ${note}\n`);
      }
      // A target outside the releases kalint knows is named once, whichever file or .kalint.json set it.
      const target = settings.targetVersion ?? findConfig(file)?.config.targetVersion;
      const caveat = targetCaveat(target);
      if (caveat && !caveats.has(caveat)) {
        caveats.add(caveat);
        say(`kalint: note: ${caveat}\n`);
      }
    } catch (e) {
      // An invalid .kalint.json stops the run: linting with half the settings would mislead.
      if (!(e instanceof ConfigError)) throw e;
      tell(`kalint: ${e.message}\n`);
      return EXIT.usage;
    }
  }
  // A file that another linted file includes (conf.d/*.conf of /etc/keepalived) is reported as
  // part of its includer, where its definitions and context are known, not again on its own.
  const fragments = includedFragments(analyses);
  // A directive in a file several linted configs include is unused only when none of them used it (it hides a
  // finding of one node and not of another: "remove it" would bring that node's finding back).
  const usedByAny = new Set<string>();
  for (const r of perFile) if (!fragments.has(resolve(r.file))) for (const u of r.used) usedByAny.add(u);
  for (const r of perFile) {
    if (fragments.has(resolve(r.file))) continue;
    appendAll(all, r.diagnostics.filter((d) => d.code !== 'KA002' || !usedInRun(d, usedByAny)));
    appendAll(suppressed, r.suppressed);
  }
  const mains = files.filter((f) => !fragments.has(resolve(f)));
  const clusters = lintClusters({ files: mains, analyses, texts, cluster: !!values.cluster, configIds: settings.configIds, targetVersion: settings.targetVersion, ruleOverrides: settings.ruleOverrides, inlineConfig: settings.inlineConfig });
  // Checked once every file is read: a declared cluster's member not named here (and what it includes) is read
  // by the cluster checks, and the settings files by every check.
  // `-o -` is standard output, as '-' is standard input (`-o ./-` names a file '-').
  const outputFile = values['output-file'] === '-' ? undefined : values['output-file'];
  if (outputFile !== undefined) {
    // The files linted and every file their analyses read (includes too), the file --stdin-filename names when there
    // is one (the text stands for it: an editor's buffer, `- < x.conf`), and the settings files.
    const config = inputAt(outputFile, [...files, ...clusters.read, ...filesRead(analyses.values())]);
    if (config !== undefined) {
      tell(`kalint: -o ${outputFile} is ${config === outputFile || displayPath(config) === displayPath(outputFile) ? 'a config' : `${displayPath(config)}, a config`} this run reads: the report never overwrites a config\n`);
      return EXIT.usage;
    }
  }
  for (const e of clusters.errors) say(`kalint: ${e}\n`);
  for (const n of clusters.notes) {
    if (caveats.has(n)) continue;
    caveats.add(n);
    say(`kalint: note: ${n}\n`);
  }
  if (values['show-clusters'] && first) {
    if (!clusters.clusters.length) tell('kalint: no cluster: no set of files (or config ids) was compared as the nodes of a cluster\n');
    // An auto-pairing reason names its files already.
    for (const c of clusters.clusters) {
      tell(c.reason.startsWith('auto-paired') ? `kalint: ${c.reason}\n` : `kalint: cluster of ${c.nodes.join(', ')} (${c.reason})\n`);
      // How the instances were paired across the nodes: a pairing kalint got wrong shows as false findings.
      for (const r of c.routers) tell(`kalint:   ${r}\n`);
    }
  }
  appendAll(unlinted, clusters.errors);
  appendAll(all, clusters.diagnostics);
  appendAll(suppressed, clusters.suppressed);
  // A file several linted configs include (common/scripts.conf of every node) gives each of its findings once per
  // includer: one finding, shown once and counted once towards --max-warnings. (One that reads differently in each
  // includer, `auth_pass of 'VI_1'` / `'VI_2'`, stays apart.)
  all = distinctFindings(all, (d) => d);
  suppressed = distinctFindings(suppressed, (s) => s.diagnostic);
  all.sort(compareDiagnostics);
  if (values.fix || dryRun) {
    const fixed = writeFixes(all, texts, dryRun);
    for (const n of fixed.notices) say(`kalint: ${n}\n`);
    for (const e of fixed.errors) tell(`kalint: ${e}\n`);
    if (fixed.errors.length) return EXIT.usage;
    if (fixed.applied) {
      for (const line of fixed.done) tell(`kalint: ${line}\n`);
      tell(`kalint: ${dryRun ? 'would apply' : 'applied'} ${fixed.applied} fix${fixed.applied === 1 ? '' : 'es'} in ${fixed.files} file${fixed.files === 1 ? '' : 's'}\n`);
      // Again while fixes apply (a fix can uncover another), then report what is left.
      if (passes < 10) return lintCommand(argv, passes + 1);
      if (!dryRun) return lintCommand(argv.filter((a) => a !== '--fix'), 1, true);
    }
    if (dryRun) {
      const code = printStagedDiffs(outputFile);
      // As lint and --fix: a path that named nothing readable (missing, unreadable, an empty folder, a declared
      // cluster member that is not there) fails the run, whatever the diffs say.
      return unlinted.length ? EXIT.usage : code;
    }
  }
  if (values.quiet) {
    all = all.filter((d) => d.severity === 'error');
    suppressed = suppressed.filter((s) => s.diagnostic.severity === 'error');
  }

  const color = values['no-color'] ? false : values.color ? true : outputFile === undefined && colourByEnvironment(process.env, !!process.stdout.isTTY);
  const report = formatOutput(settings.format, all, { color, files: linted, rules, baseDir: process.cwd(), suppressed, unlinted });
  if (outputFile !== undefined) {
    const failed = writeOutput(outputFile, report);
    if (failed !== undefined) return failed;
  } else process.stdout.write(report);

  if (unlinted.length) return EXIT.usage;
  if (all.some((d) => d.severity === 'error')) return EXIT.findings;
  const warnings = all.filter((d) => d.severity === 'warning').length;
  if (maxWarnings !== undefined && warnings > maxWarnings) {
    tell(`kalint: ${warnings} warning${warnings === 1 ? '' : 's'}, more than --max-warnings ${maxWarnings}\n`);
    return EXIT.findings;
  }
  return EXIT.ok;
}
