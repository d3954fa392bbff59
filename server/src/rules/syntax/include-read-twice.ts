// KA114: a file read twice: included again by a later include line (a glob, then the file by name), or through an
// include line that is not plain (an @id prefix, a ~SEQ/~LST row, a $definition, a brace before it on the line), which
// the VRRP and checker processes of keepalived 2.2.0 and later read twice; and 2.1.4 reading an included file's first line again when it opens a block.
// Emitted by the reader.
import type { CoreRule } from '../types.js';

const rule: CoreRule = {
  kind: 'core',
  code: 'KA114',
  name: 'include-read-twice',
  family: 'syntax',
  severity: 'warning',
  description: 'A file included twice, or an include behind an @id prefix, a ~SEQ/~LST, a $definition or a brace on the same line: keepalived reads the included files twice (and 2.1.4 an included first line that opens a block)',
  docs: {
    why:
      'keepalived reads a file as often as include lines name it: `include conf.d/*.conf` followed by `include ' +
      'conf.d/web.conf` reads web.conf twice, and everything in it is defined twice (a vrrp_instance "already defined" ' +
      'fails keepalived -t). A snippet included once into each of several blocks (one authentication block for every vrrp_instance) is reuse and is not reported; nor is a file with $ references, as it may be a template meant to be read under ' +
      'other definitions. Separately, from 2.2.0 keepalived reads the configuration once in its parent process and hands its VRRP and checker processes a ' +
      'copy with the included files written out in place. It leaves an include line out of that copy only when the ' +
      "line starts with 'include'; a line that becomes an include after its '@id' prefix is checked, a ~SEQ/~LST row " +
      "or a $definition that expands to one, and an include that follows a '{' or '}' on the same line (`} include f`, " +
      "`track_script { include f`: every process reads what follows a brace as a line of its own) stay in the copy next to the text already written out, so those " +
      'processes open the included files themselves and read them a second time. Every vrrp_instance in them is then "already defined" ' +
      '(keepalived -t fails), a real_server included into its virtual_server twice is "duplicated" (-t fails too), and every other block is configured twice ' +
      '(before 2.2.0 every process reads the files themselves, once). Reading such a file themselves, those processes still take its lines as they take ' +
      "the copy's: a line starting with '#' in the first column marks an included file's start there, and one starting with '!' its end. A comment line " +
      "starting with '#' in a file read twice makes them go on reading the file after closing it, freed memory: keepalived -t usually crashes " +
      '(2.2.4 to 2.4.3), and KA114 is then an error pointing at the comment line; indenting the comment is enough to avoid that. The rows of a ~SEQ/~LST include after the ' +
      'first are also read from the directory of the first included file. Write a plain include line (conditions ' +
      'and generated lines can go inside the included file). keepalived 2.1.4 alone also reads the first line of an included ' +
      'file again after the file when that line opens a block, which opens the block a second time in the including file ' +
      '(fixed in 2.1.5).',
    bad: `@^lb2 include /etc/keepalived/node.conf
`,
    good: `include /etc/keepalived/node.conf
`,
    files: {
      '/etc/keepalived/node.conf': `global_defs {
@^lb2    router_id lb1
@lb2     router_id lb2
}
`,
    },
  },
};

export default rule;
