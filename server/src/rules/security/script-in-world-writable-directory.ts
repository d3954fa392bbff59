import type { FileRule } from '../types.js';
import { configuredScripts, programOf } from './scripts.js';

const WORLD_WRITABLE = ['/tmp/', '/var/tmp/', '/dev/shm/', '/run/shm/'];

export const scriptInWorldWritableDirectory: FileRule = {
  kind: 'file',
  code: 'KA605',
  name: 'script-in-world-writable-directory',
  family: 'security',
  severity: 'info',
  description: 'A script lives under a world-writable directory such as /tmp.',
  docs: {
    why:
      'keepalived runs scripts as root unless told otherwise. Under /tmp, /var/tmp or /dev/shm any local user may create or ' +
      'replace files (the sticky bit only protects files they do not own), and these directories are often cleaned at boot. ' +
      'With enable_script_security keepalived refuses scripts whose path is writable by non-root users. Keep scripts in a ' +
      'root-owned directory such as /etc/keepalived.',
    bad: 'vrrp_script chk {\n    script "/tmp/check.sh"\n}',
    good: 'vrrp_script chk {\n    script "/etc/keepalived/check.sh"\n}',
  },
  check(ctx) {
    for (const s of configuredScripts(ctx.analysis)) {
      const p = programOf(s);
      if (!p) continue;
      const dir = WORLD_WRITABLE.find((d) => p.path.startsWith(d));
      if (!dir || expandedFromLintFolder(p.path, p.word.expanded, ctx.analysis.localWorkingDirectories)) continue;
      ctx.report({
        message: `'${p.path}' is under ${dir.slice(0, -1)}, where any local user can create files; keep scripts keepalived runs in a root-owned directory`,
        file: p.word.file,
        range: p.word.range,
      });
    }
  },
};

/**
 * Whether a path came from `${_PWD}` read where this machine holds the file (a checkout under /tmp):
 * where keepalived will find the script is not known then, unless a path mapping says where the
 * folder is deployed.
 */
function expandedFromLintFolder(path: string, expanded: boolean | undefined, local: ReadonlySet<string>): boolean {
  if (!expanded) return false;
  for (const dir of local) if (path === dir || path.startsWith(dir.endsWith('/') ? dir : `${dir}/`)) return true;
  return false;
}
