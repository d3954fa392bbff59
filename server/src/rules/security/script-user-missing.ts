import { compareVersions, type Version } from '../../core/schema/schema.js';
import type { FileRule } from '../types.js';
import { related } from '../lvs/util.js';
import { configuredScripts, lineOf, scriptIsChecked } from './scripts.js';

/** 1c5bfa29 (1.3.6) removes scripts whose default user is missing; 1.3.5 keeps uid 0 and runs them as root. */
const REMOVED_SINCE: Version = [1, 3, 6];
/**
 * Removing a MISC_CHECK script freed the checker but left it queued (1c5bfa29, 1.3.6) until 48387eaf (2.2.3):
 * the health checker then crashes. The 2.0.19 and 2.2.0 builds: keepalived -t "Segmentation fault"; the 2.0.0 and
 * 2.0.19 daemons: "Keepalived_healthcheckers exited due to segmentation fault (SIGSEGV)", respawned in a loop.
 */
const MISC_REMOVAL_CRASH: [Version, Version] = [[1, 3, 6], [2, 2, 3]];

export const scriptUserMissing: FileRule = {
  kind: 'file',
  code: 'KA602',
  name: 'script-user-missing',
  family: 'security',
  severity: 'warning',
  description: "enable_script_security is on, but neither script_user nor a per-script user says who runs the scripts.",
  docs: {
    why:
      'With script security on, keepalived runs a script without an explicit user as `keepalived_script`. Most distributions ' +
      'do not create that account; keepalived then removes every such script ("Unable to set default user for vrrp script … ' +
      '- removing"), so track scripts stop influencing priority and notify scripts never run. Name the user with ' +
      '`script_user` in global_defs (or per script), and make sure it exists. Before 1.3.6 keepalived runs them as root ' +
      'instead when the account is missing; from 1.3.6 to 2.2.2, removing a MISC_CHECK script that way crashes the health ' +
      'checker (a segmentation fault, respawned in a loop; keepalived -t crashes too), fixed in 2.2.3.',
    bad: 'global_defs {\n    enable_script_security\n}\nvrrp_script chk {\n    script "/usr/bin/pgrep haproxy"\n}\nvrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id 51\n    virtual_ipaddress {\n        10.0.0.1/24\n    }\n    track_script {\n        chk\n    }\n}',
    good: 'global_defs {\n    enable_script_security\n    script_user keepalived_script\n}\nvrrp_script chk {\n    script "/usr/bin/pgrep haproxy"\n}\nvrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id 51\n    virtual_ipaddress {\n        10.0.0.1/24\n    }\n    track_script {\n        chk\n    }\n}',
  },
  check(ctx) {
    const gd = ctx.analysis.model.globalDefs;
    if (!gd?.enableScriptSecurity || gd.scriptUser) return;
    const unowned = configuredScripts(ctx.analysis).filter((s) => !s.user && scriptIsChecked(ctx.analysis, s));
    if (!unowned.length) return;
    const first = unowned[0]!;
    const misc = unowned.find((s) => s.node.keyword === 'misc_path');
    const crash =
      misc && compareVersions(ctx.target, MISC_REMOVAL_CRASH[0]) >= 0 && compareVersions(ctx.target, MISC_REMOVAL_CRASH[1]) < 0
        ? `; removing the MISC_CHECK script (line ${lineOf(misc.node)}) crashes keepalived ${ctx.target.join('.')}: the health checker dies with a segmentation fault and is respawned in a loop, and keepalived -t crashes too (fixed in 2.2.3)`
        : '';
    const several = unowned.length > 1;
    const more = several ? ` (and ${unowned.length - 1} more)` : '';
    ctx.report({
      message:
        compareVersions(ctx.target, REMOVED_SINCE) < 0
          ? `'${first.node.keyword}' (line ${lineOf(first.node)})${more} ${several ? 'name' : 'names'} no user and global_defs has no 'script_user': keepalived ${ctx.target.join('.')} runs ${several ? 'them' : 'it'} as 'keepalived_script', or as root if that user does not exist, script security or not (keepalived: "Unable to resolve default script username 'keepalived_script' - ignoring")`
          : `'${first.node.keyword}' (line ${lineOf(first.node)})${more} ${several ? 'name' : 'names'} no user and global_defs has no 'script_user': keepalived runs ${several ? 'them' : 'it'} as 'keepalived_script' and removes ${several ? 'them' : 'it'} if that user does not exist (keepalived: "Unable to set default user keepalived_script for script")${crash}`,
      file: first.node.file,
      range: first.node.range,
      related: unowned.slice(1, 20).map((s) => related(s.node, 'no user either')),
    });
  },
};
