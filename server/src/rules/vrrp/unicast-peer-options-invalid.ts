// KA355: the options after a unicast peer's address: `min_ttl N` / `max_ttl N` pairs, N in 0..255
// (keepalived 2.2.7 vrrp_data.c, alloc_vrrp_unicast_peer). Releases before 2.1.0 read only the address
// and ignore the rest of the line without a word (the options came with commit 3c41f6d9).

import { parseInteger } from '../../core/analysis/values.js';
import type { Word } from '../../core/analysis/ast.js';
import { compareVersions, type Version } from '../../core/schema/schema.js';
import type { FileRule } from '../types.js';
import { anyInstanceHasRareLine, hasRareLine, RareLine, unicastPeerWords, wordsRange } from './util.js';

const TTL_OPTIONS = new Set(['min_ttl', 'max_ttl']);
const MAX_TTL = 255;
/** The first release that reads options after a peer's address. */
const TTL_OPTIONS_SINCE: Version = [2, 1, 0];

/** keepalived's reading of a TTL: a whole number 0..255 (a sign or blanks allowed, nothing after). */
function ttlValue(word: Word): number | undefined {
  const n = parseInteger(word.text);
  return n !== undefined && n >= 0 && n <= MAX_TTL ? n : undefined;
}

/**
 * The TTL range keepalived `target` accepts adverts from a peer in, as it reads the words after the peer's address
 * (what this rule reports aside): undefined without a min_ttl or max_ttl it takes, or with a min above the max.
 */
export function peerTtlRange(words: readonly Word[], target: Version): { min: number; max: number; at: Word } | undefined {
  if (words.length < 3 || compareVersions(target, TTL_OPTIONS_SINCE) < 0) return undefined;
  let min = 0;
  let max = MAX_TTL;
  let at: Word | undefined;
  for (let i = 1; i + 1 < words.length; i += 2) {
    const option = words[i]!.text;
    if (!TTL_OPTIONS.has(option)) break;
    const n = ttlValue(words[i + 1]!);
    if (n === undefined) continue;
    if (option === 'min_ttl') min = n;
    else max = n;
    at ??= words[i]!;
  }
  return at && min <= max ? { min, max, at } : undefined;
}

export const unicastPeerOptionsInvalid: FileRule = {
  kind: 'file',
  code: 'KA355',
  name: 'unicast-peer-options-invalid',
  family: 'vrrp',
  severity: 'error',
  description: 'A unicast_peer line has options keepalived rejects: anything but `min_ttl N` / `max_ttl N` with N in 0..255, or a min_ttl above the max_ttl.',
  docs: {
    why:
      'After a peer address keepalived reads pairs of an option and a number: `min_ttl` and `max_ttl` bound the TTL (hop limit) ' +
      'that adverts from that peer must arrive with, each 0..255. An option without a value, or an unknown option, ends the ' +
      'reading of the line; a value that is not a number in range is ignored. Each is a configuration error. A min_ttl above ' +
      'the max_ttl leaves no TTL acceptable: every advert from the peer is discarded, so both nodes believe they are master. ' +
      'Releases before 2.1.0 read only the address and ignore whatever follows it without a word.',
    bad: 'vrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id 51\n    unicast_peer {\n        192.0.2.2 min_ttl 250 max_ttl 64\n        192.0.2.3 ttl 255\n    }\n    virtual_ipaddress {\n        192.0.2.100\n    }\n}\n',
    good: 'vrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id 51\n    unicast_peer {\n        192.0.2.2 min_ttl 64 max_ttl 255\n        192.0.2.3 min_ttl 255\n    }\n    virtual_ipaddress {\n        192.0.2.100\n    }\n}\n',
  },
  check({ analysis, report, target }) {
    // Nothing to find when no instance has the line (the usual case).
    if (!anyInstanceHasRareLine(analysis.model, RareLine.unicastPeer)) return;
    const readsOptions = compareVersions(target, TTL_OPTIONS_SINCE) >= 0;
    for (let j = 0, insts = analysis.model.vrrpInstances; j < insts.length; j++) {
      const inst = insts[j]!;
      // Only lines with words after the address have options (most have none: nothing to build),
      // and most instances have no unicast_peer block at all.
      if (!hasRareLine(inst, RareLine.unicastPeer)) continue;
      if (!inst.node.children.some((b) => b.keyword === 'unicast_peer' && b.values?.some((l) => l.words.length >= 2))) continue;
      // Options are read only for a peer keepalived keeps (a valid address of the instance's family).
      const kept = new Set(unicastPeerWords(inst).map((w) => `${w.file}:${w.start}`));
      if (!kept.size) continue;
      for (let k = 0, blocks = inst.node.children; k < blocks.length; k++) {
        const block = blocks[k]!;
        if (block.keyword !== 'unicast_peer') continue;
        for (let m = 0, lines = block.values ?? []; m < lines.length; m++) {
          const line = lines[m]!;
          const words = line.words;
          if (words.length < 2 || !kept.has(`${words[0]!.file}:${words[0]!.start}`)) continue;
          const peer = `unicast peer ${words[0]!.text}`;
          if (!readsOptions) {
            report({
              message: `${peer}: keepalived ${target.join('.')} reads only the address and ignores '${words.slice(1).map((w) => w.text).join(' ')}' without a word (min_ttl and max_ttl came in 2.1.0)`,
              file: line.file,
              range: wordsRange(words.slice(1)),
              severity: 'warning',
            });
            continue;
          }
          let minTtl = 0;
          let maxTtl = MAX_TTL;
          let minWord: Word | undefined;
          for (let i = 1; i < words.length; i += 2) {
            const option = words[i]!;
            const value = words[i + 1];
            if (!value) {
              report({ message: `${peer}: '${option.text}' has no value (keepalived: "${option.text} is missing a value")`, file: line.file, range: option.range });
              break;
            }
            const n = ttlValue(value);
            if (n === undefined) {
              const known = TTL_OPTIONS.has(option.text);
              report({
                message: `${peer}: '${value.text}' is not a TTL 0..${MAX_TTL}${known ? '' : ` (and '${option.text}' is no option: min_ttl or max_ttl)`}; keepalived ignores '${option.text} ${value.text}'`,
                file: line.file,
                range: known ? value.range : wordsRange([option, value]),
              });
              continue;
            }
            if (!TTL_OPTIONS.has(option.text)) {
              report({
                message: `${peer}: '${option.text}' is not an option (min_ttl or max_ttl); keepalived ignores it and the rest of the line (keepalived: "unknown unicast_peer option")`,
                file: line.file,
                range: wordsRange(words.slice(i)),
              });
              break;
            }
            if (option.text === 'min_ttl') {
              minTtl = n;
              minWord = value;
            } else maxTtl = n;
          }
          if (minTtl > maxTtl) {
            report({
              message: `${peer}: min_ttl ${minTtl} is above max_ttl ${maxTtl}; keepalived discards every advert from this peer (keepalived: "all packets will be discarded")`,
              file: line.file,
              range: minWord?.range ?? wordsRange(words.slice(1)),
            });
          }
        }
      }
    }
  },
};
