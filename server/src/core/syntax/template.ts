// Template markup in a file meant to be rendered into keepalived.conf (Ansible and Salt Jinja,
// Helm and Go templates, Chef ERB, Puppet EPP, shell heredocs). keepalived never reads such a file as it is, and
// reading it as keepalived would floods the user with brace and keyword errors on every `{{ x }}`.

export interface TemplateMarker {
  /** The template language the markup belongs to. */
  language: 'Jinja or Go template' | 'ERB or EPP template' | 'shell template';
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
    if (placeOnLine(text, m.index) === 'plain') return { start: m.index, end: m.index + m[0].length };
  }
  return undefined;
}

/** Files whose name says they are templates; a directory search leaves them out. */
export const TEMPLATE_EXTENSION = /\.(j2|jinja2?|tmpl|templ|tpl|gotmpl|erb|epp|mustache|hbs|template)$/i;

// `${NAME}` with keepalived's own syntax; names starting with '_' are keepalived's predefined ones (${_PWD}).
const BRACED_REFERENCE = /\$\{([A-Za-z][A-Za-z0-9_]*)\}/g;
// What gives a `${NAME}` its value in keepalived: a `$NAME=` line, an included file, a ~SEQ/~LST loop variable.
const DEFINES_OR_INCLUDES = /^[ \t]*(?:@\^?\S+[ \t]+)?(?:\$[A-Za-z_][A-Za-z0-9_]*=|include[rmwba]?\b)|~(?:SEQ|LST)\(/m;

/**
 * In a file named as a template (`keepalived.conf.template` for envsubst, `.tmpl`): the first of two or more
 * distinct `${NAME}`s that nothing in the file defines, outside quotes and comments. keepalived splits each at
 * its braces (some 40 findings a file on real heredoc templates). Not for other names: a conf.d fragment linted on
 * its own uses the definitions of the file that includes it, and an undefined name there is KA109's.
 */
function findUndefinedReferences(text: string): { start: number; end: number } | undefined {
  if (DEFINES_OR_INCLUDES.test(text)) return undefined;
  const names = new Set<string>();
  let first: { start: number; end: number } | undefined;
  BRACED_REFERENCE.lastIndex = 0;
  for (let m = BRACED_REFERENCE.exec(text); m; m = BRACED_REFERENCE.exec(text)) {
    if (placeOnLine(text, m.index) !== 'plain') continue;
    names.add(m[1]!);
    first ??= { start: m.index, end: m.index + m[0].length };
  }
  return names.size >= 2 ? first : undefined;
}

/**
 * Where text[at] is on its line for keepalived: in a comment (after a '#' or '!' outside a '"…"'
 * string), inside a '"…"' string, or in plain text.
 */
function placeOnLine(text: string, at: number): 'comment' | 'quoted' | 'plain' {
  let quoted = false;
  for (let i = text.lastIndexOf('\n', at) + 1; i < at; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '#' || c === '!')) return 'comment';
  }
  return quoted ? 'quoted' : 'plain';
}

/**
 * The first template markup in the text, if any. `fileName`: a name with a template extension also makes
 * unrendered `${NAME}` variables markup (findUndefinedReferences).
 */
export function findTemplateMarker(text: string, fileName?: string): TemplateMarker | undefined {
  const marker = findMarkup(text);
  if (marker || !fileName || !TEMPLATE_EXTENSION.test(fileName) || !text.includes('${')) return marker;
  const reference = findUndefinedReferences(text);
  return reference && { language: 'shell template', ...reference };
}

function findMarkup(text: string): TemplateMarker | undefined {
  // Plain configs have none of the opening pairs: skip the regexes for them. A lone '%' is found
  // several times faster than a pair starting with the common '{', and most configs have none.
  const shell = text.includes('${') && text.includes(':') ? findShellExpansion(text) : undefined;
  let best: TemplateMarker | undefined = shell && { language: 'shell template', ...shell };
  if (!text.includes('{{') && (!text.includes('%') || (!text.includes('{%') && !text.includes('<%')))) return best;
  for (const [re, language] of [[MUSTACHE, 'Jinja or Go template'], [JINJA_TAG, 'Jinja or Go template'], [ERB, 'ERB or EPP template']] as const) {
    const m = firstOutsideComments(re, text);
    if (m && (!best || m.index < best.start)) best = { language, start: m.index, end: m.index + m[0].length };
  }
  return best;
}

/**
 * The first match of re that is not in a comment. A value put in a comment (`#vrrp_mcast_group4 224.0.0.{{VRID}}`)
 * changes nothing keepalived reads, so the file reads the same rendered or not; a statement (`{% if %}`,
 * `<% if %>`) decides which lines there are, in a comment or not.
 */
function firstOutsideComments(re: RegExp, text: string): RegExpExecArray | undefined {
  const all = new RegExp(re.source, 'g');
  for (let m = all.exec(text); m; m = all.exec(text)) {
    if (!OUTPUT_TAG.test(m[0]) || placeOnLine(text, m.index) !== 'comment') return m;
  }
  return undefined;
}

/** Markup that only puts a value in the text: `{{ x }}`, `<%= x %>` (not `<% if %>`, `{% if %}`, Go's `{{ range … }}`). */
const OUTPUT_TAG = /^(?:\{\{(?!-?[ \t]*(?:range|if|else|end|with|define|template|block|break|continue)\b)|<%=)/;


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

/** The marker's language with its article, for messages: 'a Jinja or Go template', 'an ERB or EPP template'. */
export function templateLanguage(marker: TemplateMarker): string {
  return `${/^[AEIOU]/.test(marker.language) ? 'an' : 'a'} ${marker.language}`;
}
