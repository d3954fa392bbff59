// KA110: an include that reads nothing. Emitted by the reader.
import type { CoreRule } from '../types.js';

const rule: CoreRule = {
  kind: 'core',
  code: 'KA110',
  name: 'include-not-found',
  family: 'syntax',
  severity: 'warning',
  description: 'An include that names no readable file (missing, a directory, a device or pipe, or executable), or an executable configuration file',
  docs: {
    why:
      "An 'include' whose file does not exist, or whose pattern matches nothing, contributes nothing: the " +
      'instances and servers it was meant to add are simply missing, and keepalived starts without them. ' +
      "'includem' and the other strict variants, or 'include_check' in global_defs, make that an error, and from " +
      '2.2.0 such an error fails the whole configuration: keepalived starts nothing and exits with status 6 (keepalived -t ' +
      'then reports only what its main process reads, not the VRRP and checker problems further on); with their ' +
      "brace_match check ('includeb', 'includea', 'include_check brace_match') a '{a,b}' pattern naming one missing " +
      'file includes none of its files, the existing ones neither. From 2.2.0 a wildcard in a folder that does not exist ' +
      "('include /etc/keepalived/conf.d/*.conf' without conf.d) is a missing file too, not a pattern that matched nothing, " +
      "and a pattern over several folders ('*/vrrp.conf') with the name missing in some is \"Some config files missing\", " +
      'which the brace_match check refuses. keepalived also skips, with a message, an include ' +
      'that names a directory, anything else that is not a regular file (`/dev/null`, a named pipe or a socket a pattern matches), and any configuration file with an execute bit (the main file too: keepalived then starts ' +
      "with nothing configured). keepalived 2.1.4 alone does not read an 'include' followed by a tab. An include line with nothing keepalived reads as a pattern (the keyword, then a carriage return before a comment, as a stray CR in a file with Windows line ends leaves it) includes nothing, without a word from keepalived. " +
      'When configs are linted away from the host ' +
      "they run on, map the absolute include prefix to the repository folder with 'pathMappings' in .kalint.json. " +
      'Without file access (e.g. in an editor buffer with no folder) the include is reported as information only.',
    bad: `global_defs {
    router_id lb1
}
include /etc/keepalived/conf.d/mial.conf
`,
    good: `global_defs {
    router_id lb1
}
include /etc/keepalived/conf.d/mail.conf
`,
    files: {
      '/etc/keepalived/conf.d/mail.conf': `global_defs {
    notification_email_from keepalived@example.com
}
`,
    },
  },
};

export default rule;
