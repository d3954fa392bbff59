import type { FileRule } from '../types.js';
import { configuredScripts, programOf } from './scripts.js';
import { lookalikeInfo } from '../../core/syntax/lookalikes.js';
import { fileText, rangeOf } from '../fixes.js';
import { SHELL_RESERVED_WORDS } from './script-shell-syntax.js';
import type { Analysis } from '../../core/index.js';
import type { Range } from '../../core/syntax/cst.js';
import type { Word } from '../../core/analysis/ast.js';

export const relativeScriptPath: FileRule = {
  kind: 'file',
  code: 'KA604',
  name: 'relative-script-path',
  family: 'security',
  severity: 'warning',
  description: 'A script is named by a relative path or a bare name instead of an absolute path.',
  docs: {
    why:
      'A relative path such as `scripts/check.sh` is resolved against keepalived\'s working directory (`/` for the daemon), ' +
      'not against the configuration file, so it usually points nowhere. A bare name such as `pgrep` is looked up through ' +
      'PATH, so what runs — often as root — depends on the environment keepalived was started with. Absolute paths say ' +
      'exactly which program runs.',
    bad: 'vrrp_script chk {\n    script "scripts/check_haproxy.sh"\n}',
    good: 'vrrp_script chk {\n    script "/etc/keepalived/scripts/check_haproxy.sh"\n}',
  },
  check(ctx) {
    for (const s of configuredScripts(ctx.analysis)) {
      const p = programOf(s);
      // `</path` is keepalived's "can this file be opened" test, not a program.
      if (!p || p.path.startsWith('/') || p.path.startsWith('<') || p.path.startsWith('$')) continue;
      // '“/etc/x.sh': the path is absolute once KA704 writes the curly quote as '"'.
      if (lookalikeInfo(p.path)?.kind === 'quote') continue;
      // `[[ -f /x ]]`: shell syntax with no program of that name; KA607 says what keepalived does with it.
      if (SHELL_RESERVED_WORDS.has(p.path)) continue;
      const bare = !p.path.includes('/');
      ctx.report({
        message: bare
          ? `'${p.path}' has no path: keepalived finds it through PATH, so what runs depends on the environment; use an absolute path`
          : `'${p.path}' is relative: keepalived resolves it against its working directory ('/' for the daemon), not the configuration file; use an absolute path`,
        file: p.word.file,
        range: programRange(ctx.analysis, p.word, p.path) ?? p.word.range,
        severity: bare ? 'info' : 'warning',
      });
    }
  },
};

/** Where the program is written inside its word (`"pidof haproxy"` → `pidof`), when the word is as written. */
function programRange(analysis: Analysis, word: Word, program: string): Range | undefined {
  if (word.expanded) return undefined;
  const written = fileText(analysis, word.file)?.slice(word.start, word.end);
  const at = written?.indexOf(program) ?? -1;
  return at < 0 ? undefined : rangeOf(analysis, word.file, word.start + at, word.start + at + program.length);
}
