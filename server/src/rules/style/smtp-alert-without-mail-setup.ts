// KA708: smtp_alert is on, but global_defs gives no smtp_server or no notification_email address.
//
// keepalived's smtp_alert() (core/smtp.c) returns before building a message when the recipient list
// is empty or no smtp_server is set, and nothing says so: not keepalived -t, not the log at start,
// not the log at a transition. So a config that asks for alert mail without those two gets none.

import type { AstNode } from '../../core/analysis/ast.js';
import type { FileRule } from '../types.js';
import { hasRareLine, RareLine } from '../vrrp/util.js';
import { lvsFacts } from '../lvs/server-facts.js';
import { compareVersions, type Version } from '../../core/schema/schema.js';

/** The words keepalived's check_true_false reads, exactly (`On` or `1` is refused and changes nothing). */
const OFF_WORDS = new Set(['off', 'false', 'no']);
const ON_WORDS = new Set(['on', 'true', 'yes']);
/** Before 2.0.0 smtp_alert read no word: any line turned alerts on. */
const SMTP_ALERT_READS_WORD_SINCE: Version = [2, 0, 0];

/** Where smtp_alert (or a global variant) can switch alert mail on, by block. */
const REAL_SERVER_KEYWORDS = ['smtp_alert'];
const ALERT_KEYWORDS: Record<string, readonly string[]> = {
  global_defs: ['smtp_alert', 'smtp_alert_vrrp', 'smtp_alert_checker'],
  vrrp_sync_group: ['smtp_alert'],
  vrrp_instance: ['smtp_alert'],
  virtual_server: ['smtp_alert'],
};

/**
 * The lines of `block` that leave one of `keywords` on, one per keyword: its last line that switches it
 * on, unless a later line switches it off (a refused word changes nothing).
 */
function linesLeftOn(block: AstNode, keywords: readonly string[], readsWord: boolean, out: AstNode[]): void {
  for (const keyword of keywords) {
    let on: AstNode | undefined;
    for (const line of block.children) {
      if (line.keyword !== keyword) continue;
      const word = line.argText(0);
      if (!readsWord || word === undefined || ON_WORDS.has(word)) on = line;
      else if (OFF_WORDS.has(word)) on = undefined;
    }
    if (on) out.push(on);
  }
}

export const smtpAlertWithoutMailSetup: FileRule = {
  kind: 'file',
  code: 'KA708',
  name: 'smtp-alert-without-mail-setup',
  family: 'style',
  severity: 'warning',
  description: 'smtp_alert is on, but global_defs has no smtp_server or no notification_email address, so keepalived sends no alert mail.',
  docs: {
    why:
      'keepalived sends an alert mail only when global_defs names an `smtp_server` and at least one address in `notification_email`; ' +
      'without either it skips every alert silently, so `smtp_alert` looks configured and `keepalived -t` accepts the file, ' +
      'but no mail ever leaves the node. Add the mail server and the recipients, or drop `smtp_alert`.',
    bad: 'vrrp_instance VI_1 {\n    state BACKUP\n    interface eth0\n    virtual_router_id 51\n    priority 100\n    smtp_alert\n    virtual_ipaddress {\n        10.0.0.10\n    }\n}\n',
    good: 'global_defs {\n    notification_email {\n        ops@example.com\n    }\n    notification_email_from lb1@example.com\n    smtp_server 192.0.2.25\n}\nvrrp_instance VI_1 {\n    state BACKUP\n    interface eth0\n    virtual_router_id 51\n    priority 100\n    smtp_alert\n    virtual_ipaddress {\n        10.0.0.10\n    }\n}\n',
  },
  check({ analysis, report, target }) {
    const readsWord = compareVersions(target, SMTP_ALERT_READS_WORD_SINCE) >= 0;
    let hasServer = false;
    let hasRecipient = false;
    const alerts: AstNode[] = [];
    // The shared passes over instances and virtual servers note whether one holds an smtp_alert
    // line: the blocks without one are not walked again (the model lists them in file order).
    const insts = analysis.model.vrrpInstances;
    const servers = lvsFacts(analysis).servers;
    let nextInst = 0;
    let nextServer = 0;
    const top = analysis.ast.children;
    for (let i = 0; i < top.length; i++) {
      const block = top[i]!;
      const keywords = ALERT_KEYWORDS[block.keyword];
      if (!keywords) continue;
      if (block.keyword === 'vrrp_instance') {
        const inst = insts[nextInst];
        if (inst !== undefined && inst.node === block) {
          nextInst++;
          if (!hasRareLine(inst, RareLine.smtpAlert)) continue;
        }
      } else if (block.keyword === 'virtual_server') {
        const f = servers[nextServer];
        if (f !== undefined && f.vs.node === block) {
          nextServer++;
          if (!f.hasSmtpAlert) continue;
        }
      }
      const lines = block.children;
      for (let j = 0; j < lines.length; j++) {
        const line = lines[j]!;
        if (block.keyword === 'global_defs') {
          if (line.keyword === 'smtp_server' && line.argCount > 0) hasServer = true;
          if (line.keyword === 'notification_email' && line.values?.some((v) => v.words.length > 0)) hasRecipient = true;
        }
        if (block.keyword === 'virtual_server' && line.keyword === 'real_server') linesLeftOn(line, REAL_SERVER_KEYWORDS, readsWord, alerts);
      }
      linesLeftOn(block, keywords, readsWord, alerts);
    }
    if (!alerts.length || (hasServer && hasRecipient)) return;
    const missing = !hasServer && !hasRecipient ? 'no smtp_server and no notification_email address' : !hasServer ? 'no smtp_server' : 'no notification_email address';
    const first = alerts[0]!;
    const others = alerts.length - 1;
    report({
      message:
        `smtp_alert asks for alert mail${others ? ` (here and on ${others} other line${others === 1 ? '' : 's'})` : ''}, but global_defs has ${missing}: ` +
        'keepalived then skips every alert without a word, so no mail is sent. Add them to global_defs, or drop smtp_alert',
      file: first.file,
      range: first.word?.range ?? first.range,
    });
  },
};
