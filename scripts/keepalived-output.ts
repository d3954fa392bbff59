// Splits what `keepalived -t` prints on stderr into messages. One parser for the scripts and the
// tests that compare kalint with keepalived (the differential test, the mutation fuzzer, the
// schema tests), so they cannot drift apart in what they call a located message.

export interface PrintedMessage {
  /**
   * The file as keepalived names it (relative to its run directory); undefined when it names none:
   * keepalived omits the name while only the main file has been read.
   */
  file?: string;
  /** 1-based line, when keepalived gave one. */
  line?: number;
  message: string;
}

// `(FILE: Line N) text` when several files are involved (`(FILE:N) text` before 2.1.4), `(Line N) text` while only the main file is.
// FILE may be empty: 2.2.x take a line starting '#' in their copy of the configuration for the start of
// an included file named by what follows its second character (a '\#' line, KA116), and name it so.
// The `s` flag: a message may quote a carriage return or U+2028 from the config (`Invalid smtp server 1.2.3.4<CR> 25`),
// which `.` alone does not match; without it such a located message was taken for an unlocated one.
const LOCATED = /^\((?:(.*?): )?Line (\d+)\) (.*)$/s;
/** Before 2.1.4 an included file is named `(FILE:N)`. */
const LOCATED_OLD = /^\(([^\s()]*[./][^\s()]*):(\d+)\) (.*)$/s;

/**
 * Messages keepalived 2.4 prints while reading a line it then drops, before counting that line: they name the line
 * before it (none for the first line).
 */
const NAMES_LINE_BEFORE = /^(?:configuration appears to have embedded NULs - ignoring line|line too long - ignoring)$/;

/**
 * keepalived's stderr as messages, blank lines dropped. With `joinIndented`, an indented line
 * continues the message before it (keepalived prints some explanations on a second line).
 */
export function parseKeepalivedStderr(stderr: string, options: { joinIndented?: boolean } = {}): PrintedMessage[] {
  const out: PrintedMessage[] = [];
  for (const raw of stderr.split('\n')) {
    const text = raw.replace(/\r$/, '');
    if (!text.trim()) continue;
    const m = LOCATED.exec(text) ?? LOCATED_OLD.exec(text);
    const body = m ? m[3]! : text;
    if (options.joinIndented && /^\s/.test(body) && out.length) {
      out[out.length - 1]!.message += ` ${body.trim()}`;
      continue;
    }
    if (NAMES_LINE_BEFORE.test(body)) {
      out.push({ file: m?.[1], line: m ? Number(m[2]) + 1 : 1, message: body });
      continue;
    }
    out.push(m ? { file: m[1], line: Number(m[2]), message: body } : { message: body });
  }
  return out;
}
