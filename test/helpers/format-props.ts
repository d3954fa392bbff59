// Shared by the formatter and peer tests: the config files to prove things on, a whitespace-blind
// view of a text, keepalived's messages without line numbers, and a generator of messy configs.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { keepalivedAvailable, runKeepalived } from './keepalived.js';

export const REPO = fileURLToPath(new URL('../..', import.meta.url));
export const CORPUS = join(REPO, '..', 'shared', 'corpus');
export const FIXTURES = join(REPO, 'fixtures');

/** Every file of the corpus (configs only) and of fixtures/, recursively: [label, path]. */
export function proofFiles(): [string, string][] {
  const out: [string, string][] = [];
  const walk = (dir: string, label: string) => {
    let entries: string[];
    try {
      entries = readdirSync(dir).sort();
    } catch {
      return;
    }
    for (const e of entries) {
      const p = join(dir, e);
      if (statSync(p).isDirectory()) walk(p, `${label}/${e}`);
      else if (!/\.(json|tsv|md)$/.test(e)) out.push([`${label}/${e}`, p]);
    }
  };
  walk(CORPUS, 'corpus');
  walk(FIXTURES, 'fixtures');
  return out;
}

export function readText(path: string): string {
  return readFileSync(path, 'utf8');
}

/**
 * The text with every blank, tab and line break removed outside double quotes (a `#`/`!` comment
 * runs to the end of its line, quotes inside it do not count). Written independently of kalint's
 * lexer so that it can catch the lexer and the formatter agreeing on a mistake.
 */
export function withoutWhitespace(text: string): string {
  let out = '';
  let inQuote = false;
  let inComment = false;
  for (const ch of text) {
    if (ch === '\n' || ch === '\r') {
      inQuote = false;
      inComment = false;
      continue;
    }
    if (!inComment && !inQuote && (ch === '#' || ch === '!')) inComment = true;
    else if (!inComment && ch === '"') inQuote = !inQuote;
    if (!inQuote && (ch === ' ' || ch === '\t' || ch === '\f' || ch === '\v')) continue;
    out += ch;
  }
  return out;
}

/**
 * The binary is the oracle: without it the proof cannot run. In CI that is a failure; locally the
 * test is skipped (with the reason in its name).
 */
export function keepalivedGate(): { run: boolean; reason: string } {
  if (keepalivedAvailable()) return { run: true, reason: '' };
  if (process.env.CI) throw new Error('keepalived is not installed, and CI is set: the keepalived -t proofs cannot be skipped');
  return { run: false, reason: ' (skipped: keepalived not installed)' };
}

/** What `keepalived -t` prints for a text, line numbers aside, sorted (processes interleave). */
export function keepalivedView(text: string, configId = 'kalint'): { exitStatus: number; messages: string[] } {
  const r = runKeepalived(text, { configId });
  return { exitStatus: r.exitStatus, messages: r.messages.map((m) => `${m.file ?? ''}: ${m.message}`).sort() };
}

// ---------------------------------------------------------------------------------------------
// A generator of configs as people write them: blocks on one line or many, braces glued or on
// the next line, ragged indentation with tabs, trailing blanks, comments, quoted strings.
// ---------------------------------------------------------------------------------------------

type Item =
  | { kind: 'stmt'; words: string[]; block?: Item[]; comment?: string }
  | { kind: 'values'; keyword: string; lines: string[][] }
  | { kind: 'comment'; text: string }
  | { kind: 'raw'; text: string }
  | { kind: 'blank' };

const WORDS = ['state', 'MASTER', 'BACKUP', 'priority', '100', 'interface', 'eth0', 'advert_int', '1', 'nopreempt', 'weight', '-20', 'x', '"a  b"', '"{q}"', '""', 'lb_algo', 'rr'];
const BLOCK_KEYWORDS = ['global_defs', 'vrrp_instance VI_1', 'vrrp_script chk', 'authentication', 'virtual_server 10.0.0.1 80', 'real_server 10.0.0.2 80', 'TCP_CHECK', 'unknown_block'];
const VALUE_KEYWORDS = ['virtual_ipaddress', 'track_interface', 'unicast_peer', 'track_script', 'notification_email'];
const VALUE_WORDS = ['10.0.0.1/24', 'dev', 'eth0', 'weight', '10', 'label', 'eth0:1', '192.168.1.2', 'chk', 'a@b.c'];
const COMMENTS = ['# c', '#x y', '! bang', '#', '# "quoted" { }'];
/** Lines whose meaning depends on staying one line: conditions, definitions, sequences, includes, `$` with braces, `'`. */
const RAW_LINES = [
  '@kalint   priority 50',
  '@^kalint priority   60 # not here',
  '@kalint',
  '$DEF=eth0   weight  10',
  '$MULTI=a \\\n   b  \\\n c',
  'virtual_router_id ${VRID}',
  'track_interface { ${IF} }',
  'x${Y}{ z }',
  '~SEQ(i, 1, 2)   eth$i',
  '~SEQ(i, 1, 2) track_interface { eth$i }',
  'include   /nonexistent/{a,b}.conf   # none',
  "notify_master '/bin/echo   a'",
  'state\\#x MASTER',
  'priority 100\\!x',
];

const word = fc.constantFrom(...WORDS);
function itemsArb(withRaw: boolean): fc.Arbitrary<Item[]> {
  return fc.letrec<{ items: Item[]; item: Item }>((tie) => ({
  items: fc.array(tie('item'), { maxLength: 5 }),
  item: fc.oneof(
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('stmt' as const), words: fc.array(word, { minLength: 1, maxLength: 4 }), comment: fc.option(fc.constantFrom(...COMMENTS), { nil: undefined }) }) },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant('stmt' as const),
        words: fc.constantFrom(...BLOCK_KEYWORDS).map((k) => k.split(' ')),
        block: tie('items') as fc.Arbitrary<Item[]>,
        comment: fc.option(fc.constantFrom(...COMMENTS), { nil: undefined }),
      }),
    },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('values' as const), keyword: fc.constantFrom(...VALUE_KEYWORDS), lines: fc.array(fc.array(fc.constantFrom(...VALUE_WORDS), { minLength: 1, maxLength: 3 }), { maxLength: 3 }) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('comment' as const), text: fc.constantFrom(...COMMENTS) }) },
    { weight: withRaw ? 1 : 0, arbitrary: fc.record({ kind: fc.constant('raw' as const), text: fc.constantFrom(...RAW_LINES) }) },
    { weight: 1, arbitrary: fc.constant({ kind: 'blank' as const }) },
  ),
})).items;
}

/** Layout choices, consumed in order while rendering (cycled). */
const styleArb = fc.array(fc.nat(7), { minLength: 16, maxLength: 64 });

function render(items: Item[], style: number[]): string {
  let k = 0;
  const pick = (n: number) => style[k++ % style.length]! % n;
  const sep = () => [' ', '  ', '\t', ' \t '][pick(4)]!;
  const ind = (d: number) => ['    ', '\t', '  ', ' '][pick(4)]!.repeat(d) + (pick(5) === 0 ? ' ' : '');
  const trail = () => (pick(4) === 0 ? ' \t' : '');
  let out = '';
  const emit = (list: Item[], d: number) => {
    for (const it of list) {
      if (it.kind === 'blank') out += pick(3) === 0 ? '\n\n' : '\n';
      else if (it.kind === 'comment' || it.kind === 'raw') out += ind(d) + it.text + trail() + '\n';
      else if (it.kind === 'values') {
        const oneLine = it.lines.length === 1 && pick(2) === 0;
        if (oneLine) out += ind(d) + it.keyword + (pick(2) ? '{' : ' { ') + it.lines[0]!.join(sep()) + (pick(2) ? '}' : ' }') + trail() + '\n';
        else {
          out += ind(d) + it.keyword + (pick(3) === 0 ? '\n' + ind(d) + '{' : pick(2) ? '{' : ' {') + trail() + '\n';
          for (const l of it.lines) out += ind(d + 1) + l.join(sep()) + trail() + '\n';
          out += ind(d) + '}\n';
        }
      } else {
        const head = ind(d) + it.words.join(sep());
        const comment = it.comment ? sep() + it.comment : '';
        if (!it.block) out += head + (pick(3) === 0 ? comment : '') + trail() + '\n';
        else {
          const only = it.block.length === 1 ? it.block[0]! : undefined;
          if (only && only.kind === 'stmt' && !only.block && !only.comment && pick(2) === 0) {
            // A one-line block: `global_defs{ router_id x}`.
            out += head + (pick(2) ? '{' : ' { ') + only.words.join(sep()) + (pick(2) ? '}' : ' }') + comment + trail() + '\n';
            continue;
          }
          const brace = pick(3);
          if (brace === 0) out += head + comment + '\n' + ind(d) + '{' + trail() + '\n';
          else out += head + (brace === 1 ? '{' : ' {') + comment + trail() + '\n';
          emit(it.block, d + 1);
          out += ind(d) + '}' + (pick(4) === 0 ? ' # end' : '') + trail() + '\n';
        }
      }
    }
  };
  emit(items, 0);
  return out;
}

/** Messy but brace-balanced configs, with lines that must stay whole (conditions, definitions, ~SEQ…). */
export const messyConfig: fc.Arbitrary<string> = fc.tuple(itemsArb(true), styleArb).map(([items, style]) => render(items, style));
/** The same without those lines: every line of the result is in the canonical layout. */
export const plainMessyConfig: fc.Arbitrary<string> = fc.tuple(itemsArb(false), styleArb).map(([items, style]) => render(items, style));
