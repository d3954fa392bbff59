// KA111: a file that includes itself, directly or through others. Emitted by the reader.
import type { CoreRule } from '../types.js';

const rule: CoreRule = {
  kind: 'core',
  code: 'KA111',
  name: 'include-cycle',
  family: 'syntax',
  severity: 'error',
  description: 'A file that ends up including itself',
  docs: {
    why:
      'keepalived does not notice include cycles: it opens the same files again and again until it runs out of ' +
      'file descriptors, then carries on with whatever it had read: every vrrp_instance in the files of the cycle ' +
      'is read again on each pass and "already defined". When a pass enters the cycle more than once (a file ' +
      'that includes itself twice, or two ways back), the reads multiply at every level and keepalived never ' +
      'finishes reading: `keepalived -t` hangs (the daemon reads its configuration the same way). The usual cause is a wildcard include that ' +
      'also matches the file holding it, such as "include /etc/keepalived/*.conf" inside keepalived.conf.',
    bad: `global_defs {
    router_id lb1
}
include /etc/keepalived/conf.d/*.conf
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
      '/etc/keepalived/conf.d/all.conf': `include /etc/keepalived/keepalived.conf
`,
    },
  },
};

export default rule;
