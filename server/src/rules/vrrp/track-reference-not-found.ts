// KA315: track_script / track_file / track_process / track_bfd (and a static address, route or
// rule's track_group) naming an object keepalived has not
// seen yet. keepalived resolves these names while reading the line, so the object must be defined
// earlier in the file (a vrrp_script without `script` has already been removed by then).

import { argText, child, childrenNamed, type AstNode, type Word } from '../../core/analysis/ast.js';
import type { Range } from '../../core/syntax/cst.js';
import { REQUIRED_DEFINITION_LINE } from '../../core/analysis/walker.js';
import type { Analysis } from '../../core/index.js';
import type { BfdInstance, TrackFile } from '../../core/model/model.js';
import type { FileRule } from '../types.js';
import { syncGroupsAsRead, topLevelOrder, trackBlocks, wordsRange } from './util.js';
import { commandMissing, SCRIPTLESS_REMOVED_SINCE } from './vrrp-script-without-script.js';
import { neverRead } from '../unread-blocks.js';
import { suggest, suggestByWords } from '../../core/analysis/suggest.js';
import { compareVersions, type Version } from '../../core/schema/schema.js';

/** The first release whose config test hangs on a track_file name it cannot find (see hangsConfigTest). */
const CONFIG_TEST_HANGS_SINCE: Version = [2, 1, 0];

const TARGET: Record<string, { blocks: string[]; what: string }> = {
  track_script: { blocks: ['vrrp_script'], what: 'vrrp_script' },
  track_file: { blocks: ['track_file', 'vrrp_track_file'], what: 'track_file' },
  track_process: { blocks: ['vrrp_track_process'], what: 'vrrp_track_process' },
  track_bfd: { blocks: ['bfd_instance'], what: 'bfd_instance' },
};

/** Definitions keepalived removes when this line is missing (KA320, KA335). */
const REQUIRED_LINE = REQUIRED_DEFINITION_LINE;

/**
 * Whether keepalived removes a tracked object's definition at the end of its block, so that a later definition of the
 * same name is the one found: a vrrp_script, track file or track process without a valued script/file/process line
 * (a vrrp_script from 1.3.6), or a vrrp_script whose script lines give no command keepalived can use.
 */
export function definitionRemoved(analysis: Analysis, def: AstNode): boolean {
  const required = REQUIRED_LINE[def.keyword];
  if (!required) return false;
  const script = def.keyword === 'vrrp_script';
  if (script && compareVersions(analysis.target, SCRIPTLESS_REMOVED_SINCE) < 0) return false;
  const lines = childrenNamed(def, required);
  if (!lines.some((l) => l.argCount)) return true;
  return script && lines.every((l) => commandMissing(analysis, l, analysis.target));
}

/**
 * The definition keepalived finds for a name among `defs` (in file order): the first it keeps; when it removes
 * them all, the first (its findings say why).
 */
export function keptDefinition<T extends { node: AstNode }>(analysis: Analysis, defs: readonly T[]): T | undefined {
  for (const d of defs) if (!definitionRemoved(analysis, d.node)) return d;
  return defs[0];
}

function topLevel(node: AstNode): AstNode {
  let n = node;
  while (n.parent && n.parent.keyword !== '') n = n.parent;
  return n;
}

export interface IgnoredTrackLine {
  owner: AstNode;
  block: AstNode;
  /** The first word of the line: the name of the tracked object. */
  name: Word;
  why: string;
  related: { file: string; range: Range; message: string }[];
  /** A defined name of the same kind the missing one is likely a typo of. */
  guess?: string;
  /**
   * A track_file name keepalived cannot find while another track file is already defined: from
   * 2.1.0 `keepalived -t` puts each track file on the VRRP and the checker lists with one link, so
   * the VRRP list's search for a missing name never comes back to its start. 2.1.0–2.1.5, 2.2.7,
   * 2.2.8 and 2.3.1 loop forever (a debugger shows it in the name search); 2.2.0, 2.2.4 and 2.4.3
   * crash (status 139); which one depends on memory layout (2.2.7 crashes too when the file is
   * /tmp/a/keepalived.conf given by absolute path). 2.0.19 reports the name and goes on. (A name
   * whose track file comes later in the file is usually found on the checker's list, silently, and
   * crashes 2.2.7 with that short path: the `why` of such a line says so.)
   */
  hangsConfigTest: boolean;
}

const ignoredCache = new WeakMap<Analysis, IgnoredTrackLine[]>();

/**
 * track_bfd lines whose bfd_instance the VRRP process keeps when keepalived starts but drops in `keepalived -t`
 * before 2.2.3, and after a reload (see BfdInstance.vrrpUnderConfigTest), with why.
 */
const configTestDropsCache = new WeakMap<Analysis, { owner: AstNode; name: Word; why: string; def: AstNode }[]>();

/**
 * The track_script / track_file / track_process / track_bfd lines keepalived ignores, and why.
 * The failover simulation leaves them out too: what keepalived ignores cannot fault an instance
 * or move its priority.
 */
export function ignoredTrackLines(analysis: Analysis): IgnoredTrackLine[] {
  const hit = ignoredCache.get(analysis);
  if (hit) return hit;
  const out: IgnoredTrackLine[] = [];
  ignoredCache.set(analysis, out);
  const configTestDrops: { owner: AstNode; name: Word; why: string; def: AstNode }[] = [];
  configTestDropsCache.set(analysis, configTestDrops);
  const model = analysis.model;
  // The tracking blocks, by owner: the instances' then the sync groups'.
  const tracking: { owner: AstNode; blocks: AstNode[] }[] = [];
  for (let i = 0, insts = model.vrrpInstances; i < insts.length; i++) {
    const inst = insts[i]!;
    // Most instances of a large config track nothing: no empty list made for them.
    if (!trackBlocks(inst).length) continue;
    const blocks = trackBlocks(inst).filter((b) => TARGET[b.keyword]);
    if (blocks.length) tracking.push({ owner: inst.node, blocks });
  }
  // With the sync groups keepalived lost at a repeated `group` list: it looked their track lines up as it read them.
  for (let j = 0, gs = syncGroupsAsRead(model); j < gs.length; j++) {
    const node = gs[j]!;
    const blocks = node.children.filter((b) => TARGET[b.keyword]);
    if (blocks.length) tracking.push({ owner: node, blocks });
  }
  if (!tracking.length) return out;
  const order = topLevelOrder(model);
  // name -> the first definition keepalived keeps, per target kind
  const defs = new Map<string, Map<string, AstNode>>();
  const targets = Object.entries(TARGET);
  // Track files the VRRP process never reads (see PartlyUnread): name -> the first of them.
  let unreadByVrrp: Map<string, TrackFile> | undefined;
  for (let k = 0, tfs = model.trackFiles; k < tfs.length; k++) {
    const tf = tfs[k]!;
    if (tf.unreadBy?.vrrp && !(unreadByVrrp ??= new Map()).has(tf.name)) unreadByVrrp.set(tf.name, tf);
  }
  const unreadNodes = unreadByVrrp && new Set([...unreadByVrrp.values()].map((t) => t.node));
  for (let k = 0, ns = model.root.children; k < ns.length; k++) {
    const n = ns[k]!;
    const keyword = n.keyword;
    if (unreadNodes?.has(n)) continue;
    for (let p = 0, items = targets; p < items.length; p++) {
      const [kind, t] = items[p]!;
      if (!t.blocks.includes(keyword)) continue;
      const name = argText(n);
      if (!name) continue;
      let m = defs.get(kind);
      if (!m) defs.set(kind, (m = new Map()));
      // The first definition keepalived keeps: one it removes leaves the name to the next (a pasted copy completed).
      const cur = m.get(name);
      if (!cur || (cur.keyword !== 'bfd_instance' && definitionRemoved(analysis, cur) && !definitionRemoved(analysis, n))) m.set(name, n);
    }
  }
  // A bfd_instance name is the VRRP process's block of that name: the one it keeps, else the last it read and dropped.
  const bfdByNode = new Map<AstNode, BfdInstance>();
  for (let k = 0, bs = model.bfdInstances; k < bs.length; k++) {
    const b = bs[k]!;
    bfdByNode.set(b.node, b);
    const m = defs.get('track_bfd');
    if (!m || !b.readBy.vrrp) continue;
    const cur = m.get(b.name);
    if (!cur || !bfdByNode.get(cur)?.forVrrp) m.set(b.name, b.node);
  }
  // The track files keepalived has on its list before a position: those with a 'file' line.
  // (A bare `file` line leaves an earlier line's file: any line with a value keeps the track file.)
  const keptTrackFiles = model.root.children.filter((n) => TARGET.track_file!.blocks.includes(n.keyword) && argText(n) && n.children.some((c) => c.keyword === 'file' && c.argCount > 0));
  // Only those the VRRP process reads are on its list.
  const keptTrackFileBefore = (pos: number) => keptTrackFiles.some((n) => (order.get(n) ?? 0) < pos && !unreadNodes?.has(n));
  // With another track file defined before the owner, 2.1.0+'s config test searches on past the
  // end of the VRRP list (see hangsConfigTest) into the checker's, where an earlier reading of
  // the file put this one: usually it finds it and says nothing, but with another memory
  // layout it reads garbage (2.2.7: SIGSEGV for /tmp/a/keepalived.conf given by absolute path,
  // silent in longer folders; 2.4.3 crashes where a skip kept the track file from the VRRP process).
  // The running daemon logs "track file X not found, ignoring...".
  const foundOnCheckerList = (name: string, ownerPos: number) =>
    keptTrackFileBefore(ownerPos) && compareVersions(analysis.target, CONFIG_TEST_HANGS_SINCE) >= 0
      ? ` (keepalived -t usually says nothing here: a bug links its list of track files to the checker's, where it finds this one; with another memory layout it crashes instead, e.g. 2.2.7 with the file at /tmp/a/keepalived.conf. The running daemon logs "track file ${name} not found, ignoring...")`
      : '';
  for (let q = 0; q < tracking.length; q++) {
    const { owner, blocks } = tracking[q]!;
    const ownerPos = order.get(topLevel(owner)) ?? 0;
    for (let bi = 0; bi < blocks.length; bi++) {
      const block = blocks[bi]!;
      const t = TARGET[block.keyword]!;
      for (let li = 0, lines = block.values ?? []; li < lines.length; li++) {
        const line = lines[li]!;
        const nameWord = line.words[0];
        if (!nameWord) continue;
        const def = defs.get(block.keyword)?.get(nameWord.text);
        let why: string | undefined;
        let guess: string | undefined;
        const related: IgnoredTrackLine['related'] = [];
        const unread = !def && block.keyword === 'track_file' ? unreadByVrrp?.get(nameWord.text)?.unreadBy : undefined;
        if (unread) {
          const tf = unreadByVrrp!.get(nameWord.text)!;
          const never = neverRead('the VRRP process', 'track_file', nameWord.text, tf.node, unread);
          why = never.why + (tf.file !== undefined ? foundOnCheckerList(nameWord.text, ownerPos) : '');
          related.push(...never.related);
        } else if (!def) {
          const names = defs.get(block.keyword);
          // A name the same block already tracks is not the one meant.
          const listed = new Set(lines.map((l) => l.words[0]?.text));
          const unlisted = names ? [...names.keys()].filter((n) => !listed.has(n)) : [];
          guess = suggest(nameWord.text, unlisted) ?? suggestByWords(nameWord.text, unlisted);
          // A guess defined only after this block would be ignored too: say it must move up as well (variants audit).
          const late = guess !== undefined && (order.get(names!.get(guess)!) ?? 0) > ownerPos;
          why = `no ${t.what} '${nameWord.text}' is defined${guess ? ` (did you mean '${guess}'?${late ? ` It is defined only after '${argText(owner) ?? owner.keyword}', and keepalived needs it defined first` : ''})` : ''}`;
          if (guess) related.push({ file: names!.get(guess)!.file, range: names!.get(guess)!.args[0]?.range ?? names!.get(guess)!.range, message: `'${guess}' is defined here` });
        }
        else if ((order.get(def) ?? 0) > ownerPos) {
          why = `${t.what} '${nameWord.text}' is defined only after '${argText(owner) ?? owner.keyword}'; keepalived needs it defined first`;
          if (block.keyword === 'track_file') why += foundOnCheckerList(nameWord.text, ownerPos);
          related.push({ file: def.file, range: def.args[0]?.range ?? def.range, message: 'defined here' });
        } else if (def.keyword === 'vrrp_script' && compareVersions(analysis.target, SCRIPTLESS_REMOVED_SINCE) < 0 && !childrenNamed(def, 'script').some((l) => l.argCount)) {
          // Kept without a command before 1.3.6, and the VRRP process crashes on it (KA320 says so).
        } else if (def.keyword === 'bfd_instance' && bfdByNode.get(def)?.unreadBy?.vrrp) {
          const never = neverRead('the VRRP process', 'bfd_instance', nameWord.text, def, bfdByNode.get(def)!.unreadBy!);
          why = never.why;
          related.push(...never.related);
        } else if (def.keyword === 'bfd_instance' && bfdByNode.get(def) && !bfdByNode.get(def)!.forVrrp) {
          const reason = bfdByNode.get(def)!.droppedBy.vrrp ?? '';
          why = reason.startsWith("it has a 'checker' line")
            ? `bfd_instance '${nameWord.text}' has a 'checker' line and no 'vrrp' line, so only the checker process knows it`
            : `the VRRP process, which reads track_bfd, dropped bfd_instance '${nameWord.text}' (line ${def.range.start.line + 1}): ${reason}`;
          // The config test's VRRP reading starts with a 'vrrp' line an earlier reading counted, and keeps the block.
          if (bfdByNode.get(def)!.vrrpUnderConfigTest?.held) {
            why += ` (keepalived -t does not report it before 2.2.3: it reads the checker's part first, in the same process, and its VRRP reading starts with the 'vrrp' and 'checker' lines counted there, a 'vrrp' line among them, so it keeps the block; the daemon reads it so after a reload)`;
          }
          related.push({ file: def.file, range: def.args[0]?.range ?? def.range, message: 'defined here, and dropped by the VRRP process' });
        } else if (def.keyword === 'bfd_instance' && bfdByNode.get(def)?.vrrpUnderConfigTest?.held === false) {
          configTestDrops.push({ owner, name: nameWord, why: bfdByNode.get(def)!.vrrpUnderConfigTest!.why ?? '', def });
        } else if (REQUIRED_LINE[def.keyword] && !childrenNamed(def, REQUIRED_LINE[def.keyword]!).some((l) => l.argCount)) {
          // Removed only when no line gives a value: a bare line after one that does changes nothing (2.2.7, 2.1.5: silent).
          const line = child(def, REQUIRED_LINE[def.keyword]!) ? 'a bare' : 'no';
          why = `${def.keyword} '${nameWord.text}' has ${line} '${REQUIRED_LINE[def.keyword]}' line, so keepalived removed it`;
          related.push({ file: def.file, range: def.args[0]?.range ?? def.range, message: 'defined here' });
        } else if (def.keyword === 'vrrp_script' && childrenNamed(def, 'script').every((l) => commandMissing(analysis, l, analysis.target))) {
          why = `vrrp_script '${nameWord.text}' has no command keepalived can use on its 'script' line, so keepalived removed it`;
          related.push({ file: def.file, range: def.args[0]?.range ?? def.range, message: 'defined here' });
        }
        if (!why) continue;
        const hangsConfigTest = block.keyword === 'track_file' && !keptTrackFiles.some((n) => argText(n) === nameWord.text) && keptTrackFileBefore(ownerPos);
        out.push({ owner, block, name: nameWord, why, related, guess, hangsConfigTest });
      }
    }
  }
  return out;
}

const ignoredKeys = new WeakMap<Analysis, Set<string>>();

/** True when keepalived ignores the track line whose first word is `name` (compared by file and offset). */
export function trackLineIgnored(analysis: Analysis, name: Word): boolean {
  let keys = ignoredKeys.get(analysis);
  if (!keys) {
    keys = new Set(ignoredTrackLines(analysis).map((t) => `${t.name.start}\0${t.name.file}`));
    ignoredKeys.set(analysis, keys);
  }
  return keys.size > 0 && keys.has(`${name.start}\0${name.file}`);
}

const STATIC_BLOCKS: ReadonlySet<string> = new Set(['static_ipaddress', 'static_routes', 'static_rules']);

/**
 * `track_group NAME` on a static address, route or rule: keepalived looks the group up as it reads
 * the line, so a track_group block defined later (or not at all) is "track_group NAME not found"
 * and the entry is not tied to any instance.
 */
function reportStaticTrackGroups(analysis: Analysis, report: Parameters<FileRule['check']>[0]['report']): void {
  const top = analysis.model.root.children;
  const defined = new Set<string>();
  for (let j = 0; j < top.length; j++) {
    const n = top[j]!;
    if (n.keyword === 'track_group') {
      const name = argText(n);
      if (name !== undefined) defined.add(name);
      continue;
    }
    if (!STATIC_BLOCKS.has(n.keyword)) continue;
    for (let k = 0, lines = n.values ?? []; k < lines.length; k++) {
      const line = lines[k]!;
      const words = line.words;
      // keepalived looks each track_group of the line up until one is found; a later one after that is "a duplicate"
      // (KA330/KA346's business), but one after a name it did not find is looked up and used (recheck63).
      const names: Word[] = [];
      for (let i = 1; i + 1 < words.length; i++) if (words[i]!.text === 'track_group') names.push(words[++i]!);
      for (let i = 0; i < names.length; i++) {
        const name = names[i]!;
        if (defined.has(name.text)) break;
        const used = names.slice(i + 1).find((w) => defined.has(w.text));
        const what = n.keyword === 'static_ipaddress' ? 'address' : n.keyword === 'static_routes' ? 'route' : 'rule';
        const later = top.find((d) => d.keyword === 'track_group' && argText(d) === name.text);
        report({
          message: `track_group '${name.text}' ${later ? 'is defined only after this line; keepalived needs it defined first' : 'is not defined'}: keepalived reports it ("track_group ${name.text} not found") and ${used ? `looks up the next track_group on the line: this ${what} follows '${used.text}'` : `tracks this ${what} with no instance`}`,
          // The entry is still tracked when a later name is found: keepalived -t fails on the message, failover does not.
          ...(used ? { severity: 'warning' as const } : {}),
          file: name.file,
          range: wordsRange([name]),
          related: later ? [{ file: later.file, range: later.args[0]?.range ?? later.range, message: 'defined here' }] : undefined,
        });
      }
    }
  }
}

export const trackReferenceNotFound: FileRule = {
  kind: 'file',
  code: 'KA315',
  name: 'track-reference-not-found',
  family: 'vrrp',
  severity: 'error',
  description: 'A tracked script, file, process, BFD instance or track_group is not defined before the line that names it; keepalived ignores the entry.',
  docs: {
    why: 'keepalived looks tracked objects up while it reads the track_* line, so a vrrp_script (or track_file, vrrp_track_process, bfd_instance) must appear earlier in the configuration than the vrrp_instance or vrrp_sync_group that tracks it. Otherwise the entry is dropped ("track script X not found, ignoring...") and the health check never influences failover. A vrrp_script without a `script` line is removed before it can be found, a track_file or bfd_instance after a virtual_server that holds a `{` opening nothing (`connect_port 80 {`) is never read by the VRRP process, which skips the virtual_server by counting braces and so skips on past it, and a bfd_instance with a `checker` line but no `vrrp` line is only known to the checker process (before 2.2.3 such a line keeps counting for later blocks, and `keepalived -t`, which reads the checker\'s part first, and the daemon after a reload start their VRRP reading with the lines counted before, so they can keep or drop a block otherwise than keepalived at start: kalint says where). The same holds for `track_group NAME` on a static_ipaddress, static_routes or static_rules line: the track_group block must come first ("track_group NAME not found"). A track_file name that no track_file with a `file` line defines is worse from 2.1.0 on: when another track file is defined before it, `keepalived -t` never finishes (it loops looking the name up; some releases crash instead). From 2.2.8 keepalived also checks the directory of a track file\'s `file` as it reads the block and forgets the track file when that directory does not exist on the machine ("realpath() error"): the entries naming it are then not found in the same way, so create the directory before running `keepalived -t`.',
    bad: 'vrrp_instance VI_1 {\n    track_script {\n        chk_haproxy\n    }\n}\nvrrp_script chk_haproxy {\n    script "/usr/bin/pgrep haproxy"\n}\n',
    good: 'vrrp_script chk_haproxy {\n    script "/usr/bin/pgrep haproxy"\n}\nvrrp_instance VI_1 {\n    track_script {\n        chk_haproxy\n    }\n}\n',
  },
  check({ analysis, report, target }) {
    reportStaticTrackGroups(analysis, report);
    const configTestHangs = compareVersions(target, CONFIG_TEST_HANGS_SINCE) >= 0;
    const ignored = ignoredTrackLines(analysis);
    for (const d of configTestDropsCache.get(analysis) ?? []) {
      report({
        severity: 'warning',
        message:
          `track_bfd '${d.name.text}' in '${argText(d.owner) ?? d.owner.keyword}' works when keepalived starts, but keepalived -t before 2.2.3 reports "track bfd ${d.name.text} not found" here, and the daemon ignores it after a reload: ` +
          `-t reads the checker's part first, in the same process (the daemon, its own reading before the reload), and ${d.why.replace(/^keepalived before 2\.2\.3 keeps counting the 'vrrp' and 'checker' lines of an earlier reading: /, 'that reading leaves its lines counted: ')}. Give bfd_instance '${d.name.text}' a 'vrrp' line (and a 'checker' line if a BFD_CHECK uses it too)`,
        file: d.name.file,
        range: wordsRange([d.name]),
        related: [{ file: d.def.file, range: d.def.args[0]?.range ?? d.def.range, message: 'defined here' }],
      });
    }
    for (let i = 0, ts = ignored; i < ts.length; i++) {
      const t = ts[i]!;
      const hang = t.hangsConfigTest && configTestHangs ? "; and keepalived -t never finishes on it (it loops forever looking the name up among the track files defined before it, or crashes)" : '';
      report({
        message: `${t.block.keyword} '${t.name.text}' in '${argText(t.owner) ?? t.owner.keyword}' is ignored: ${t.why}${hang}`,
        file: t.name.file,
        range: wordsRange([t.name]),
        related: t.related.length ? t.related : undefined,
        fix: t.guess && !t.name.expanded ? { description: `Replace with '${t.guess}'`, edits: [{ file: t.name.file, range: t.name.range, newText: t.guess }] } : undefined,
      });
    }
  },
};
