// The formatter and keepalived's line buffer: a line of more than 1022 bytes before its newline (a CR counts) is read
// in pieces of 1023 bytes, each a line of its own before 2.4.0, all but the last dropped from 2.4.0 ("line too long -
// ignoring"), and a line of exactly 1023 bytes brings its newline as an empty piece. Re-indenting such a line, or
// dropping its trailing blanks or its CR, moves the cuts; formatting a line into more than 1022 bytes makes new ones.
// Found by fuzzing fmt at --target-version 2.4.3 (session 61, seed 952: a 2046-byte line that lost its trailing
// blank, so 2.4.3 read its second piece instead of dropping it).

import { describe, expect, it } from 'vitest';
import { format, formatRange, isFormatError, type FormatOptions } from '../server/src/core/format/index.js';
import { releaseBinary, runRelease } from './helpers/releases.js';
import { canMakeNamespaces, runDaemon } from './helpers/daemon-probe.js';

function fmt(text: string, options?: FormatOptions): string {
  const r = format(text, options);
  if (isFormatError(r)) throw new Error(`unexpected format error: ${r.error}`);
  return r.text;
}

const fill = (prefix: string, total: number, suffix = ''): string => prefix + 'x'.repeat(total - prefix.length - suffix.length) + suffix;

/** A canonical config (but for its 2-space indentation) around `inner` lines in the vrrp_instance. */
const wrap = (inner: string[], eol = '\n'): string =>
  ['global_defs {', '  router_id r1', '}', 'vrrp_instance VI_1 {', '  state MASTER', ...inner, '  interface eth0', '  virtual_router_id 51', '  priority 100', '  virtual_ipaddress {', '    192.0.2.1/24', '  }', '}', ''].join(eol);

/** Lines of `length` bytes (before the line ending) of each kind the formatter treats apart. */
function cases(length: number, eol: string): [string, string][] {
  const e = eol === '\n' ? 'LF' : 'CRLF';
  const out: [string, string][] = [];
  for (const trail of ['', ' ', '\t']) {
    const t = JSON.stringify(trail);
    out.push([`statement, trailing ${t}`, wrap([fill('  track_interface { eth0 ', length - trail.length, ' }') + trail], eol)]);
    out.push([`tab-indented string, trailing ${t}`, wrap([fill('\t\tnotify_master "/bin/true ', length - trail.length, '"') + trail], eol)]);
    out.push([`comment, trailing ${t}`, wrap([fill('  # ', length - trail.length) + trail], eol)]);
  }
  out.push(['a glued brace (formatting adds a blank)', wrap([fill('track_interface ', length - 1, '{'), 'eth0', '}'], eol)]);
  out.push(['a glued one-line block', wrap([fill('track_interface{eth0 ', length, '}')], eol)]);
  out.push(['blanks only', wrap([' '.repeat(length)], eol)]);
  out.push(['a definition', fill('$D=', length) + eol + wrap(['  notify_master "/bin/true $D"'], eol)]);
  out.push(['a multi-line definition, its head', [fill('$M=notify_master "/bin/true ', length, '" \\'), '  priority 50', ''].join(eol) + wrap(['  $M'], eol)]);
  out.push(['a multi-line definition, a later line with trailing blanks', ['$M=track_interface { \\', fill('   eth0 ', length - 2, ' \\') + '  ', '  eth1 }', ''].join(eol) + wrap(['  $M'], eol)]);
  out.push(['a ~SEQ line', wrap([fill('  ~SEQ(i, 1, 2) notify_master "/bin/true $i ', length, '"')], eol)]);
  out.push(['an @id line with glued braces', wrap([fill('  @x track_interface{eth0 ', length, '}')], eol)]);
  out.push(['a line indented deeper by the formatter', wrap(['  track_script {', fill('chk_', length), '  }'], eol)]);
  out.push(['the last line, without a newline', wrap([], eol) + fill('  # ', length)]);
  out.push(['the last line, a definition going on', wrap([], eol) + fill('$Z=a ', length - 2, ' \\')]);
  const other = eol === '\n' ? '\r\n' : '\n';
  out.push([`a line ending in ${other === '\n' ? 'LF' : 'CRLF'} only`, wrap([fill('  notify_master "/bin/true ', length - (other.length - 1), '"') + other + '  priority 10'], eol)]);
  return out.map(([name, text]) => [`${name} (${length} bytes, ${e})`, text]);
}

const OPTIONS: FormatOptions[] = [{}, { useTabs: true }, { indentWidth: 8 }];

describe("lines at keepalived's line buffer", () => {
  it('keeps a line longer than the buffer byte for byte: indentation, trailing blanks and line ending', () => {
    const huge = `a {\n   x ${'w'.repeat(1100)}   \n}\n`;
    expect(fmt(huge)).toBe(huge);
    // Seed 952: 2046 bytes with the trailing blank, two full pieces that 2.4.3 drops; 2045 without it, a second piece it reads.
    const line = fill('  virtual_ipaddress { ', 2045) + ' ';
    const text = `vrrp_instance VI_1 {\n${line}\n  192.0.2.100/24\n  }\n}\n`;
    expect(fmt(text).split('\n')[1]).toBe(line);
    // Blanks only: from 2.4.0 keepalived drops the full piece with a message.
    const blanks = `a {\n${' '.repeat(1030)}\n}\n`;
    expect(fmt(blanks)).toBe(blanks);
    // A later line of a multi-line definition keeps its trailing blanks too.
    const def = `$M=a \\\n${fill(' b ', 1030)}   \nc {\n}\n`;
    expect(fmt(def)).toBe(def);
  });

  it('keeps the CR of a line that holds 1022 bytes before it in an LF file; in a CRLF file one without gives up indentation for it', () => {
    // 1022 bytes and a CR are a full piece for keepalived: the newline comes as one more (an empty line), and 2.4.3 drops the piece.
    const cr = fill('  notify_master "/bin/true ', 1022, '"');
    const lfFile = `vrrp_instance VI_1 {\n${cr}\r\n  priority   10\n}\n`;
    expect(fmt(lfFile)).toBe(`vrrp_instance VI_1 {\n${cr}\r\n    priority 10\n}\n`);
    const crlfFile = `vrrp_instance VI_1 {\r\n${cr}\n  priority   10\r\n}\r\n`;
    expect(fmt(crlfFile)).toBe(`vrrp_instance VI_1 {\r\n ${cr.slice(2)}\r\n    priority 10\r\n}\r\n`);
    // Range formatting writes the same line endings.
    const edits = formatRange(lfFile, 0, 3);
    expect(edits.map((e) => e.newText).join('')).toBe(`vrrp_instance VI_1 {\n${cr}\r\n    priority 10\n}\n`);
  });

  it('keeps a line as written when its formatted text would not fit in 1022 bytes, even without indentation', () => {
    // `track_interface xxx{` of 1022 bytes: the blank before the brace would make 1023.
    const glued = fill('track_interface ', 1022, '{');
    const text = `vrrp_instance VI_1 {\n${glued}\neth0\n}\n}\n`;
    expect(fmt(text)).toBe(`vrrp_instance VI_1 {\n${glued}\n        eth0\n    }\n}\n`);
    // One byte less fits: formatted as any other line, its indentation given up to fit.
    const fits = fill('track_interface ', 1021, '{');
    expect(fmt(`vrrp_instance VI_1 {\n${fits}\neth0\n}\n}\n`)).toBe(`vrrp_instance VI_1 {\n${fits.slice(0, -1)} {\n        eth0\n    }\n}\n`);
    // A CRLF file: the CR counts, so 1021 bytes are the most a formatted line may hold.
    const crlf = fill('track_interface ', 1021, '{');
    expect(fmt(`vrrp_instance VI_1 {\r\n${crlf}\r\neth0\r\n}\r\n}\r\n`)).toBe(`vrrp_instance VI_1 {\r\n${crlf}\r\n        eth0\r\n    }\r\n}\r\n`);
  });

  it("keeps the blanks between the words of a line whose `$NAME` substitution may reach the buffer", () => {
    // keepalived substitutes into the line's 1024 bytes and stops where a value does not fit: `priority    $A` stays
    // unsubstituted ("invalid number '$A'"), `priority $A` fits (2.0.19, 2.2.7 and 2.4.3).
    const long = `$A=${'9'.repeat(1012)}\nvrrp_instance VI_1 {\n  priority    $A\n}\n`;
    expect(fmt(long)).toBe(`$A=${'9'.repeat(1012)}\nvrrp_instance VI_1 {\n    priority    $A\n}\n`);
    // A `{` the formatter would join to it counts too, and a `$` inside a string is substituted as well.
    const joined = `$A=${'9'.repeat(1000)}\nvrrp_instance VI_1 {\n  notify_master   "/bin/echo $A"\n  {\n  }\n}\n`;
    expect(fmt(joined)).toBe(`$A=${'9'.repeat(1000)}\nvrrp_instance VI_1 {\n    notify_master   "/bin/echo $A"\n    {\n    }\n}\n`);
    // Short values, or names no definition gives a value: formatted as any other line.
    expect(fmt('$A=12\nvrrp_instance VI_1 {\n  priority    $A  $B\n}\n')).toBe('$A=12\nvrrp_instance VI_1 {\n    priority $A $B\n}\n');
    // A name the formatter cannot follow (an included file may define it; keepalived's own ${_PWD}): no bound.
    expect(fmt('include x.conf\nvrrp_instance VI_1 {\n  priority    $B\n}\n')).toBe('include x.conf\nvrrp_instance VI_1 {\n    priority    $B\n}\n');
    expect(fmt('vrrp_instance VI_1 {\n  notify_master   ${_PWD}/x\n}\n')).toBe('vrrp_instance VI_1 {\n    notify_master   ${_PWD}/x\n}\n');
  });

  it('is idempotent on lines of 1019 to 1030 and 2044 to 2047 bytes, and never writes a line past the buffer that was not one', () => {
    for (const length of [1019, 1020, 1021, 1022, 1023, 1024, 1025, 1030, 2044, 2045, 2046, 2047]) {
      for (const eol of ['\n', '\r\n']) {
        for (const [name, text] of cases(length, eol)) {
          for (const options of OPTIONS) {
            const once = fmt(text, options);
            expect(fmt(once, options), `${name} ${JSON.stringify(options)}`).toBe(once);
            // Every output line of more than 1022 bytes (its CR counted) is a line of the input, byte for byte.
            const inputLines = new Set(text.split('\n'));
            for (const l of once.split('\n')) if (Buffer.byteLength(l) > 1022) expect(inputLines.has(l), `${name}: ${l.slice(0, 40)}…`).toBe(true);
          }
        }
      }
    }
  });
});

// keepalived -t must print the same, at the same lines where formatting keeps the line count, for each release at hand.
const RELEASES = ['2.2.7', '2.4.3'].map((v) => [v, releaseBinary(v)] as const);
for (const [version, binary] of RELEASES) {
  describe(`keepalived ${version} reads the formatted file as the original`, () => {
    const reason = binary ? '' : ` (skipped: no keepalived ${version} build)`;
    it.runIf(!!binary)(`lines of 1022, 1023 and 2046 bytes of every kind, LF and CRLF${reason}`, () => {
      const view = (text: string, withLines: boolean) =>
        runRelease(binary!, text)
          .messages.map((m) => `${withLines ? (m.line ?? '-') : ''} ${m.message}`)
          .sort();
      let compared = 0;
      for (const length of [1022, 1023, 2046]) {
        for (const eol of ['\n', '\r\n']) {
          for (const [name, text] of cases(length, eol)) {
            const once = fmt(text);
            if (once === text) continue;
            const withLines = once.split('\n').length === text.split('\n').length;
            expect(view(once, withLines), name).toEqual(view(text, withLines));
            compared++;
          }
        }
      }
      expect(compared).toBeGreaterThan(80);
    });

    it.runIf(!!binary)(`lines whose \`$NAME\` substitution reaches the buffer, with more blanks or fewer${reason}`, () => {
      const view = (text: string) => runRelease(binary!, text).messages.map((m) => `${m.line ?? '-'} ${m.message}`);
      const body = (line: string) => ['vrrp_instance VI_1 {', '  state MASTER', '  interface eth0', '  virtual_router_id 51', line, '  virtual_ipaddress {', '    192.0.2.1/24', '  }', '}', ''].join('\n');
      for (const v of [1008, 1010, 1012, 1014]) {
        for (const line of [`  priority    $A`, `  priority  \${A}   # c`, `  notify_master    "/bin/echo $A"`, `  @x notify_master    "/bin/echo $A"`]) {
          const text = `$A=${'9'.repeat(v)}\n` + body(line);
          expect(view(fmt(text)), `${v}: ${line}`).toEqual(view(text));
        }
      }
    });
  });
}

describe('the running daemon reads the formatted file as the original (SIGUSR1 dump)', () => {
  const binary = releaseBinary('2.4.3');
  const run = !!binary && canMakeNamespaces();
  // A comment filling a full piece, then `priority 50` and blanks to 2046 bytes: 2.4.3 drops both pieces and keeps
  // priority 100; without the trailing blanks (fmt before session 62) it read the second piece: priority 50.
  const line = fill('  #', 1023).replace(/x/g, 'c') + 'priority 50' + ' '.repeat(2046 - 1023 - 11);
  const text = ['global_defs {', '  router_id r1', '}', 'vrrp_instance VI_1 {', '  state MASTER', '  interface eth0', '  virtual_router_id 51', '  priority 100', line, '  virtual_ipaddress {', '    192.0.2.1/24', '  }', '}', ''].join('\n');

  it.runIf(run)(`keepalived 2.4.3 keeps priority 100 in both${run ? '' : ' (skipped: no 2.4.3 build, or no network namespaces)'}`, async () => {
    const formatted = fmt(text);
    expect(formatted).not.toBe(text);
    const priority = (dump: string) => /^\s*Priority = (\d+)/m.exec(dump)?.[1];
    expect(priority((await runDaemon(text, binary!, { dump: true, seconds: 2 })).dump)).toBe('100');
    expect(priority((await runDaemon(formatted, binary!, { dump: true, seconds: 2 })).dump)).toBe('100');
  }, 60_000);
});
