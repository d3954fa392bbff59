// Peer generation: the other node's config from the MASTER's, as minimal text edits. What the
// user wrote and did not ask to change comes out byte for byte — the words that must differ
// between the nodes (state, priority, router_id, and what the options name) are replaced in place.
//
// Roles: an instance in `state MASTER` becomes BACKUP with a lower priority; one in `state BACKUP`
// (the other half of a dual-master pair) becomes MASTER with a higher one, so each node is MASTER
// of one instance; a BACKUP with `nopreempt` or `preempt_delay` (both nodes BACKUP, priority
// decides) stays BACKUP.

import { findTemplateMarker, markerPosition, templateLanguage } from '../syntax/template.js';
import { analyze, configIdsIn, resolveTarget } from '../index.js';
import { lineFeatures } from '../syntax/lines.js';
import type { SourceHost } from '../analysis/reader.js';
import { walkAst, type AstNode, type Word } from '../analysis/ast.js';
import { strictModeOn, type VrrpInstance, type KeepalivedConfig, type TrackRef } from '../model/model.js';
import type { TextEdit } from '../diagnostics.js';
import { positionAt } from '../syntax/parser.js';
import { canonicalAddress, impossibleIfname, parseInteger, sockaddrFamily, sockaddrText } from '../analysis/values.js';
import { REQUIRED_DEFINITION_LINE } from '../analysis/walker.js';

export interface PeerOptions {
  /** Priority for the instances that become BACKUP. */
  priority?: number;
  /** Distance between the two nodes' priorities (default 10). */
  priorityStep?: number;
  /** router_id of the peer (default: derived from the MASTER's). */
  routerId?: string;
  /** The peer's interface: `NEW`, or `OLD=NEW` when the instances use several interfaces. */
  interface?: string;
  /** The peer's own address: its `unicast_src_ip`, and its `mcast_src_ip` where the MASTER sets one. */
  unicastSrcIp?: string;
  /** The MASTER's address, for the peer's `unicast_peer` list (default: the MASTER's unicast_src_ip). */
  unicastPeer?: string;
  /** File name, as edits and messages show it. Default `keepalived.conf`. */
  file?: string;
  /** Config id for `@id` lines (default kalint's). */
  configId?: string;
  /** The keepalived release the nodes run (default 2.2.7): how the MASTER's file and the peer are read. */
  targetVersion?: string;
  /**
   * How to read the files the MASTER's includes (the linter's host): what they set (a tracked script's weight, an
   * instance, a router_id, a priority later in a block) is taken into account. Without it no include is read, and
   * the notes say so.
   */
  host?: SourceHost;
  /** Absolute include prefixes mapped to folders, as for analyze(). */
  pathMappings?: Record<string, string>;
  /** How deep includes nest before they are no longer followed, as for analyze() (default 10,000). */
  maxIncludeDepth?: number;
}

export interface PeerResult {
  text: string;
  /** The edits that turn the MASTER's text into the peer's, sorted, non-overlapping. */
  edits: TextEdit[];
  /** What was changed and why, and what the user should look at. */
  notes: string[];
}

export interface PeerError {
  error: string;
  /**
   * The refusal is about a value given in the options, not about the file: one no config could take (priority 0, an
   * interface name Linux cannot have), or one of the other family than the instance's address (then `at` is set).
   */
  option?: true;
  /** Where in the MASTER's file the refusal points (1-based), when it is about one line. */
  at?: { line: number; column: number };
}

export const DEFAULT_PRIORITY_STEP = 10;
/** keepalived keeps a non-owner's effective priority (base + track weights) within 1..254. */
const MAX_TRACKED_PRIORITY = 254;
const OWNER_PRIORITY = 255;

class PeerFailure extends Error {
  constructor(
    message: string,
    readonly at?: { line: number; column: number },
    readonly option?: true,
  ) {
    super(message);
  }
}

interface Role {
  inst: VrrpInstance;
  kind: 'demote' | 'promote' | 'stay-backup';
  /** Effective priority on the MASTER's node. */
  from: number;
  /** Sum of the positive track weights that apply when everything tracked is healthy. */
  healthyBonus: number;
  /** Smallest |weight| of the instance's weighted trackers: one failure moves the priority by at least this. */
  smallestWeight?: number;
  /** That weight as the config writes it (-2 for a failure that subtracts 2), for the notes. */
  smallestWeightWritten?: number;
  /** The state the peer's state lines are given (undefined: the instance has none, as on the MASTER). */
  state?: 'MASTER' | 'BACKUP';
  to?: number;
}

export function generatePeer(text: string, options: PeerOptions = {}): PeerResult | PeerError {
  try {
    return generate(text, options);
  } catch (e) {
    if (e instanceof PeerFailure) return { error: e.message, ...(e.at ? { at: e.at } : {}), ...(e.option ? { option: e.option } : {}) };
    // A bug of kalint's own: an error to show, not an exception for the caller (the library promises none).
    return { error: `kalint internal error while deriving the peer: ${e instanceof Error ? e.message : String(e)}` };
  }
}

function generate(text: string, options: PeerOptions): PeerResult {
  const file = options.file ?? 'keepalived.conf';
  const step = options.priorityStep ?? DEFAULT_PRIORITY_STEP;
  if (options.priority !== undefined && options.priorityStep !== undefined) failOption('give either a priority or a priority step, not both');
  if (options.priority !== undefined && !(Number.isInteger(options.priority) && options.priority >= 1 && options.priority <= 254)) failOption(`priority must be an integer from 1 to 254 (got ${options.priority})`);
  if (!(Number.isInteger(step) && step >= 1 && step <= 253)) failOption(`priority step must be an integer from 1 to 253 (got ${options.priorityStep})`);

  // Values go into the config as single words: a blank, quote, brace or comment sign would change its structure.
  for (const [name, v] of [['router_id', options.routerId], ['unicast_src_ip', options.unicastSrcIp], ['unicast_peer', options.unicastPeer]] as const) {
    if (v !== undefined && !/^[^\s{}"#!]+$/.test(v)) failOption(`${name} '${v}' must be a single word (no blanks, quotes, braces, # or !)`);
  }

  if (options.interface !== undefined) checkInterfaceOption(options.interface);

  // A template's braces and words are not keepalived's (KA108): editing it as a config would break it.
  const template = findTemplateMarker(text);
  if (template) {
    const at = markerPosition(text, template);
    fail(`this is ${templateLanguage(template)} (${text.slice(template.start, template.end)}), not a keepalived config: render it and run kalint peer on the result`, { line: at.line + 1, column: at.column + 1 });
  }

  const analysis = analyze(text, { file, configId: options.configId, targetVersion: options.targetVersion, host: options.host, pathMappings: options.pathMappings, maxIncludeDepth: options.maxIncludeDepth });
  const braceProblem = analysis.diagnostics.find((d) => d.file === file && (d.code === 'KA101' || d.code === 'KA102'));
  if (braceProblem) fail(`${braceProblem.message} — fix the braces first`, { line: braceProblem.range.start.line + 1, column: braceProblem.range.start.column + 1 });
  const model = analysis.model;
  const lineStarts = computeLineStarts(text);

  // ---- included files ------------------------------------------------------------------------
  /** Where a place in an included file comes from: the include line of this file that reads it (0-based offset). */
  const anchorOf = (path: string, offset: number): number => {
    let f = path;
    let at = offset;
    for (let guard = 0; f !== file && guard < 10_000; guard++) {
      const from = analysis.files.get(f)?.includedFrom;
      if (!from) break;
      f = from.file;
      at = from.range.start.offset;
    }
    return at;
  };
  const positionOf = (offset: number) => {
    const p = positionAt(lineStarts, offset);
    return { line: p.line + 1, column: p.column + 1 };
  };
  /** `other.conf line 3` for a word of an included file. */
  const placeOf = (w: Word): string => {
    const f = analysis.files.get(w.file);
    return f ? `${w.file} line ${positionAt(f.lex.lineStarts, w.start).line + 1}` : w.file;
  };
  /** A word's line for the notes: its number in this file, `other.conf line 3` in an included one. */
  const lineRef = (w: Word): string => (w.file === file ? String(positionAt(lineStarts, w.start).line + 1) : placeOf(w));
  /** `line 5, 7`, `line 5 and k/chk.conf line 2`, `k/chk.conf line 2` (lineRef's, in order). */
  const linesText = (refs: Iterable<string>): string => {
    const all = [...new Set(refs)];
    const here = all.filter((r) => /^\d+$/.test(r));
    const there = all.filter((r) => !/^\d+$/.test(r));
    return [here.length ? `line ${here.join(', ')}` : '', there.join(', ')].filter(Boolean).join(' and ');
  };
  /** A refusal about a word an included file sets: at the include line of this file, naming that file and line. */
  const failIncluded = (w: Word, what: string, why: string, verb = 'is set in'): never =>
    fail(`${what} ${verb} ${placeOf(w)}, which the include on this line reads: kalint peer edits only ${file}, and ${why}`, positionOf(anchorOf(w.file, w.start)));

  // Includes kalint did not read (no host, a file missing here, a pattern matching nothing, its own bounds): what
  // they set on the node is unknown. Inside a vrrp_instance one may set the state or the priority the peer must
  // change (a later line wins): refused; elsewhere, said in the notes.
  const unreadIncludes = analysis.diagnostics.filter((d) => (d.code === 'KA110' && /^(this )?include/.test(d.message)) || (d.code === 'KA112' && /follow/.test(d.message)));
  const unreadNotes: string[] = [];
  for (const d of unreadIncludes) {
    // At the include keyword (the finding may start at the pattern).
    const lineStart = d.file === file ? lineStarts[d.range.start.line]! : 0;
    const at = d.file === file ? lineStart + /^[ \t]*/.exec(text.slice(lineStart, d.range.start.offset))![0].length : anchorOf(d.file, d.range.start.offset);
    const inside = model.vrrpInstances.find((i) => i.node.word?.file === file && i.node.fullRange.start.offset <= at && at < i.node.fullRange.end.offset);
    const where = d.file === file ? `line ${d.range.start.line + 1}` : `${d.file} line ${d.range.start.line + 1}`;
    if (inside) fail(`an include inside vrrp_instance ${inside.name} (${where}) was not read (${d.message}): it may set the instance's state or priority, which the peer must change; make it readable here (or map its path in .kalint.json) and generate the peer again`, positionOf(at));
    unreadNotes.push(`the include on ${where} was not read (${d.message}): what it sets on the MASTER (an instance, a tracked script's weight, a router_id) is not taken into account — check the peer against it by hand`);
  }

  const instances = model.vrrpInstances.filter((i) => i.node.word?.file === file);
  // An instance an included file holds needs its own state and priority on the peer, in that file.
  const included = model.vrrpInstances.find((i) => i.node.word && i.node.word.file !== file);
  if (included) failIncluded(included.node.word!, `vrrp_instance ${included.name}`, `the peer needs it with its own state and priority: move it into ${file}, or generate the peer of ${included.node.word!.file} too and include that on the peer`, 'is in');
  if (instances.length === 0) {
    const includes = /^[ \t]*(@\^?\S+[ \t]+)?include[rmwba]?[ \t]/m.test(text);
    fail(`no vrrp_instance in this file: there is no VRRP role to give the peer${includes && unreadIncludes.length ? ` (${options.host ? 'an include was not read' : 'included files are not read'}: run kalint peer on the file that holds the instances)` : ''}`);
  }

  const eol = /\r\n/.test(text.slice(0, (text.indexOf('\n') + 1) || text.length)) ? '\r\n' : '\n';
  const edits: { start: number; end: number; newText: string }[] = [];
  const notes: string[] = [];
  if (options.configId !== undefined) flattenConditions(options.configId);
  /** The nodes' addresses the unicast swap exchanged, with what each is: looked for elsewhere in the file. */
  const swappedAddresses = new Map<string, string>();
  const lineOf = (w: Word | undefined) => (w ? positionAt(lineStarts, w.start).line + 1 : 0);
  /** The 1-based position of a word of this file, for a refusal about it. */
  const posOf = (w: Word | undefined) => {
    if (!w || w.file !== file) return undefined;
    const p = positionAt(lineStarts, w.start);
    return { line: p.line + 1, column: p.column + 1 };
  };

  /**
   * A value on an `@id` line is already chosen per node: the file holds both nodes' settings, and
   * editing the line would change only the nodes the prefix selects (two MASTERs, or one node's
   * name given to both). Such a file has no separate peer to generate.
   */
  const refuseConditional = (w: Word, what: string) => {
    // With a config id the peer is that node's reading, flattened: the prefix goes (see flattenConditions).
    if (options.configId !== undefined) return;
    const line = positionAt(lineStarts, w.start).line;
    if (!/^[ \t]*@/.test(text.slice(lineStarts[line]!, w.start))) return;
    fail(`${what} (line ${line + 1}) is on an @id line: this file sets it per node, so it already holds both nodes' configs and there is no separate peer to generate — start keepalived with -i ID on each node (kalint lint --config-id ID1,ID2 checks the nodes as a pair)`, posOf(w));
  };

  /**
   * The `${NAME}` a word is the `$` of, when keepalived did not substitute it (no `$NAME=` definition for
   * this config id): keepalived splits it at its braces and reads `$`, so the word is a fragment of an
   * unrendered template variable (seen as `router_id ${hostname}`), and editing the fragment garbles it.
   */
  const unsubstitutedPlaceholder = (w: Word): { end: number; text: string } | undefined => {
    if (w.quoted || !w.text.endsWith('$') || text.charCodeAt(w.end) !== 123 /* { */) return undefined;
    const close = text.indexOf('}', w.end);
    const lineEnd = text.indexOf('\n', w.end);
    if (close < 0 || (lineEnd >= 0 && close > lineEnd)) return undefined;
    return { end: close + 1, text: text.slice(w.start, close + 1) };
  };

  /** Refuses to edit around an unrendered `${NAME}`: what keepalived reads of it is a fragment. */
  const refusePlaceholder = (w: Word, what: string) => {
    const placeholder = unsubstitutedPlaceholder(w);
    if (placeholder) fail(`${what} (line ${lineOf(w)}) is '${placeholder.text}', a placeholder no $NAME= definition gives a value (keepalived reads '${w.text}' and splits the rest at its braces): render the template, or write the value, before generating the peer`, posOf(w));
  };

  /** Replaces a word the user wrote in this file, keeping its quotes. `given`: the user named the new value. */
  const replaceWord = (w: Word, value: string, what: string, given = false) => {
    if (w.file !== file) failIncluded(w, what, `the peer needs another value there (${value}): move the line into ${file}, or give the peer its own copy of ${w.file}`);
    if (w.expanded) fail(`${what} (line ${lineOf(w)}) comes from a $NAME definition or ~SEQ: edit it by hand`, posOf(w));
    refuseConditional(w, what);
    const placeholder = unsubstitutedPlaceholder(w);
    if (!given) refusePlaceholder(w, what);
    edits.push({ start: w.start, end: placeholder ? placeholder.end : w.end, newText: w.quoted ? `"${value}"` : value });
  };

  /**
   * The comment that ends the line of a value entry written alone on its line (`10.1.1.3  # lb3`): its text, and the
   * span that removes it with the blanks before it; undefined when there is none.
   */
  const lineComment = (last: Word, first: Word): { text: string; from: number; end: number } | undefined => {
    if (last.file !== file || first.file !== file || last.expanded || first.expanded) return undefined;
    const lineStart = text.lastIndexOf('\n', first.start - 1) + 1;
    if (!/^[ \t]*$/.test(text.slice(lineStart, first.start))) return undefined;
    let i = last.end;
    while (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9) i++;
    const c = text.charCodeAt(i);
    if (i === last.end || (c !== 35 /* # */ && c !== 33) /* ! */) return undefined;
    let e = text.indexOf('\n', i);
    if (e < 0) e = text.length;
    if (text.charCodeAt(e - 1) === 13) e--;
    return { text: text.slice(i, e).replace(/[ \t]+$/, ''), from: last.end, end: e };
  };

  // ---- roles and priorities --------------------------------------------------------------
  /** Whether the file sets a state on `@id` lines (searched once: the text may be megabytes). */
  let perNode: boolean | undefined;
  const stateSetPerNode = () => (perNode ??= options.configId === undefined && /^[ \t]*@\^?\S+[ \t]+state\b/m.test(text));
  const roles: Role[] = instances.map((inst) => {
    const stateWord = inst.state?.node.args[0];
    if (!inst.state && stateSetPerNode()) {
      fail(`vrrp_instance ${inst.name} (line ${lineOf(inst.node.word)}) has no state here: its state is set per node on @ID lines, so the file already holds both nodes' configs and there is no separate peer to generate`, posOf(inst.node.word));
    }
    // A priority set on @id lines only (`@lb1 priority 150`): the hosts the file names read it, and a priority written
    // for the other hosts would be dead there (fmt/peer audit, session 59).
    if (!inst.priority && options.configId === undefined && inst.node.file === file && /^[ \t]*@\^?\S+[ \t]+priority\b/m.test(text.slice(inst.node.fullRange.start.offset, inst.node.fullRange.end.offset))) {
      fail(`vrrp_instance ${inst.name} (line ${lineOf(inst.node.word)}) has no priority here: its priority is set per node on @ID lines, so the file already holds both nodes' configs and there is no separate peer to generate`, posOf(inst.node.word));
    }
    if (inst.state && !stateWord) fail(`vrrp_instance ${inst.name}: 'state' (line ${lineOf(inst.state.node.word)}) has no value: write 'state MASTER' or 'state BACKUP' so the peer's role can be derived`, posOf(inst.state.node.word));
    // Without a state keepalived starts the instance as BACKUP on every node, and the priority alone
    // decides who becomes master: the peer keeps no state, one step lower (this file is the MASTER's).
    let state = stateWord?.text ?? 'BACKUP';
    if (state !== 'MASTER' && state !== 'BACKUP') {
      // keepalived reads any other word as BACKUP, with a warning. Where that is what the word says
      // too (SLAVE, backup: 5 of 85 real pairs), the peer is derived from BACKUP; 'master' means
      // what keepalived does not do, so the user decides.
      if (state.toUpperCase() === 'MASTER') fail(`vrrp_instance ${inst.name}: unknown state '${state}' (line ${lineOf(stateWord)}); keepalived knows only MASTER and BACKUP, in capitals, and reads this one as BACKUP: write the state you mean and generate the peer again`, posOf(stateWord));
      notes.push(`vrrp_instance ${inst.name}: state '${state}' (line ${lineOf(stateWord)}) is no state keepalived knows; it reads BACKUP (and warns), and so does the peer's derivation: write BACKUP here`);
      state = 'BACKUP';
    }
    const priorityNode = lastChild(inst.node, 'priority');
    // The last line as written: a bare one sets nothing in the model (which keeps an earlier value), but keepalived stops there.
    if (priorityNode && (!inst.priority || priorityNode.argCount === 0)) {
      const written = priorityNode.args[0]?.text;
      // `priority #priority`: the placeholder is a comment to keepalived, which then stops reading at the line (KA203).
      fail(written === undefined || written === ''
        ? `vrrp_instance ${inst.name}: 'priority' (line ${lineOf(priorityNode.word)}) has no value (keepalived exits there with a configuration error): write the MASTER's priority and generate the peer again`
        : `vrrp_instance ${inst.name}: priority '${written}' (line ${lineOf(priorityNode.word)}) is not a number`, posOf(priorityNode.word));
    }
    // The model holds the 100 keepalived uses for an invalid priority; the line as written decides here.
    const writtenPriority = priorityNode?.args[0] === undefined ? undefined : parseInteger(priorityNode.args[0].text);
    if (priorityNode && writtenPriority === undefined) fail(`vrrp_instance ${inst.name}: priority '${priorityNode.args[0]!.text}' (line ${lineOf(priorityNode.word)}) is not a number`, posOf(priorityNode.word));
    if (writtenPriority !== undefined && (writtenPriority < 1 || writtenPriority > OWNER_PRIORITY)) fail(`vrrp_instance ${inst.name}: priority ${writtenPriority} (line ${lineOf(priorityNode?.word)}) is outside 1..255; fix it first`, posOf(priorityNode?.word));
    // nopreempt and preempt_delay work only in state BACKUP (keepalived clears them on a MASTER):
    // such a pair is both nodes BACKUP, the priority decides.
    // Priority 255 makes the instance the address owner, which takes the VIPs whatever its state line says
    // (live 2.2.7: `state BACKUP`, `priority 255` became MASTER at start): this node is that instance's MASTER.
    const kind = state === 'MASTER' ? 'demote' : !inst.state || inst.nopreempt || inst.preemptDelay?.value || inst.effectivePriority === OWNER_PRIORITY ? 'stay-backup' : 'promote';
    const weights = trackWeights(inst, model);
    // A tracked name nothing read defines: keepalived ignores the line, unless the file is a part another one includes
    // after defining it (conf.d/*.conf), whose weight then counts on the node but could not be taken into account here.
    const undefinedNames = [
      ...keptLines(inst.trackScripts).filter((t) => !keptByName(model.vrrpScripts, t.name)),
      ...keptLines(inst.trackFiles).filter((t) => !keptByName(model.trackFiles, t.name)),
      ...keptLines(inst.trackProcesses).filter((t) => !keptByName(model.trackProcesses, t.name)),
    ].map((t) => t.name);
    if (undefinedNames.length) notes.push(`vrrp_instance ${inst.name} tracks ${undefinedNames.map((n) => `'${n}'`).join(', ')}, which nothing kalint read defines: keepalived ignores such a line, unless a file that includes this one defines it first, and then its weight, not taken into account here, may need the nodes closer than ${step} apart (--priority-step)`);
    const healthyBonus = weights.reduce((sum, w) => (w > 0 ? sum + w : sum), 0);
    const smallestWeightWritten = weights.length ? weights.reduce((a, b) => (Math.abs(b) < Math.abs(a) ? b : a)) : undefined;
    const smallestWeight = smallestWeightWritten === undefined ? undefined : Math.abs(smallestWeightWritten);
    return { inst, kind, from: inst.effectivePriority, healthyBonus, smallestWeight, smallestWeightWritten };
  });

  const demoted = roles.filter((r) => r.kind !== 'promote');
  const promoted = roles.filter((r) => r.kind === 'promote');
  assignPriorities(roles, demoted, promoted, options, step, notes);

  for (const r of roles) {
    const inst = r.inst;
    if (!inst.state) {
      const priorityWord = inst.priority?.node.args[0];
      if (priorityWord) {
        if (inst.priority!.value !== r.to) replaceWord(priorityWord, String(r.to), `priority of ${inst.name}`);
      } else if (r.to !== r.from) insertLineAfterBrace(inst.node, `priority ${r.to}`, `a priority to vrrp_instance ${inst.name}`);
      const start = r.from === OWNER_PRIORITY ? 'keepalived starts it as MASTER at priority 255, and the peer, below 255, as BACKUP' : 'keepalived starts both as BACKUP, and the higher priority becomes master';
      notes.push(`vrrp_instance ${inst.name}: no state, as on the MASTER (${start}), priority ${r.from} → ${r.to}`);
      continue;
    }
    const stateWord = inst.state.node.args[0]!;
    // keepalived allows state MASTER below priority 255 neither in strict mode ("State MASTER must
    // match being address owner") nor with AH authentication ("Initial state master is incompatible
    // with AH authentication"): both are config errors, and it starts the instance as BACKUP anyway.
    // The higher priority alone makes the peer master there.
    const masterRefusedBy = r.kind === 'promote' && r.to !== OWNER_PRIORITY ? refusesInitialMaster(inst, model.globalDefs?.vrrpStrict ?? false) : undefined;
    const newState = r.kind === 'promote' && !masterRefusedBy ? 'MASTER' : 'BACKUP';
    r.state = newState;
    if (stateWord.text !== newState) replaceWord(stateWord, newState, `state of ${inst.name}`);
    // Every other state line says the same, or the peer's keepalived may read another role: a BACKUP
    // written below a MASTER left as it was is ignored ("state previously set as MASTER").
    // A word keepalived reads otherwise than written (`state BACKUP \`: 'BACKUP\', an unknown state, so BACKUP) is left
    // as it is: rewritten it would still be unknown, and the read-back below checks what the lines add up to.
    for (const line of inst.node.children) {
      if (line.keyword !== 'state' || line === inst.state.node) continue;
      const word = line.args[0];
      const asWritten = word !== undefined && (word.quoted || word.expanded || word.text === text.slice(word.start, word.end));
      if (word && asWritten && word.text !== newState) replaceWord(word, newState, `state of ${inst.name}`);
    }
    const priorityWord = inst.priority?.node.args[0];
    if (priorityWord) {
      if (inst.priority!.value !== r.to) replaceWord(priorityWord, String(r.to), `priority of ${inst.name}`);
    } else {
      // No priority line: keepalived's default depends on the state, so the peer needs its own.
      insertLineAfter(inst.state!.node, `priority ${r.to}`, `vrrp_instance ${inst.name}`);
    }
    const promotion = roles.some((x) => x.kind === 'demote') ? 'dual-master: each node is MASTER of one instance' : 'no instance here is MASTER, so the peer is';
    const verb =
      r.kind === 'demote'
        ? 'MASTER → BACKUP'
        : masterRefusedBy
          ? `master by its higher priority (${promotion}); state stays BACKUP, since ${masterRefusedBy} keepalived allows state MASTER only with priority 255`
          : r.kind === 'promote'
            ? `BACKUP → MASTER (${promotion})`
            : r.from === OWNER_PRIORITY && !r.inst.nopreempt && !r.inst.preemptDelay?.value
              ? `stays BACKUP (priority 255 makes this node the address owner, MASTER whatever its state line says)`
              : `stays BACKUP (${r.inst.nopreempt ? 'nopreempt' : r.inst.preemptDelay?.value ? `preempt_delay ${r.inst.preemptDelay.value}` : 'no state line'}: the priority decides)`;
    notes.push(`vrrp_instance ${inst.name}: ${verb}, priority ${r.from} → ${r.to}`);
    if (r.kind === 'demote' && inst.nopreempt) {
      // keepalived clears nopreempt in state MASTER ("nopreempt will not work with initial state MASTER"), so the
      // MASTER runs preemptive; copied to the peer, which is BACKUP, it would work there and keep the VIPs when
      // the MASTER's tracked checks fail (live 2.2.7). The peer gets the line commented out, as the MASTER reads it.
      const lines = inst.node.children.filter((c) => c.keyword === 'nopreempt');
      const editable = lines.every((c) => c.word && c.word.file === file && !c.word.expanded);
      if (editable) {
        for (const c of lines) edits.push(...commentOut(text, c));
        notes.push(`vrrp_instance ${inst.name}: nopreempt commented out (line ${lines.map((c) => lineOf(c.word)).join(', ')}): keepalived clears it on the MASTER (state MASTER), so the pair runs preemptive, and on the peer it would keep the VIPs when the MASTER's tracked checks fail; for a non-preemptive pair, make both nodes state BACKUP with nopreempt`);
      } else {
        notes.push(`vrrp_instance ${inst.name}: nopreempt is ignored on the MASTER (state MASTER) but works on the peer, which then keeps the VIPs from the MASTER and does not take them when the MASTER's tracked checks fail; for a non-preemptive pair, make both nodes state BACKUP`);
      }
    }
    if (r.kind === 'demote' && inst.preemptDelay?.value) {
      // keepalived clears preempt_delay in state MASTER too ("preempt delay will not work with initial state MASTER");
      // copied to the peer it works there and delays its taking over when the MASTER's tracked checks fail (live 2.2.7:
      // 23.8 s against 3.5 s with preempt_delay 20). The peer gets the line commented out, as the MASTER reads it.
      const lines = inst.node.children.filter((c) => c.keyword === 'preempt_delay');
      const editable = lines.every((c) => c.word && c.word.file === file && !c.word.expanded && c.args.every((a) => !a.expanded));
      if (editable) {
        for (const c of lines) edits.push(...commentOut(text, c));
        notes.push(`vrrp_instance ${inst.name}: preempt_delay commented out (line ${lines.map((c) => lineOf(c.word)).join(', ')}): keepalived clears it on the MASTER (state MASTER), and on the peer it would delay taking the VIPs when the MASTER's tracked checks fail`);
      } else {
        notes.push(`vrrp_instance ${inst.name}: preempt_delay is ignored on the MASTER (state MASTER) but works on the peer, which then waits that long before it takes the VIPs when the MASTER's tracked checks fail`);
      }
    }
  }

  // ---- router_id -------------------------------------------------------------------------
  const routerId = model.globalDefs?.routerId;
  const routerWord = routerId?.node.args[0];
  if (routerId && routerWord && routerWord.file !== file && options.routerId === undefined) {
    // Set by an included file, which the peer's output does not hold: kept, and said (the peer's node reads its own copy).
    const next = deriveRouterId(routerId.value, demoted.length > 0);
    if (next !== routerId.value) notes.push(`router_id ${routerId.value} is set in ${placeOf(routerWord)} (included on line ${positionOf(anchorOf(routerWord.file, routerWord.start)).line}), which kalint peer does not edit: the peer keeps that include, so both nodes have router_id ${routerId.value} unless the peer's copy of ${routerWord.file} sets its own (e.g. ${next})`);
  } else if (routerId && routerWord) {
    const next = options.routerId ?? deriveRouterId(routerId.value, demoted.length > 0);
    if (next !== routerId.value) {
      const written = unsubstitutedPlaceholder(routerWord)?.text ?? routerId.value;
      replaceWord(routerWord, next, 'router_id', options.routerId !== undefined);
      notes.push(`router_id ${written} → ${next}`);
    }
  } else if (options.routerId !== undefined) {
    const gd = model.globalDefs?.node;
    if (!gd || gd.word?.file !== file || !gd.openBrace) fail('no global_defs block to put the router_id in: add `global_defs { }` to the MASTER first');
    insertLineAfterBrace(gd!, `router_id ${options.routerId}`);
    notes.push(`router_id ${options.routerId} added to global_defs`);
  } else {
    // Only what was read: an include not read, or a file included from elsewhere, may set one.
    const perNodeRouterId = options.configId === undefined && /^[ \t]*@\^?\S+[ \t]+router_id\b/m.test(text);
    if (unreadIncludes.length) notes.push('no router_id in the files read (an include that was not read may set one): without one keepalived uses each host\'s name');
    else if (perNodeRouterId) notes.push('router_id is set only on @ID lines, which are read per node (kalint read the file as a host none of them names): not changed');
    else if (!model.globalDefs || model.globalDefs.node.word?.file !== file) notes.push('no router_id here: keepalived uses each host\'s name, which already differs between the nodes (unless a file that includes this one sets one)');
    else notes.push('no router_id: keepalived uses each host\'s name, which already differs between the nodes');
  }

  // ---- interface --------------------------------------------------------------------------
  if (options.interface !== undefined) renameInterface(options.interface);

  // ---- unicast ----------------------------------------------------------------------------
  swapUnicast();

  notes.push(...unreadNotes);

  // ---- result -----------------------------------------------------------------------------
  edits.sort((a, b) => a.start - b.start || a.end - b.end);
  for (let i = 1; i < edits.length; i++) {
    if (edits[i]!.start < edits[i - 1]!.end) fail('internal: two edits overlap');
  }
  let out = '';
  let pos = 0;
  for (const e of edits) {
    out += text.slice(pos, e.start) + e.newText;
    pos = e.end;
  }
  out += text.slice(pos);
  checkPeerReading(out, roles, file, { ...options, file });
  return {
    text: out,
    edits: edits.map((e) => ({ file, range: { start: positionAt(lineStarts, e.start), end: positionAt(lineStarts, e.end) }, newText: e.newText })),
    notes,
  };

  // ---- helpers (closures over the edits) ---------------------------------------------------

  /**
   * `--config-id ID`: the MASTER's file is read as `keepalived -i ID` reads it, and the peer is for another node,
   * which keepalived starts with its own id (by default its host name). Left as written, the lines for ID would be
   * skipped there (a `@lb1 vrrp_instance VI_1 {` leaves the peer no instance and stray braces, keepalived 2.2.7
   * -i lb2: "Unknown keyword 'state'" … "Extra '}' found") and the other ids' lines read. So the peer is ID's reading
   * made plain: the `@ID ` prefix of each line ID reads is removed, and each line it skips is dropped; the peer then
   * reads the same under any id. Included files with `@` lines would still be read per node there: refused.
   */
  function flattenConditions(id: string): void {
    const target = resolveTarget(options.targetVersion);
    const features = lineFeatures(target?.version);
    for (const [path, f] of analysis.files) {
      if (path === file || !configIdsIn(f.text, options.targetVersion).length) continue;
      const line = f.text.split(/\r?\n/).findIndex((l) => /^[ \t]*@/.test(l)) + 1;
      fail(`${path} has @ID lines (line ${line}), and the include on this line reads it: the peer's keepalived, started with its own id rather than ${id}, reads other lines of it, which kalint peer does not edit; resolve its @ID lines (or run kalint peer without --config-id) and generate the peer again`, positionOf(anchorOf(path, 0)));
    }
    const inactive = new Set(analysis.files.get(file)?.inactiveLines ?? []);
    const prefix = features && !features.indentedCondition ? /^()(@[^ \t\r\n]*)([ \t]*)/ : /^([ \t]*)(@[^ \t\r\n]*)([ \t]*)/;
    let stripped = 0;
    let dropped = 0;
    for (let ln = 0; ln < lineStarts.length; ln++) {
      const start = lineStarts[ln]!;
      const next = ln + 1 < lineStarts.length ? lineStarts[ln + 1]! : text.length;
      const line = text.slice(start, next);
      const m = prefix.exec(line);
      // After a brace the rest of a line is read as a line of its own, which may hold an `@id` too.
      if (/^[ \t]*[^#!\r\n]*?[{}][ \t]*@/.test(line) && !/^[ \t]*[#!]/.test(line)) fail(`line ${ln + 1} has an @ID prefix after a brace, which keepalived reads as a line of its own: put it on a line of its own and generate the peer again`, { line: ln + 1, column: 1 });
      if (!m && !inactive.has(ln)) continue;
      // A line continued from the one before (a multi-line definition) or onto the next: not edited blind.
      const before = ln > 0 ? text.slice(lineStarts[ln - 1]!, start).replace(/\r?\n$/, '') : '';
      if (before.endsWith('\\') || line.replace(/\r?\n$/, '').endsWith('\\')) fail(`line ${ln + 1} is a line for some config ids only that continues a line or is continued (a trailing '\\'): edit it by hand`, { line: ln + 1, column: 1 });
      if (inactive.has(ln)) {
        edits.push({ start, end: next, newText: '' });
        dropped++;
      } else {
        edits.push({ start: start + m![1]!.length, end: start + m![0]!.length, newText: '' });
        stripped++;
      }
    }
    if (stripped || dropped) notes.push(`read as config id ${id}: ${[stripped ? `the @ID prefix removed from ${stripped} line${stripped === 1 ? '' : 's'}` : '', dropped ? `${dropped} line${dropped === 1 ? '' : 's'} for other ids dropped` : ''].filter(Boolean).join(', ')}, so the peer reads the same whatever config id its keepalived is started with`);
  }


  /** Inserts `content` as a new line after the line of `node`, with the same indentation. */
  function insertLineAfter(node: AstNode, content: string, where: string): void {
    const first = node.word!;
    const last = node.args[node.args.length - 1] ?? first;
    if (first.file !== file || first.expanded || last.expanded) fail(`cannot add a priority line to ${where}: its state line comes from an include or a definition`);
    refuseConditional(first, `the state of ${where}`);
    const line = positionAt(lineStarts, first.start).line;
    const lineStart = lineStarts[line]!;
    const lineEnd = line + 1 < lineStarts.length ? lineStarts[line + 1]! : text.length;
    // A prefix the peer loses (`@lb1 state MASTER` under --config-id lb1) is no indentation.
    const written = text.slice(lineStart, first.start);
    const indent = options.configId !== undefined ? written.replace(/^([ \t]*)@[^ \t\r\n]*[ \t]+$/, '$1') : written;
    const rest = text.slice(last.end, lineEnd);
    if (!/^[ \t]*$/.test(indent) || !/^[ \t]*([#!][^\r\n]*)?(\r?\n)?$/.test(rest)) {
      fail(`cannot add a priority line to ${where}: its state shares a line with other statements (line ${line + 1}); put 'state' on a line of its own or add a priority to the MASTER`, { line: line + 1, column: 1 });
    }
    const atEnd = line + 1 >= lineStarts.length;
    edits.push({ start: lineEnd, end: lineEnd, newText: atEnd ? `${eol}${indent}${content}` : `${indent}${content}${eol}` });
  }

  /** Inserts `content` as the first line inside a block (`what`: what is added, for a refusal). */
  function insertLineAfterBrace(node: AstNode, content: string, what = 'a router_id'): void {
    const open = node.openBrace;
    if (!open || open.file !== file || open.expanded || node.word?.expanded) fail(`cannot add ${what}: its block does not open in this file as written`);
    const line = positionAt(lineStarts, open.start).line;
    refuseConditional(node.word!, `the block of ${what.replace(/^a priority to /, '')}`);
    const rest = text.slice(open.end, line + 1 < lineStarts.length ? lineStarts[line + 1]! : text.length);
    if (!/^[ \t]*([#!][^\r\n]*)?(\r?\n)?$/.test(rest)) fail(`cannot add ${what}: the block has statements on its '{' line (line ${line + 1})`, { line: line + 1, column: 1 });
    const kwLine = positionAt(lineStarts, node.word!.start).line;
    const baseIndent = /^[ \t]*/.exec(text.slice(lineStarts[kwLine]!))![0];
    const childLine = node.children[0]?.word;
    const indent = childLine && childLine.file === file ? /^[ \t]*/.exec(text.slice(lineStarts[positionAt(lineStarts, childLine.start).line]!))![0] : baseIndent + '    ';
    const insertAt = line + 1 < lineStarts.length ? lineStarts[line + 1]! : text.length;
    edits.push({ start: insertAt, end: insertAt, newText: `${line + 1 < lineStarts.length ? '' : eol}${indent}${content}${eol}` });
  }

  function renameInterface(spec: string): void {
    const eq = spec.indexOf('=');
    const wanted = eq >= 0 ? spec.slice(eq + 1) : spec;
    let old = eq >= 0 ? spec.slice(0, eq) : undefined;
    const used = [...new Set(instances.map((i) => i.interface?.value).filter((v): v is string => !!v))];
    if (used.length === 0) fail('no vrrp_instance has an interface line to rename');
    if (old === undefined) {
      if (used.length > 1) fail(`ambiguous --interface: the instances use several interfaces (${used.join(', ')}); say which one with OLD=NEW, e.g. ${used[0]}=${wanted}`);
      old = used[0]!;
    } else if (!used.includes(old)) fail(`no vrrp_instance uses interface '${old}' (they use ${used.join(', ')})`);
    if (old === wanted) return;
    // Words are keyed by place: word objects are made afresh on each read of a node.
    const renamed = new Set<string>();
    const place = (w: Word) => `${w.file}\0${w.start}`;
    const rename = (w: Word | undefined, what: string) => {
      if (w && w.text === old && !renamed.has(place(w))) {
        replaceWord(w, wanted, what);
        renamed.add(place(w));
      }
    };
    /** An address label `OLD:x` names the interface too (ip shows the address as OLD:x). */
    const renameLabel = (w: Word, what: string) => {
      if (renamed.has(place(w))) return;
      const label = wanted + w.text.slice(old!.length);
      // keepalived removes an address whose label is longer than 15 bytes.
      if (label.length >= 16) fail(`${what}: label ${w.text} (line ${lineOf(w)}) would become ${label}, longer than the 15 bytes keepalived accepts: choose a shorter name`, posOf(w));
      replaceWord(w, label, what);
      renamed.add(place(w));
    };
    for (const inst of instances) {
      for (const c of inst.node.children) {
        if (c.keyword === 'interface' || c.keyword === 'lvs_sync_daemon_interface') rename(c.args[0], `${c.keyword} of ${inst.name}`);
        else if (c.keyword === 'track_interface') for (const l of c.values ?? []) rename(l.words[0], `track_interface of ${inst.name}`);
        else if (['virtual_ipaddress', 'virtual_ipaddress_excluded', 'virtual_routes', 'virtual_rules'].includes(c.keyword)) {
          for (const l of c.values ?? []) {
            l.words.forEach((w, i) => {
              const before = i > 0 ? l.words[i - 1]!.text : '';
              if (before === 'dev' || before === 'oif' || before === 'iif') rename(w, `${c.keyword} of ${inst.name}`);
              else if (before === 'label' && (w.text === old || w.text.startsWith(`${old}:`))) renameLabel(w, `${c.keyword} of ${inst.name}`);
            });
          }
        }
      }
    }
    notes.push(`interface ${old} → ${wanted} (${renamed.size} place${renamed.size === 1 ? '' : 's'} in the vrrp_instances)`);
    // Other mentions of the old name are not the instance's: point at them rather than guess.
    const elsewhere: string[] = [];
    walkAst(model.root, (n) => {
      const words = [...n.args, ...(n.values ?? []).flatMap((l) => l.words)];
      for (const w of words) if (w.text === old && !renamed.has(place(w))) elsewhere.push(lineRef(w));
    });
    if (elsewhere.length) notes.push(`'${old}' also appears outside the instances' interface settings (${linesText(elsewhere)}): not renamed — check it on the peer`);
  }

  /** The instance's mcast_src_ip lines: keepalived sends from that address, which is the MASTER's own. */
  /** The instance's last unicast_src_ip line with a value (the model's unicastSrcIp may be an mcast_src_ip line, the same setting). */
  function unicastSrcOf(inst: VrrpInstance): { node: AstNode; value: string } | undefined {
    const lines = inst.node.children;
    for (let i = lines.length - 1; i >= 0; i--) if (lines[i]!.keyword === 'unicast_src_ip' && lines[i]!.args[0]) return { node: lines[i]!, value: sockaddrText(lines[i]!.argText(0)!) };
    return undefined;
  }

  function mcastSrcLines(inst: VrrpInstance): AstNode[] {
    return inst.node.children.filter((c) => c.keyword === 'mcast_src_ip' && c.args[0]);
  }

  /**
   * The lines that set the address an instance without unicast peers advertises from: mcast_src_ip,
   * and unicast_src_ip too (keepalived reads both into one source address, and an instance with no
   * unicast_peer multicasts from it).
   */
  function sourceLinesWithoutPeers(inst: VrrpInstance): AstNode[] {
    return inst.node.children.filter((c) => (c.keyword === 'mcast_src_ip' || c.keyword === 'unicast_src_ip') && c.args[0]);
  }

  /** Puts the peer's own address in a source address line (a copied one would make it advertise as the MASTER). */
  /**
   * An address given in the options must be of the instance's family: keepalived takes an instance's family from its
   * first address, and drops the addresses of the other (KA313), so the peer's instance would lose its VIPs.
   */
  function refuseOtherFamily(inst: VrrpInstance, address: string | undefined, option: string): void {
    const family = address === undefined ? undefined : sockaddrFamily(address);
    if (family === undefined || inst.family === undefined || family === inst.family) return;
    throw new PeerFailure(`${option} ${address} is IPv${family} but vrrp_instance ${inst.name} is IPv${inst.family}: the first address keepalived reads in the peer's instance sets its family, and it drops what comes after of the other one (the IPv${inst.family} addresses, or this one); give an IPv${inst.family} address`, posOf(inst.node.word), true);
  }

  function replaceSourceAddress(inst: VrrpInstance, line: AstNode, own: string | undefined): void {
    refuseOtherFamily(inst, options.unicastSrcIp, '--unicast-src-ip');
    const w = line.args[0]!;
    // `unicast_src_ip ${CURRENT_IP}` with `${PEER_IP}` in unicast_peer: the braces leave keepalived no peer.
    refusePlaceholder(w, `${line.keyword} of ${inst.name}`);
    if (own === undefined) {
      fail(`vrrp_instance ${inst.name}: ${line.keyword} ${w.text} (line ${lineOf(w)}) is the MASTER's own address, and the peer must advertise from its own: give it with --unicast-src-ip (or remove the line, and keepalived uses the interface's address)`, posOf(w));
    }
    if (own === w.text) fail(`vrrp_instance ${inst.name}: the MASTER's and the peer's addresses are the same (${own})`, posOf(w));
    replaceWord(w, own!, `${line.keyword} of ${inst.name}`);
    notes.push(`vrrp_instance ${inst.name}: ${line.keyword} ${w.text} → ${own}`);
  }

  function swapUnicast(): void {
    const unicast = instances.filter((i) => i.unicastPeers.length > 0);
    for (const inst of instances) {
      if (inst.unicastPeers.length > 0) continue;
      for (const line of sourceLinesWithoutPeers(inst)) replaceSourceAddress(inst, line, options.unicastSrcIp);
    }
    if (unicast.length === 0) {
      const ownSource = instances.some((i) => sourceLinesWithoutPeers(i).length > 0);
      if (options.unicastPeer !== undefined || (options.unicastSrcIp !== undefined && !ownSource)) fail('no vrrp_instance has a unicast_peer list: --unicast-src-ip / --unicast-peer do not apply');
      return;
    }
    for (const inst of unicast) {
      refuseOtherFamily(inst, options.unicastSrcIp, '--unicast-src-ip');
      if (!unicastSrcOf(inst) && !mcastSrcLines(inst).length) refuseOtherFamily(inst, options.unicastPeer, '--unicast-peer');
      const peers = inst.unicastPeers;
      // Refusals about an instance's unicast settings point at its unicast_peer line.
      const peerLine = posOf(inst.node.children.find((c) => c.keyword === 'unicast_peer')?.word ?? inst.node.word);
      // mcast_src_ip sets the same source address as unicast_src_ip (the last line wins). The word
      // is copied as written: the model's value stops where keepalived stops reading ('-', '/').
      // --unicast-peer is for the instances that name no source address: another instance's own
      // address (often on another interface) wins over it.
      const masterAddress = unicastSrcOf(inst)?.node.args[0]?.text ?? mcastSrcLines(inst).at(-1)?.args[0]?.text ?? options.unicastPeer;
      // A list of every node, the MASTER's own address included (a template's habit, KA359): the peer's
      // list is the same, and the other entries are the candidates for the peer's address.
      // Compared as keepalived reads them: it drops a '/prefix' from a unicast_peer entry (`10.0.0.2/32`).
      const masterRead = masterAddress === undefined ? undefined : addressRead(masterAddress);
      const listsEveryNode = masterRead !== undefined && peers.some((p) => addressRead(p.text) === masterRead);
      const others = listsEveryNode ? peers.filter((p) => addressRead(p.text) !== masterRead) : peers;
      let peerAddress = options.unicastSrcIp;
      if (peerAddress === undefined) {
        // Placeholders of several words (`<private ip BACKUP>`, `<private ip MASTER>`): keepalived reads the
        // first word of each, the same one, so the MASTER seems to list itself and nothing else.
        if (others.length === 0 && listsEveryNode && sockaddrFamily(masterAddress!) === undefined) {
          fail(`vrrp_instance ${inst.name}: its source address and its unicast_peer entries all read '${masterAddress}' (keepalived reads the first word of each line as the address): write the addresses and generate the peer again`, peerLine);
        }
        if (others.length !== 1) fail(`vrrp_instance ${inst.name} has ${others.length} unicast peers${listsEveryNode ? ` besides its own address ${masterAddress}` : ''}: say which one is the peer's own address with --unicast-src-ip`, peerLine);
        peerAddress = addressWritten(others[0]!.text);
      }
      // A malformed entry (`10.0.0.2,10.0.0.3`) is one keepalived skips: the MASTER then has no such peer,
      // and swapping it in would give the peer a source address keepalived cannot read. Placeholders
      // of a template (`<PEER_IP>`, `%PEER%`) are swapped like addresses.
      const malformed = peers.find((p) => unreadableAddress(p.text));
      if (malformed) fail(`vrrp_instance ${inst.name}: unicast_peer entry '${malformed.text}' (line ${lineOf(malformed.words[0])}) is not an IP address${hostNote(malformed.text)}, so keepalived skips it; write one address per line and generate the peer again`, posOf(malformed.words[0]));
      const entry = peers.find((p) => addressRead(p.text) === addressRead(peerAddress!));
      if (!entry) fail(`vrrp_instance ${inst.name}: ${peerAddress} is not in its unicast_peer list (${peers.map((p) => p.text).join(', ')})`, peerLine);
      if (masterAddress === undefined) fail(`vrrp_instance ${inst.name} has no unicast_src_ip: give the MASTER's own address with --unicast-peer, for the peer's unicast_peer list`, peerLine);
      // Likewise a source address keepalived cannot read (`192.168.4`): it skips the line, and the
      // copy in the peer's unicast_peer list would leave the peer with no peer at all.
      const sourceWord = unicastSrcOf(inst)?.node.args[0] ?? mcastSrcLines(inst).at(-1)?.args[0];
      if (sourceWord && sourceWord.text === masterAddress && unreadableAddress(masterAddress)) {
        fail(`vrrp_instance ${inst.name}: its source address '${masterAddress}' (line ${lineOf(sourceWord)}) is not an IP address${hostNote(masterAddress)}, so keepalived skips it, and the peer's unicast_peer list would get it: write the MASTER's address and generate the peer again`, posOf(sourceWord));
      }
      if (masterRead === addressRead(peerAddress)) fail(`vrrp_instance ${inst.name}: the MASTER's and the peer's addresses are the same (${peerAddress})`, peerLine);
      // keepalived skips a peer of the other family ("MUST be of the same family"): swapped, the peer's source
      // address would be of the wrong family too, and its one peer skipped.
      const masterFamily = sockaddrFamily(masterAddress!);
      const peerFamily = sockaddrFamily(peerAddress);
      if (masterFamily !== undefined && peerFamily !== undefined && masterFamily !== peerFamily) {
        fail(`vrrp_instance ${inst.name}: its source address ${masterAddress} is IPv${masterFamily} but its unicast peer ${peerAddress} is IPv${peerFamily}, so keepalived skips that peer; give both nodes addresses of one family and generate the peer again`, entry ? posOf(entry.words[0]) : peerLine);
      }
      // The entry's own '/prefix' stays as written (keepalived drops it either way).
      const laterNotes: string[] = [];
      if (!listsEveryNode) {
        replaceWord(entry!.words[0]!, masterAddress! + entry!.text.slice(addressWritten(entry!.text).length), `unicast_peer of ${inst.name}`);
        // `10.1.1.3  # lb3`: the comment names the node the entry was; kept, it would label the MASTER's address.
        // One that names no node (`# peer IP`) still fits, and stays.
        const comment = lineComment(entry!.words[entry!.words.length - 1]!, entry!.words[0]!);
        if (comment && NAMES_A_NODE.test(comment.text)) {
          edits.push({ start: comment.from, end: comment.end, newText: '' });
          laterNotes.push(`vrrp_instance ${inst.name}: comment '${comment.text}' dropped from the unicast_peer entry (line ${lineOf(entry!.words[0])}): it was about ${peerAddress}, and the entry is ${masterAddress} now`);
        } else if (comment) {
          laterNotes.push(`vrrp_instance ${inst.name}: the unicast_peer entry on line ${lineOf(entry!.words[0])} is ${masterAddress} now; its comment '${comment.text}', written for ${peerAddress}, is kept: check that it still fits`);
        }
      }
      if (others.length > 1) {
        // Each generated node gets the same derived priority and router_id: two BACKUPs then tie (KA432, KA415).
        const rest = others.filter((p) => p !== entry).map((p) => addressWritten(p.text));
        const group = [masterAddress, ...others.map((p) => addressWritten(p.text))].join(', ');
        laterNotes.push(`vrrp_instance ${inst.name}: its unicast group has ${others.length + 1} nodes (${group}), and this peer is ${peerAddress}: give each BACKUP a --priority and a --router-id of its own (generate the ${rest.length === 1 ? 'other' : 'others'} with --unicast-src-ip ${rest.join(' / ')}); with the defaults every generated node gets the same priority and router_id, a tie when the MASTER is down`);
      }
      const listNote = listsEveryNode ? `unicast_peer kept as it is (it lists every node, ${masterAddress} included)` : `unicast_peer ${peerAddress} → ${masterAddress}`;
      const unicastSrc = unicastSrcOf(inst);
      const srcWord = unicastSrc?.node.args[0];
      if (srcWord) {
        replaceWord(srcWord, peerAddress, `unicast_src_ip of ${inst.name}`);
        notes.push(`vrrp_instance ${inst.name}: unicast_src_ip ${unicastSrc!.value} → ${peerAddress}, ${listNote}`);
      } else {
        notes.push(`vrrp_instance ${inst.name}: unicast_peer ${peerAddress} → ${masterAddress}; no unicast_src_ip (keepalived uses the interface's address)`);
      }
      notes.push(...laterNotes);
      // keepalived keeps one source address: an mcast_src_ip line sets the same one.
      for (const line of mcastSrcLines(inst)) replaceSourceAddress(inst, line, peerAddress);
      if (sockaddrFamily(masterAddress!) !== undefined) swappedAddresses.set(addressWritten(masterAddress!), 'the MASTER\'s address');
      if (sockaddrFamily(peerAddress) !== undefined) swappedAddresses.set(addressWritten(peerAddress), 'the peer\'s address');
    }
    noteAddressesElsewhere();
  }

  /**
   * The nodes' own addresses written outside the lines the swap edits (a check script's `nc -z 10.0.0.1`): they
   * may be meant per node or shared, so they are pointed at, not changed (live 2.2.7: a check of the MASTER's own
   * address copied to the peer left both nodes in FAULT when the MASTER's service stopped).
   */
  function noteAddressesElsewhere(): void {
    if (!swappedAddresses.size) return;
    const SWAPPED = new Set(['unicast_src_ip', 'unicast_peer', 'mcast_src_ip']);
    const found = new Map<string, Set<string>>();
    walkAst(model.root, (n) => {
      if (SWAPPED.has(n.keyword)) return;
      const words = [...n.args, ...(n.values ?? []).flatMap((l) => l.words)];
      for (const w of words) {
        // An included file's words too (a check script there): named by file and line.
        for (const addr of swappedAddresses.keys()) {
          if (!w.text.includes(addr) || !mentionsAddress(w.text, addr)) continue;
          let lines = found.get(addr);
          if (!lines) found.set(addr, (lines = new Set()));
          lines.add(lineRef(w));
        }
      }
    });
    for (const [addr, lines] of found) notes.push(`${addr}, ${swappedAddresses.get(addr)}, also appears ${[...lines].some((l) => /^\d+$/.test(l)) ? 'on' : 'in'} ${linesText(lines)}: not changed — check it on the peer`);
  }
}

/**
 * A comment that names a node rather than a relation (`# lb3`, `# nodo 2`, `# backup haproxy`, against `# peer IP`):
 * a number, or a role, which the swap makes wrong beside the other node's address.
 */
const NAMES_A_NODE = /[0-9]|master|backup|primary|secondary|slave|standby/i;

/** Words made of address characters only (a backslash a line ended with included): a mistyped address, not a template's placeholder. */
const LOOKS_LIKE_ADDRESS = /^[0-9A-Fa-f.:,;/\\-]+$/;
/** A DNS name (`lb1.example.com`): keepalived reads addresses only. `x.x.x.x` and `<PEER_IP>` stay placeholders. */
const HOST_NAME = /^[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$/;

/** A word meant as an address that keepalived cannot read as one (it skips the line); placeholders are not. */
function unreadableAddress(text: string): boolean {
  return (LOOKS_LIKE_ADDRESS.test(text) || HOST_NAME.test(text)) && sockaddrFamily(text) === undefined;
}

/** An address as keepalived reads it from a unicast line (no '/prefix', IPv6 canonical); a placeholder as written. */
function addressRead(text: string): string {
  const address = sockaddrText(text);
  return sockaddrFamily(address) === undefined ? text : canonicalAddress(address);
}

/** The address part of a unicast_peer entry as written (`10.0.0.2` of `10.0.0.2/32`); a placeholder whole. */
function addressWritten(text: string): string {
  const address = sockaddrText(text);
  return sockaddrFamily(address) === undefined ? text : address;
}

/** Whether `text` holds `address` as a whole address (not 10.0.0.1 inside 10.0.0.10). */
function mentionsAddress(text: string, address: string): boolean {
  for (let at = text.indexOf(address); at >= 0; at = text.indexOf(address, at + 1)) {
    const before = at > 0 ? text[at - 1]! : '';
    const after = text[at + address.length] ?? '';
    if (/[0-9A-Za-z.:]/.test(before)) continue;
    if (/[0-9A-Za-z]/.test(after) || (after === ':' && address.includes(':')) || (after === '.' && /[0-9]/.test(text[at + address.length + 1] ?? ''))) continue;
    return true;
  }
  return false;
}

function hostNote(text: string): string {
  return HOST_NAME.test(text) && !LOOKS_LIKE_ADDRESS.test(text) ? ' (keepalived resolves no host names)' : '';
}

function fail(message: string, at?: { line: number; column: number }): never {
  throw new PeerFailure(message, at);
}

/** A refusal of an option's value on its own, whatever the file: a usage error for the CLI. */
function failOption(message: string): never {
  throw new PeerFailure(message, undefined, true);
}

/**
 * The interface option, `NEW` or `OLD=NEW`, refused when NEW is a name no Linux interface can have (the kernel's
 * dev_valid_name, as KA205 reads an interface line: empty, over 15 bytes, a '/', ':' or blank, '.' or '..'), or one the
 * peer's config would read as syntax (a quote, a brace, '#' or '!'), or when OLD is empty.
 */
function checkInterfaceOption(spec: string): void {
  const eq = spec.indexOf('=');
  const wanted = eq >= 0 ? spec.slice(eq + 1) : spec;
  if (eq === 0) failOption(`interface '${spec}': the interface to rename is empty (write OLD=NEW, e.g. eth0=${wanted || 'eth1'})`);
  const impossible = impossibleIfname(wanted);
  if (impossible !== undefined) failOption(`interface name '${wanted}' ${impossible}: no Linux interface can have this name`);
  if (/[{}"#!]/.test(wanted)) failOption(`interface name '${wanted}' has a quote, a brace, '#' or '!', which keepalived would read as part of the config, not of the name`);
}

/** Why keepalived would refuse `state MASTER` below priority 255 on this instance ('in strict mode', 'with AH authentication'), if it would. */
function refusesInitialMaster(inst: VrrpInstance, globalStrict: boolean): string | undefined {
  if (strictModeOn(lastChild(inst.node, 'strict_mode'), globalStrict)) return 'in strict mode';
  const auth = inst.authentication;
  return auth?.type?.value === 'AH' && auth.pass?.value ? 'with AH authentication' : undefined;
}

function lastChild(node: AstNode, keyword: string): AstNode | undefined {
  for (let i = node.children.length - 1; i >= 0; i--) if (node.children[i]!.keyword === keyword) return node.children[i];
  return undefined;
}

/**
 * Edits that comment out the line of `node`: '# ' before its keyword, and, when something other than a comment
 * follows it on the line (`nopreempt }`), a line break after it, so that what follows stays read.
 */
function commentOut(text: string, node: AstNode): { start: number; end: number; newText: string }[] {
  const start = node.word!.start;
  const end = node.range.end.offset;
  let lineEnd = text.indexOf('\n', end);
  if (lineEnd < 0) lineEnd = text.length;
  const rest = text.slice(end, lineEnd).replace(/\r$/, '');
  const edits = [{ start, end: start, newText: '# ' }];
  if (rest.trim() !== '' && !/^\s*[#!]/.test(rest)) {
    const lineStart = text.lastIndexOf('\n', start - 1) + 1;
    const indent = /^[ \t]*/.exec(text.slice(lineStart, start))![0];
    const blanks = rest.length - rest.trimStart().length;
    const eol = text[lineEnd - 1] === '\r' ? '\r\n' : '\n';
    edits.push({ start: end, end: end + blanks, newText: `${eol}${indent}` });
  }
  return edits;
}

function computeLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

/**
 * The weights of what the instance tracks (scripts, interfaces, files, processes, BFD sessions),
 * when non-zero and not reversed: a positive one is added while healthy, a negative one on
 * failure. A track_file's weight (default 1) multiplies the number in the file, 0 while healthy:
 * only a weight that lowers the priority when the file holds 1 is a failure's (as in the failover simulation).
 */
function trackWeights(inst: VrrpInstance, model: KeepalivedConfig): number[] {
  const out: number[] = [];
  const add = (w: number | undefined, reverse: boolean) => {
    if (w !== undefined && w !== 0 && !reverse) out.push(w);
  };
  // A track line's weight outside -254..254 is refused: the object's own weight stays (an interface's, 0). Its
  // 'reverse' or 'noreverse' still counts; without one the object's own setting does (vrrp_track.c).
  const own = (t: TrackRef, objectWeight: number | undefined) => (t.weight !== undefined && Math.abs(t.weight) <= 254 ? t.weight : objectWeight);
  const reversed = (t: TrackRef, objectReverse: boolean) => t.reverse || (t.words[3]?.text !== 'noreverse' && objectReverse);
  // In a sync group without sync_group_tracking_weight keepalived sets the weights of scripts, files and processes to
  // 0 (a failure is FAULT, not a lower priority); interfaces keep theirs. Seen live on harvest 58's K-0008: the note
  // "priorities N apart, so that a tracked failure moves the VIPs" about a check that changed nothing.
  const group = model.syncGroups.find((g) => g.members.some((w) => w.text === inst.name));
  const weightsCleared = !!group && !group.node.children.some((c) => c.keyword === 'sync_group_tracking_weight' || c.keyword === 'global_tracking');
  // keepalived looks a script, file or process up when it reads the track line: one defined further down this file
  // is "not found" and ignored (KA315; K-0058 of harvest 58).
  // Across files (a vrrp_script an include reads), by the order keepalived reads the top-level blocks in.
  const topLevel = (n: AstNode) => {
    let x = n;
    while (x.parent && x.parent.keyword !== '') x = x.parent;
    return x;
  };
  const definedBefore = (def: { node: AstNode }, t: TrackRef) => {
    const d = def.node.word;
    const w = t.words[0];
    if (!d || !w) return true;
    if (d.file === w.file) return d.start < w.start;
    const order = model.root.children;
    const i = order.indexOf(topLevel(def.node));
    const j = order.indexOf(topLevel(inst.node));
    return i < 0 || j < 0 || i < j;
  };
  // A line naming no definition keepalived keeps is ignored ("track script … not found").
  for (const t of weightsCleared ? [] : keptLines(inst.trackScripts)) {
    const script = keptByName(model.vrrpScripts, t.name);
    if (!script || !definedBefore(script, t)) continue;
    add(own(t, script?.weight?.value), reversed(t, !!script?.weightReverse));
  }
  // keepalived ignores a track_interface line naming the instance's own interface (KA328).
  for (const t of keptLines(inst.trackInterfaces)) if (t.name !== inst.interface?.value) add(own(t, undefined), t.reverse);
  for (const t of weightsCleared ? [] : keptLines(inst.trackFiles)) {
    const file = keptByName(model.trackFiles, t.name);
    if (!file || !definedBefore(file, t)) continue;
    // The weight line keepalived keeps (the model's: a repeat or an out-of-range weight is ignored).
    const w = own(t, file?.weight?.value ?? 1);
    const effect = w === undefined ? undefined : reversed(t, file?.weight?.node.argText(1) === 'reverse') ? -w : w;
    if (effect !== undefined && effect < 0) out.push(effect);
  }
  for (const t of weightsCleared ? [] : keptLines(inst.trackProcesses)) {
    const process = keptByName(model.trackProcesses, t.name);
    if (!process || !definedBefore(process, t)) continue;
    add(own(t, process?.weight?.value), reversed(t, process?.weight?.node.argText(1) === 'reverse'));
  }
  for (const t of keptLines(inst.trackBfds)) add(own(t, undefined), t.reverse);
  return out;
}

/**
 * The track lines keepalived keeps: the first of each name ("duplicate track_script … - ignoring"), and none whose
 * second word is not 'weight' or whose weight has no value (the entry is dropped, KA336).
 */
function keptLines(refs: readonly TrackRef[]): TrackRef[] {
  const seen = new Set<string>();
  const out: TrackRef[] = [];
  for (const t of refs) {
    const opt = t.words[1];
    if (opt && (opt.text !== 'weight' || !t.words[2])) continue;
    if (seen.has(t.name)) continue;
    seen.add(t.name);
    out.push(t);
  }
  return out;
}

/** The definition of `name` keepalived finds: the first that has its script, file or process line (one without is removed). */
function keptByName<T extends { name: string; node: AstNode }>(defs: readonly T[], name: string): T | undefined {
  for (const d of defs) {
    if (d.name !== name) continue;
    const required = REQUIRED_DEFINITION_LINE[d.node.keyword];
    if (!required || d.node.children.some((c) => c.keyword === required && c.argCount > 0)) return d;
  }
  return undefined;
}

/**
 * The default distance between the nodes: the step, unless a tracked weight is smaller — then one
 * less than that weight, so that a single failure on the MASTER hands the VIPs over.
 */
function defaultGap(r: Role, options: PeerOptions, step: number, notes: string[]): number {
  const w = r.smallestWeight;
  if (options.priorityStep !== undefined || w === undefined || r.from >= OWNER_PRIORITY) return step;
  // With nopreempt on both nodes no priority change moves the VIPs while their holder runs: a closer
  // gap would not help, and the note says what does.
  if (r.kind === 'stay-backup' && r.inst.nopreempt) {
    notes.push(`vrrp_instance ${r.inst.name}: with nopreempt a failing weighted check (weight ${r.smallestWeightWritten}) does not move the VIPs: the node holding them keeps them at any priority; give the checks that must move them weight 0 (FAULT)`);
    return step;
  }
  if (w - 1 >= step) return step;
  if (w < 2) {
    notes.push(`vrrp_instance ${r.inst.name}: a track weight of ${r.smallestWeightWritten} cannot move the VIPs between two different priorities; use larger weights (or weight 0 for FAULT)`);
    return step;
  }
  notes.push(`vrrp_instance ${r.inst.name}: priorities ${w - 1} apart (not ${step}), so that a tracked failure (weight ${r.smallestWeightWritten}) moves the VIPs`);
  return w - 1;
}

/** The priority keepalived runs an instance at when everything tracked is healthy. */
function effective(base: number, bonus: number): number {
  return base >= OWNER_PRIORITY ? OWNER_PRIORITY : Math.min(MAX_TRACKED_PRIORITY, base + bonus);
}

/** The highest BACKUP base priority that still loses to `masterBase` with everything healthy. */
function highestLosing(masterBase: number, bonus: number): number {
  const master = effective(masterBase, bonus);
  // An owner (255) is never adjusted and beats every tracked priority, which stops at 254.
  if (master >= OWNER_PRIORITY) return MAX_TRACKED_PRIORITY;
  return master - 1 - bonus;
}

function assignPriorities(roles: Role[], demoted: Role[], promoted: Role[], options: PeerOptions, step: number, notes: string[]): void {
  // Dual-master with one MASTER priority and one BACKUP priority: mirror them (100/90 ↔ 90/100).
  const masterPrios = new Set(demoted.filter((r) => r.kind === 'demote').map((r) => r.from));
  const backupPrios = new Set(promoted.map((r) => r.from));
  if (options.priorityStep === undefined && masterPrios.size === 1 && backupPrios.size === 1) {
    const p = [...masterPrios][0]!;
    const q = [...backupPrios][0]!;
    if (q < p) {
      const down = options.priority ?? q;
      const mirrored = roles.every((r) =>
        r.kind === 'promote' ? effective(p, r.healthyBonus) > effective(r.from, r.healthyBonus) && p <= MAX_TRACKED_PRIORITY : r.kind === 'demote' ? down <= highestLosing(r.from, r.healthyBonus) : true,
      );
      // The MASTER's own gap is kept only if a failing check still hands its VIPs over.
      const stuck = mirrored ? demoted.find((r) => r.kind === 'demote' && !movesOnFailure(r, down)) : undefined;
      if (stuck) notes.push(`priorities not mirrored: at ${down} on the peer, a failing tracked check on the MASTER (weight ${stuck.smallestWeightWritten}) would not move vrrp_instance ${stuck.inst.name}'s VIPs`);
      if (mirrored && !stuck) {
        for (const r of roles) {
          if (r.kind === 'promote') r.to = p;
          else if (r.kind === 'demote') r.to = down;
        }
        for (const r of roles) if (r.kind === 'stay-backup') r.to = lower(r, options, step, notes);
        return;
      }
    }
  }
  for (const r of roles) r.to = r.kind === 'promote' ? higher(r, defaultGap(r, options, step, notes)) : lower(r, options, step, notes);
}

/** Whether one tracked failure on the MASTER (its smallest weight) hands the VIPs to a peer at `down`. */
function movesOnFailure(r: Role, down: number): boolean {
  const w = r.smallestWeight;
  return w === undefined || w < 2 || r.from >= OWNER_PRIORITY || down > r.from - w;
}

function lower(r: Role, options: PeerOptions, step: number, notes: string[]): number {
  const name = r.inst.name;
  const limit = highestLosing(r.from, r.healthyBonus);
  const bonusText = r.healthyBonus ? ` (+${r.healthyBonus} from healthy tracked scripts/interfaces on both nodes)` : '';
  if (limit < 1) fail(`vrrp_instance ${name}: no BACKUP priority ≥ 1 loses to the MASTER's ${r.from}${bonusText}; lower the track weights or raise the MASTER's priority`);
  if (options.priority !== undefined) {
    if (options.priority > limit) fail(`priority ${options.priority} for ${name}: the MASTER (priority ${r.from}${bonusText}) would not win; use at most ${limit}`);
    return options.priority;
  }
  let to = Math.max(1, r.from - defaultGap(r, options, step, notes));
  if (to > limit) {
    notes.push(`vrrp_instance ${name}: priority lowered to ${limit} rather than ${to}, so that the MASTER still wins with every tracked script healthy${bonusText}`);
    to = limit;
  }
  return to;
}

function higher(r: Role, step: number): number {
  const name = r.inst.name;
  const to = Math.min(MAX_TRACKED_PRIORITY, r.from + step);
  if (!(effective(to, r.healthyBonus) > effective(r.from, r.healthyBonus))) {
    fail(`vrrp_instance ${name} is BACKUP at priority ${r.from}: no priority up to ${MAX_TRACKED_PRIORITY} lets the peer win it as MASTER; lower it on this node first`);
  }
  return to;
}

/** An interface name ending a router_id after a separator (eth0, ens192, enp3s0, bond0, br0, vlan10…). */
const INTERFACE_SUFFIX = /[-_.](?:eth|ens|eno|enp|em|bond|br|vlan|wlan|ib|team)\d[a-z0-9]*$/i;

/** A role word in a router_id, replaced in the same case (`LVS_MASTER` → `LVS_BACKUP`, `Primary` → `Secondary`). */
function swapRole(id: string, pattern: RegExp, to: string): string {
  return id.replace(pattern, (m) => (m === m.toUpperCase() ? to.toUpperCase() : m === m.toLowerCase() ? to : to[0]!.toUpperCase() + to.slice(1)));
}

/**
 * Reads the peer as keepalived will and refuses it when an instance does not get the state and priority
 * it was given: the edits replace words, and what keepalived reads of a line can reach past the word
 * (`state BACKUP # note\` is read as 'BACKUP\' by 2.2.7, so 'MASTER' written there is 'MASTER\').
 */
function checkPeerReading(out: string, roles: Role[], file: string, options: PeerOptions): void {
  const peer = analyze(out, { file, configId: options.configId, targetVersion: options.targetVersion, host: options.host, pathMappings: options.pathMappings, maxIncludeDepth: options.maxIncludeDepth }).model.vrrpInstances.filter((i) => i.node.word?.file === file);
  for (let i = 0; i < roles.length; i++) {
    const r = roles[i]!;
    const p = peer[i];
    if (!p || p.name !== r.inst.name) fail(`internal: the peer's vrrp_instance ${r.inst.name} is not where the MASTER's is`);
    const read = p!.state?.value;
    if (r.state !== undefined && read !== r.state) {
      const line = p!.state?.node.word ? positionAt(computeLineStarts(out), p!.state.node.word.start).line + 1 : undefined;
      const before = r.inst.state?.value;
      fail(`vrrp_instance ${r.inst.name}: keepalived would read the peer's state on line ${line} as '${read ?? ''}', not ${r.state}${before !== undefined && before !== 'MASTER' && before !== 'BACKUP' ? ` (it reads '${before}' there in this file too)` : ''}: fix that line so it reads as written, then generate the peer again`, line ? { line, column: 1 } : undefined);
    }
    if (p!.effectivePriority !== r.to) fail(`vrrp_instance ${r.inst.name}: keepalived would read the peer's priority as ${p!.effectivePriority}, not ${r.to}: edit the priority line by hand`);
  }
}

/**
 * The peer's router_id: MASTER → BACKUP (primary → secondary) in any case and position, else a
 * trailing number plus one (`lb1` → `lb2`, `lvs_151` → `lvs_152`), else a trailing node letter plus
 * one (`lb-a` → `lb-b`), else a `backup` suffix written in the id's own style (`LVS_DEVEL` →
 * `LVS_DEVEL_BACKUP`, `data` → `data-backup`). An interface name at the end (`lb1_eth0`) is kept
 * as it is, and so is the domain of a host name (`lb1.example.com` → `lb2.example.com`).
 */
export function deriveRouterId(id: string, demoting = true, whole = id): string {
  // `LBA_eth0`, `lb1-ens192`: the trailing number is the interface's, not the node's.
  const iface = INTERFACE_SUFFIX.exec(id);
  if (iface && iface.index > 0) return deriveRouterId(id.slice(0, iface.index), demoting, whole) + iface[0];
  if (demoting && /master/i.test(id)) return swapRole(id, /master/gi, 'backup');
  if (demoting && /primary/i.test(id)) return swapRole(id, /primary/gi, 'secondary');
  if (!demoting && /backup|slave/i.test(id)) return swapRole(id, /backup|slave/gi, 'master');
  if (!demoting && /secondary/i.test(id)) return swapRole(id, /secondary/gi, 'primary');
  // A host name names the node in its first label (`lb1.example.com`); an IPv4 address in its last number.
  const host = /^([A-Za-z][A-Za-z0-9_-]*)(\.[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*)$/.exec(id);
  if (host) return deriveRouterId(host[1]!, demoting, whole) + host[2]!;
  const m = /^(.*?)(\d+)$/.exec(id);
  if (m) {
    const next = String(BigInt(m[2]!) + 1n);
    return m[1]! + next.padStart(m[2]!.length, '0');
  }
  // `lb-a` → `lb-b`: a single letter after a separator names the node.
  const letter = /^(.+[-_.])([a-yA-Y])$/.exec(id);
  if (letter) return letter[1]! + String.fromCharCode(letter[2]!.charCodeAt(0) + 1);
  const suffix = demoting ? 'backup' : 'peer';
  // The id's own separator (`LVS_DEVEL_BACKUP`, `my-lb-backup`) and case (an id in capitals gets `BACKUP`).
  const separator = whole.includes('_') && !whole.includes('-') ? '_' : '-';
  const shouting = /[A-Z]/.test(id) && !/[a-z]/.test(id);
  return id + separator + (shouting ? suffix.toUpperCase() : suffix);
}
