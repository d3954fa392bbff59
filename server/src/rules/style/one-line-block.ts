// KA706: a block written on one line (`virtual_ipaddress { 10.0.0.1 }`), which keepalived before
// 1.4.2 does not read as a block.
//
// Those releases take a `{` as a brace only as the last word of a block keyword's line, and a `}` only
// as the first word of a line. Checked with keepalived 1.3.5 built from its tag (CentOS 7's release):
// - `virtual_ipaddress { 10.0.0.9 }`: the value lists (addresses, routes, unicast_peer, track_script…)
//   ignore the rest of their keyword's line and take the lines below as values, up to the next line
//   that starts with `}`: 10.0.0.9 is lost, and a `track_script {` below is read as an address
//   ("VRRP parsed invalid IP track_script. skipping IP..."). notification_email, a sync group's
//   group and garp_group's interfaces read their keyword's line and are not affected.
// - `authentication { auth_type PASS }`, `real_server 10.0.0.2 80 { weight 2 }`: the words after `{`
//   become words of the keyword line (lost), keepalived logs "Missing '{' at beginning of
//   configuration block" and the block runs on to the next line that starts with `}`, taking the
//   keywords below it ("Unknown keyword 'virtual_ipaddress'", the next real_server's lines).
// - `connect_timeout 3 }`: the `}` is one more word of the line; the block stays open.
// - `} }`: a line that starts with `}` ends one block and the rest of it is ignored.
// - `virtual_ipaddress` with its `{` on the next line: that line is read as the first address (OWN_LINE_BRACE_READ).
// Glued braces (`TCP_CHECK{`) are KA701's; 1.4.2 and later split braces from the words around them.

import type { FileRule } from '../types.js';
import { Kind } from '../../core/syntax/lexer.js';
import { compareVersions, schema } from '../../core/schema/schema.js';
import { rangeOf } from '../fixes.js';
import { keywordLine } from './lines.js';
import type { AstNode } from '../../core/analysis/ast.js';
import type { Analysis } from '../../core/index.js';
import { nodeByPlace, nodeWithKeywordAt } from './old-brace-reading.js';
import { BRACES_SPLIT_SINCE, READS_VALUE_WORDS } from '../../core/analysis/reader.js';


/** The block a `}` at `offset` of `file` closes, and the block a `{` there opens (maps made once per analysis, when asked). */
const closers = new WeakMap<Analysis, Map<string, AstNode>>();
const blockClosedAt = (analysis: Analysis, file: string, offset: number) => nodeByPlace(closers, (n) => n.closeBrace, analysis, file, offset);
const openers = new WeakMap<Analysis, Map<string, AstNode>>();
const blockOpenedAt = (analysis: Analysis, file: string, offset: number) => nodeByPlace(openers, (n) => n.openBrace, analysis, file, offset);

/**
 * The value lists read by alloc_value_block before 1.4.2 (1.3.5 to 1.4.1 lib/parser.c; 1.3.5 vrrp_vip_handler has a
 * loop of its own that reads the same way), with what each says of a first line holding `{`: that function passes
 * every line below the keyword's to the list's handler, with no check for a `{` (5332be8c brought the skip of a first
 * `{` line in 1.4.2). The 1.3.5 build on each block with `{` on the line after its keyword: the message, and the
 * values on the lines below still read; a `{ 10.0.0.1` line is lost whole ('{' is read as the value).
 */
const OWN_LINE_BRACE_READ: Record<string, string> = {
  virtual_ipaddress: 'VRRP parsed invalid IP {. skipping IP...',
  virtual_ipaddress_excluded: 'VRRP parsed invalid IP {. skipping IP...',
  static_ipaddress: 'VRRP parsed invalid IP {. skipping IP...',
  unicast_peer: 'malformed unicast peer address[{]. Skipping...',
  virtual_routes: 'unknown route keyword {',
  static_routes: 'unknown route keyword {',
  virtual_rules: 'Unknown rule option {',
  static_rules: 'Unknown rule option {',
  track_interface: '{ no match, ignoring...',
  track_script: '{ no match, ignoring...',
  // The checker process: `{` alone is "Configuration line starting `{` is missing a parameter after keyword `{` at
  // word position 2" and the process exits (permanent CONFIG error; the 1.3.5 build); with a value after it, '{' is
  // read as the group's address and the value as its port.
  virtual_server_group: '',
};

/** Blocks whose keyword line must hold exactly one name in releases before 1.4.2 (the handler skips the block otherwise). */
const NAMED_ONCE = new Set(['vrrp_instance', 'vrrp_sync_group']);

/** Whether the block is a value list that releases before 1.4.2 read up to any `}`, on its keyword's line too. */
const readsKeywordLine = (node: AstNode | undefined) => node?.spec?.block === 'values' && READS_VALUE_WORDS.has(node.keyword);

export const oneLineBlock: FileRule = {
  kind: 'file',
  code: 'KA706',
  name: 'one-line-block',
  family: 'style',
  severity: 'error',
  description: "On a target before 1.4.2, a '{' with words after it on its line, a '}' that is not the first word of its line, or a '{' on the line below a value list's keyword; those releases do not read it as a brace.",
  docs: {
    why:
      'keepalived 1.4.2 and later split a line at its braces, so `virtual_ipaddress { 10.0.0.1 }` is a block there. Older ' +
      'releases, still shipped by long-term distributions (CentOS 7 has 1.3.5), take a `{` as a brace only as the last word of ' +
      'its line and a `}` only as the first word of a line. A value list written on one line loses its values and takes the ' +
      'lines below it as values, up to the next line that starts with `}` (a `track_script {` below becomes an invalid ' +
      'address); a block such as `authentication { auth_type PASS }` loses what follows its `{` and runs on over the keywords ' +
      'below it; a `}` after other words leaves its block open. A `{` on the line below a value list\'s keyword (`virtual_ipaddress`, ' +
      '`unicast_peer`, routes, rules, `track_script`…) is read as the list\'s first value: keepalived reports it as an invalid ' +
      'address, route or script and reads the values below, but a value written after that `{` is lost, and a ' +
      '`virtual_server_group` whose `{` stands alone stops the checker process. The VIPs, real servers or checks that follow are silently ' +
      'lost. Only reported when `--target-version` is older than 1.4.2; one brace per line reads the same in every release.',
    bad: 'vrrp_instance VI_1 {\n    virtual_ipaddress { 10.0.0.1 }\n    track_script {\n        chk_haproxy\n    }\n}\n',
    good: 'vrrp_instance VI_1 {\n    virtual_ipaddress {\n        10.0.0.1\n    }\n    track_script {\n        chk_haproxy\n    }\n}\n',
    target: '1.3.5',
  },
  check(ctx) {
    if (compareVersions(ctx.target, BRACES_SPLIT_SINCE) >= 0) return;
    const version = ctx.target.join('.');
    // Lines of a block keepalived skips by its braces: no process reads them as that block's (see Analysis.unreadBodies).
    const unread = ctx.analysis.unreadBodies ?? [];
    const inUnread = (path: string, offset: number) => unread.some((b) => b.file === path && b.start <= offset && offset < b.end);
    for (const file of ctx.analysis.files.values()) {
      const store = file.lex;
      const { kinds, starts, count } = store;
      // A blank on both sides: a brace touching a word is KA701's.
      const alone = (i: number) => (i === 0 || store.end(i - 1) !== starts[i]) && (i + 1 >= count || store.end(i) !== starts[i + 1]);
      let checkedLine = -1;
      for (let i = 0; i < count; i++) {
        const kind = kinds[i]!;
        if ((kind !== Kind.LBrace && kind !== Kind.RBrace) || !alone(i)) continue;
        const line = store.src.lineOf(starts[i]!);
        if (line === checkedLine) continue;
        const cl = keywordLine(file, line);
        if (!cl || i < cl.first || i >= cl.end) continue;
        const firstOnLine = i === cl.first;
        const lastOnLine = i === cl.end - 1;
        const rest = () => file.text.slice(store.end(i), store.end(cl.end - 1)).trim();
        let message: string | undefined;
        if (kind === Kind.LBrace && !firstOnLine && !lastOnLine) {
          if (unread.length && inUnread(file.path, starts[i]!)) continue;
          // The keyword line's block: these releases read it without this '{' (a block they skip is not in the tree).
          const spec = nodeWithKeywordAt(ctx.analysis, file.path, starts[cl.first]!)?.spec ?? schema().byName.get(store.source(cl.first))?.find((k) => k.block);
          if (!spec?.block || (spec.block === 'values' && READS_VALUE_WORDS.has(spec.name))) continue;
          const node = { keyword: spec.name, spec };
          const after = rest();
          // The block's '}' on this line too: the lines below are taken into the block.
          let oneLine = false;
          for (let k = i + 1; k < cl.end; k++) if (kinds[k] === Kind.RBrace) oneLine = true;
          // `{ // note`: KA107 reports the '//' in every release; here it is only dropped.
          if (!oneLine && !NAMED_ONCE.has(node.keyword) && after.startsWith('//')) continue;
          const values = node.spec?.block === 'values';
          if (NAMED_ONCE.has(node.keyword)) {
            message = `keepalived ${version} takes '{' as a brace only as the last word of its line: it reads '${after}' as more words of the '${node.keyword}' line, so the ${node.keyword} has more than a name and keepalived drops it ("${node.keyword} must have a name"); put what follows '{' on lines of its own`;
          } else if (values && oneLine) {
            message = `keepalived ${version} ignores what follows '${node.keyword}' on its line ('{ ${after}') and reads the lines below it as its values, up to the next line that starts with '}': what is written here is lost and the keywords below are taken as values; put '{', each value and '}' on lines of their own`;
          } else if (values) {
            message = `keepalived ${version} ignores what follows '${node.keyword} {' on its line: '${after}' is lost (the values are read from the lines below); put it on a line of its own`;
          } else if (oneLine) {
            message = `keepalived ${version} takes '{' as a brace only as the last word of its line: it reads '${after}' as more words of the '${node.keyword}' line (lost), logs "Missing '{' at beginning of configuration block", and the block runs on to the next line that starts with '}', over the keywords below it; put what follows '{' on lines of its own`;
          } else {
            message = `keepalived ${version} takes '{' as a brace only as the last word of its line: it reads '${after}' as more words of the '${node.keyword}' line (lost) and logs "Missing '{' at beginning of configuration block"; put what follows '{' on lines of its own`;
          }
        } else if (kind === Kind.LBrace && firstOnLine) {
          // `{` first on the line below a value list's keyword: read as the list's first value.
          const block = blockOpenedAt(ctx.analysis, file.path, starts[i]!);
          const said = block && OWN_LINE_BRACE_READ[block.keyword];
          if (!block || said === undefined || block.word?.file !== file.path || block.word.start >= starts[i]!) continue;
          const kw = block.keyword;
          const fix = `put '{' at the end of the '${kw}' line`;
          if (lastOnLine && kw === 'virtual_server_group') {
            message = `keepalived ${version} reads the line below '${kw}' as the group's first entry, with no check for a '{': '{' alone is an entry without its port ("Configuration line starting \`{\` is missing a parameter after keyword \`{\` at word position 2") and the checker process exits with a configuration error, so no virtual server is set up; ${fix}`;
          } else if (lastOnLine) {
            ctx.report({
              message: `keepalived ${version} reads the line below '${kw}' as its first value, with no check for a '{' (1.4.2 added it): it takes '{' for a value and reports it ("${said}"); the values below are still read; ${fix}`,
              file: file.path,
              range: rangeOf(ctx.analysis, file.path, starts[i]!, store.end(i))!,
              severity: 'warning',
            });
            checkedLine = line;
            continue;
          } else {
            const value = rest();
            message = kw === 'virtual_server_group'
              ? `keepalived ${version} reads the line below '${kw}' as the group's first entry, with no check for a '{': it takes '{' for the address and the next word for the port, so the entry '${value}' is lost; ${fix}`
              : `keepalived ${version} reads the line below '${kw}' as its first value, with no check for a '{' (1.4.2 added it): it takes '{' for the value and drops the line ("${said}"), so '${value}' is lost; ${fix}`;
          }
        } else if (kind === Kind.RBrace && !firstOnLine && !readsKeywordLine(blockClosedAt(ctx.analysis, file.path, starts[i]!))) {
          message = `keepalived ${version} takes '}' as a brace only as the first word of a line: here it is one more word of the '${store.source(cl.first)}' line, so the block stays open and each later '}' closes one block too late; put '}' on a line of its own`;
        } else if (kind === Kind.RBrace && !lastOnLine) {
          const lost = rest();
          const unclosed = lost.startsWith('}') ? `, and the block that second '}' was meant to close stays open` : '';
          message = `keepalived ${version} ignores the rest of a line that starts with '}': '${lost}' is lost${unclosed}; put it on a line of its own`;
        }
        if (!message) continue;
        const range = rangeOf(ctx.analysis, file.path, starts[i]!, store.end(i));
        if (!range) continue;
        checkedLine = line;
        ctx.report({ message, file: file.path, range });
      }
    }
  },
};
