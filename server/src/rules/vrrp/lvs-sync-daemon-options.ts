// KA366: options of `lvs_sync_daemon` keepalived refuses (keepalived 2.2.7 global_parser.c, lvs_syncd_handler).

import type { FileRule } from '../types.js';
import { checkArg, sockaddrAddress } from '../../core/analysis/values.js';
import { isIPv4Multicast, isIPv6Multicast, topLevelBlocks } from './util.js';
import { compareVersions, type Version } from '../../core/schema/schema.js';

/**
 * `inst NAME` came in 2.1.0; before it the instance is the second word, always (keepalived 2.0.19
 * built from its tag, on `lvs_sync_daemon eth0 inst VI_1`: "Unknown option VI_1 specified for
 * lvs_sync_daemon", and the instance it looks for is 'inst').
 */
const INST_OPTION_SINCE: Version = [2, 1, 0];
/*
 * Before INST_OPTION_SINCE the fourth word is the positional sync id only when it starts with a digit
 * (`isdigit(strvec_slot(strvec, 3)[0])`, 1.3.5 to 2.0.20); any other goes to the option loop (the 2.0.19 build on
 * `lvs_sync_daemon eth0 VI_1 x`: "Unknown option x specified for lvs_sync_daemon"). From 2.1.0 it is always read as
 * the sync id ("invalid number 'x'", "Invalid syncid (x) - defaulting to vrid").
 */
/** The positional sync id's message says "SYNCID" from 2.2.1 (ca03dc2b), "syncid value" before (2.0.19, 2.1.5 builds). */
const SYNCID_WORD_SINCE: Version = [2, 2, 1];

/**
 * Before 2.1.0 keepalived measured the vrrp_instance name against the interface name limit (16 with the NUL) and
 * ignored the whole line when it was longer (922d7ad0; the 2.0.19 build: "lvs_sync_daemon vrrp interface name
 * 'VI_frontend_public_1' too long - ignoring").
 */
const LONG_INSTANCE_NAME_SINCE: Version = [2, 1, 0];
const OLD_INSTANCE_NAME_MAX = 15;

/** Options taking a number, with keepalived's range. */
const NUMERIC: Record<string, [number, number]> = { id: [0, 255], maxlen: [1, 65507], port: [1, 65535], ttl: [1, 255] };

/** From this release maxlen, port and ttl refuse 0 (c141b605, 29e3f1a2, ac4eadb7); the 2.0.19 and 2.1.0 builds accept 0. */
const ZERO_REFUSED_SINCE: Version = [2, 1, 3];
const ZERO_ONCE_ACCEPTED = new Set(['maxlen', 'port', 'ttl']);

function readsUnsigned(text: string, min: number, max: number): boolean {
  return checkArg({ name: 'value', type: 'unsigned', min, max }, text, 'lvs_sync_daemon') === undefined;
}

function isMulticast(text: string): boolean {
  const a = sockaddrAddress(text);
  if (!a) return false;
  if (a.family === 4) return isIPv4Multicast(a.address);
  return isIPv6Multicast(a.address);
}

export const lvsSyncDaemonOptions: FileRule = {
  kind: 'file',
  code: 'KA366',
  name: 'lvs-sync-daemon-options',
  family: 'vrrp',
  severity: 'error',
  description: '`lvs_sync_daemon` has an option keepalived refuses: a missing or invalid value, an unknown word, or a sync id without `id`.',
  docs: {
    why:
      'keepalived reads `lvs_sync_daemon IFNAME [inst NAME] [id N] [maxlen N] [port N] [ttl N] [group ADDR]` word by word. ' +
      'An option without its value, a value out of range (id 0..255, maxlen 1..65507, port 1..65535, ttl 1..255), a group ' +
      'that is not a multicast address, an unknown word, or the old positional sync id (`lvs_sync_daemon eth1 VI_1 10`, ' +
      '"Please use keyword \\"id\\" before lvs_sync_daemon SYNCID"; before 2.1.0 only a word starting with a digit is read so, and another is an ' +
      'unknown option) are each reported as configuration errors and the option ' +
      'falls back to its default. keepalived before 2.1.0 ignores the whole line when the vrrp_instance name is longer ' +
      'than 15 characters (it measured it against the interface name limit).',
    bad: 'global_defs {\n    lvs_sync_daemon eth1 VI_1 id 300 ttl\n}\n',
    good: 'global_defs {\n    lvs_sync_daemon eth1 inst VI_1 id 30 ttl 2\n}\n',
  },
  check({ analysis, report, target }) {
    const instOption = compareVersions(target, INST_OPTION_SINCE) >= 0;
    const longNames = compareVersions(target, LONG_INSTANCE_NAME_SINCE) >= 0;
    const zeroRefused = compareVersions(target, ZERO_REFUSED_SINCE) >= 0;
    for (const top of topLevelBlocks(analysis.ast, 'global_defs')) {
      for (const line of top.children) {
        // A repeat keepalived ignores (the first wins, KA209) is not read.
        if (line.keyword !== 'lvs_sync_daemon' || analysis.model.ignoredRepeats.has(line)) continue;
        // keepalived's word i is argument i - 1 here.
        const n = line.argCount + 1;
        const instanceWord = line.argCount > 1 ? line.argWord(1) : undefined;
        if (!longNames && instanceWord && instanceWord.text.length > OLD_INSTANCE_NAME_MAX) {
          report({
            message: `lvs_sync_daemon: keepalived before 2.1.0 ignores the whole line when the vrrp_instance name is longer than ${OLD_INSTANCE_NAME_MAX} characters ("lvs_sync_daemon vrrp interface name '${instanceWord.text}' too long - ignoring"), so no sync daemon runs; use a shorter instance name`,
            file: instanceWord.file,
            range: instanceWord.range,
          });
          continue;
        }
        let inst = false;
        for (let i = 2; i < n; i++) {
          const w = line.argText(i - 1)!;
          const at = line.argWord(i - 1);
          const say = (message: string) => report({ message: `lvs_sync_daemon: ${message}`, file: at.file, range: at.range });
          if (w === 'inst' && !instOption) {
            const next = i + 1 < n ? line.argText(i) : undefined;
            say(
              i === 2
                ? `keepalived ${target.join('.')} has no 'inst' option (it came in 2.1.0): it takes 'inst' as the vrrp_instance${next === undefined ? '' : ` and reports "Unknown option ${next} specified for lvs_sync_daemon"`}; write the instance name second: lvs_sync_daemon ${line.argText(0)} ${next ?? 'NAME'}`
                : `unknown option 'inst' for keepalived ${target.join('.')} (it came in 2.1.0; keepalived: "Unknown option inst specified for lvs_sync_daemon")`,
            );
            inst = true;
            if (i === 2) i++;
            continue;
          }
          if (w === 'inst') {
            // keepalived takes the next word unchecked: without one it stops reading ("missing a parameter").
            if (i === n - 1) say(`'inst' has no vrrp_instance after it; keepalived exits here with a configuration error ("missing a parameter after keyword \`inst\`"): it does not run at all`);
            else if (inst) say('the vrrp_instance is given twice; keepalived ignores the second ("vrrp instance has already been specified")');
            inst = true;
            i++;
            continue;
          }
          const range = NUMERIC[w];
          if (range || w === 'group') {
            if (i === n - 1) {
              say(`'${w}' has no value (keepalived: "No value specified for lvs_sync_daemon ${w}")`);
              continue;
            }
            const v = line.argText(i)!;
            const min = range && !zeroRefused && ZERO_ONCE_ACCEPTED.has(w) ? 0 : range?.[0];
            if (range && !readsUnsigned(v, min!, range[1])) say(`${w} ${v} is not a number in ${min}..${range[1]}; keepalived ignores it`);
            else if (!range && !sockaddrAddress(v)) say(`group ${v} is not an address; keepalived ignores it`);
            else if (!range && !isMulticast(v)) say(`group ${v} is not a multicast address; keepalived ignores it`);
            i++;
            continue;
          }
          if (i === 2) {
            inst = true;
            continue;
          }
          // Before 2.1.0 only a fourth word that starts with a digit is the old positional sync id; another goes to the options.
          if (i === 3 && (instOption || /^[0-9]/.test(w))) {
            say(readsUnsigned(w, 0, 255)
              ? `the sync id ${w} needs the keyword 'id' before it (keepalived: "Please use keyword \\"id\\" before lvs_sync_daemon ${compareVersions(target, SYNCID_WORD_SINCE) >= 0 ? 'SYNCID' : 'syncid value'}")`
              : `'${w}' is not a sync id (0..255); keepalived uses the VRID ("Invalid syncid")`);
            continue;
          }
          const positional = i === 3 ? ` (keepalived ${target.join('.')} takes the word after the instance for the old sync id only when it starts with a digit; 2.1.0 and later always do)` : '';
          say(`unknown option '${w}'${positional} (keepalived: "Unknown option ${w} specified for lvs_sync_daemon")`);
        }
      }
    }
  },
};
