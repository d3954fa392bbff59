// KA108: the file is a template to render (Jinja, Go, ERB/EPP, a shell heredoc), not a config. Emitted by the linter
// service (linter.ts) from core/syntax/template.ts.
import type { CoreRule } from '../types.js';

const rule: CoreRule = {
  kind: 'core',
  code: 'KA108',
  name: 'template-file',
  family: 'syntax',
  severity: 'error',
  description: 'The file holds template markup (`{{ x }}`, `{% if %}`, `<%= x %>`, a shell\'s `${NAME:-default}`, or undefined `${NAME}`s in a file named as a template): it is rendered into a config, not read by keepalived as it is.',
  docs: {
    why:
      'keepalived.conf is often generated: an Ansible or Salt role renders a Jinja template, a Helm chart or Go program a ' +
      'Go template, Chef or Puppet an ERB or EPP one, a container\'s start script a shell heredoc with `${NAME:-default}` ' +
      '(keepalived\'s own `${NAME}` takes no default, so it never reads that form). keepalived never reads the template itself, and read as a config ' +
      'every `{{ name }}` is a pair of braces and a keyword, so kalint would bury the real problems under dozens of ' +
      'brace errors. kalint reports the first markup once and checks nothing else in the file: lint what the template ' +
      'renders to (`ansible-playbook --check --diff`, `helm template`, or the file on a node). A directory search leaves ' +
      'files named like templates (`.j2`, `.tmpl`, `.template`, `.erb`, …) out and says so. In a file so named, two or more ' +
      'plain `${NAME}`s that nothing in it defines (no `$NAME=` line, no include, no ~SEQ) are an envsubst or heredoc ' +
      "template's variables too; in a file named like a config they are keepalived's own references, which KA109 checks " +
      '(a conf.d fragment uses the definitions of the file that includes it). Turn the rule off to read a template as a ' +
      'config anyway.',
    bad: `global_defs {
    router_id {{ inventory_hostname }}
}
`,
    good: `global_defs {
    router_id lb1
}
`,
  },
};

export default rule;
