import { sockaddrAddress } from '../../core/analysis/values.js';
import { compareVersions, type Version } from '../../core/schema/schema.js';
import type { FileRule } from '../types.js';
import { lastSetting, topLevelBlocks } from '../vrrp/util.js';

/*
 * keepalived 2.0.8 (54136b2f) looks the host name up only when something needs it: no router_id, or an
 * smtp_server without smtp_helo_name or notification_email_from. Once all four are given it has no host
 * name, and then compares that missing name with "[unknown]" whenever an smtp_server is set: every process
 * crashes as it finishes reading global_defs (the 2.0.10 build under -t: exit 139 with no message).
 * fccdeba3 (2.0.11) checks for the missing name. Debian 10 ships 2.0.10.
 */
const CRASH: [Version, Version] = [
  [2, 0, 8],
  [2, 0, 11],
];


export const mailSettingsCrash: FileRule = {
  kind: 'file',
  code: 'KA710',
  name: 'mail-settings-crash',
  family: 'style',
  severity: 'error',
  description:
    'global_defs sets router_id, smtp_server, smtp_helo_name and notification_email_from together: keepalived 2.0.8 to 2.0.10 (Debian 10 ships 2.0.10) crash as they start.',
  docs: {
    why:
      'keepalived 2.0.8 to 2.0.10 look the host name up only when a default needs it. With `router_id`, `smtp_server`, ' +
      '`smtp_helo_name` and `notification_email_from` all written, none does, and the missing name is then compared ' +
      'anyway: keepalived crashes (segmentation fault) before it starts a single VRRP instance, and `keepalived -t` ' +
      'dies without a message. 2.0.11 fixed it. On those releases leave one of the four out (`smtp_helo_name` ' +
      'defaults to the host name), or upgrade.',
    bad: 'global_defs {\n    router_id lb1\n    notification_email {\n        ops@example.com\n    }\n    notification_email_from lb1@example.com\n    smtp_server 192.0.2.25\n    smtp_helo_name lb1.example.com\n}\n',
    good: 'global_defs {\n    router_id lb1\n    notification_email {\n        ops@example.com\n    }\n    notification_email_from lb1@example.com\n    smtp_server 192.0.2.25\n}\n',
    target: '2.0.10',
  },
  check(ctx) {
    if (compareVersions(ctx.target, CRASH[0]) < 0 || compareVersions(ctx.target, CRASH[1]) >= 0) return;
    const blocks = topLevelBlocks(ctx.analysis.ast, 'global_defs');
    if (!blocks.length) return;
    const server = lastSetting(blocks, 'smtp_server');
    // Only an address sets the server (no host names before 2.1.4).
    if (!server || !sockaddrAddress(server.argText(0)!)) return;
    const routerId = lastSetting(blocks, 'router_id');
    const helo = lastSetting(blocks, 'smtp_helo_name');
    const from = lastSetting(blocks, 'notification_email_from');
    if (!routerId || !helo || !from) return;
    const version = ctx.target.join('.');
    ctx.report({
      message:
        `keepalived ${version} crashes (segmentation fault) as it starts with router_id, smtp_server, smtp_helo_name and notification_email_from all set ` +
        `(it then never looks up the host name, and compares the missing name anyway; fixed in 2.0.11): keepalived -t dies without a message. ` +
        `Remove smtp_helo_name (it defaults to the host name) or upgrade`,
      file: helo.file,
      range: helo.range,
      related: [
        { file: routerId.file, range: routerId.range, message: 'router_id' },
        { file: server.file, range: server.range, message: 'smtp_server' },
        { file: from.file, range: from.range, message: 'notification_email_from' },
      ],
    });
  },
};
