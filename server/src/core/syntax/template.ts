// Template markup in a file meant to be rendered into keepalived.conf (Ansible and Salt Jinja,
// Helm and Go templates, Chef ERB, Puppet EPP, shell heredocs). keepalived never reads such a file as it is, and
// reading it as keepalived would floods the user with brace and keyword errors on every `{{ x }}`.

export interface TemplateMarker {
  /** The template language the markup belongs to. */
  language: 'Jinja or Go template' | 'ERB or EPP' | 'shell template';
  /** Offsets of the first piece of markup. */
  start: number;
  end: number;
}

// `{{ expr }}`: text between the braces on one line, not only braces and blanks (`{{` `}}` are
// glued braces keepalived itself reads). `{% tag %}`: a Jinja statement. `<%= %>`, `<% %>`: ERB/EPP.
const MUSTACHE = /\{\{-?[ \t]*[^\s{}][^\n{}]*?\}\}/;
const JINJA_TAG = /\{%-?[ \t]*(?:if|elif|else|endif|for|endfor|set|macro|endmacro|include|import|from|raw|endraw|block|endblock|extends|with|endwith|filter|endfilter|call|endcall)\b[^\n]*?%\}/;
const ERB = /<%[=-]?[ \t][^\n]*?%>/;

// `${NAME:-default}` (also `:=`, `:?`, `:+`): a shell heredoc or script fills it in. keepalived's own
// `${NAME}` has no operator, so it never reads one: it splits the text at its braces, and every line
// then holds several errors (three real configs: about 90 findings each).
const SHELL_EXPANSION = /\$\{[A-Za-z_][A-Za-z0-9_]*:[-=?+][^}\n]*\}/g;

/**
 * The first shell expansion keepalived would split at its braces: not inside a '"…"' string (a
 * `/bin/sh -c '…'` command may hold one for its shell) and not in a comment.
 */
function findShellExpansion(text: string): { start: number; end: number } | undefined {
  SHELL_EXPANSION.lastIndex = 0;
  for (let m = SHELL_EXPANSION.exec(text); m; m = SHELL_EXPANSION.exec(text)) {
    const lineStart = text.lastIndexOf('\n', m.index) + 1;
    let quoted = false;
    let comment = false;
    for (let i = lineStart; i < m.index && !comment; i++) {
      const c = text[i];
      if (c === '"') quoted = !quoted;
      else if (!quoted && (c === '#' || c === '!')) comment = true;
    }
    if (!quoted && !comment) return { start: m.index, end: m.index + m[0].length };
  }
  return undefined;
}

/** Files whose name says they are templates; a directory search leaves them out. */
export const TEMPLATE_EXTENSION = /\.(j2|jinja2?|tmpl|tpl|gotmpl|erb|epp|mustache|hbs)$/i;

/** The first template markup in the text, if any. */
export function findTemplateMarker(text: string): TemplateMarker | undefined {
  // Plain configs have none of the opening pairs: skip the regexes for them. A lone '%' is found
  // several times faster than a pair starting with the common '{', and most configs have none.
  const shell = text.includes('${') && text.includes(':') ? findShellExpansion(text) : undefined;
  let best: TemplateMarker | undefined = shell && { language: 'shell template', ...shell };
  if (!text.includes('{{') && (!text.includes('%') || (!text.includes('{%') && !text.includes('<%')))) return best;
  for (const [re, language] of [[MUSTACHE, 'Jinja or Go template'], [JINJA_TAG, 'Jinja or Go template'], [ERB, 'ERB or EPP']] as const) {
    const m = re.exec(text);
    if (m && (!best || m.index < best.start)) best = { language, start: m.index, end: m.index + m[0].length };
  }
  return best;
}

/** 0-based line and column of the marker in the text. */
export function markerPosition(text: string, marker: TemplateMarker): { line: number; column: number } {
  let line = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < marker.start; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: marker.start - lineStart };
}
