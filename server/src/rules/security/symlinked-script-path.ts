// Shared by KA365 (VRRP process scripts) and KA536 (checker process scripts): from 2.3.0
// (ebf37b95) keepalived checks every directory of the path written for a script that runs as root
// without following symbolic links, so a path through /bin on a merged-/usr system (where /bin is a
// symbolic link to usr/bin) fails ("Wrong file type found in script path") and the script is
// disabled ("Disabling track script X due to insecure"). keepalived 2.2.8 resolved the path first.

import type { FileRuleContext } from '../types.js';
import { rangeOf } from '../fixes.js';
import { compareVersions, type Version } from '../../core/schema/schema.js';
import { configuredScripts, programOf, scriptIsChecked, scriptSide } from './scripts.js';

export const SYMLINK_CHECK_SINCE: Version = [2, 3, 0];

/** The directories merged-/usr systems make symbolic links into /usr. */
const MERGED_USR = ['/bin/', '/sbin/', '/lib/', '/lib64/'];

const isRoot = (user: string | undefined) => user === undefined || user === 'root' || user === '0';

export function reportSymlinkedScriptPaths(ctx: FileRuleContext, side: 'vrrp' | 'checker'): void {
  if (compareVersions(ctx.target, SYMLINK_CHECK_SINCE) < 0) return;
  const scriptUser = ctx.analysis.model.globalDefs?.scriptUser?.value;
  for (const s of configuredScripts(ctx.analysis)) {
    const where = scriptSide(s.node);
    if (where !== side && !(where === 'both' && side === 'vrrp')) continue;
    if (!scriptIsChecked(ctx.analysis, s)) continue;
    // Only a script run as root (or as a setuid root program) has its path checked.
    const user = s.user?.text ?? scriptUser;
    if (!isRoot(user)) continue;
    // No user named: keepalived runs it as keepalived_script where the host has that user, else as root,
    // except that with enable_script_security it removes the script instead (KA602 says so).
    const byDefault = user === undefined;
    if (byDefault && ctx.analysis.model.globalDefs?.enableScriptSecurity) continue;
    const p = programOf(s);
    if (!p) continue;
    const dir = MERGED_USR.find((d) => p.path.startsWith(d));
    if (!dir) continue;
    const moved = `/usr${p.path}`;
    // Insert '/usr' where the program starts in the written text (after an opening quote, if any).
    const text = ctx.analysis.files.get(p.word.file)?.text.slice(p.word.range.start.offset, p.word.range.end.offset);
    const at = text?.indexOf(p.path) ?? -1;
    const insertAt = at >= 0 && !s.escaped ? rangeOf(ctx.analysis, p.word.file, p.word.range.start.offset + at, p.word.range.start.offset + at) : undefined;
    // vrrp_script: a configuration error under -t; notify scripts are dropped silently, misc scripts with a log line.
    const track = s.node.keyword === 'script' && s.node.parent?.keyword === 'vrrp_script' ? s.node.parent.args[0]?.text : undefined;
    ctx.report({
      message:
        `'${p.path}' goes through ${dir.slice(0, -1)}, a symbolic link to usr${dir.slice(0, -1)} on merged-/usr systems (Debian 12, Ubuntu 20.04 and ` +
        `later, RHEL 8 and later, Fedora): keepalived ${ctx.target.join('.')} checks the path as written without following links and disables ` +
        `the script, which runs as root${byDefault ? ' (no user is named, and the host has no keepalived_script user)' : ''}${track ? ` (keepalived: "Disabling track script ${track} due to insecure")` : ''}; write '${moved}'`,
      file: p.word.file,
      range: p.word.range,
      fix: insertAt ? { description: `Write '${moved}'`, edits: [{ file: p.word.file, range: insertAt, newText: '/usr' }] } : undefined,
    });
  }
}
