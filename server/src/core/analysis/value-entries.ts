// Where one line of words splits into the entries of a value block (`virtual_ipaddress`, `track_script`…),
// for a fix that moves words written on the block keyword's own line into its braces.
//
// keepalived reads each line of most value blocks as ONE entry plus its options (`10.0.0.1/24 dev eth0`,
// `chk weight -10`): two entries on one line make it report the second as an unknown option and drop it,
// or drop the whole line (track_*). Only blocks whose entry word repeats (`notification_email a b`,
// a sync group's `group { A B }`) take several on one line.

import type { ArgSpec, KeywordSpec } from '../schema/schema.js';
import { checkArg } from './values.js';

/** The option words of a `keyword_value_pairs` slot: how many values each takes, and the flags it may end with. */
interface OptionGrammar {
  valueCount: Map<string, number>;
  flags: Set<string>;
}

const grammars = new WeakMap<ArgSpec, OptionGrammar>();

/** Reads the table's option forms (`broadcast|brd ADDR|+|-`, `weight N [reverse|noreverse]`, `use_vmac (VIPs only)`). */
function optionGrammar(slot: ArgSpec): OptionGrammar {
  let grammar = grammars.get(slot);
  if (grammar) return grammar;
  grammar = { valueCount: new Map(), flags: new Set() };
  for (const form of slot.values ?? []) {
    const [names, ...rest] = form.replace(/\(.*?\)/g, '').trim().split(/\s+/);
    let values = 0;
    for (const part of rest) {
      if (part.startsWith('[')) for (const flag of part.replace(/[[\]]/g, '').split('|')) grammar.flags.add(flag);
      else values++;
    }
    for (const name of names!.split('|')) grammar.valueCount.set(name, values);
  }
  grammars.set(slot, grammar);
  return grammar;
}

/** A dotted IPv4 netmask (`255.255.255.0`): written after an address it means a prefix, never a second address. */
function isNetmask(word: string): boolean {
  const bytes = word.split('.');
  if (bytes.length !== 4 || bytes.some((b) => !/^\d{1,3}$/.test(b) || +b > 255)) return false;
  const bits = bytes.map((b) => (+b).toString(2).padStart(8, '0')).join('');
  return /^1*0*$/.test(bits);
}

/**
 * The words of one line split into the block's entries, as start indexes into `words` (the first is 0), or
 * undefined when the block reads its lines in a way this does not model (routes, rules, virtual server group
 * entries, several positional values): those stay one line, as written.
 */
export function valueEntryStarts(spec: KeywordSpec, words: readonly string[]): number[] | undefined {
  const line = spec.value_line;
  if (!line?.length || !words.length) return undefined;
  const entry = line[0]!;
  if (entry.repeat) return [0];
  const options = line[1]?.type === 'keyword_value_pairs' && line.length === 2 ? optionGrammar(line[1]) : undefined;
  if (line.length > 1 && !options) return undefined;
  if (entry.type !== 'ip_prefix' && entry.type !== 'ipaddr' && entry.type !== 'name' && entry.type !== 'ifname') return undefined;
  const starts = [0];
  let i = 1;
  while (i < words.length) {
    const word = words[i]!;
    const values = options?.valueCount.get(word);
    if (values !== undefined) {
      i += 1 + values;
      continue;
    }
    if (options?.flags.has(word)) {
      i++;
      continue;
    }
    // A word that cannot start an entry stays with the one before it: keepalived reports it there, as it
    // would inside the braces, and the fix changes nothing about it.
    const startsEntry = checkArg(entry, word, spec.name) === undefined && !(entry.type === 'ip_prefix' && isNetmask(word));
    if (startsEntry) starts.push(i);
    i++;
  }
  return starts;
}
