// KA371: an interface given to a second garp_group, and an empty `interfaces` block (keepalived
// 2.2.7 vrrp_parser.c, garp_group's interface handlers; checked with the binary).

import type { AstNode, Word } from '../../core/analysis/ast.js';
import type { FileRule } from '../types.js';
import { garpGroupHasDelay } from './garp-group-without-delay.js';
import { compareVersions, type Version } from '../../core/schema/schema.js';

/**
 * From a58403e5 (2.1.0) the report of a repeated interface in an `interfaces` block names an entry of the block;
 * before, it reads the `interfaces` line's second word, which is not there: the 2.0.10 and 2.0.19 builds say the line
 * "is missing a parameter after keyword `interfaces` at word position 2" and stop reading the configuration.
 */
const BLOCK_REPORT_NAMES_ENTRY_SINCE: Version = [2, 1, 0];

export const garpGroupInterfaceTaken: FileRule = {
  kind: 'file',
  code: 'KA371',
  name: 'garp-group-interface-taken',
  family: 'vrrp',
  severity: 'warning',
  description: 'An interface already in an earlier garp_group (keepalived keeps the first group), or an empty interfaces block.',
  docs: {
    why:
      'An interface belongs to one garp_group: keepalived keeps the first group that names it and reports every later ' +
      'one ("garp_group already specified for …"), so the later group\'s delays never apply to it. In an `interfaces { }` ' +
      'block keepalived also names the wrong interface in that report, and when the block holds only the repeated ' +
      'interface its report reads past the end of the list: keepalived says the line "is missing a parameter" and stops ' +
      'reading the configuration there, so nothing after it is configured; before 2.1.0 that report always reads past the ' +
      '`interfaces` line itself, so any repeated interface in such a block stops keepalived there (as does, on the host, ' +
      'an interface that does not exist). A group removed for having no delay (KA354) ' +
      'frees its interfaces. An empty `interfaces` block is reported too.',
    bad: 'garp_group {\n    garp_interval 0.001\n    interface eth0\n}\ngarp_group {\n    garp_interval 0.01\n    interfaces {\n        eth0\n    }\n}',
    good: 'garp_group {\n    garp_interval 0.001\n    interface eth0\n}\ngarp_group {\n    garp_interval 0.01\n    interfaces {\n        eth1\n    }\n}',
  },
  check({ analysis, target, report }) {
    // Interface name -> the group line that has it (keepalived assumes the interface exists).
    const owner = new Map<string, Word>();
    for (const group of analysis.model.garpGroups) {
      const claimed: string[] = [];
      const claim = (word: Word) => {
        owner.set(word.text, word);
        claimed.push(word.text);
      };
      const taken = (word: Word) => {
        const first = owner.get(word.text)!;
        return { file: first.file, range: first.range, message: `${word.text} is first given to a garp_group here` };
      };
      for (const line of group.children) {
        if (line.keyword === 'interface' && line.argCount > 0) {
          const word = line.argWord(0);
          if (!owner.has(word.text)) claim(word);
          else {
            report({
              message: `${word.text} is already in an earlier garp_group; keepalived ignores this line (keepalived: "garp_group already specified for ${word.text} - ignoring")`,
              file: word.file,
              range: word.range,
              related: [taken(word)],
            });
          }
        } else if (line.keyword === 'interfaces') {
          interfacesBlock(line, owner, claim, taken, report, compareVersions(target, BLOCK_REPORT_NAMES_ENTRY_SINCE) < 0 ? target.join('.') : undefined);
        }
      }
      // keepalived removes a group without a delay at its '}', and the interfaces it had are free again.
      if (!garpGroupHasDelay(group, target)) for (const name of claimed) owner.delete(name);
    }
  },
};

function interfacesBlock(
  line: AstNode,
  owner: Map<string, Word>,
  claim: (w: Word) => void,
  taken: (w: Word) => { file: string; range: Word['range']; message: string },
  report: Parameters<FileRule['check']>[0]['report'],
  /** The release, when its report of a repeated entry always reads past the `interfaces` line (before 2.1.0). */
  stopsAlways: string | undefined,
): void {
  const entries = (line.values ?? []).flatMap((v) => v.words);
  // keepalived reads the whole block first: its reports name the line of the block's '}'.
  const at = (word: Word | undefined) => {
    const close = line.closeBrace;
    return close ? { file: close.file, range: close.range } : { file: word?.file ?? line.file, range: word?.range ?? line.range };
  };
  if (entries.length === 0) {
    report({ message: 'This interfaces block is empty; keepalived reports it (keepalived: "Warning - empty garp_group interfaces block")', ...at(undefined) });
    return;
  }
  for (const word of entries) {
    if (!owner.has(word.text)) {
      claim(word);
      continue;
    }
    if (entries.length < 2 || stopsAlways) {
      // keepalived 2.2.7 names the block's second entry in this report; with one entry there is none.
      report({
        message: stopsAlways
          ? `${word.text} in this interfaces block is already in an earlier garp_group, and keepalived ${stopsAlways}'s report of that reads a second word of the 'interfaces' line, which has none: it exits here with a configuration error ("missing a parameter after keyword \`interfaces\` at word position 2"), so keepalived does not run at all`
          : `${word.text} in this interfaces block is already in an earlier garp_group, and keepalived's report of that reads a second entry this block does not have: it exits here with a configuration error ("missing a parameter"), so keepalived does not run at all`,
        severity: 'error',
        ...at(word),
        related: [{ file: word.file, range: word.range, message: `${word.text} repeated here` }, taken(word)],
      });
      return;
    }
    report({
      message: `${word.text} in this interfaces block is already in an earlier garp_group; keepalived ignores it here (and its report names '${entries[1]!.text}': "garp_group already specified for ${entries[1]!.text} - ignoring")`,
      ...at(word),
      related: [{ file: word.file, range: word.range, message: `${word.text} repeated here` }, taken(word)],
    });
  }
}
