// KA606: a global_defs umask keepalived 2.2.7 rejects. What it reads (global_parser.c, checked with
// the binary): a value starting with a digit is one word, a C number (0 octal, 0x hex, else
// decimal) with no bits beyond 0777; otherwise the words form IRUSR|IWUSR|… (the nine 5-letter
// permission names, joined by '|', blanks allowed around it). IRWXU/IRWXG/IRWXO are accepted from 2.2.8.
import { childrenNamed } from '../../core/analysis/ast.js';
import { compareVersions, type Version } from '../../core/schema/schema.js';
import type { FileRule } from '../types.js';
import { topLevelBlocks } from '../vrrp/util.js';

/** IRWXU, IRWXG, IRWXO: the suffix of the three bits they stand for. */
const WHO: Record<string, string> = { U: 'USR', G: 'GRP', O: 'OTH' };
const BITS = new Set(['IRUSR', 'IWUSR', 'IXUSR', 'IRGRP', 'IWGRP', 'IXGRP', 'IROTH', 'IWOTH', 'IXOTH']);
/** The three-bit names, which keepalived reads from 2.2.8 (its global_parser.c from that tag; the 2.4.3 build accepts `umask IRWXG|IRWXO`). */
const GROUPED_BITS = new Set(['IRWXU', 'IRWXG', 'IRWXO']);
const GROUPED_BITS_SINCE: Version = [2, 2, 8];

/** strtol with base 0, whole word, in 0..0777. */
function numericUmask(word: string): boolean {
  let value: number;
  if (/^0[xX][0-9a-fA-F]+$/.test(word)) value = parseInt(word.slice(2), 16);
  else if (/^0[0-7]*$/.test(word)) value = parseInt(word, 8);
  else if (/^[1-9]\d*$/.test(word)) value = Number(word);
  else return false;
  return value <= 0o777;
}

/** Why keepalived rejects the symbolic form, or undefined when it reads it (its scan, word by word). */
function symbolicProblem(words: string[], target: Version): string | undefined {
  const grouped = compareVersions(target, GROUPED_BITS_SINCE) >= 0;
  let needOr = false;
  for (const word of words) {
    let p = 0;
    while (p < word.length) {
      if (needOr) {
        if (word[p] !== '|') return `'${word}' needs a '|' before it (keepalived: "Invalid umask syntax")`;
        needOr = false;
        p++;
        continue;
      }
      const name = word.slice(p, p + 5);
      if (!BITS.has(name) && !(grouped && GROUPED_BITS.has(name))) {
        const rest = word.slice(p);
        const who = WHO[rest.slice(4, 5)];
        const hint = rest.startsWith('IRWX') && who ? ` (keepalived ${target.join('.')} has no IRWX${rest[4]}, which came in 2.2.8: write IR${who}|IW${who}|IX${who})` : '';
        return `'${rest}' is not a permission bit${hint}; keepalived knows IRUSR, IWUSR, IXUSR, IRGRP, IWGRP, IXGRP, IROTH, IWOTH and IXOTH${grouped ? ', and IRWXU, IRWXG and IRWXO' : ''}`;
      }
      p += 5;
      needOr = true;
    }
  }
  return needOr ? undefined : `no permission bit after the last '|' (keepalived: "umask missing bit value")`;
}

export const umaskInvalid: FileRule = {
  kind: 'file',
  code: 'KA606',
  name: 'umask-invalid',
  family: 'security',
  severity: 'error',
  description: 'global_defs umask is not a number up to 0777 or IRUSR|IWUSR|… permission names (IRWXU, IRWXG, IRWXO from 2.2.8); keepalived ignores it.',
  docs: {
    why:
      'umask decides who may read the files keepalived creates (its pid files, the notify FIFO, data dumps). keepalived ' +
      'takes either one number (0 prefix for octal, 0x for hex) with no bit beyond 0777, or the nine permission names ' +
      'IRUSR, IWUSR, IXUSR, IRGRP, IWGRP, IXGRP, IROTH, IWOTH, IXOTH joined by `|`. Anything else is reported and ' +
      'ignored, so keepalived keeps its default umask and the files are created more open than the line asked for. ' +
      'A common slip: `0888` (8 is not an octal digit) or IRWXG, which keepalived reads only from 2.2.8.',
    bad: 'global_defs {\n    umask IRWXG|IRWXO\n}',
    good: 'global_defs {\n    umask IRGRP|IWGRP|IXGRP|IROTH|IWOTH|IXOTH\n}',
  },
  check(ctx) {
    for (const line of topLevelBlocks(ctx.analysis.ast, 'global_defs').flatMap((block) => childrenNamed(block, 'umask'))) {
      const n = line.argCount;
      if (n === 0) continue; // KA203 reports a missing value
      const first = line.argText(0)!;
      let problem: string | undefined;
      if (/^\d/.test(first)) {
        if (n > 1) problem = `umask takes one number, not the words after '${first}' (keepalived: "Extra parameter(s) to umask option")`;
        else if (!numericUmask(first)) problem = `umask '${first}' is not a number up to 0777 (0 prefix for octal, 0x for hex; keepalived: "invalid umask value")`;
      } else {
        const words: string[] = [];
        for (let i = 0; i < n; i++) words.push(line.argText(i)!);
        const why = symbolicProblem(words, ctx.target);
        if (why) problem = `umask: ${why}`;
      }
      if (problem) ctx.report({ message: `${problem}; keepalived ignores the line and keeps its default umask`, file: line.file, range: line.range });
    }
  },
};
