// KA380: an interface_up_down_delays value keepalived shortens or clears for a VRRP instance on
// that interface.
//
// A link that goes down and up again within the delay is not seen by VRRP. The delay must stay
// below the time a backup waits before taking over ((down_timer_adverts - 1) x advert_int, and
// none at all with down_timer_adverts 1), or the backup would take over before the master even
// noticed its link. keepalived enforces this when it starts each instance, changing the
// interface's delays and only logging it ("debounce timer(s) not less that N * advert_int -
// resetting"; checked with keepalived 2.2.7's config dump: 'eth0 5' with advert_int 1 becomes
// 1996094us). keepalived -t says nothing.

import type { AstNode, Word } from '../../core/analysis/ast.js';
import { parseDecimal } from '../../core/analysis/values.js';
import type { VrrpInstance } from '../../core/model/model.js';
import { compareVersions, type Version } from '../../core/schema/schema.js';
import type { FileRule } from '../types.js';
import { downTimerAdverts, effectiveVersion, globalDownTimerAdverts, topLevelBlocks } from './util.js';

const DELAYS_SINCE: Version = [2, 2, 3];
const US = 1_000_000;

/** Seconds as the shortest decimal (keepalived keeps microseconds). */
function seconds(us: number): string {
  return `${Number((us / US).toFixed(6))} s`;
}

interface Limit {
  inst: VrrpInstance;
  downTimerAdverts: number;
  advertUs: number;
  /** The longest delay kept as written, in microseconds (none with down_timer_adverts 1). */
  belowUs: number;
}

export const interfaceDelaysReset: FileRule = {
  kind: 'file',
  code: 'KA380',
  name: 'interface-delays-reset',
  family: 'vrrp',
  severity: 'warning',
  description: "An interface_up_down_delays value not below (down_timer_adverts - 1) x advert_int of a VRRP instance on that interface; keepalived shortens it (or clears it, with down_timer_adverts 1) and only logs it; likewise a line with no delay, or words after the two delays.",
  docs: {
    why:
      'The delays hide a link flap from VRRP for a while. keepalived keeps each delay below (down_timer_adverts - 1) x advert_int ' +
      '(2 s with the defaults), one advert interval less than a backup waits before it takes over, so that the master notices its own link going down before a backup replaces it; ' +
      'with down_timer_adverts 1 no delay is possible. When an instance starts on the interface, keepalived shortens a longer delay to just under that ' +
      'limit, or clears both, and only logs it: the interface reacts sooner than the file says, and `keepalived -t` shows nothing. A line with an interface and no delay sets nothing, and words after the two delays are ignored, both only logged too.',
    bad: 'interface_up_down_delays {\n    eth0 5 1\n}\nvrrp_instance VI_1 {\n    state BACKUP\n    interface eth0\n    virtual_router_id 51\n    priority 100\n    advert_int 1\n    virtual_ipaddress {\n        10.0.0.10\n    }\n}\n',
    good: 'interface_up_down_delays {\n    eth0 1.5 1\n}\nvrrp_instance VI_1 {\n    state BACKUP\n    interface eth0\n    virtual_router_id 51\n    priority 100\n    advert_int 1\n    virtual_ipaddress {\n        10.0.0.10\n    }\n}\n',
  },
  check({ analysis, target, report }) {
    if (compareVersions(target, DELAYS_SINCE) < 0) return;
    const delayBlocks = topLevelBlocks(analysis.ast, 'interface_up_down_delays');
    if (!delayBlocks.length) return;
    // Lines keepalived only logs about (daemon audit, 2.2.7; -t says nothing): an interface with no delay sets
    // nothing ("No timeouts specified for eth0 up/down delays"); a word after the two delays is ignored ("Too many
    // parameters for eth1 up/down delays"), the two delays still set.
    for (const block of delayBlocks) {
      for (const line of block.values ?? []) {
        const words = line.words;
        if (words.length === 1) {
          report({ message: `${words[0]!.text} has no delays: keepalived only logs it ("No timeouts specified for ${words[0]!.text} up/down delays", keepalived -t says nothing) and the line sets nothing; give a down delay (and an up delay)`, file: line.file, range: words[0]!.range });
        } else if (words.length > 3) {
          report({ message: `${words[0]!.text} takes two delays, down and up: keepalived only logs the rest ("Too many parameters for ${words[0]!.text} up/down delays", keepalived -t says nothing) and ignores '${words.slice(3).map((w) => w.text).join(' ')}'`, file: line.file, range: { start: words[3]!.range.start, end: words[words.length - 1]!.range.end } });
        }
      }
    }
    const model = analysis.model;
    const global = globalDownTimerAdverts(analysis.ast);

    // The tightest limit among the instances on each interface: the first to start leaves the
    // delays below it, and the others then find nothing to change.
    const limits = new Map<string, Limit>();
    for (let itemIndex = 0, itemList = model.vrrpInstances; itemIndex < itemList.length; itemIndex++) {
      const inst = itemList[itemIndex]!;
      const ifname = inst.interface?.value;
      if (!ifname) continue;
      const dta = downTimerAdverts(model, inst, global);
      const advert = inst.advertInt?.value ?? 1;
      const advertUs = Math.round((effectiveVersion(model, inst) === 3 ? Math.min(advert, 40.95) : advert) * US);
      const belowUs = dta === 1 ? 0 : (dta - 1) * advertUs;
      const known = limits.get(ifname);
      if (!known || belowUs < known.belowUs) limits.set(ifname, { inst, downTimerAdverts: dta, advertUs, belowUs });
    }
    if (!limits.size) return;

    for (const block of delayBlocks) {
      for (const line of block.values ?? []) {
        const words = line.words;
        const limit = words.length >= 2 ? limits.get(words[0]!.text) : undefined;
        if (!limit) continue;
        const delays: { word: Word; us: number; name: string }[] = [];
        for (let i = 1; i <= 2 && i < words.length; i++) {
          const v = parseDecimal(words[i]!.text)?.value;
          // keepalived drops the line at an unreadable delay (the walker reports it).
          if (v === undefined || v > 255) break;
          delays.push({ word: words[i]!, us: Math.round(v * US), name: i === 1 ? 'down delay' : 'up delay' });
        }
        const of = `vrrp_instance '${limit.inst.name}' on ${words[0]!.text}`;
        if (limit.downTimerAdverts === 1) {
          const set = delays.filter((d) => d.us > 0);
          if (!set.length) continue;
          report({
            message: `${words[0]!.text}'s ${set.map((d) => `${d.name} ${d.word.text} s`).join(' and ')} cannot be used: ${of} has down_timer_adverts 1, so keepalived clears both delays (it only logs this)`,
            file: set[0]!.word.file,
            range: set[0]!.word.range,
            related: [{ file: limit.inst.node.file, range: limit.inst.node.word?.range ?? limit.inst.node.range, message: `${limit.inst.name} is on ${words[0]!.text}` }],
          });
          continue;
        }
        const shortenedUs = limit.belowUs - Math.floor(limit.advertUs / 256);
        for (const d of delays) {
          if (d.us < limit.belowUs) continue;
          report({
            message:
              `the ${d.name} ${d.word.text} s of ${words[0]!.text} is not below (down_timer_adverts ${limit.downTimerAdverts} - 1) x advert_int ${seconds(limit.advertUs)} = ${seconds(limit.belowUs)} of ${of}; ` +
              `keepalived shortens it to ${seconds(shortenedUs)} (it only logs this)`,
            file: d.word.file,
            range: d.word.range,
            related: [{ file: limit.inst.node.file, range: limit.inst.node.word?.range ?? limit.inst.node.range, message: `${limit.inst.name} is on ${words[0]!.text}` }],
          });
        }
      }
    }
  },
};
