import { compareVersions, type Version } from '../../core/schema/schema.js';
import type { AstNode } from '../../core/analysis/ast.js';
import type { Analysis } from '../../core/index.js';
import type { FileRule } from '../types.js';
import { related } from '../lvs/util.js';
import { topLevelBlocks } from '../vrrp/util.js';
import { configuredScripts, lineOf, scriptIsChecked } from './scripts.js';

/** 1c5bfa29 (1.3.6) removes scripts whose default user is missing; 1.3.5 keeps uid 0 and runs them as root. */
const REMOVED_SINCE: Version = [1, 3, 6];
/**
 * Removing a MISC_CHECK script freed the checker but left it queued (1c5bfa29, 1.3.6) until 48387eaf (2.2.3):
 * the health checker then crashes. The 2.0.19 and 2.2.0 builds: keepalived -t "Segmentation fault"; the 2.0.0 and
 * 2.0.19 daemons: "Keepalived_healthcheckers exited due to segmentation fault (SIGSEGV)", respawned in a loop.
 */
const MISC_REMOVAL_CRASH: [Version, Version] = [[1, 3, 6], [2, 2, 3]];

/**
 * 95d96ffe (2.2.5): global_defs lines that name no user take the default script user as they are read: a FIFO line
 * with only its name (`notify_fifo`, `vrrp_notify_fifo`, `lvs_notify_fifo`), and a FIFO script, `startup_script` or
 * `shutdown_script` with only its command. keepalived looks that user up once: with script security already on and no
 * `keepalived_script` account, the lookup fails for good ("Unable to set default user keepalived_script for script",
 * keepalived -t exits 5), such lines are dropped (a startup or shutdown script with "Invalid startup script"), a later
 * `script_user` is refused ("Error setting global script uid/gid") and every script without a user of its own is
 * removed. With script security not yet on, the lookup settles on keepalived_script or, where that account does not
 * exist, root, and nothing is removed. (2.2.7 and 2.4.3 builds; 2.1.5 and 2.0.19 look the user up after reading.)
 */
const READ_TIME_LOOKUP_SINCE: Version = [2, 2, 5];
/**
 * eadf94e3 (2.2.5) prints "Unable to set default user keepalived_script for script" where the lookup fails; before it
 * keepalived names only each script it removes (2.0.19, 2.1.5, 2.2.4 -t: "Unable to set default user for vrrp script
 * chk_haproxy - removing"; a MISC_CHECK: "… for misc script CMD - removing").
 */
const DEFAULT_USER_LINE_SINCE: Version = [2, 2, 5];
const FIFO_KEYWORDS = new Set(['notify_fifo', 'vrrp_notify_fifo', 'lvs_notify_fifo']);
const GLOBAL_SCRIPT_KEYWORDS = new Set(['notify_fifo_script', 'vrrp_notify_fifo_script', 'lvs_notify_fifo_script', 'startup_script', 'shutdown_script']);

interface DefaultUserLookup {
  /** The global_defs line where keepalived first looks the default user up. */
  line: AstNode;
  /** Whether enable_script_security came before it. */
  secure: boolean;
  /** The FIFO lines without a user, the lookup's own included, which get its answer. */
  fifos: AstNode[];
  /** A script_user line after it. */
  laterScriptUser?: AstNode;
}

/** global_defs lines in reading order: where the default script user is first looked up as a line is read, if it is. */
function defaultUserLookup(analysis: Analysis): DefaultUserLookup | undefined {
  let secure = false;
  let settled = false;
  let found: DefaultUserLookup | undefined;
  const seen = new Set<string>();
  for (const gd of topLevelBlocks(analysis.ast, 'global_defs')) {
    for (let i = 0, lines = gd.children; i < lines.length; i++) {
      const line = lines[i]!;
      const keyword = line.keyword;
      if (keyword === 'enable_script_security') secure = true;
      else if (keyword === 'script_user' && line.argCount > 0) {
        if (found) found.laterScriptUser ??= line;
        settled = true;
      } else if ((FIFO_KEYWORDS.has(keyword) || GLOBAL_SCRIPT_KEYWORDS.has(keyword)) && line.argCount > 0) {
        // A second line of one kind is refused before its user is looked at ("already specified").
        if (seen.has(keyword)) continue;
        seen.add(keyword);
        // A user on the line: no lookup.
        if (line.argCount > 1) continue;
        if (!found && !settled) {
          found = { line, secure, fifos: [] };
          settled = true;
        }
        if (found && FIFO_KEYWORDS.has(keyword)) found.fifos.push(line);
      }
    }
  }
  return found;
}

export const scriptUserMissing: FileRule = {
  kind: 'file',
  code: 'KA602',
  name: 'script-user-missing',
  family: 'security',
  severity: 'warning',
  description: "enable_script_security is on, but neither script_user nor a per-script user says who runs the scripts (or who owns a notify FIFO).",
  docs: {
    why:
      'With script security on, keepalived runs a script without an explicit user as `keepalived_script`. Most distributions ' +
      'do not create that account; keepalived then removes every such script ("Unable to set default user for vrrp script … ' +
      '- removing"), so track scripts stop influencing priority and notify scripts never run. Name the user with ' +
      '`script_user` in global_defs (or per script), and make sure it exists. Before 1.3.6 keepalived runs them as root ' +
      'instead when the account is missing; from 1.3.6 to 2.2.2, removing a MISC_CHECK script that way crashes the health ' +
      'checker (a segmentation fault, respawned in a loop; keepalived -t crashes too), fixed in 2.2.3. From 2.2.5 global_defs lines without a ' +
      'user take the default user as they are read: a FIFO line (`notify_fifo`, `vrrp_notify_fifo`, `lvs_notify_fifo`), a FIFO script, ' +
      '`startup_script` and `shutdown_script`. After enable_script_security and before any script_user, a missing `keepalived_script` account ' +
      'makes keepalived drop that line and, since it looks the default user up only once, refuse a script_user that comes later and remove ' +
      'every script without a user of its own. Put script_user first.',
    bad: 'global_defs {\n    enable_script_security\n}\nvrrp_script chk {\n    script "/usr/bin/pgrep haproxy"\n}\nvrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id 51\n    virtual_ipaddress {\n        10.0.0.1/24\n    }\n    track_script {\n        chk\n    }\n}',
    good: 'global_defs {\n    enable_script_security\n    script_user keepalived_script\n}\nvrrp_script chk {\n    script "/usr/bin/pgrep haproxy"\n}\nvrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id 51\n    virtual_ipaddress {\n        10.0.0.1/24\n    }\n    track_script {\n        chk\n    }\n}',
  },
  check(ctx) {
    const gd = ctx.analysis.model.globalDefs;
    if (!gd?.enableScriptSecurity) return;
    const lookup = compareVersions(ctx.target, READ_TIME_LOOKUP_SINCE) >= 0 ? defaultUserLookup(ctx.analysis) : undefined;
    // Settled before script security was on: keepalived_script where it exists, else root; nothing is removed.
    if (lookup && !lookup.secure) return;
    const scripts = () => configuredScripts(ctx.analysis).filter((s) => !s.user && scriptIsChecked(ctx.analysis, s));
    if (lookup?.laterScriptUser) {
      const removed = scripts().filter((s) => s.node !== lookup.line);
      const keyword = lookup.line.keyword;
      const dropped = FIFO_KEYWORDS.has(keyword)
        ? `ignores this FIFO${lookup.fifos.length > 1 ? ' (and the FIFO lines without a user after it)' : ''}`
        : keyword === 'startup_script' || keyword === 'shutdown_script'
          ? `drops this script ("Invalid ${keyword.slice(0, keyword.indexOf('_'))} script")`
          : 'drops this script';
      ctx.report({
        message:
          `'${keyword}' names no user and comes before 'script_user' (line ${lineOf(lookup.laterScriptUser)}): keepalived ${ctx.target.join('.')} looks the default script user 'keepalived_script' up at this line, ` +
          `and where that user does not exist it ${dropped}, refuses the later script_user ("Error setting global script uid/gid")` +
          `${removed.length ? ` and removes every script that names no user of its own (${removed.length} here)` : ''}, and keepalived -t fails ` +
          `(keepalived: "Unable to set default user keepalived_script for script"); put script_user before this line, or name a user on it`,
        file: lookup.line.file,
        range: lookup.line.range,
        related: [
          related(lookup.laterScriptUser, 'refused where keepalived_script does not exist'),
          ...removed.slice(0, 19).map((s) => related(s.node, 'removed then: it names no user')),
        ],
      });
      return;
    }
    if (gd.scriptUser) return;
    const unowned: { node: AstNode }[] = scripts();
    // From 2.2.5 a FIFO line without a user goes the same way (its FIFO is ignored); global_defs first.
    const fifo = lookup && lookup.fifos.length ? lookup : undefined;
    if (fifo) unowned.unshift(...fifo.fifos.map((node) => ({ node })));
    if (!unowned.length) return;
    const first = unowned[0]!;
    const misc = unowned.find((s) => s.node.keyword === 'misc_path');
    const crash =
      misc && compareVersions(ctx.target, MISC_REMOVAL_CRASH[0]) >= 0 && compareVersions(ctx.target, MISC_REMOVAL_CRASH[1]) < 0
        ? `; removing the MISC_CHECK script (line ${lineOf(misc.node)}) crashes keepalived ${ctx.target.join('.')}: the health checker dies with a segmentation fault and is respawned in a loop, and keepalived -t crashes too (fixed in 2.2.3)`
        : '';
    const several = unowned.length > 1;
    // What keepalived prints: the lookup's own line from 2.2.5, before it only the removal of each script.
    const vrrpScript = unowned.find((s) => s.node.keyword === 'script' && s.node.parent?.keyword === 'vrrp_script');
    const said = compareVersions(ctx.target, DEFAULT_USER_LINE_SINCE) >= 0
      ? ' (keepalived: "Unable to set default user keepalived_script for script")'
      : vrrpScript
        ? ` (keepalived: "Unable to set default user for vrrp script ${vrrpScript.node.parent!.argText(0) ?? ''} - removing")`
        : misc
          ? ` (keepalived: "Unable to set default user for misc script ${misc.node.argText(0) ?? ''} - removing")`
          : '';
    const fifoLines = fifo ? fifo.fifos.length : 0;
    const scriptLines = unowned.length - fifoLines;
    const more = several ? ` (and ${unowned.length - 1} more)` : '';
    // `script_user` with no name: keepalived reports the line ("No script username specified") and sets none, so
    // global_defs has one in the text but not for keepalived; say so rather than that it has none.
    let emptyUser: AstNode | undefined;
    for (const block of topLevelBlocks(ctx.analysis.ast, 'global_defs')) {
      for (const child of block.children) if (child.keyword === 'script_user' && child.argCount === 0) emptyUser = emptyUser ?? child;
    }
    const noScriptUser = emptyUser ? `global_defs' 'script_user' (line ${lineOf(emptyUser)}) names no user, so keepalived sets none` : "global_defs has no 'script_user'";
    ctx.report({
      message:
        compareVersions(ctx.target, REMOVED_SINCE) < 0
          ? `'${first.node.keyword}' (line ${lineOf(first.node)})${more} ${several ? 'name' : 'names'} no user and ${noScriptUser}: keepalived ${ctx.target.join('.')} runs ${several ? 'them' : 'it'} as 'keepalived_script', or as root if that user does not exist, script security or not (keepalived: "Unable to resolve default script username 'keepalived_script' - ignoring")`
          : fifo
            ? `'${first.node.keyword}' (line ${lineOf(first.node)})${more} ${several ? 'name' : 'names'} no user and ${noScriptUser}: keepalived gives ${several ? 'them' : 'it'} the user 'keepalived_script', and where that user does not exist it ignores ${fifoLines > 1 ? 'the FIFO lines' : 'the FIFO line'}${scriptLines ? ` and removes ${scriptLines > 1 ? 'the scripts' : 'the script'}` : ''}${said}${crash}`
            : `'${first.node.keyword}' (line ${lineOf(first.node)})${more} ${several ? 'name' : 'names'} no user and ${noScriptUser}: keepalived runs ${several ? 'them' : 'it'} as 'keepalived_script' and removes ${several ? 'them' : 'it'} if that user does not exist${said}${crash}`,
      file: first.node.file,
      range: first.node.range,
      related: unowned.slice(1, 20).map((s) => related(s.node, 'no user either')),
    });
  },
};
