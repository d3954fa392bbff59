import type { FileRule } from '../types.js';
import type { Analysis } from '../../core/index.js';
import { fileText } from '../fixes.js';
import { configuredScripts, splitQuotedEscaped, wordsAsText, type ConfiguredScript } from './scripts.js';
import { compareVersions, type Version } from '../../core/schema/schema.js';

/** What a shell would have made of an operator; keepalived passes it on as a plain word. */
const MEANING: Record<string, string> = {
  '|': 'a pipe',
  '||': 'an "or" between commands',
  '&&': 'an "and" between commands',
  ';': 'a command separator',
  '&': 'a background marker',
  '>': 'a redirection',
  '>>': 'a redirection',
  '<': 'a redirection',
  '`': 'a command substitution',
  '$(': 'a command substitution',
};

/**
 * Words only a shell understands, with no program of that name to run: `script "[[ -f /x ]] && exit 1"`
 * starts with one. (`[` and `test` are programs too, so they stay out.)
 */
/** From 2.0.0 keepalived runs a script's program itself (execve); before, it handed the command line to system(). */
const EXECVE_SINCE: Version = [2, 0, 0];

export const SHELL_RESERVED_WORDS: ReadonlySet<string> = new Set(['[[', ']]', '((', '!', '{', '}', 'if', 'then', 'elif', 'else', 'fi', 'case', 'esac', 'for', 'select', 'while', 'until', 'do', 'done', 'function']);

/**
 * The first shell operator outside quotes in a command as keepalived splits it the second time
 * (quotes group, a backslash makes the next character plain), or undefined.
 */
export function unquotedShellOperator(command: string): string | undefined {
  let quote = '';
  for (let i = 0; i < command.length; i++) {
    const c = command[i]!;
    const next = command[i + 1];
    if (c === '\\') {
      i++;
      continue;
    }
    if (quote) {
      if (c === quote) quote = '';
      continue;
    }
    if (c === '"' || c === "'") {
      if (i + 1 < command.length) quote = c;
      continue;
    }
    // `<public-ip>` in a copied example is a placeholder, not a redirection (real configs hold many).
    if (c === '<') {
      const placeholder = /^<[A-Za-z][\w.:/-]*>/.exec(command.slice(i));
      if (placeholder) {
        i += placeholder[0].length - 1;
        continue;
      }
    }
    if (c === '|') return next === '|' ? '||' : '|';
    // An arrow in a word (`10.0.0.4:80->192.168.1.1:80`, `a=>b`) is a label, not a redirection anyone meant.
    if (c === '>' && i > 0 && (command[i - 1] === '-' || command[i - 1] === '=') && i > 1 && !/\s/.test(command[i - 2]!)) continue;
    if (c === '>') return next === '>' ? '>>' : '>';
    if (c === '<' || c === ';' || c === '`') return c;
    if (c === '&' && next === '&') return '&&';
    if (c === '$' && next === '(') return '$(';
    // A lone '&' word backgrounds a command; inside a word (a URL's query) it is ordinary text.
    if (c === '&' && (i === 0 || /\s/.test(command[i - 1]!)) && (next === undefined || /\s/.test(next))) return '&';
  }
  return undefined;
}

/** A word that holds shell syntax (a user or group word is never quoted apart from the command). */
function operatorInWord(word: string): string | undefined {
  return unquotedShellOperator(word.replace(/["'\\]/g, ''));
}

/** A shell operator character after an odd number of backslashes, with the backslashes before it kept as pairs. */
const ESCAPED_OPERATOR = /(?<!\\)((?:\\\\)*)\\[<>|&;]/g;

export interface ShellSyntax {
  operator: string;
  /** The program keepalived runs. */
  program: string;
  /** keepalived's words after the keyword: the command, then (notify lines) user and group, or dropped words. */
  words: string[];
  /** Whether the operator is inside the command keepalived runs (else it is in a later word). */
  inCommand: boolean;
  /** The program is a shell reserved word (`[[`, `if`): there is no such program to run. */
  reservedWord: boolean;
}

/**
 * Shell syntax on a script line, as keepalived reads it: its first split (quotes and escapes) gives
 * the command and the words after it, its second split of the command gives the program and its
 * arguments. keepalived exec()s the program directly, so none of it is interpreted.
 */
export function shellSyntaxOf(analysis: Analysis, s: ConfiguredScript): ShellSyntax | undefined {
  const first = s.words[0]!;
  const last = s.words[s.words.length - 1]!;
  const raw = s.words.some((w) => w.expanded || w.file !== first.file) ? wordsAsText(s.words) : fileText(analysis, first.file)?.slice(first.start, last.end);
  const words = s.escaped?.words ?? (raw === undefined ? undefined : splitQuotedEscaped(raw));
  // An operator the line escapes (`80-\>192.168.1.1:80`, written for a shell's sake) is the character itself for the
  // writer as for keepalived: look for operators in a split where those are a plain letter (word boundaries unchanged).
  const probe = raw === undefined || !raw.includes('\\') ? words : splitQuotedEscaped(raw.replace(ESCAPED_OPERATOR, '$1_'));
  const command = probe?.[0];
  if (!words || !probe || command === undefined) return undefined;
  // `</path` makes keepalived test that the file opens, through /bin/sh: there the shell reads it.
  if (/^\s*<\s*\//.test(command)) return undefined;
  const program = splitQuotedEscaped(words[0] ?? '')?.[0];
  if (!program) return undefined;
  const reservedWord = SHELL_RESERVED_WORDS.has(program);
  const inCommand = unquotedShellOperator(command);
  if (inCommand) return { operator: inCommand, program, words, inCommand: true, reservedWord };
  for (const w of probe.slice(1)) {
    const operator = operatorInWord(w);
    if (operator) return { operator, program, words, inCommand: false, reservedWord };
  }
  // `script "[[ -f /etc/keepalived/down ]]"`: no operator, but nothing here is a program either.
  if (reservedWord) return { operator: program, program, words, inCommand: true, reservedWord };
  return undefined;
}

/**
 * keepalived looks the program up before it runs anything, finds none named `[[` and disables the
 * script: for a vrrp_script, keepalived 2.2.7 -t says "Disabling track script chk since not
 * found/accessible" and exits 5.
 */
function reservedWordMessage(s: ConfiguredScript, program: string, operator: string): string {
  const track = s.node.keyword === 'script' && s.node.parent?.keyword === 'vrrp_script' ? s.node.parent.args[0]?.text : undefined;
  const also = operator !== program ? `, and '${operator}' is not ${MEANING[operator] ?? 'shell syntax'} either` : '';
  return (
    `'${program}' is shell syntax, not a program: keepalived runs the command itself, without a shell${also}. ` +
    `It finds no program '${program}' and disables the script${track ? ` (keepalived: "Disabling track script ${track} since not found/accessible")` : ''}. ` +
    `Put the test in a script, or run it with /bin/sh -c '…'`
  );
}

const USER_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]*\$?$/;

export const scriptShellSyntax: FileRule = {
  kind: 'file',
  code: 'KA607',
  name: 'script-shell-syntax',
  family: 'security',
  // keepalived -t accepts these lines silently; the script just does not do what the line says.
  severity: 'warning',
  description: 'A script line uses shell syntax (a pipe, a redirection, &&, ;): keepalived runs the program directly, so none of it happens.',
  docs: {
    why:
      'keepalived does not hand a script line to a shell: it splits the line into words itself and starts the program ' +
      'with the rest as its arguments. A `|`, `>`, `&&` or `;` is then just one more argument: `script "pidof haproxy | wc -l"` ' +
      'runs `pidof` with the arguments `haproxy`, `|`, `wc` and `-l`, and `notify_master "/etc/keepalived/master.sh" > /tmp/log` ' +
      'reads `>` as the user to run the script as, so keepalived drops it. `keepalived -t` says nothing about either. (Only ' +
      'a `</path` check, and a script file without a `#!` line, go through /bin/sh.) A line that starts with shell syntax, ' +
      'such as `[[ -f /etc/keepalived/down ]]` or `if`, names no program at all: keepalived finds nothing to run and disables ' +
      'the script. Put the pipeline or the redirection ' +
      'inside the script, or run it with `/bin/sh -c \'…\'`.',
    bad: 'vrrp_script chk_haproxy {\n    script "pidof haproxy | wc -l"\n}\nvrrp_instance VI_1 {\n    notify_master "/etc/keepalived/master.sh" > /var/log/ka.log\n}',
    good: 'vrrp_script chk_haproxy {\n    script "/bin/sh -c \'pidof haproxy | wc -l\'"\n}\nvrrp_instance VI_1 {\n    notify_master "/etc/keepalived/master.sh"\n}',
  },
  check(ctx) {
    for (const s of configuredScripts(ctx.analysis)) {
      const found = shellSyntaxOf(ctx.analysis, s);
      if (!found) continue;
      const { operator, program, words } = found;
      if (found.reservedWord) {
        ctx.report({
          message: reservedWordMessage(s, program, operator),
          file: s.words[0]!.file,
          range: { start: s.words[0]!.range.start, end: s.words[s.words.length - 1]!.range.end },
        });
        continue;
      }
      // Before 2.0.0 keepalived hands a script's command line to system(), so a quoted command goes through /bin/sh -c
      // (1.3.5, live: a '>' in a vrrp_script wrote its file); 2.0.0 runs the program directly (execve).
      if (found.inCommand && compareVersions(ctx.target, EXECVE_SINCE) < 0) {
        ctx.report({
          message: `keepalived ${ctx.target.join('.')} runs this command through /bin/sh -c, so '${operator}' works here; from 2.0.0 keepalived runs '${program}' directly and '${operator}' reaches it as an argument, so the line stops working on upgrade. Do the ${MEANING[operator]?.includes('redirection') ? 'redirection' : 'shell work'} inside the script, or write /bin/sh -c '…'`,
          severity: 'info',
          file: s.words[0]!.file,
          range: { start: s.words[0]!.range.start, end: s.words[s.words.length - 1]!.range.end },
        });
        continue;
      }
      const op = `'${operator}' is not ${MEANING[operator] ?? 'shell syntax'}`;
      let effect = '';
      if (found.inCommand) effect = `: it reaches '${program}' as an argument`;
      else if (!s.userOnLine) effect = `: keepalived runs only '${program}' and drops the unquoted rest of the line ('${words.slice(1).join(' ')}')`;
      if (s.userOnLine && words.length > 1) {
        const [name, group] = [words[1]!, words[2]];
        const impossible = !USER_NAME.test(name) || (group !== undefined && !USER_NAME.test(group));
        const startupOrShutdown = s.node.keyword === 'startup_script' || s.node.keyword === 'shutdown_script';
        const drop = startupOrShutdown
          ? `keepalived drops the script (keepalived: "Invalid ${s.node.keyword.replace('_script', '')} script")`
          : 'keepalived drops the script and only logs it (keepalived -t stays silent)';
        const as = `'${name}' is read as the user${group !== undefined ? ` and '${group}' as the group` : ''} to run the script as${impossible ? `, which cannot exist, so ${drop}` : ''}`;
        effect += effect ? `; ${as}` : `: ${as}`;
      }
      ctx.report({
        message: `keepalived runs '${program}' directly, not through a shell, so ${op}${effect}. Do the ${MEANING[operator]?.includes('redirection') ? 'redirection' : 'shell work'} inside the script, or run it with /bin/sh -c '…'`,
        file: s.words[0]!.file,
        range: { start: s.words[0]!.range.start, end: s.words[s.words.length - 1]!.range.end },
      });
    }
  },
};
