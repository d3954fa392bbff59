// KA116: a line starting with '\#' or '\!': the backslash keeps it from being a comment, and keepalived's
// processes read the line in ways nobody meant. Emitted by the reader.
import type { CoreRule } from '../types.js';

const rule: CoreRule = {
  kind: 'core',
  code: 'KA116',
  name: 'escaped-comment-line',
  family: 'syntax',
  severity: 'error',
  description: "A line starting with '\\#' or '\\!': not a comment for keepalived (an unknown keyword, a false include marker, or a crash)",
  docs: {
    why:
      "From 2.0.9 a backslash before '#' or '!' stops it from starting a comment: keepalived takes the backslash off " +
      "and keeps the character. A line starting '\\#' or '\\!' (often a Markdown-escaped comment pasted from a web " +
      "page) is therefore read as a word '#…' or '!…': keepalived's parent process, which reads the top level and " +
      "global_defs, reports \"Unknown keyword '#'\" and keepalived -t fails. From 2.2.0 the VRRP and checker processes " +
      "read a copy of the configuration the parent writes with comments removed, where a line starting with '#' " +
      "marks the start of an included file and one starting with '!' its end: after a '\\#' line their messages " +
      "name a file that does not exist, and a '\\!' line makes keepalived crash (2.2.7 -t: segmentation fault). " +
      "Checked with keepalived 2.2.7. After a word ('priority 100 \\# master'), 2.0.9 to 2.1.x read the text after the " +
      "backslash as part of the line (the 2.1.5 build: \"Unknown configuration entry '#' for ip address\"; " +
      "`auth_pass ab\\#cd` is the password 'ab#cd'). From 2.2.0 that depends on the process: the parent, which reads " +
      "global_defs and the top level, still does (2.2.7 and 2.4.3 -t: `vrrp_garp_master_delay 7\\#x` in global_defs is " +
      "\"invalid number '7#x'\"), while the VRRP and checker processes, reading the parent's de-commented copy, take it " +
      "for a comment in the blocks they read (the 2.2.7 password is 'ab'). kalint warns on both (on the second where the comment cuts a word). Remove the backslash.",
    bad: `\\# VIP for the web servers
vrrp_instance VI_1 {
    interface eth0
    virtual_router_id 51
    priority 100
    virtual_ipaddress {
        192.168.1.10
    }
}
`,
    good: `# VIP for the web servers
vrrp_instance VI_1 {
    interface eth0
    virtual_router_id 51
    priority 100
    virtual_ipaddress {
        192.168.1.10
    }
}
`,
  },
};

export default rule;
