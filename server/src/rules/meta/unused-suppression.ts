// KA002: a suppression that suppressed nothing. Emitted by the linter's suppression step.
import type { CoreRule } from '../types.js';

const rule: CoreRule = {
  kind: 'core',
  code: 'KA002',
  name: 'unused-suppression',
  family: 'meta',
  severity: 'warning',
  description: 'A kalint-disable comment that suppresses no finding',
  docs: {
    why:
      'Once the line it covered is fixed or moved, a suppression comment lingers and would silently hide a new ' +
      'finding of the same rule later. Remove it (or move it back next to the line it is about). Set KA002 to ' +
      "'off' in .kalint.json to stop these reports. A directive is judged by every analysis of its line in the run: " +
      "one over another host's '@ID' line is not judged by a run for other config ids (--config-id lb1 says nothing " +
      'about a directive over an @lb2 line), and one in a file that several linted configs include is unused only ' +
      'when none of them uses it. KA002 itself, like KA001, KA003 and KA004, reports the kalint ' +
      'comments, after they are applied: no comment can suppress it (a directive that names one of these is ' +
      'reported as KA004); set them in .kalint.json or with --rule.',
    bad: `global_defs {
    # kalint-disable-next-line KA204 -- lb2 is read by our inventory script
    router_id lb1
}
`,
    good: `global_defs {
    router_id lb1
}
`,
  },
};

export default rule;
