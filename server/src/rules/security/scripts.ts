// Every place a configuration makes keepalived run a program, with the words that name the
// command and the user, as the security rules need them.

import type { Analysis } from '../../core/index.js';
import { child, type AstNode, type Word } from '../../core/analysis/ast.js';
import { schema } from '../../core/schema/schema.js';
import { lvsFacts } from '../lvs/server-facts.js';
import { collectScriptLines, mayHoldScripts } from '../lvs/util.js';

export interface ConfiguredScript {
  /** The keyword line (`notify_master …`, `script …`, `misc_path …`). */
  node: AstNode;
  /** The words after the keyword, as the ordinary tokenizer splits them. */
  words: Word[];
  /**
   * Whether the line itself may name the user (`notify* CMD [USER [GROUP]]`); for `script` and
   * `misc_path` the user comes from a separate `user` keyword of the enclosing block.
   */
  userOnLine: boolean;
  /** The user the script runs as, when the configuration names one. */
  user?: Word;
}

/** Keywords whose command is followed by the separate `user` keyword of their block. */
const BLOCK_USER_KEYWORDS = new Set(['script', 'misc_path']);

const memo = new WeakMap<Analysis, ConfiguredScript[]>();

/** Every script of the configuration, in reading order (computed once per analysis). */
export function configuredScripts(analysis: Analysis): ConfiguredScript[] {
  let out = memo.get(analysis);
  if (!out) memo.set(analysis, (out = collect(analysis)));
  return out;
}

/**
 * Whether a vrrp_instance's script lines are exactly the model's `notify` lines that are script
 * keywords (all its script keywords are notify* lines directly in it): then the model's list is
 * used instead of reading every line of every instance.
 */
let instanceScriptsAreNotify: boolean | undefined;

function notifyListHoldsInstanceScripts(): boolean {
  const instance = schema().root.childMap.get('vrrp_instance');
  return !!instance && instance.children.every((c) => !mayHoldScripts(c) && (!c.script_string || c.name.startsWith('notify')));
}

/**
 * The script lines in reading order. Only blocks that may hold one are entered; virtual servers'
 * lines come from the lvs rules' one pass over them, vrrp_instances' from the model's notify list.
 */
function scriptLines(analysis: Analysis): AstNode[] {
  const lines: AstNode[] = [];
  const servers = lvsFacts(analysis).servers;
  const instances = analysis.model.vrrpInstances;
  instanceScriptsAreNotify ??= notifyListHoldsInstanceScripts();
  // The model lists top-level blocks in order: walk its lists alongside the top level.
  let nextServer = 0;
  let nextInstance = 0;
  for (const top of analysis.ast.children) {
    const server = servers[nextServer];
    if (server && server.vs.node === top) {
      nextServer++;
      if (server.scriptLines) for (const n of server.scriptLines) lines.push(n);
      continue;
    }
    const instance = instances[nextInstance];
    if (instance && instance.node === top) {
      nextInstance++;
      if (instanceScriptsAreNotify) {
        for (const n of instance.notify) if (n.node.spec?.script_string) lines.push(n.node);
        continue;
      }
    }
    if (top.spec?.script_string) lines.push(top);
    else if (top.children.length && mayHoldScripts(top.spec)) collectScriptLines(top, lines);
  }
  return lines;
}

function collect(analysis: Analysis): ConfiguredScript[] {
  const out: ConfiguredScript[] = [];
  for (const n of scriptLines(analysis)) {
    const args = n.args;
    if (!args.length) continue;
    if (BLOCK_USER_KEYWORDS.has(n.keyword)) {
      const userNode = n.parent ? child(n.parent, 'user') : undefined;
      out.push({ node: n, words: args, userOnLine: false, user: userNode?.args[0] });
      continue;
    }
    out.push({ node: n, words: args, userOnLine: true, user: args[1] });
  }
  return out;
}

/** The program a script runs: the first word of its command (quotes group the command and its arguments). */
export function programOf(s: ConfiguredScript): { path: string; word: Word } | undefined {
  const w = s.words[0];
  if (!w) return undefined;
  // A single-quoted command ('/path arg') is split by the ordinary tokenizer; the quote is not part of the path.
  const path = (w.text.trim().split(/\s+/)[0] ?? '').replace(/^'/, '').replace(/'$/, '');
  return path ? { path, word: w } : undefined;
}

export function lineOf(n: AstNode): number {
  return n.range.start.line + 1;
}

/** Which keepalived process runs a script: the VRRP one, the checker one, either, or the parent. */
function scriptSide(node: AstNode): 'vrrp' | 'checker' | 'both' | 'main' {
  let top = node;
  while (top.parent && top.parent.keyword !== '') top = top.parent;
  if (top.keyword === 'virtual_server') return 'checker';
  if (top.keyword !== 'global_defs') return 'vrrp';
  if (node.keyword === 'notify_fifo_script') return 'both';
  if (node.keyword === 'lvs_notify_fifo_script') return 'checker';
  if (node.keyword === 'vrrp_notify_fifo_script') return 'vrrp';
  return 'main';
}

/**
 * Whether keepalived sets the script up (and checks its security) at all: VRRP-side scripts only
 * when there is a vrrp_instance, checker-side ones only when there is a virtual_server.
 */
export function scriptIsChecked(analysis: Analysis, s: ConfiguredScript): boolean {
  const vrrp = analysis.model.vrrpInstances.length > 0;
  const checker = analysis.model.virtualServers.length > 0;
  switch (scriptSide(s.node)) {
    case 'vrrp':
      return vrrp;
    case 'checker':
      return checker;
    case 'both':
      return vrrp || checker;
    default:
      return true;
  }
}
