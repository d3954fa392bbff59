// Dispatches keyword lines the way keepalived does: each keyword is looked up among those valid in
// the current block; value blocks swallow lines until their `}`; an unknown keyword's `{` is
// *not* skipped (keepalived reads the inner lines at the enclosing level and the inner `}` closes
// the enclosing block). The result is the AST plus the schema diagnostics.

import type { LostBlock, PartlyUnread } from '../model/model.js';
import { hasLookalike, replaceLookalikes, showLookalikes, showUnseen, describeLookalikes, latinForHomoglyphs, describeHomoglyphs } from '../syntax/lookalikes.js';
import type { Diagnostic, Severity } from '../diagnostics.js';
import type { Range } from '../syntax/cst.js';
import {
  argIn,
  argsIn,
  argOptionalIn,
  requiredArgCount,
  availableIn,
  clampedIn,
  compareVersions,
  CONFIG_TEST_SINCE,
  configErrorsCounted,
  findChild,
  looseReadingIn,
  parseVersion,
  contextName,
  invalidSetsIn,
  repeatIn,
  schema,
  type ArgSpec,
  type Context,
  type KeywordSpec,
  type Version,
} from '../schema/schema.js';
import { AstNode, BlockNode, StoreWord, ValueLine, type Word } from './ast.js';
import { Kind, type TokenStore } from '../syntax/lexer.js';
import { lastLineRange } from '../syntax/parser.js';
import { INCLUDE_CHECK, INCLUDE_CHECK_WORDS, lateLineFeature, lineFeatures } from '../syntax/lines.js';
import { BRACES_SPLIT_SINCE, pieceEndAfter, type LineSink } from './reader.js';
import { type ValueProblem, blankOnly, checkArg, clampedNumber, readUnsigned, DAEMON_READS_LEADING_SINCE, daemonPrefix, daemonLeadingNote, daemonLeadingNumber, FIXED_POINT_TIMERS_SINCE, describeRange, dnsNameRefused, fullLengthPrefix, globalMcastGroupRefused, isCheckedArgType, looselyRead, numberSurelyValid, outsideRange, parseDecimal, parseInteger, sockaddrAddress, sockaddrFamily, canonicalAddress, sockaddrIgnoredPart, strtodValue, strtolLeading } from './values.js';
import { editDistance, suggest, suggestAbbreviated } from './suggest.js';
import { BFD_NAME_MAX, blockSkipped, PORT_RANGE_CHECKED_SINCE, SERVER_ADDRESS_CHECKED_SINCE, SERVER_METHOD_PER_SERVER_SINCE, sorryServerKept, zeroPortRefused } from './skips.js';
import RENAMED from '../schema/renamed.json';
import { configLineUses, DOLLARLESS_DEFINITION } from './dollarless.js';
import { valueEntryStarts } from './value-entries.js';
import { forkNote, forkOfKeyword } from '../schema/forks.js';
import { ALL_BFD_PROCESSES, BFD_PROCESS, BFD_PROCESS_NAMES, BfdProcesses, bfdLineReader, CHECKER_PROCESS, VRRP_PROCESS } from './bfd-processes.js';

/** The keywords renamed.json names (for "did you mean" an old keyword). */
const RENAMED_KEYWORDS: readonly string[] = Object.keys(RENAMED).filter((k) => k !== '_comment');
/** Guesses kept per block kind: a file of random words would otherwise keep one for each. */
const GUESSES_KEPT = 10_000;

/** Blocks keepalived skips entirely unless they have exactly one name word (syntax.md §11). */
const EXACTLY_ONE_NAME = new Set(['vrrp_instance', 'vrrp_sync_group', 'track_group']);

/**
 * Named blocks whose second definition keepalived drops ("… already defined"). For the others
 * (vrrp_script, virtual_server_group…) it keeps both and name lookups find the first.
 */
/** The line a tracked object's block needs; keepalived removes the block at its end without one with a value. */
export const REQUIRED_DEFINITION_LINE: Readonly<Record<string, string>> = { vrrp_script: 'script', track_file: 'file', vrrp_track_file: 'file', vrrp_track_process: 'process' };
/** 1.3.6 (37bef174) removes a vrrp_script without a command; before it the block stays. */
export const SCRIPTLESS_SCRIPT_REMOVED_SINCE: Version = [1, 3, 6];
/** From 1.3.7 a virtual_server_group without entries is removed when its block ends (server-facts' REMOVED_SINCE). */
const EMPTY_VSG_REMOVED_SINCE: Version = [1, 3, 7];
/** Address lines whose unreadable value also unsets the address an earlier line set (inet_stosockaddr; check_api.c, vrrp_parser.c). */
const ADDRESS_CLEARED_BY_INVALID: ReadonlySet<string> = new Set(['connect_ip', 'bindto', 'unicast_src_ip', 'mcast_src_ip', 'mcast_dst_ip']);
const DUPLICATE_BLOCK_IGNORED = new Set(['vrrp_instance', 'vrrp_sync_group', 'track_group', 'bfd_instance']);

/** From 2.2.8 (its end handlers) a vrrp_sync_group or track_group without members is removed when its block ends. */
const GROUPS_REMOVED_AT_END: ReadonlySet<string> = new Set(['vrrp_sync_group', 'track_group']);
const GROUPS_REMOVED_AT_END_SINCE: Version = [2, 2, 8];

/** Whether a (finished) sync group or track_group block names members: its first group block has an entry. */
function hasGroupMembers(block: AstNode): boolean {
  for (let i = 0, kids = block.children; i < kids.length; i++) if (kids[i]!.keyword === 'group') return (kids[i]!.values?.length ?? 0) > 0;
  return false;
}

/**
 * Which of keepalived's processes read each top-level keyword at startup (2.2.7: global_parser.c,
 * vrrp_parser.c, check_parser.c, bfd_parser.c, track_file.c): the parent reads global_defs, the
 * VRRP process the vrrp blocks, the checker the LVS blocks; bfd_instance and track_file have
 * several readers. Every other process skips the block by counting braces.
 */
const PARENT = 1, VRRP = 2, CHECKER = 4, BFD = 8;
const READERS: Record<string, number> = {
  global_defs: PARENT, instance: PARENT, net_namespace: PARENT, net_namespace_ipvs: PARENT, namespace_with_ipsets: PARENT,
  use_pid_dir: PARENT, linkbeat_use_polling: PARENT, child_wait_time: PARENT,
  track_group: VRRP, static_ipaddress: VRRP, static_routes: VRRP, static_rules: VRRP, vrrp_sync_group: VRRP, garp_group: VRRP,
  linkbeat_interfaces: VRRP, vrrp_instance: VRRP, vrrp_script: VRRP, vrrp_track_process: VRRP, interface_up_down_delays: VRRP,
  SSL: CHECKER, virtual_server_group: CHECKER, virtual_server: CHECKER,
  track_file: VRRP | CHECKER, vrrp_track_file: VRRP | CHECKER, bfd_instance: VRRP | CHECKER | BFD,
};

/**
 * Whether keepalived's parent process reads the lines of the top-level block `keyword` (global_defs and the
 * top-level keywords it handles; an unknown keyword too, which it reports), rather than only its VRRP, checker
 * or BFD process. From 2.2.0 (CONF_COPY_SINCE) those processes read the parent's de-commented copy of the file
 * and so read some lines otherwise (a `\#` inside a line, a `\` followed by a blank at its end).
 */
export function parentReadsBlock(keyword: string): boolean {
  const readers = READERS[keyword];
  return readers === undefined || !!(readers & PARENT);
}

/** Whether token `i` is a quoted brace, `"{"` or `"}"` (a string token of 3 characters around a brace). */
function quotedBraceAt(store: TokenStore, i: number): boolean {
  if (store.kinds[i] !== Kind.String || store.end(i) - store.starts[i]! !== 3) return false;
  const c = store.src.text.charCodeAt(store.starts[i]! + 1);
  return c === 123 || c === 125;
}

/** Whether a token of a line is a quoted brace (asked only inside skipped blocks). */
function quotedBraceWithin(store: TokenStore, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (quotedBraceAt(store, i)) return true;
  return false;
}

/** What KA203 says for each `without_args` value of the keyword table. */
/** Keywords whose words keepalived reads in any order (see Walker.checkAnyOrder). */
/** White space C's isspace() sees, which keepalived's number readers skip before a number. */
const LEADING_WHITE = /^[ \t\n\v\f\r]+/;
const ANY_ORDER: ReadonlySet<string> = new Set(['init_file', 'garp_extra_if', 'vmac_garp_intvl', 'vrrp_garp_extra_if', 'vrrp_vmac_garp_intvl']);

/** First release whose url `status_code` takes ranges and several codes (and may be bare). */
/**
 * Releases that crash when the file ends while the process reading a block is inside it: 2.1.4 and
 * 2.1.5 built from their tags exit 139 under -t on a file ending inside a block, with its '{' or
 * without one (`global_defs` then `router_id a` as the last lines, or a last line
 * `virtual_server 192.0.2.1 80`); a '{' never closed that opened no block (`router_id a {` in a
 * closed global_defs, or alone at the top level) they only report (exit 4), though the processes
 * skipping the block still count it. 2.1.3 and 2.2.0 report a missing '}' and exit 4 and 5.
 */
const MISSING_BRACE_CRASH: [Version, Version] = [[2, 1, 4], [2, 2, 0]];

/** Releases that run a skipped vrrp_instance's end handler when the file ends inside it (see endsOnUncreatedInstance). */
const UNCREATED_INSTANCE_END_HANDLED: [Version, Version] = [[2, 2, 0], [2, 2, 8]];
const UNCREATED_INSTANCE_END = "; keepalived skipped this vrrp_instance, yet releases before 2.2.8 still run its end-of-block checks when the file ends inside it, on an instance that was never created (no vrrp_instance was read before it): undefined behaviour, and keepalived may crash (2.2.7 -t aborted with \"free(): invalid next size\")";
/**
 * Releases whose next reading of the file inherits the skip a process was still in at its end:
 * from 2.0.8 the config test reads the file for the parent, checker, VRRP and BFD processes in turn
 * in one process (and a started keepalived's children inherit the parent's reading), and init_data
 * reset the skip count only from 2.0.20 (commit d58dc785). On a file ending inside a vrrp_instance,
 * 2.0.8 to 2.0.19 -t print only "There are 1 missing '}'s or extra '{'s": the VRRP reading skips
 * from the top of the file and reads none of it (the 2.0.7 and 2.1.0 builds report the instance's own errors).
 */
const SKIP_LEFT_OVER: [Version, Version] = [[2, 0, 8], [2, 0, 20]];
/**
 * Releases whose VRRP and checker processes begin their reading with the skip the parent's reading was left in:
 * lib/parser.c keeps the skip count in a file-level static that nothing resets, the parent reads the file first
 * (read_config_file, from 1.2.24, for net_namespace and instance) and skips every block there (before 2.0.0 even
 * global_defs), and the children it forks then read the file with that count. On a file ending inside a block the
 * 1.3.5 build prints nothing and its VRRP and checker dumps hold no instance and no virtual server. From 1.4.3
 * (bd0c3566, "Report and handle missing '}'s in config files") read_conf_file ends with the skip reset.
 */
const PARENT_SKIP_INHERITED: [Version, Version] = [[1, 2, 24], [1, 4, 3]];
/**
 * Releases that log "WARNING - N missing '}'(s) in the config file(s)" from each process still skipping at the end
 * of its reading, and reset the skip (bd0c3566, 1.4.3; 2.0.8's count of braces, 915bda47, replaced it). A log
 * message only: the 2.0.7 config test writes no log message (vlog_message returns under CONFIG_TEST_BIT).
 */
const MISSING_BRACE_WARNED: [Version, Version] = [[1, 4, 3], [2, 0, 8]];
/** The first release whose config test (-t) drops log messages rather than starting the daemon (see MISSING_BRACE_WARNED). */
const TEST_DROPS_LOG_SINCE: Version = [2, 0, 7];
/**
 * The first release with "invalid number '…'" (lib/parser.c's read_unsigned and the other number readers of 2.0.7):
 * before, each handler says what it says of a value it cannot read (1.3.5: "(VI_1): Priority not valid! …",
 * "persistent_timeout invalid"), or nothing, so KA205's quote of it is left out there.
 */
const INVALID_NUMBER_SAID_SINCE: Version = [2, 0, 7];
const INVALID_NUMBER_QUOTE = ' (keepalived: invalid number)';
/**
 * The first release that checks its braces balance (commit 915bda47): 2.0.7 -t says nothing about a
 * '{' never closed and ends the block at the end of the file, as later releases also do.
 */
const MISSING_BRACE_CHECK_SINCE: Version = [2, 0, 8];
/** Words after a value list's keyword are reported from 2.1.0 (e1117ef7: "Block X has extra parameters"); before, ignored silently. */
const VALUE_BLOCK_EXTRA_WORDS_REPORTED_SINCE: Version = [2, 1, 0];
/**
 * From 2.1.0 (f4238f91) the checker process reads a virtual_server_group's entries from a copy of its
 * line with the name's slot left empty, so words after the name other than '{' make the "Block … has
 * extra parameters" report read that empty slot: "Configuration line starting `***MISSING ***` is
 * missing a parameter at word position 1", and keepalived stops (the 2.1.5 to 2.4.3 builds; 2.0.19
 * says nothing).
 */
const VSG_EXTRA_WORDS_STOP_SINCE: Version = [2, 1, 0];
/**
 * From 2.1.0 keepalived looks a garp_group's interfaces up when its `interfaces` block ends, and reports one that
 * cannot exist there ("WARNING - interface 2001:db8::1 specified for garp_group doesn't exist" at the '}' line; before,
 * the report garbles and stops keepalived, see KA371).
 */
const GARP_INTERFACES_CHECKED_AT_END_SINCE: Version = [2, 1, 0];
/** checkArg's finding for an interface name over 15 bytes, whose "ignores it" a garp_group's lookup makes "finds no such interface". */
const OVERLONG_IFNAME_IGNORED = /^(interface name '.*' is \d+ bytes; Linux allows at most 15), keepalived ignores it$/s;
/**
 * Before 1.4.5 a block a handler skips (a nameless vrrp_instance…) ends only the skipping: the lines after its
 * '}' are read at the block's own level until a '}' ends that (4904d3ce, "Fix handling of skip_block() with
 * keyword sublevels", made the skip return to the level around).
 */
const SKIP_ENDS_BLOCK_SINCE: Version = [1, 4, 5];
/** keepalived warns of an empty notification_email block from 1.4.4 (before, its handler just reads no address). */
const EMPTY_EMAIL_WARNED_SINCE: Version = [1, 4, 4];
/**
 * Before 2.1.4 a message keepalived gives where a file ends names the last line it read (its line count); later
 * releases give it without a line.
 */
const END_OF_FILE_LINE_NAMED_BEFORE: Version = [2, 1, 4];
/** Releases that print "There are N missing '}'s…" with the line keepalived stopped at: the last line of the main file. */
const MISSING_BRACE_AT_LAST_LINE: [Version, Version] = [[2, 0, 8], [2, 1, 4]];
/** A UDP_CHECK hex string ending in byte ff is rejected from 2.2.0 (when payload came) until 2.3.3. */
const HEX_LAST_FF_REJECTED: [Version, Version] = [[2, 2, 0], [2, 3, 3]];
/**
 * From this release (516032ec) keepalived runs a keyword's handler only while the object it configures exists:
 * the lines of a block its handler refused, read for want of a '{' to skip (reportSkipWithoutBrace), configure
 * nothing. Before, they changed the block of that kind read before, or memory that is not one.
 */
const UNMADE_BLOCK_IGNORED_SINCE: Version = [2, 2, 8];
/** The first virtual_server refused for its address, with no '{': a crash from 2.0.7 until 2.2.8 (reportSkipWithoutBrace). */
const VS_SKIP_WITHOUT_BRACE_CRASH: [Version, Version] = [[2, 0, 7], [2, 2, 8]];
/** `virtual_server fwmark` or `virtual_server group` without its word: 2.0.7 to 2.4.3 built from their tags exit 139 under -t. */
const VS_MISSING_WORD_CRASH_SINCE: Version = [2, 0, 7];
/**
 * The port of a virtual_server and of a virtual_server_group entry may be left out from 2.0.7 (eb08c93a); before,
 * their handlers read the second word unconditionally (strvec_slot): without one keepalived exits ("missing a parameter").
 */
export const VS_PORT_OPTIONAL_SINCE: Version = [2, 0, 7];
/** From this release (4b269f81) keepalived reports a url's second regex ("Duplicate regex specified"); before, it replaced it silently. */
export const DUPLICATE_REGEX_REPORTED_SINCE: Version = [2, 2, 8];
/** A word keepalived's read_unsigned (strtoul, base 10) takes whole: a '+' sign may lead ('+80' is port 80). */
const UNSIGNED_WORD = /^\+?\d+$/;
const STATUS_CODE_LISTS_SINCE: Version = [2, 0, 17];
/** From 2.0.7 to 2.0.16 a url's one status code is checked (100-999) and a bad one reported and ignored. */
const STATUS_CODE_CHECKED_SINCE: Version = [2, 0, 7];
const IPTABLES_FALLS_BACK_TO_NFTABLES_SINCE: Version = [2, 2, 2];
/**
 * Before 2.1.4 keepalived reads an included file as a stream of its own at the level of the keyword
 * block around the include: inside a value block (`virtual_ipaddress`, `track_script`, …) its lines
 * are looked up as keywords of that block, so an address there is an "Unknown keyword" (2.0.9 to 2.1.3
 * checked; 2.1.4 reads them as values).
 */
const INCLUDE_IN_VALUE_BLOCK_SINCE: Version = [2, 1, 4];
/**
 * bfd_instance `min_rx`, `min_tx` and `idle_tx` take decimals of a millisecond from 2.2.0 on; before,
 * whole milliseconds only (2.0.19 and 2.1.5 built from their tags: `idle_tx 1285.2` prints "invalid
 * number '1285.2'" and "… idle_tx value 1285.2 is not valid …, ignoring").
 */
const BFD_DECIMAL_MS_SINCE: Version = [2, 2, 0];
/** A notification_email value block that holds no address. */
function isEmptyEmailBlock(frame: Frame): boolean {
  return frame.kind === 'values' && !frame.node.values?.length && frame.node.keyword === 'notification_email';
}

/** Whether a value block holds a word keepalived reads (an empty one leaves its setting unset). */
function hasValueWords(block: AstNode): boolean {
  const lines = block.values;
  if (lines) for (let i = 0; i < lines.length; i++) if (lines[i]!.argCount > 0) return true;
  return false;
}

/** Whether the token after a word read as written is a '{' (the line opens a block; the reader hands it over apart). */
function braceFollows(word: Word): boolean {
  if (!(word instanceof StoreWord)) return false;
  const next = word.index + 1;
  return next < word.store.count && word.store.kinds[next] === Kind.LBrace;
}

/** A quick fix writing the word a KA205 message names instead (`6s` → `6`); none on substituted words. */
function replacementFix(p: ValueProblem, word: Word): Partial<Diagnostic> | undefined {
  // The word as written may already be the replacement when keepalived reads more than it (a '\\' ending a comment
  // after it joins the next line: `PASS   # PASS or AH\\` reads 'PASS\\'): no fix that changes nothing.
  if (p.replacement === undefined || word.expanded) return undefined;
  const written = word.quoted ? undefined : word.text.slice(0, word.end - word.start);
  if (written === p.replacement) return undefined;
  return { fix: { description: `Replace with '${p.replacement}'`, edits: [{ file: word.file, range: word.range, newText: p.replacement }] } };
}

/** How keepalived reads a server's port (inet_stosockaddr: an unsigned in 1..65535, errors ignored). */
/** How alloc_vs reads a virtual server's fwmark (read_unsigned, 0 to 2^32-1). */
const FWMARK_READ: ArgSpec = { name: 'fwmark', type: 'unsigned', min: 0, max: 4294967295 };
const SERVER_PORT_READ: ArgSpec = { name: 'port', type: 'port' };

const BFD_MS_KEYWORDS: ReadonlySet<string> = new Set(['min_rx', 'min_tx', 'idle_tx']);


/** The checks of checkKeyword that only some keywords get (bits of specialChecks). */
/** Other software's names for the roles, and keepalived's: primary/secondary, active/passive, slave. */
const ROLE_WORDS: ReadonlyArray<[RegExp, string]> = [
  [/primary/i, 'master'],
  [/secondary|slave|standby/i, 'backup'],
];

/** keepalived's keyword for `name` written with another word for a role (`notify_primary`: 'notify_master'), if `known`. */
/** A checker's keyword (`TCP_CHECK`, `HTTP_GET`), or a word written like one. */
const CHECKER_WORD = /^[A-Z0-9]+_(?:CHECK|GET)$/i;
/** keepalived's checker for a protocol named in a checker-like word (`HTTPS_CHECK` → SSL_GET). */
const CHECKER_FOR: Readonly<Record<string, string>> = {
  http: 'HTTP_GET', https: 'SSL_GET', ssl: 'SSL_GET', tls: 'SSL_GET', icmp: 'PING_CHECK', ping: 'PING_CHECK',
  tcp: 'TCP_CHECK', udp: 'UDP_CHECK', smtp: 'SMTP_CHECK', dns: 'DNS_CHECK', misc: 'MISC_CHECK', file: 'FILE_CHECK', bfd: 'BFD_CHECK',
};

function roleSynonym(name: string, known: (keyword: string) => boolean): string | undefined {
  for (const [re, ours] of ROLE_WORDS) {
    if (!re.test(name)) continue;
    const meant = name.replace(re, (w) => (w === w.toUpperCase() ? ours.toUpperCase() : ours));
    if (meant !== name && known(meant)) return meant;
  }
  return undefined;
}

const Special = { iptables: 1, anyOrder: 2, bfdTimer: 4, statusCode: 8, udpHex: 16, serverPort: 32, includeCheck: 64 } as const;

function specialOf(spec: KeywordSpec): number {
  const name = spec.name;
  let bits = 0;
  if (name === 'vrrp_iptables' && spec.path[0] === 'global_defs') bits |= Special.iptables;
  if (ANY_ORDER.has(name)) bits |= Special.anyOrder;
  if (spec.path[0] === 'bfd_instance' && BFD_MS_KEYWORDS.has(name)) bits |= Special.bfdTimer;
  if (name === 'status_code') bits |= Special.statusCode;
  if ((name === 'payload' || name === 'require_reply') && spec.path[spec.path.length - 1] === 'UDP_CHECK') bits |= Special.udpHex;
  if ((name === 'real_server' || name === 'sorry_server') && spec.path.length === 1) bits |= Special.serverPort;
  if (name === 'include_check') bits |= Special.includeCheck;
  return bits;
}

/** specialOf by keyword serial, made on first use: asked for every keyword line of a file. */
let specialBySerial: Uint8Array | undefined;
function specialChecks(spec: KeywordSpec): number {
  if (!specialBySerial) {
    const all = schema().all;
    specialBySerial = new Uint8Array(all.length);
    for (const s of all) if (s.serial >= 0 && s.serial < all.length) specialBySerial[s.serial] = specialOf(s);
  }
  const serial = spec.serial;
  return serial >= 0 && serial < specialBySerial.length ? specialBySerial[serial]! : specialOf(spec);
}
const wholeMsArgs = new WeakMap<ArgSpec[], ArgSpec[]>();
/** The arguments of a bfd_instance timer as a target before 2.2.0 reads them: whole milliseconds. */
function wholeMilliseconds(args: ArgSpec[]): ArgSpec[] {
  let out = wholeMsArgs.get(args);
  if (!out) wholeMsArgs.set(args, (out = args.map((a) => (a.type === 'decimal' ? { ...a, type: 'unsigned' as const, decimals: undefined } : a))));
  return out;
}

/**
 * Whether checkArgs may pass an enum argument written as one of its values without its text: no
 * length limit, and no reading of it that a release changes (checkArg then has nothing to say).
 */
function plainEnum(a: ArgSpec): boolean {
  return a.values !== undefined && a.values_since === undefined && a.max_length === undefined && a.clamped === undefined && a.loose === undefined && a.fraction_since === undefined && a.decimals_since === undefined;
}

/** The words keepalived's check_true_false reads as false. */
const OFF_WORDS = new Set(['off', 'false', 'no']);

/** Value blocks that list tracked objects by name: a '{' in one is read as a name (see `open`). */
const TRACKED_NAME_LISTS = new Set(['track_script', 'track_file', 'track_process', 'track_bfd']);
/** Words that mean "off" after a flag keyword whose handler reads no value at all. */
const FLAG_OFF_WORDS = new Set(['off', 'false', 'no', '0', 'disable', 'disabled']);

type MissingArgumentEffect = NonNullable<KeywordSpec['without_args']>;

/**
 * What KA203 says for each `without_args` value of the keyword table, for release `target`. The
 * keywords that crash 2.2.7 (bfd_instance, neighbor_ip) read a word past the end of the line
 * (vector_slot), so what a release does depends on what its memory holds there: the 2.2.4, 2.2.7,
 * 2.2.8, 2.3.0, 2.3.4 and 2.4.3 builds crash; the 2.1.5 build stops reading ("missing a parameter"),
 * 2.0.19 stops on a bare bfd_instance and crashes on a bare neighbor_ip, 2.0.10 crashes on both.
 */
/**
 * Whether the rest of the line after `word` opens a double quote it does not close (outside a comment). A word read
 * from a piece of a long line (a SourceWord, not expanded) is looked up in its file's text, and the line ends where
 * the piece does (`pieceCuts`).
 */
function quoteLeftOpen(word: Word, sourceOf?: (file: string) => string | undefined, pieceCuts?: (file: string) => readonly number[] | undefined): boolean {
  if (word.expanded) return false;
  const store = word instanceof StoreWord;
  const text = store ? word.store.src.text : sourceOf?.(word.file);
  if (text === undefined) return false;
  let end = text.indexOf('\n', word.end);
  if (end < 0) end = text.length;
  const pieceEnd = pieceEndAfter(pieceCuts?.(word.file), word.end, end);
  // Other words not expanded come from lines with references, whose quotes are the substitution's (KA105 there).
  if (!store && pieceEnd === end) return false;
  end = pieceEnd;
  let quoted = false;
  for (let i = word.end; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) break;
    if (c === 34 /* " */ && text.charCodeAt(i - 1) !== 92 /* \ */) quoted = !quoted;
    else if (!quoted && (c === 35 /* # */ || c === 33 /* ! */)) break;
  }
  return quoted;
}

/** What keepalived 2.2.7 makes of a regex_max_offset line it cannot read (a bad value, none, or more than one). */
const REGEX_MAX_OFFSET_ZERO = 'keepalived -t says nothing, and the running daemon only logs it and sets the maximum offset to 0: the regex then matches only at the very start of the page, so the check fails on most pages';

function missingArgumentEffect(kind: MissingArgumentEffect, target: Version, label: string): [Severity, string] {
  switch (kind) {
    case 'stops':
      return ['error', STOPS_HERE];
    case 'ignored':
      return ['error', 'keepalived reports the line and goes on without it'];
    case 'accepted':
      return ['warning', `keepalived ${label} does not report this line`];
    case 'crashes':
      return compareVersions(target, PAST_THE_LINE_CRASHES_SINCE) >= 0
        ? ['error', `keepalived ${label} crashes on this line (a segmentation fault, also in keepalived -t: it reads a word past the end of the line)`]
        : ['error', `keepalived ${label} reads a word past the end of this line: it crashes here (a segmentation fault, also in keepalived -t) or exits here with a configuration error, depending on what its memory holds`];
  }
}
/**
 * Script lines whose handler reads the raw line again for its quotes and escapes (2.0.6 on) and never looks at the
 * words: with a quote left open that reading fails, keepalived logs "Unable to parse notify script" and goes on
 * without the script (2.2.7: rc 5, later lines still checked), where the bare keyword stops it.
 */
const REREAD_SCRIPT_LINES: ReadonlySet<string> = new Set(['notify', 'notify_master', 'notify_backup', 'notify_fault', 'notify_stop', 'notify_deleted', 'notify_master_rx_lower_pri', 'notify_up', 'notify_down', 'quorum_up', 'quorum_down']);
const SCRIPT_LINE_REREAD_SINCE: Version = [2, 0, 6];
const NOTIFY_QUOTE_LEFT_OPEN = 'keepalived reads the line again for its quotes, reports that the quote is never closed and goes on without this script';
/** The first release whose builds all crashed on a keyword line reading a word past its end (missingArgumentEffect). */
const PAST_THE_LINE_CRASHES_SINCE: Version = [2, 2, 0];
/**
 * A line keepalived's reading process cannot go past (null_strvec): it logs "missing a parameter" and exits, and the
 * parent process then stops keepalived ("exited with permanent error CONFIG. Terminating"; -t returns 2 on 2.2.7).
 */
const STOPS_HERE = 'keepalived exits here with a configuration error: it does not run at all';
/** What releases before `null_command_crashes_before` do with a bare script keyword (reportMissing looks for it). */
const NULL_COMMAND_KEPT = 'keeps a script with no name';
/** What releases from a `without_args_silent_before` on do with the line, for KA203's warning before it. */
const LATER_RELEASES_DO: Record<MissingArgumentEffect, string> = {
  stops: 'exit here with a configuration error',
  ignored: 'report it',
  accepted: 'say nothing either',
  crashes: 'crash here',
};

/**
 * What to write instead of a keyword of another block, where that block's meaning does not carry over
 * (`ip_family inet6` in a vrrp_instance, seen on a pasted config, where `native_ipv6` was meant).
 */
const MISPLACED_HINTS: Record<string, string> = {
  'vrrp_instance ip_family': "; a vrrp_instance takes its address family from its addresses, and 'native_ipv6' makes it IPv6",
};

/**
 * A keyword of another block written where a keyword of this one was meant (block name, word → this block's
 * keyword): the instance's router id is its virtual_router_id, a password is auth_pass, a checker's timeout is its
 * connect_timeout (the missed-mistakes audit of session 60: KA202 had sent users to global_defs, SSL and vrrp_script).
 */
const MEANT_HERE: Record<string, string> = {
  'vrrp_instance router_id': 'virtual_router_id',
  'authentication password': 'auth_pass',
  'HTTP_GET timeout': 'connect_timeout',
  'SSL_GET timeout': 'connect_timeout',
  'TCP_CHECK timeout': 'connect_timeout',
  'SMTP_CHECK timeout': 'connect_timeout',
  'DNS_CHECK timeout': 'connect_timeout',
  'UDP_CHECK timeout': 'connect_timeout',
  'PING_CHECK timeout': 'connect_timeout',
};

/** This block's keyword one edit away from `name` (`interfaces` → `interface`), when exactly one is. */
function nearKeywordHere(ctx: Context, name: string): string | undefined {
  let found: string | undefined;
  for (const k of ctx.childMap.keys()) {
    if (Math.abs(k.length - name.length) > 1 || editDistance(name, k, 1) > 1) continue;
    if (found !== undefined) return undefined;
    found = k;
  }
  return found;
}

/** Arguments read by index without making a word array: an AstNode, or a ValueLine. */
interface ArgList {
  readonly argCount: number;
  argText(i: number): string | undefined;
  argWord(i: number): Word;
  /** The value of argument i when it is a plain unquoted number, else -1. */
  argDigits(i: number): number;
  /** The item of `values` argument i is written as (a plain word), else undefined. */
  argOneOf(i: number, values: readonly string[]): string | undefined;
}

/** A virtual_server's address, as checkArg reads it. */
const VS_ADDRESS: ArgSpec = { name: 'address', type: 'ipaddr' };

/** What a handler that stops at its first bad value (after_invalid 'stops') does with the line. */
function stopsEffect(args: ArgList, at: number, silently = false): string {
  const rest = wordsOf(args, at + 1).map((w) => w.text);
  const unread = rest.length ? ` ('${rest.join(' ')}' goes unread)` : '';
  return `; keepalived reads no further${unread} and ignores the line${silently ? ' without a word' : ''}`;
}

/** For a word whose second part lost its blank (`10.0.0.1:8080`, `fwmark1`): how to write it. */
function glued(text: string): string {
  const m = /^(\d{1,3}(?:\.\d{1,3}){3}):(\d+)$/.exec(text) ?? /^(fwmark)(\d+)$/.exec(text);
  return m ? ` (to keepalived '${text}' is one word: write '${m[1]} ${m[2]}')` : '';
}

function wordsOf(args: ArgList, from: number): Word[] {
  const out: Word[] = [];
  for (let i = from; i < args.argCount; i++) out.push(args.argWord(i));
  return out;
}

interface Frame {
  node: AstNode;
  /** 'values': lines are values; 'keywords': lines are sub-keywords; 'skip': keepalived skips the block unread. */
  kind: 'keywords' | 'values' | 'skip';
  /** Where this block's children start in the walker's `childStack`. */
  childStart: number;
  /** Unique per open block: the walker's duplicate check marks keywords seen with it. */
  stamp: number;
  /** A skipped block whose '}' also ends the block around it (see `repeatedGroupList`). */
  closesParent?: boolean;
  /** A block whose lines configure nothing: no keyword handler runs in it (see UNMADE_BLOCK_IGNORED_SINCE). */
  unmade?: boolean;
  /**
   * Unknown keywords of this block given a did-you-mean far from the word (`dpdk_interface` →
   * `interface`): if the block sets that keyword on a later line, the guess names something else and
   * is taken back when the block closes.
   */
  farGuesses?: { diagnostic: Diagnostic; serial: number; plain: string }[];
  /** A value block opened without its '{' has met a '{' among its values, which stands in for it (KA103). */
  lateBraceRead?: boolean;
}

export interface WalkerOptions {
  target: Version;
  targetLabel: string;
  /** Note the findings made outside every block (`emittedAtTopLevel`): analyze's reading as keepalived's parent process needs them. */
  notesTopLevelFindings?: boolean;
}

/** When a keyword came: 'added in 2.3.0', or for one only in keepalived's development sources, no release yet. */
function addedIn(since: string | undefined): string {
  const unreleased = /^unreleased \(after v?([\d.]+)\)$/.exec(since ?? '');
  return unreleased ? `added after ${unreleased[1]}, in no release yet` : `added in ${since}`;
}

export class Walker implements LineSink {
  readonly root: AstNode;
  readonly diagnostics: Diagnostic[] = [];
  /**
   * Findings made while the processes that skip global_defs skip on past its end (see `swallow`), so that only the
   * parent process reads the lines: for a file the parent reads otherwise (KA115), `analyze` keeps those its own
   * parent reading has.
   */
  readonly whileGlobalDefsSkipped = new Set<Diagnostic>();
  /**
   * With `notesTopLevelFindings`, the findings made while no block was open: on a line a definition expands, the words
   * after the '}' that ends a block share the block's place in the text, and only when they were read tells them apart.
   */
  readonly emittedAtTopLevel: Set<Diagnostic> | undefined;
  /**
   * With `notesTopLevelFindings`, the findings made while the processes that skip a top-level block only keepalived's
   * parent does not read (a vrrp_instance, a virtual_server) skip on past its end (see `swallow`), and those on the '}'
   * that ends such skipping: the parent is one of those processes, and reads none of these lines.
   */
  readonly whileParentSkipsOn: Set<Diagnostic> | undefined;
  /** Set while findings are made on a '}' that ends such skipping (see whileParentSkipsOn). */
  private parentSkipEnding = false;
  /** The '}' that ended such skipping: findings on it belong with them. */
  private swallowEnd: { file: string; offset: number } | undefined;
  /**
   * Top-level blocks keepalived read and then lost (from 2.2.8, a group ended by a repeated `group` list), each
   * with where it would have stood among the root's children: their lines were checked as they were read.
   */
  readonly lostBlocks: LostBlock[] = [];
  /** The bodies (file offsets from, to) of blocks keepalived skips by their braces (see noteUnreadBody), in reading order. */
  readonly unreadBodies: { file: string; start: number; end: number }[] = [];
  private stack: Frame[];
  /**
   * Children of the open blocks, innermost last. A block gets its children array, at its exact
   * size, when it closes: growing one array per block by push left spare capacity and garbage.
   */
  private childStack: AstNode[] = [];
  /**
   * Repeated blocks keepalived reads because it removed the block of that name before each (from 2.2.8 a sync
   * group or track_group without members), with that block.
   */
  private rereads: Map<AstNode, AstNode> | undefined;
  /** Which of keepalived's processes read and keep each bfd_instance block (made at the first one). */
  private bfd: BfdProcesses | undefined;
  /** A block keyword whose `{` has not been seen yet. */
  private pending: AstNode | undefined;
  /** The pending block is one keepalived skips (a vrrp_instance without exactly one name…). */
  private pendingSkip = false;
  /** A keyword line without its argument that stops keepalived, until the next event: a '{' after it is the user's block. */
  private stoppedBareKeyword: { node: AstNode; diagnostic: Diagnostic } | undefined;
  /** Set by checkArgs when keepalived drops the whole line for its extra words (extra_words 'ignored'). */
  private droppedLine = false;
  /** The line is a bare keyword the target ignores without a word: it sets nothing, but still repeats an earlier line. */
  private ignoredBareLine = false;
  /** KA205 findings on values keepalived reports and still uses (they set what they say: KA211 treats them as settings). */
  private readonly reportedButUsed = new WeakSet<Diagnostic>();
  /** The line being checked for repeats has such a value (KA211 then does not call its use silent). */
  private lineReportedButUsed = false;
  /** Setting lines whose value keepalived reports and does not take (KA205 errors): a later line replaces no value of theirs. */
  private readonly rejectedSettings = new WeakSet<AstNode>();
  /** What keepalived's include_check line has set, read by the reader at each include (see includeChecksAfter). */
  private includeChecks = 0;
  /**
   * Where each of keepalived's processes (READERS bits) stopped at a keyword line without its argument:
   * it reads no line after it. The parent stops before it starts the others, so its stop is theirs too.
   */
  private readonly stops = new Map<number, { file: string; line: number }>();
  /** Top-level virtual_server blocks read so far (a refused one without '{' crashes only as the first). */
  private virtualServersRead = 0;
  /** A KA104 saying keepalived crashes where this braceless skipped block ends, until that end or a stop before it. */
  private crashAtClose: { node: AstNode; diagnostic: Diagnostic } | undefined;
  /** Set with `pendingSkip` when the block's own handler asked for the skip (not when no process reads it). */
  private pendingSkippedByHandler = false;
  /** vrrp_instance and vrrp_sync_group blocks read so far (see skippedInstance). */
  private instancesRead = 0;
  private syncGroupsRead = 0;
  /** The last virtual_server read, and the last real_server read in it (the tails a skipped server's level sets). */
  private lastVirtualServer: AstNode | undefined;
  private lastRealServer: AstNode | undefined;
  /**
   * A nameless vrrp_instance or vrrp_sync_group whose block a target before SKIP_ENDS_BLOCK_SINCE skipped, before
   * any block of its kind was read: that release reads the lines after the block's '}' as the block's keywords.
   */
  private skippedInstance: AstNode | undefined;
  /** A block skipped from the line after its header (see skipsFromNextLine): the line after its '}' gets "Missing '{'". */
  private skipFromNextLine: AstNode | undefined;
  /** Set while the first line after that block is still to come. */
  private missingBraceAfterSkip = false;
  /** The block of the kind of `skippedInstance` read last before it, whose keywords those lines then set (none: the crash). */
  private skippedTail: AstNode | undefined;
  /**
   * A block whose header keepalived read as an unknown keyword at a skipped block's level (a repeated vrrp_instance
   * right after a repeated one): keepalived never skipped it, and at its '}' returns to the level around.
   */
  private headerAtSkippedLevel: Word | undefined;
  /** Such a header at the top level of a block of a kind only that process reads: the block is never created (see afterSkippedInstance). */
  private lostHeader: Word | undefined;
  /** Virtual servers (before 1.3.7) whose family a real_server set, and those with a real_server kept (see oldUnreadableRealServer). */
  private readonly rsFamilySet = new WeakSet<AstNode>();
  private readonly rsKept = new WeakSet<AstNode>();
  /** What a target before 1.3.7 does with the real_server just read whose address it cannot read. */
  private oldRealServer: 'kept' | 'previous' | 'crash' | undefined;
  /**
   * The skipped block whose level's reading (see skippedInstance) a '}' ended while kalint's blocks were still
   * open: the VRRP process reads the lines up to the end of those blocks at the top level.
   */
  private vrrpAtTop: AstNode | undefined;
  /** The pending skipped block ends its enclosing block at its '}' (see `repeatedGroupList`). */
  private pendingClosesParent = false;
  /** Opening braces (file and offset) of blocks a repeated group list ended early. */
  private endedEarly = new Set<string>();
  /** Every '{' not yet matched by a '}', counted the way keepalived counts them. */
  private rawOpen: Word[] = [];
  /** The block depths the included files being read as streams of their own started at (see beginIncludedStream). */
  private streamFloors: number[] = [];
  /** Findings about a value block's entries that keepalived makes when the block ends, held until its '}' (see checkValueLine). */
  private atBlockEnd = new Map<AstNode, Diagnostic[]>();
  /**
   * For each such stream, the value block (`virtual_ipaddress { }`…) it was included in, set aside while it is read:
   * keepalived reads the file as keywords of the block around the value block (undefined: none).
   */
  private streamValues: (Frame | undefined)[] = [];
  /** The '}' that ended the innermost such stream, until the reader asks. */
  private streamEndedBy: Word | undefined;
  /**
   * The rest of a stream a '}' ended (see close): the process reading the block no longer reads it, but the
   * processes skipping the top-level block by its braces (at their top level, where a '}' ends nothing) do.
   */
  private ownerStopped = false;
  /** Opening braces (file and offset) of blocks that ended with the included file they were opened in. */
  private endedAtFileEnd = new Set<string>();
  /** The last unknown keyword, to explain the `{` that follows it. */
  private lastUnknown: Word | undefined;
  /** Names of instance blocks per kind (vrrp_instance names must be unique). */
  private instanceNames = new Map<string, Map<string, AstNode>>();
  /**
   * Duplicate detection without a map per block: by keyword serial, the stamp of the block it was
   * last set in and its node. A keyword belongs to one context, and no block nests in a block of
   * its own kind, so an open block's marks are never overwritten by an inner one.
   */
  private readonly seenStamp: Int32Array;
  private readonly seenNode: (AstNode | undefined)[];
  private nextStamp = 1;
  /**
   * The one stamp of all blocks of a 'merge' keyword (global_defs, an instance's authentication)
   * within one parent block, by keyword serial: `seenStamp` holds the parent's stamp for these
   * keywords (checkDuplicate leaves them alone), so no map of (parent, keyword) pairs is needed.
   * The parent is the one open block of its kind, so a later parent never comes back to an earlier one.
   */
  private readonly mergeStamp: Int32Array;
  /**
   * keepalived reads the file once per process (parent, VRRP, checker, BFD); each process skips
   * the top-level blocks it does not use by counting braces. The open top-level block's skipping
   * ends when fewer than this many '{' are open.
   */
  private rootRawDepth = 0;
  /**
   * Set while a block without its '{' (this node) has made the processes that skip the open
   * top-level block lose count: they read these lines at the top level.
   */
  private otherPassesAtTop: AstNode | undefined;
  /**
   * A block the other processes opened at the top level (see reportOtherPasses), while they read `otherPassesAtTop`'s
   * lines there: the brace count before its '{', and whether that '{' came.
   */
  private othersBlock:
    | {
        cause: AstNode;
        base: number;
        opened: boolean;
        spec: KeywordSpec;
        read: boolean;
        /** The block keyword of a line right before, whose '{' the reading process now needs. */
        awaitsBrace: KeywordSpec | undefined;
        /**
         * The keyword block the reading process is in at each brace depth below the block's own (index 0 is
         * depth base + 2); undefined where it is not in one it reads keywords of (a value block, or a '{' it ignores).
         */
        nested: (KeywordSpec | undefined)[];
        /**
         * A notification_email block the reading process opened in it, by its level in `nested`: empty until a word
         * comes (keepalived warns of an empty one at its '}', as in a block it reads where it should).
         */
        email: { level: number; empty: boolean } | undefined;
      }
    | undefined;
  /** The block whose '{' is missing most recently, the cause reported with those lines. */
  private bracelessBlock: AstNode | undefined;
  /** The last line (file and line) that got a finding for the other processes. */
  private otherPassesLine = '';
  /** The finding made for otherPassesLine by otherPassesAtTop, which later words of that line add to. */
  private otherPassesFinding: { at: string; diagnostic: Diagnostic; said: string[] } | undefined;
  /** The '}' word that ended the other processes' skipping of the top-level block early (see countedBrace). */
  private extraClose: Word | undefined;
  /** Why the owning process does not take `extraClose` as a brace, when countedBrace said (an escaped comment line). */
  private extraCloseWhy: string | undefined;
  /**
   * Quoted braces read in the open top-level block, '{' minus '}': the processes that skip the block
   * compare every word with the braces, quotes dropped, so they count them; read_line's count of
   * missing braces (rawOpen) does not.
   */
  private quotedNet = 0;
  /** The last quoted '}' counted in quotedNet. */
  private lastQuotedClose: Word | undefined;
  /** The quoted '{' counted in quotedNet that no quoted '}' after them balances, first first. */
  private readonly quotedOpens: Word[] = [];
  /** The counted '}' in the open top-level block that found no '{' open ("Extra '}'"): rawOpen.length does not go below zero. */
  private rawDeficit = 0;
  /** The source text last asked about and whether it holds a quoted brace at all (most do not: their lines are not scanned). */
  private quotedBraceSrc: object | undefined;
  private quotedBraceHeld = false;
  /** The last '{' keepalived ignored ("Unexpected '{'") inside the open top-level block. */
  private ignoredOpen: Word | undefined;
  /** Places (file, offset) of every counted '{' that opened no block. */
  private readonly ignoredBraces = new Set<string>();
  /** The same braces, in reading order (see noteBraceCascades). */
  readonly ignoredBraceWords: Word[] = [];
  /**
   * Set when a top-level block closed with an ignored '{' or a quoted '"{"' inside it still unmatched: the
   * processes that skip that block count it, so they skip on past its end, over the top-level blocks only
   * they read, until the brace words they count (quoted or not) bring `level` back to zero. For a quoted
   * one, `finding` is the error on it, finished (`lost` named) when the skipping ends or the file does.
   */
  private swallow: { block: AstNode; level: number; brace: Word; finding?: Diagnostic; lost: AstNode[] } | undefined;
  /** Blocks found never read that way. */
  private swallowedNodes = new Set<AstNode>();
  /** Blocks with two readers of which only one skips on past them that way (see PartlyUnread). */
  readonly partlyUnread = new Map<AstNode, PartlyUnread>();
  /**
   * Lines keepalived ignores because the block already set their setting and the first one wins (`notify_master`,
   * `lvs_sync_daemon`, a track_file's `weight`…: KA209 reports them). The model and the rules skip them, for they
   * never run or count.
   */
  readonly ignoredRepeats = new Set<AstNode>();

  /** Which undefined `${NAME}` reference (as written) covers a word, if any: set by the reader. */
  private referenceAt: ((file: string, offset: number) => string | undefined) | undefined;

  lookUpReferencesWith(lookup: (file: string, offset: number) => string | undefined): void {
    this.referenceAt = lookup;
  }

  /** The text of a file as written: set by the reader. */
  private sourceOf: ((file: string) => string | undefined) | undefined;

  readSourceWith(lookup: (file: string) => string | undefined, pieceCuts?: (file: string) => readonly number[] | undefined): void {
    this.sourceOf = lookup;
    this.pieceCutsOf = pieceCuts;
  }

  /** Where keepalived cuts a file's long lines into pieces (SourceFile.pieceCuts): set by the reader. */
  private pieceCutsOf: ((file: string) => readonly number[] | undefined) | undefined;

  /**
   * The line number (1-based) of the indented line before `word`'s line when that line ends with a
   * comment and `word` starts an unindented line: the tail of a comment wrapped onto a line of its own
   * (text copied from a PDF or a narrow page: `priority 50 #定义优先级…` then `master 的优先级…`).
   */
  private wrappedCommentBefore(word: Word): number | undefined {
    if (word.range.start.column !== 0 || word.expanded) return undefined;
    const text = this.sourceOf?.(word.file);
    if (text === undefined || word.start < 1) return undefined;
    const end = text[word.start - 1] === '\n' ? word.start - 1 : -1;
    if (end < 0) return undefined;
    const before = text.slice(text.lastIndexOf('\n', end - 1) + 1, end).replace(/\r$/, '');
    if (!/^[ \t]+\S/.test(before)) return undefined;
    // A '#' or '!' after a value, outside quotes.
    let quoted = false;
    for (let i = 0; i < before.length; i++) {
      const c = before[i]!;
      if (c === '"') quoted = !quoted;
      else if (!quoted && (c === '#' || c === '!') && /\S/.test(before.slice(0, i))) return word.range.start.line;
    }
    return undefined;
  }

  /** Whether the target reads a brace touching a word as part of it (before BRACES_SPLIT_SINCE): such words reach the walker whole. */
  private readonly bracesGlued: boolean;
  /** The last unquoted '{' keepalived's count does not see (one a comment follows, in 2.0.8). */
  private lastUncountedOpen: Word | undefined;
  /** Whether the target counts braces as it reads them ("Extra '}' found", from MISSING_BRACE_CHECK_SINCE). */
  private readonly countsBraces: boolean;
  /** Whether the target has the message "invalid number" (INVALID_NUMBER_SAID_SINCE) that KA205 quotes. */
  private readonly saysInvalidNumber: boolean;

  constructor(private readonly options: WalkerOptions) {
    this.emittedAtTopLevel = options.notesTopLevelFindings ? new Set() : undefined;
    this.whileParentSkipsOn = options.notesTopLevelFindings ? new Set() : undefined;
    this.bracesGlued = compareVersions(options.target, BRACES_SPLIT_SINCE) < 0;
    this.countsBraces = compareVersions(options.target, MISSING_BRACE_CHECK_SINCE) >= 0;
    this.saysInvalidNumber = compareVersions(options.target, INVALID_NUMBER_SAID_SINCE) >= 0;
    this.root = new BlockNode(undefined, undefined, []);
    this.stack = [{ node: this.root, kind: 'keywords', childStart: 0, stamp: this.nextStamp++ }];
    const keywords = schema().all.length;
    this.seenStamp = new Int32Array(keywords);
    this.mergeStamp = new Int32Array(keywords);
    this.seenNode = new Array(keywords).fill(undefined);
  }

  private report(code: string, severity: Severity, message: string, file: string, range: Range, extra?: Partial<Diagnostic>): void {
    if (code === 'KA205' && !this.saysInvalidNumber && message.includes(INVALID_NUMBER_QUOTE)) message = message.replace(INVALID_NUMBER_QUOTE, '');
    // A word with a hidden character (no-break space…) is quoted with it shown as <U+00A0>.
    const d: Diagnostic = { code, severity, message: showUnseen(message), file, range, ...extra };
    this.diagnostics.push(d);
    if (this.emittedAtTopLevel && this.stack.length === 1) this.emittedAtTopLevel.add(d);
    if (this.whileParentSkipsOn) {
      const skipped = this.swallow && !((READERS[this.swallow.block.keyword] ?? 0) & PARENT);
      if (skipped || this.parentSkipEnding) this.whileParentSkipsOn.add(d);
    }
    const end = this.swallowEnd;
    if (this.swallow?.block.keyword === 'global_defs' || (end && end.file === file && end.offset === range.start.offset)) this.whileGlobalDefsSkipped.add(d);
  }

  private top(): Frame {
    return this.stack[this.stack.length - 1]!;
  }

  tokens(store: TokenStore, from: number, to: number): void {
    if (this.ownerStopped) return this.readBySkippingOnly(new StoreWord(store, from), to - from - 1);
    if (quotedBraceAt(store, from) || quotedBraceAt(store, to - 1) || (this.stack.length > 1 && this.holdsQuotedBraces(store) && quotedBraceWithin(store, from, to))) {
      // Rare: read word by word (see words()).
      const words: Word[] = new Array(to - from);
      for (let i = from; i < to; i++) words[i - from] = new StoreWord(store, i);
      this.words(words, store.src.path);
      return;
    }
    if (this.pending || this.otherPassesAtTop) {
      const first = new StoreWord(store, from);
      this.openPendingWithoutBrace(first);
      if (this.otherPassesAtTop) this.reportOtherPasses(first, to - from - 1);
    }
    const frame = this.top();
    if (frame.kind === 'skip') {
      if (this.inSkippedAfterSkipped()) this.afterSkippedInstance(new StoreWord(store, from), store.src.path);
      return;
    }
    if (this.skippedInstance) this.afterSkippedInstance(new StoreWord(store, from), store.src.path);
    else if (this.vrrpAtTop) this.atTopForVrrp(new StoreWord(store, from));
    if (frame.kind === 'values') {
      const outer = this.includedIntoValues(frame, store.src.path);
      if (outer) {
        const words: Word[] = new Array(to - from);
        for (let i = from; i < to; i++) words[i - from] = new StoreWord(store, i);
        this.includedValueLine(frame, outer, words, store.src.path);
        return;
      }
      const line = ValueLine.fromTokens(store, from, to - from);
      (frame.node.values ??= []).push(line);
      this.checkValueLine(frame.node, line);
      return;
    }
    // The keyword is looked up without making word objects: most lines are known keywords.
    const parentSpec = frame.node.spec;
    const childCtx: Context = parentSpec ?? schema().root;
    const spec = store.kinds[from] === Kind.String ? undefined : findChild(childCtx, store.src.text, store.starts[from]!, store.end(from));
    if (!spec || !availableIn(spec, this.options.target)) {
      const words: Word[] = new Array(to - from);
      for (let i = from; i < to; i++) words[i - from] = new StoreWord(store, i);
      this.keywordLine(frame, words, store.src.path);
      return;
    }
    this.lastUnknown = undefined;
    this.addKeyword(frame, spec, AstNode.fromTokens(spec, store, from, to - from - 1));
  }

  /**
   * Adds a keyword's node to the open block and checks it. A block keepalived skips (see
   * EXACTLY_ONE_NAME) is checked for its own line only and stays out of the tree: keepalived never
   * reads its body.
   */
  private addKeyword(frame: Frame, spec: KeywordSpec, node: AstNode): void {
    if (this.swallow && this.stack.length === 1 && this.swallowed(spec, node)) return;
    if (frame.unmade) {
      // No handler runs, so nothing is checked. A keyword block is still entered (its lines are looked up, the
      // unknown ones reported); a value list's handler would have read its lines itself, so without it its '{'
      // is unexpected and its lines are keywords here, up to its '}', which ends this block (2.2.8, 2.4.3).
      this.adopt(frame, node);
      if (spec.block === 'keywords') {
        this.pending = node;
        this.pendingSkip = false;
        this.pendingSkippedByHandler = false;
        this.pendingClosesParent = false;
      }
      return;
    }
    // A repeated bfd_instance read by some processes only: a line only the others handle is read by none.
    if (this.bfd !== undefined && frame.node.keyword === 'bfd_instance' && this.bfdLineUnread(frame.node, spec.name)) {
      this.adopt(frame, node);
      return;
    }
    const repeatedGroup = this.repeatedGroupList(frame, spec, node);
    let unread = (spec.block !== null && EXACTLY_ONE_NAME.has(spec.name) && node.argCount !== 1) || (spec.block !== null && blockSkipped(spec.name, node, this.options.target)) || repeatedGroup;
    this.oldRealServer = undefined;
    if (spec.name === 'real_server' && frame.node.keyword === 'virtual_server' && compareVersions(this.options.target, SERVER_ADDRESS_CHECKED_SINCE) < 0) {
      const dropped = this.oldUnreadableRealServer(frame.node, node);
      unread = unread && dropped;
    }
    // A second vrrp_instance/vrrp_sync_group/track_group/bfd_instance of one name: reported (KA209), then skipped.
    const skipped = unread || (spec.block !== null && this.ignoredDuplicate(spec, node));
    if (skipped) {
      node.parent = frame.node;
      if (spec.name === 'real_server') frame.node.noteSkippedServer(unread && this.daemonReadsServer(node));
    } else this.adopt(frame, node);
    if (spec.name === 'vrrp_instance' && !skipped) this.instancesRead++;
    else if (spec.name === 'vrrp_sync_group' && !skipped) this.syncGroupsRead++;
    else if (spec.name === 'virtual_server' && !skipped) {
      this.lastVirtualServer = node;
      this.lastRealServer = undefined;
    } else if (spec.name === 'real_server' && !skipped && frame.node.keyword === 'virtual_server') this.lastRealServer = node;
    this.checkKeyword(node, unread);
    this.oldRealServer = undefined;
    if (spec.block) {
      this.pending = node;
      this.pendingSkip = skipped;
      this.pendingSkippedByHandler = skipped && spec.block === 'keywords' && !repeatedGroup;
      this.pendingClosesParent = repeatedGroup;
    }
  }

  /**
   * Before 1.3.7 (d98f07ce) alloc_rs does not look at what inet_stosockaddr returns: a real_server address it
   * cannot read leaves the server's family unset. Where the virtual server has no family yet (`group`, `fwmark`,
   * an unreadable address, and no real_server block before: each one's end sets IPv4) the server is kept; otherwise keepalived reports
   * the families' mismatch and drops the server but not its block, whose lines then set the real_server read
   * before, and with none before the checker process crashes (a 1.3.5 build with IPv6 IPVS; one without it
   * skips the block as IPv6 instead). Returns whether the block is left unread (its server dropped).
   */
  private oldUnreadableRealServer(vs: AstNode, node: AstNode): boolean {
    const a0 = node.argText(0);
    if (a0 === undefined) return false;
    if (sockaddrFamily(a0) !== undefined) {
      this.rsFamilySet.add(vs);
      this.rsKept.add(vs);
      return false;
    }
    const vsA0 = vs.argText(0);
    const vsFamily = (vsA0 !== undefined && vsA0 !== 'group' && vsA0 !== 'fwmark' && sockaddrFamily(vsA0) !== undefined) || this.rsFamilySet.has(vs);
    // The end of every real_server block sets a virtual server without a family to IPv4 (1.3.5 installs the
    // virtual_server's end handler on the real_server level).
    this.rsFamilySet.add(vs);
    if (!vsFamily) {
      this.rsKept.add(vs);
      this.oldRealServer = 'kept';
      return false;
    }
    this.oldRealServer = this.rsKept.has(vs) ? 'previous' : 'crash';
    return true;
  }

  /**
   * A second `group` list in a vrrp_sync_group or track_group: keepalived 2.2.7 reports it ("Group
   * list already specified") and asks its parser to skip the block; the skipped block's '}' then
   * also ends the group around it (lib/parser.c returns a level when a skip ends inside a block),
   * so what follows is read at the top level. Checked with the binary.
   */
  private repeatedGroupList(frame: Frame, spec: KeywordSpec, node: AstNode): boolean {
    if (spec.name !== 'group' || spec.block !== 'values') return false;
    const owner = frame.node.keyword;
    if (owner !== 'vrrp_sync_group' && owner !== 'track_group') return false;
    if (this.seenStamp[spec.serial] !== frame.stamp) return false;
    const prev = this.seenNode[spec.serial]!;
    // An empty list sets nothing (keepalived: "has empty group block"), so a later one is read.
    if (!hasValueWords(prev)) {
      this.seenStamp[spec.serial] = -1;
      return false;
    }
    const name = frame.node.argText(0) ?? '';
    this.report(
      'KA209',
      'error',
      `'group' is already set in ${owner} '${name}'; keepalived skips this list, and its '}' also ends the ${owner} block: the lines after it are read at the top level (keepalived: "Group list already specified for sync group ${name}")${
        compareVersions(this.options.target, GROUPS_REMOVED_AT_END_SINCE) >= 0
          ? `. keepalived ${this.options.targetLabel} keeps a ${owner} only when its block ends normally, so '${name}' is lost altogether: ${owner === 'track_group' ? 'references to it are not found' : 'its instances are not synchronised'}, and a later block of that name is read`
          : ''
      }`,
      node.file,
      node.word!.range,
      { related: [{ file: prev.file, range: prev.word!.range, message: 'first set here' }] },
    );
    return true;
  }

  /**
   * A top-level keyword line that the processes still skipping past the end of `swallow.block`
   * never see, when only they read it: reported, and left out of the tree (a block's body is
   * skipped with it).
   */
  private swallowed(spec: KeywordSpec, node: AstNode): boolean {
    const { block, brace } = this.swallow!;
    const readers = READERS[spec.name] ?? 0;
    const blockReaders = READERS[block.keyword] ?? 0;
    if (readers & blockReaders) {
      // Read by a process that reads the skipped block too (a track_file after a vrrp_instance): the tree keeps
      // it, and the model notes which of its other readers never see it.
      const unread = readers & ~blockReaders;
      if (unread & (VRRP | CHECKER)) {
        this.partlyUnread.set(node, { vrrp: (unread & VRRP) !== 0, checker: (unread & CHECKER) !== 0, skipped: block, brace });
        this.swallow!.lost.push(node);
      }
      return false;
    }
    if (!readers) return false;
    node.parent = this.root;
    this.swallowedNodes.add(node);
    this.swallow!.lost.push(node);
    const line = block.range.start.line + 1;
    const where = brace.file === node.file ? `line ${brace.range.start.line + 1}` : `${brace.file}:${brace.range.start.line + 1}`;
    const which = brace.quoted ? `the quoted '"{"' on ${where}, which they take for a '{' (they drop the quotes and compare every word),` : `the '{' it ignored on ${where}`;
    this.report('KA103', 'error', `keepalived never reads this '${spec.name}': its processes skip '${block.keyword}' (line ${line}) by counting braces, and ${which} is never matched, so they skip on past the end of that block and over this one (keepalived -t does not report the ${spec.name} missing)`, node.file, node.word!.range, {
      related: [{ file: brace.file, range: brace.range, message: `this '${brace.quoted ? '"{"' : '{'}' is counted by the processes that skip the block, and never matched` }],
    });
    // True whichever way the parent reads the file: the processes that read this block skip it.
    this.whileGlobalDefsSkipped.delete(this.diagnostics[this.diagnostics.length - 1]!);
    if (spec.block) {
      this.pending = node;
      this.pendingSkip = true;
      this.pendingSkippedByHandler = false;
      this.pendingClosesParent = false;
    }
    return true;
  }

  private ignoredDuplicate(spec: KeywordSpec, node: AstNode): boolean {
    const name = spec.defines && DUPLICATE_BLOCK_IGNORED.has(spec.defines) ? node.argText(0) : undefined;
    if (name === undefined) return false;
    // Each of the three processes reading bfd_instance skips a name it holds (checkDuplicate says which).
    if (spec.defines === 'bfd_instance') return (this.bfd ??= new BfdProcesses(this.options.target)).open(node, name) === 0;
    const names = this.instanceNames.get(spec.defines!);
    const prev = names?.get(name);
    if (!prev) return false;
    // From 2.2.8 a sync group or track_group without members is removed when its block ends, freeing its name.
    if (GROUPS_REMOVED_AT_END.has(spec.defines!) && compareVersions(this.options.target, GROUPS_REMOVED_AT_END_SINCE) >= 0 && !hasGroupMembers(prev)) {
      names!.set(name, node);
      (this.rereads ??= new Map()).set(node, prev);
      return false;
    }
    return true;
  }

  /** Whether no process reading this bfd_instance block reads a line of this keyword (`weight` is the VRRP process's, the session settings the BFD process's). */
  private bfdLineUnread(block: AstNode, keyword: string): boolean {
    const readers = this.bfd!.readings.get(block)?.readers ?? ALL_BFD_PROCESSES;
    return readers !== ALL_BFD_PROCESSES && (readers & bfdLineReader(keyword)) === 0;
  }

  /**
   * A bfd_instance whose name an earlier block took: each process that holds the name skips it, each that
   * dropped its block of that name reads it (BfdProcesses).
   */
  private checkBfdRepeat(node: AstNode, name: string, prev: AstNode): void {
    const bfd = this.bfd!;
    const readers = bfd.readings.get(node)?.readers ?? 0;
    const processes = [BFD_PROCESS, VRRP_PROCESS, CHECKER_PROCESS];
    const lineOf = (n: AstNode) => (n.file === node.file ? `line ${n.range.start.line + 1}` : `line ${n.range.start.line + 1} of ${n.file}`);
    const names = (ps: number[]) => {
      const words = ps.map((p) => BFD_PROCESS_NAMES[p]!);
      return `the ${words.length > 1 ? `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}` : words[0]} process${ps.length > 1 ? 'es' : ''}`;
    };
    const skippers = processes.filter((p) => !(readers & p));
    const readersList = processes.filter((p) => readers & p);
    const related: { file: string; range: Range; message: string }[] = [];
    const holders = new Map<AstNode, number[]>();
    for (const p of skippers) {
      const held = bfd.heldBy(p, name) ?? prev;
      holders.set(held, [...(holders.get(held) ?? []), p]);
    }
    for (const [held, ps] of holders) related.push({ file: held.file, range: held.argWord(0).range, message: `defined here, and kept by ${names(ps)}` });
    const dropClauses: string[] = [];
    for (const p of readersList) {
      const dropped = bfd.droppedBy(p, name);
      const why = dropped && bfd.readings.get(dropped)?.dropped[p];
      if (!dropped || !why) continue;
      dropClauses.push(`${names([p])}, which ${p === BFD_PROCESS ? 'disabled' : 'dropped'} the one on ${lineOf(dropped)} (${why})`);
      related.push({ file: dropped.file, range: dropped.argWord(0).range, message: `dropped here by ${names([p])}` });
    }
    if (!skippers.length) {
      this.report('KA209', 'warning', `bfd_instance '${name}' is defined again: keepalived reads this block as '${name}', for every process dropped the one before it (${dropClauses.join('; ')}); keep one`, node.file, node.argWord(0).range, { related });
      return;
    }
    const quotes = [
      ...(skippers.some((p) => p !== BFD_PROCESS) ? [`"BFD ${name} already specified"`] : []),
      ...(skippers.includes(BFD_PROCESS) ? [`"Configuration error: BFD instance ${name} already configured - ignoring"`] : []),
    ].join(', ');
    const effect = !readersList.length
      ? 'keepalived ignores this whole block'
      : `${names(skippers)} ignore${skippers.length > 1 ? '' : 's'} this whole block (keepalived: ${quotes}), while ${dropClauses.join(' and ')}, read${readersList.length > 1 ? '' : 's'} this one as '${name}'${
          readers & BFD_PROCESS ? '' : readers & VRRP_PROCESS ? ": only its lines' names and its 'weight' are checked, the BFD settings in it are read by no process" : ": only its lines' names are checked, its settings are read by no process"
        }`;
    this.report('KA209', 'error', `bfd_instance '${name}' is already defined; ${effect}`, node.file, node.argWord(0).range, { related });
  }

  /**
   * `notification_email admin@example.com` followed by a keyword of the enclosing block or its '}': the entries
   * written on the keyword's line were plainly meant as the block's. The fix puts them in braces on lines of
   * their own (keepalived before 1.4.2 reads a '{' only as a line's last word), one line per entry where the
   * block reads a line as one entry (`virtual_ipaddress 10.0.0.1/24 10.0.0.2/24`: two lines, see value-entries.ts);
   * the block's own arguments (a virtual_server_group's name) stay on the keyword's line.
   */
  private oneLineValueBlockFix(p: AstNode, next: Word): Partial<Diagnostic> | undefined {
    const kw = p.word;
    if (!(kw instanceof StoreWord) || kw.expanded || p.argCount === 0) return undefined;
    const args = p.args;
    const own = p.spec?.args.length ?? 0;
    if (args.length <= own) return undefined;
    const last = args[args.length - 1]!;
    if (args.some((a) => a.expanded || a.file !== p.file || a.range.start.line !== kw.range.start.line)) return undefined;
    // `virtual_ipaddress ｛` (a full-width brace, a no-break space…) meant the block's own brace: KA704 writes the
    // plain character; wrapping the look-alike in braces would make it an entry, and then a second '{'.
    if (args.some((a) => hasLookalike(a.text))) return undefined;
    const enclosing = this.stack[this.stack.length - 1]!.node.spec ?? schema().root;
    if (next.quoted || (next.text !== '}' && !enclosing.childMap.has(next.text))) return undefined;
    const text = kw.store.src.text;
    let lineStart = kw.range.start.offset;
    while (lineStart > 0 && text[lineStart - 1] !== '\n') lineStart--;
    let indentEnd = lineStart;
    while (text[indentEnd] === ' ' || text[indentEnd] === '\t') indentEnd++;
    const indent = text.slice(lineStart, indentEnd);
    const unit = indent.includes('\t') ? '\t' : '    ';
    const eol = text.includes('\r\n') ? '\r\n' : '\n';
    const words = args.slice(own);
    const starts = (p.spec && valueEntryStarts(p.spec, words.map((w) => w.text))) ?? [0];
    const entries = starts.map((start, i) => text.slice(words[start]!.range.start.offset, words[(starts[i + 1] ?? words.length) - 1]!.range.end.offset));
    const after = own ? args[own - 1]!.range.end : kw.range.end;
    const quoted = entries.map((e) => `'${e}'`);
    return {
      fix: {
        description: entries.length === 1 ? `Put ${quoted[0]} inside '{ }'` : `Put ${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1]} inside '{ }', one entry per line`,
        edits: [{ file: p.file, range: { start: after, end: last.range.end }, newText: ` {${eol}${entries.map((e) => `${indent}${unit}${e}${eol}`).join('')}${indent}}` }],
        safe: true,
      },
    };
  }

  /**
   * keepalived: "Missing '{' at beginning of configuration block", reported on the line it read
   * instead of the '{' (`next`); the lines that follow are still read as the block's body.
   */
  private openPendingWithoutBrace(next: Word): void {
    if (!this.pending) return;
    const p = this.pending;
    this.pending = undefined;
    // A skipped block without its '{' has nothing to skip: the process that owns the keyword reads
    // the lines up to the next '}' as the block's keywords (keepalived 2.2.7 range-checks a repeated
    // vrrp_instance's 'priority 300' and stops at a bare 'protocol' there), the other processes read
    // them at the top level, as after any block without its '{'. A block no process reads (see
    // `swallowed`) and a value list read twice stay as they were.
    let unmade = false;
    let skipBody = false;
    if (this.pendingSkip) {
      if (!this.pendingSkippedByHandler) return;
      skipBody = this.skipsFromNextLine(p);
      if (skipBody) this.reportSkipFromNextLine(p, next);
      else this.reportSkipWithoutBrace(p, next);
      unmade = !skipBody && compareVersions(this.options.target, UNMADE_BLOCK_IGNORED_SINCE) >= 0;
      // Its checkers then belong to the real_server read before it in this virtual_server (KA504, KA517 and KA518 look
      // at them); with none, to memory that is not one: nothing is claimed for them.
      const vs = p.parent;
      const before = this.lastRealServer;
      if (!skipBody && !unmade && p.keyword === 'real_server' && vs?.keyword === 'virtual_server' && before?.parent === vs) vs.noteBracelessServer(p, before);
    } else if (p.spec?.block === 'values') {
      // keepalived only logs this one ("'{' missing from beginning of block", not shown by -t); what it
      // does to the braces after it is reported on those lines.
      const enclosing = this.stack[this.stack.length - 1]!.node;
      const closes = enclosing.keyword ? `, and that '}' then closes '${p.keyword}' instead of '${enclosing.keyword}'` : '';
      this.report('KA104', 'warning', `'${p.keyword}' takes its values inside '{ }', but the next line is not '{': keepalived reads the lines that follow as its values, up to the next '}'${closes}`, p.file, p.range, this.oneLineValueBlockFix(p, next));
    } else {
      this.report('KA104', 'error', `'${p.keyword}' (line ${p.range.start.line + 1}) opens a block, but this line is not its '{' (keepalived: "Missing '{' at beginning of configuration block")`, next.file, next.range, {
        related: [{ file: p.file, range: p.range, message: `'${p.keyword}' needs '{' here` }],
      });
    }
    // The processes that skip this top-level block read this very line at the top level too: its finding
    // above names what they report for it.
    if (this.stack.length === 1 && p.spec?.block !== 'values' && next.text !== '}' && !schema().root.childMap.has(next.text)) {
      const d = this.diagnostics[this.diagnostics.length - 1];
      if (d?.code === 'KA104' && d.range.start.line === next.range.start.line) {
        const said = `Unknown keyword '${next.text}'`;
        d.message += `; keepalived's processes that skip '${p.keyword}' read this line at the top level (keepalived: "${said}")`;
        // What they say of the rest of the line (`authentication { auth_type PASS`: the '{' and 'auth_type') joins it.
        this.otherPassesFinding = { at: `${next.file}\0${next.range.start.line}`, diagnostic: d, said: [said] };
      }
    }
    this.bracelessBlock = p;
    // The processes that skip this top-level block find no '{' to skip: they read its body at the top level
    // (a keyword block's line has its finding already; a value block's finding is on its keyword, so
    // this line is reported too: keepalived -t says "Unknown keyword" for it).
    if (this.stack.length === 1) {
      this.otherPassesAtTop = p;
      this.otherPassesLine = p.spec?.block === 'values' ? '' : `${next.file}\0${next.range.start.line}`;
    }
    // The owning process skips such a block's lines by their braces (see skipsFromNextLine): kalint skips them too.
    this.pushBlock(p, undefined, skipBody);
    if (unmade) this.top().unmade = true;
  }

  /**
   * A block its handler skips (a vrrp_instance or vrrp_sync_group with more than a name…) whose line holds a '{' that
   * is not its last word, before BRACES_SPLIT_SINCE: process_stream takes a '{' as the block's only as the last word,
   * so the owning process reads this one as a word of the line (which gives the block more than a name), and its
   * handler's skip_block counts braces from the next line: the skip ends at the block's own '}', the lines in between
   * are skipped silently, and the block's level then reads the lines after it (beginning with "Missing '{' at
   * beginning of configuration block"), as after a skipped block with its '{' (see skippedInstance). The 1.3.5 build:
   * 'vrrp_sync_group G1 { x' then a group and an instance VI_1: "vrrp_sync_group must have a name - skipping", "Missing
   * '{' at beginning of configuration block", "Unknown keyword 'vrrp_instance'", "Unknown keyword 'state'"… and no
   * VI_1 in its dump; with a nameless vrrp_instance first, it dies on the next instance's 'state'.
   */
  private skipsFromNextLine(p: AstNode): boolean {
    if (!this.bracesGlued) return false;
    for (let i = 0; i < p.argCount; i++) {
      const a = p.argWord(i);
      if (a.text === '{' && !a.quoted) return true;
    }
    return false;
  }

  private reportSkipFromNextLine(p: AstNode, next: Word): void {
    this.report('KA104', 'error', `'${p.keyword}' (line ${p.range.start.line + 1}) is skipped, and keepalived ${this.options.targetLabel} takes no '{' but the last word of that line for its brace: the process that owns '${p.keyword}' skips from this line on by counting braces, so it skips the block's lines up to its '}' without a word, and then reads the lines after that '}' as keywords of the dropped '${p.keyword}' (keepalived: "Missing '{' at beginning of configuration block", on the first of them)`, next.file, next.range, {
      related: [{ file: p.file, range: p.range, message: `'{' must be the last word of this line` }],
    });
    this.skipFromNextLine = p;
  }

  /**
   * A block keepalived's handler refused (no name, a repeated name, a server it cannot read) asks
   * the parser to skip it; with no '{' on its line or alone on the next one there is nothing to
   * skip, and the owning process (lib/parser.c, process_stream) still enters the block: it reports
   * the missing '{' and reads the lines up to the next '}' as the block's keywords, which then act
   * on the last block of that kind read before, or on memory that is not one when there is none
   * (2.2.7 printed a garbage name for a nameless track_group; 2.0.19 crashed on it).
   */
  private reportSkipWithoutBrace(p: AstNode, next: Word): void {
    // The first virtual_server refused this way: 2.0.7 to 2.2.7 built from their tags abort or
    // crash under -t on every such body we tried (after "free(): invalid pointer"); 2.2.8 does not.
    const crashes = this.skippedVsCrashes(p);
    const crash = crashes ? `keepalived ${this.options.targetLabel} crashes at the '}' that ends them, also under keepalived -t` : 'keepalived may crash';
    const effect = compareVersions(this.options.target, UNMADE_BLOCK_IGNORED_SINCE) >= 0
      ? `: it reports the unknown ones, applies none of the others, and reads a value list's lines as keywords too (keepalived: "Missing '{' at beginning of configuration block")`
      : `, changing the previous one, or memory that is not one (${crash}; keepalived: "Missing '{' at beginning of configuration block")`;
    this.report('KA104', 'error', `'${p.keyword}' (line ${p.range.start.line + 1}) is skipped, but this line is not its '{': the process that owns '${p.keyword}' then reads the lines up to the next '}' as keywords of a '${p.keyword}' it never made${effect}`, next.file, next.range, {
      related: [{ file: p.file, range: p.range, message: `'${p.keyword}' needs '{' here` }],
    });
    if (crashes) this.crashAtClose = { node: p, diagnostic: this.diagnostics[this.diagnostics.length - 1]! };
  }

  /** The first virtual_server refused for its address, with no '{', for the releases that crash on it. */
  private skippedVsCrashes(p: AstNode): boolean {
    return p.keyword === 'virtual_server' && this.virtualServersRead === 0 && compareVersions(this.options.target, VS_SKIP_WITHOUT_BRACE_CRASH[0]) >= 0 && compareVersions(this.options.target, VS_SKIP_WITHOUT_BRACE_CRASH[1]) < 0;
  }

  /**
   * keepalived stops reading at a line inside the block `crashAtClose` waits for: it never reaches
   * the '}' where it would crash (checked with the binary: exit 2, no abort). A stop after that '}'
   * comes too late.
   */
  private stopsBeforeCrash(line: number): void {
    const pending = this.crashAtClose;
    if (!pending) return;
    this.crashAtClose = undefined;
    if (!this.stack.some((f) => f.node === pending.node)) return;
    const crash = `keepalived ${this.options.targetLabel} crashes at the '}' that ends them, also under keepalived -t`;
    pending.diagnostic.message = pending.diagnostic.message.replace(crash, `keepalived ${this.options.targetLabel} would crash at the '}' that ends them, but exits at line ${line} first (a configuration error)`);
  }

  /**
   * A line read at the top level by the keepalived processes that skip the open top-level block
   * (see `otherPassesAtTop`): they report it as an unknown keyword, a '{' as unexpected, a '}' as
   * the keyword '}'. One finding per line; top-level keywords are left alone (those processes
   * read them as such).
   */
  private reportOtherPasses(word: Word, argCount = 0): void {
    const cause = this.bracelessBlock ?? this.otherPassesAtTop!;
    // Inside a block they opened at the top level with a keyword they know, the other processes read or skip its
    // lines as that block's: nothing to say about them (their brace count, rawOpen, tells where it ends).
    const inBlock = this.othersBlock;
    if (inBlock && inBlock.cause === cause) {
      const depth = this.rawOpen.length;
      if (depth > inBlock.base) {
        inBlock.opened = true;
        // A block one of them reads as its own: a line in it that is no keyword of the block it is in is reported,
        // right inside or in a keyword block nested in it (`authentication { smtp_connect_timeout 30`: 2.2.7 -t
        // "Unknown keyword 'smtp_connect_timeout'"). A '{' that process ignores leaves what it reads inside unsaid;
        // after a nested block keyword without its '{' it reads on in its own way: nothing more is said.
        const awaited = inBlock.awaitsBrace;
        inBlock.awaitsBrace = undefined;
        const email = inBlock.email;
        if (word.text === '{' && !word.quoted) {
          const level = depth - inBlock.base - 2;
          if (email) email.empty = false; // a '{' inside it is one of its values
          else if (awaited?.name === 'notification_email' && inBlock.read && level >= 0) inBlock.email = { level, empty: true };
          if (level >= 0) {
            inBlock.nested.length = level;
            inBlock.nested.push(awaited?.block === 'keywords' ? awaited : undefined);
          }
          return;
        }
        if (awaited) inBlock.read = false;
        if (word.text === '}' && !word.quoted) {
          // The '}' has been counted: `depth` is the level around the block it ends.
          if (email && depth - inBlock.base - 1 === email.level) {
            inBlock.email = undefined;
            if (email.empty && compareVersions(this.options.target, EMPTY_EMAIL_WARNED_SINCE) >= 0) {
              this.report('KA205', 'warning', `keepalived's processes that skip this '${this.stack[1]?.node.keyword ?? cause.keyword}' block read on at the top level (see line ${cause.range.start.line + 1}), where they opened a '${inBlock.spec.name}' block; this '}' ends the 'notification_email' block they read in it, with no address (keepalived: "Warning - empty notification_email block")`, word.file, word.range, {
                related: [{ file: cause.file, range: cause.range, message: 'where they started reading at the top level' }],
              });
            }
          }
          return;
        }
        if (email) email.empty = false;
        const spec = depth === inBlock.base + 1 ? inBlock.spec : inBlock.nested[depth - inBlock.base - 2];
        if (!spec) return;
        const child = word.quoted ? undefined : spec.childMap.get(word.text);
        if (child?.block) inBlock.awaitsBrace = child;
        if (inBlock.read && !word.quoted && child === undefined) this.otherPassesInBlock(word, inBlock.spec, cause, spec);
        return;
      }
      this.othersBlock = undefined;
      if (inBlock.opened) return; // the '}' that ends it
    } else this.othersBlock = undefined;
    const at = `${word.file}\0${word.range.start.line}`;
    if (at === this.otherPassesLine) {
      this.otherPassesAlsoSay(at, word);
      return;
    }
    const text = word.text;
    // A top-level keyword of a later release is an unknown keyword to them too.
    const topLevel = word.quoted ? undefined : schema().root.childMap.get(text);
    if (topLevel && availableIn(topLevel, this.options.target)) {
      if (topLevel.block) {
        const owners = READERS[this.stack[1]?.node.keyword ?? cause.keyword] ?? 0;
        // Without the name it needs, the process reading it stops there (otherPassesMissingName): nothing inside is read.
        const named = argCount > 0 || !topLevel.args[0] || !!topLevel.args[0].optional;
        this.othersBlock = { cause, base: this.rawOpen.length, opened: false, spec: topLevel, read: named && ((READERS[topLevel.name] ?? 0) & ~owners) !== 0, awaitsBrace: undefined, nested: [], email: undefined };
      }
      this.otherPassesMissingName(topLevel, word, argCount, cause);
      return;
    }
    this.otherPassesLine = at;
    const said = text === '{' ? "Unexpected '{' - ignoring" : `Unknown keyword '${text}'`;
    const extra = this.extraClose;
    if (extra && !this.bracelessBlock) {
      const why = this.extraCloseWhy ?? (extra.quoted ? 'reads as a quoted word (they drop the quotes and compare every word)' : `does not take as a brace (keepalived ${this.options.targetLabel} takes only a '}' first on its line)`);
      this.report('KA104', 'error', `keepalived's processes that skip this '${cause.keyword}' block count every '}' word, and the '}' on ${extra.file === word.file ? 'line ' : `${extra.file}:`}${extra.range.start.line + 1} that the owning process ${why} ends the block for them, so they read this line at the top level (keepalived: "${said}")`, word.file, word.range, {
        related: [{ file: extra.file, range: extra.range, message: "this '}' ends the block for the processes that skip it" }],
      });
      return;
    }
    this.report('KA104', 'error', `keepalived's processes that skip this '${this.stack[1]?.node.keyword ?? cause.keyword}' block count braces, and the '{' missing after '${cause.keyword}' (line ${cause.range.start.line + 1}) makes them read this line at the top level (keepalived: "${said}")`, word.file, word.range, {
      related: [{ file: cause.file, range: cause.range, message: `'${cause.keyword}' needs '{' here` }],
    });
    this.otherPassesFinding = { at, diagnostic: this.diagnostics[this.diagnostics.length - 1]!, said: [said] };
  }

  /**
   * A later word of a line the skipping processes read at the top level, after a brace splits it
   * (`} virtual_ipaddress { 10.0.0.1 }`): they report it too, so the line's finding names it (a few at most).
   */
  private otherPassesAlsoSay(at: string, word: Word): void {
    const f = this.otherPassesFinding;
    if (!f || f.at !== at || word.quoted || word.text === '}' || schema().root.childMap.has(word.text)) return;
    // Before 1.4.2 a '{' after the first word is a word of that line, never "Unexpected" (the 1.3.5 build's parent on
    // 'authentication {' read at the top level says only "Unknown keyword 'authentication'").
    if (word.text === '{' && this.bracesGlued) return;
    const said = word.text === '{' ? "Unexpected '{' - ignoring" : `Unknown keyword '${word.text}'`;
    if (f.said.includes(said) || f.said.length >= 4 || !f.diagnostic.message.endsWith('")')) return;
    f.said.push(said);
    f.diagnostic.message = `${f.diagnostic.message.slice(0, -1)}, "${showUnseen(said)}")`;
  }

  /** A line right inside a block the other processes opened at the top level and one of them reads: no keyword of it. */
  private otherPassesInBlock(word: Word, spec: KeywordSpec, cause: AstNode, inner = spec): void {
    const at = `${word.file}\0${word.range.start.line}`;
    if (at === this.otherPassesLine) return;
    this.otherPassesLine = at;
    const as = inner === spec ? 'one of its keywords' : `a keyword of the '${inner.name}' block in it`;
    this.report('KA104', 'error', `keepalived's processes that skip this '${this.stack[1]?.node.keyword ?? cause.keyword}' block read on at the top level (see line ${cause.range.start.line + 1}), where they opened a '${spec.name}' block; the process that reads '${spec.name}' takes this line as ${as}, and '${word.text}' is none (keepalived: "Unknown keyword '${word.text}'")`, word.file, word.range, {
      related: [{ file: cause.file, range: cause.range, message: 'where they started reading at the top level' }],
    });
  }

  /**
   * A top-level block keyword without its name, read at the top level by the processes that skip the
   * open block: one of them that reads that keyword stops there (keepalived 2.1.0 to 2.4.3 -t, on a
   * `track_file` line after an instance's `unicast_peer` without '{': "*** Configuration line starting
   * `track_file` is missing a parameter after keyword `track_file` at word position 2", exit 2 or 3).
   */
  private otherPassesMissingName(spec: KeywordSpec, word: Word, argCount: number, cause: AstNode): void {
    const first = spec.args[0];
    if (argCount > 0 || !first || first.optional || (spec.without_args ?? 'stops') !== 'stops') return;
    const owners = READERS[this.stack[1]?.node.keyword ?? cause.keyword] ?? 0;
    if (!((READERS[spec.name] ?? 0) & ~owners)) return;
    this.otherPassesLine = `${word.file}\0${word.range.start.line}`;
    this.report('KA104', 'error', `keepalived's processes that skip this '${this.stack[1]?.node.keyword ?? cause.keyword}' block count braces, and the '{' missing after '${cause.keyword}' (line ${cause.range.start.line + 1}) makes them read this line at the top level, where '${spec.name}' lacks its ${first.name}: keepalived exits here with a configuration error (keepalived: "missing a parameter after keyword \`${spec.name}\`"), so it does not run at all`, word.file, word.range, {
      related: [{ file: cause.file, range: cause.range, message: `'${cause.keyword}' needs '{' here` }],
    });
  }

  words(words: Word[], file: string): void {
    if (this.swallow) this.swallowQuotedBraces(words);
    this.readWords(words, file);
  }

  /**
   * The quoted braces of a line while the processes that skip a block skip on past its end (see `swallow`): they
   * count them as braces (lib/parser.c process_stream, every release), and the one that brings them back to the
   * top level ends their skipping (the rest of its line they do not read). open() and close() leave quoted braces
   * to this.
   */
  private swallowQuotedBraces(words: Word[]): void {
    for (const w of words) {
      if (!w.quoted || (w.text !== '{' && w.text !== '}')) continue;
      if (w.text === '{') this.swallow!.level++;
      else if (--this.swallow!.level <= 0) {
        this.endSwallow(w);
        return;
      }
    }
  }

  /**
   * The processes skipping on past the end of `swallow.block` are back at the top level after `brace`: the
   * finding on the quoted '{' that kept them skipping says what they lost. True when that block is one the
   * parent reads none of (the findings on `brace` are theirs, see whileParentSkipsOn).
   */
  private endSwallow(brace: Word | undefined): boolean {
    const swallow = this.swallow!;
    this.swallow = undefined;
    if (swallow.finding) this.finishSwallowFinding(swallow, brace);
    if (!brace) return false;
    if (swallow.block.keyword === 'global_defs') {
      this.swallowEnd = { file: brace.file, offset: brace.range.start.offset };
      return false;
    }
    return !((READERS[swallow.block.keyword] ?? 0) & PARENT);
  }

  /**
   * The processes that skip `block` and count `brace`, a quoted '{' in it: which they are, named for a message
   * (the BFD process only where it is the one that loses something).
   */
  private skippers(block: AstNode): string {
    const readers = READERS[block.keyword] ?? 0;
    const names: string[] = [];
    if (!(readers & PARENT)) names.push('the parent');
    if (!(readers & VRRP)) names.push('the VRRP process');
    if (!(readers & CHECKER)) names.push('the checker');
    return names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}` : names[0] ?? 'none';
  }

  /** A quoted '"{"' left unmatched at the end of a top-level block: the error on it (finished by finishSwallowFinding). */
  private reportQuotedSwallow(block: AstNode, brace: Word, close: Word): Diagnostic {
    const closeAt = close.file === brace.file ? `line ${close.range.start.line + 1}` : `${close.file}:${close.range.start.line + 1}`;
    this.report('KA103', 'error', `keepalived's processes that skip this '${block.keyword}' block (${this.skippers(block)}) drop the quotes and compare every word with '{' and '}', so they take this '"{"' for a '{': the block's '}' (${closeAt}) does not end their skipping`, brace.file, brace.range, {
      related: [{ file: block.file, range: block.word?.range ?? block.range, message: `the block they skip` }],
    });
    const d = this.diagnostics[this.diagnostics.length - 1]!;
    // True whichever way the parent reads the file.
    this.whileGlobalDefsSkipped.delete(d);
    this.whileParentSkipsOn?.delete(d);
    this.emittedAtTopLevel?.delete(d);
    return d;
  }

  /** Says what the processes skipping on past `swallow.block` lost, up to `end` (the brace that ended it) or the end of the file. */
  private finishSwallowFinding(swallow: NonNullable<Walker['swallow']>, end: Word | undefined): void {
    const d = swallow.finding!;
    const brace = swallow.brace;
    const at = (w: { file: string; range: Range }) => (w.file === brace.file ? `line ${w.range.start.line + 1}` : `${w.file}:${w.range.start.line + 1}`);
    const upTo = end ? `up to the '${end.quoted ? '"}"' : '}'}' on ${at(end)}` : 'to the end of the file';
    const lost = swallow.lost;
    const name = (n: AstNode) => `${n.keyword}${n.args.length ? ` '${n.args.slice(0, 2).map((a) => a.text).join(' ')}'` : ''} (${at(n)})`;
    let leftOver = !end && compareVersions(this.options.target, SKIP_LEFT_OVER[0]) >= 0 && compareVersions(this.options.target, SKIP_LEFT_OVER[1]) < 0
      ? `; keepalived ${this.options.targetLabel} also leaves this skip set for the next process's reading of the file under -t, which then skips from the top of the file and usually reads nothing (fixed in 2.0.20)`
      : '';
    // Before 2.0.8 (the file's end with the skip still set): the children inherit the parent's skip, or a warning is logged.
    const old = !end && !this.countsBraces ? this.oldSkipLeftAtEnd(swallow.block) : undefined;
    if (old) leftOver = `; ${old.said}`;
    if (lost.length) {
      const listed = lost.slice(0, 3).map(name).join(', ') + (lost.length > 3 ? ` and ${lost.length - 3} more` : '');
      d.message += `, and they skip on ${upTo}, so they never read ${listed}${leftOver}; keepalived -t says nothing of it. Use a value that is not a lone brace`;
      d.related = [...(d.related ?? []), ...lost.slice(0, 3).map((n) => ({ file: n.file, range: n.word?.range ?? n.range, message: 'never read by the processes still skipping' }))];
    } else {
      d.severity = leftOver && old?.severity !== 'warning' ? 'error' : 'warning';
      d.message += `; they skip on ${upTo}, where no block of theirs stands yet, but one put there would be lost without a word from keepalived -t${leftOver}. Use a value that is not a lone brace`;
    }
  }

  private readWords(words: Word[], file: string): void {
    if (this.ownerStopped) return this.readBySkippingOnly(words[0]!, words.length - 1);
    if (this.top().kind === 'skip' && this.skipQuotedBraces(words)) return;
    if (this.quotedBraces(words, file)) return;
    // (While processes skip on past an earlier block, they count this block's quoted braces with their skip: swallowQuotedBraces.)
    if (this.stack.length > 1 && !this.swallow) this.otherPassesQuotedBraces(words);
    this.openPendingWithoutBrace(words[0]!);
    if (this.otherPassesAtTop) this.reportOtherPasses(words[0]!, words.length - 1);
    const frame = this.top();
    if (frame.kind === 'skip') {
      if (words.length && this.inSkippedAfterSkipped()) this.afterSkippedInstance(words[0]!, file);
      return;
    }
    if (this.skippedInstance && words.length) this.afterSkippedInstance(words[0]!, file);
    else if (this.vrrpAtTop && words.length) this.atTopForVrrp(words[0]!);
    if (frame.kind === 'values') {
      const outer = this.includedIntoValues(frame, file);
      if (outer) {
        this.includedValueLine(frame, outer, words, file);
        return;
      }
      const line = new ValueLine(words, file);
      (frame.node.values ??= []).push(line);
      this.checkValueLine(frame.node, line);
      return;
    }
    this.keywordLine(frame, words, file);
  }

  private holdsQuotedBraces(store: TokenStore): boolean {
    if (store.src !== this.quotedBraceSrc) {
      const text = store.src.text;
      this.quotedBraceSrc = store.src;
      this.quotedBraceHeld = text.includes('"}"') || text.includes('"{"');
    }
    return this.quotedBraceHeld;
  }

  /**
   * Quoted braces on a line the owning process reads as words (`script "}"`): the processes that skip
   * the top-level block count them, and a '"}"' one too many ends the block for them; they read the
   * lines after it at the top level (keepalived 2.2.7: "Unknown keyword '}'" on the block's own '}';
   * global_defs too, which only the parent reads). A '"{"' one too many has them skip on past the
   * block's end (see `swallow`, set where the block closes).
   */
  private otherPassesQuotedBraces(words: Word[]): void {
    if (READERS[this.stack[1]!.node.keyword] === undefined) return;
    for (const w of words) {
      if (!w.quoted || (w.text !== '{' && w.text !== '}')) continue;
      this.quotedNet += w.text === '{' ? 1 : -1;
      if (w.text === '}') {
        this.lastQuotedClose = w;
        this.quotedOpens.pop();
      } else this.quotedOpens.push(w);
      if (!this.otherPassesAtTop && this.rawOpen.length + this.quotedNet < this.rootRawDepth) {
        this.otherPassesAtTop = this.stack[1]!.node;
        this.extraClose = w;
        this.extraCloseWhy = undefined;
        this.otherPassesLine = `${w.file}\0${w.range.start.line}`;
        return; // the rest of the line is not read by them
      }
    }
  }

  /**
   * A line of a skipped block holding a quoted brace: keepalived skips a block by comparing every word
   * of each line (quotes dropped) with '{' and '}', so `"{"` and `"}"` nest and end the skipping like
   * braces; the words after the '}' that ends it are not read (lib/parser.c, process_stream). Its count
   * of missing braces (read_line) still sees only unquoted ones. False when the line has no quoted brace.
   */
  private skipQuotedBraces(words: Word[]): boolean {
    if (!words.some((w) => w.quoted && (w.text === '{' || w.text === '}'))) return false;
    const depth = this.stack.length;
    for (const w of words) {
      if (!w.quoted || (w.text !== '{' && w.text !== '}')) continue;
      if (w.text === '{') this.open(w, false);
      else {
        this.close(w, false);
        if (this.stack.length < depth && this.top().kind !== 'skip') break;
      }
    }
    return true;
  }

  /**
   * keepalived drops the quotes of `"{"` and `"}"` before it parses a line, so they open and close
   * blocks like braces; but they are not split off the line, and its count of missing or extra
   * braces only sees unquoted ones (lib/parser.c, read_line). Handled here: a line of one quoted
   * brace, and a block keyword line ending with `"{"`; the other quoted braces are plain words.
   */
  private quotedBraces(words: Word[], file: string): boolean {
    const n = words.length;
    const last = words[n - 1]!;
    if (!last.quoted || (last.text !== '{' && last.text !== '}')) return false;
    // The processes that skip the top-level block count these too (otherPassesQuotedBraces).
    const counted = () => {
      if (this.stack.length <= 1) return;
      this.quotedNet += last.text === '{' ? 1 : -1;
      if (last.text === '}') {
        this.lastQuotedClose = last;
        this.quotedOpens.pop();
      } else this.quotedOpens.push(last);
    };
    if (n === 1) {
      counted();
      if (last.text === '{') this.open(last, false);
      else this.close(last, false);
      return true;
    }
    const frame = this.top();
    // A value block's line ending with '"}"' ends the block after its values (alloc_value_block
    // compares the last word of each line, quotes dropped, with '}').
    if (last.text === '}' && frame.kind === 'values' && !this.includedIntoValues(frame, file)) {
      this.readWords(words.slice(0, -1), file);
      counted();
      this.close(last, false);
      return true;
    }
    if (last.text !== '{' || this.pending) return false;
    if (frame.kind !== 'keywords') return false;
    const spec = (frame.node.spec ?? schema().root).childMap.get(words[0]!.text);
    if (!spec?.block || !availableIn(spec, this.options.target)) return false;
    if (this.otherPassesAtTop) this.reportOtherPasses(words[0]!);
    words.pop();
    this.keywordLine(frame, words, file);
    counted();
    this.open(last, false);
    return true;
  }

  /**
   * A brace word the owning process's reading ignores but the processes skipping the top-level block count
   * (before 1.4.2: a second '}' on a line). One '}' too many ends the skipping for them: they read the lines
   * after it at the top level, while the owner is still inside the block.
   */
  countedBrace(brace: Word, open: boolean, why?: string): void {
    if (open) {
      this.rawOpen.push(brace);
      if (this.swallow) this.swallow.level++;
      return;
    }
    if (!this.rawOpen.pop()) this.rawDeficit++;
    if (this.swallow && --this.swallow.level <= 0) this.endSwallow(brace);
    if (this.stack.length > 1 && !this.otherPassesAtTop && this.rawOpen.length < this.rootRawDepth) {
      this.otherPassesAtTop = this.stack[1]!.node;
      this.extraClose = brace;
      this.extraCloseWhy = why;
      this.otherPassesLine = `${brace.file}\0${brace.range.start.line}`;
    }
  }

  skipping(): boolean {
    return this.top().kind === 'skip';
  }

  /**
   * A line of a skipped block the reader reads for its brace words only (a brace not alone on its line, before 1.4.2):
   * the processes reading the open block's lines at the top level (see otherPassesAtTop) read its first word, as
   * tokens() has them do for other lines (the first line of a block skipped from the line after its header, see
   * skipsFromNextLine, such as 'authentication { note'). A brace there is the reader's open() or close().
   */
  skippedLine(words: Word[]): void {
    const first = words[0];
    if (!first || !this.otherPassesAtTop || this.ownerStopped || (!first.quoted && (first.text === '{' || first.text === '}'))) return;
    this.reportOtherPasses(first, words.length - 1);
  }

  /** An included file read as a stream of its own starts here (before 2.1.4, see the reader's INCLUDE_OWN_STREAM_BEFORE). */
  beginIncludedStream(): void {
    const values = this.top().kind === 'values' ? this.stack.pop() : undefined;
    this.streamValues.push(values);
    this.streamFloors.push(this.stack.length);
  }

  /** Its file ended: keepalived's loop reading it returns, and every block opened in it ends (its braces stay counted). */
  endIncludedStream(): void {
    const floor = this.streamFloors.pop();
    if (floor === undefined) return;
    // A block keyword the file ends after: keepalived reads an empty block.
    if (this.pending && this.stack.length >= floor) this.pending = undefined;
    while (this.stack.length > floor) {
      const frame = this.stack.pop()!;
      const open = frame.node.openBrace;
      if (open) this.endedAtFileEnd.add(`${open.file}\0${open.start}`);
      this.closeFrame(frame);
      // Blocks opened in the stream were opened in its file (an include in it is a stream of its own).
      this.endAtFileEnd(frame, frame.node.file);
    }
    // The value block's reading goes on after the include line.
    const values = this.streamValues.pop();
    if (values) {
      // What the stream added belongs to the blocks around the value block (which keeps its entries in `values`).
      values.childStart = this.childStack.length;
      this.stack.push(values);
    }
  }

  /** Lines from here to the end of the stream are read only by the processes that skip the block (see ownerStopped). */
  ownerStopsReading(stopped: boolean): void {
    this.ownerStopped = stopped;
  }

  /** A word or brace of a line only the processes skipping the top-level block read. */
  private readBySkippingOnly(first: Word, argCount: number, brace?: 'open' | 'close'): void {
    if (brace === 'open') {
      this.rawOpen.push(first);
      if (this.swallow) this.swallow.level++;
    } else if (brace === 'close') {
      if (!this.rawOpen.length) {
        if (this.countsBraces) this.report('KA101', 'error', `Extra '}': more '}' than '{' so far (keepalived: "Extra '}' found")`, first.file, first.range);
        if (this.swallow && --this.swallow.level <= 0) this.endSwallow(first);
      } else this.countedBrace(first, false);
    }
    if (this.otherPassesAtTop) this.reportOtherPasses(first, argCount);
  }

  includedStreamEndedBy(): Word | undefined {
    const brace = this.streamEndedBy;
    this.streamEndedBy = undefined;
    return brace;
  }

  /** The checks `include_check` in global_defs has set so far (INCLUDE_CHECK bits; 0 without the line). */
  includeCheckFlags(): number {
    return this.includeChecks;
  }

  /** keepalived (lib/parser.c, end_file) restores at the end of each included file what include_check was at its include line. */
  restoreIncludeCheckFlags(flags: number): void {
    this.includeChecks = flags;
  }

  parentReads(): boolean {
    if (this.stack.length === 1) return true;
    const frame = this.top();
    return frame.kind === 'keywords' && !!((READERS[this.stack[1]!.node.keyword] ?? 0) & PARENT);
  }

  /**
   * Whether keepalived's parent process is the one whose reading of this line's text counts (see
   * `parentReadsBlock`): the top level, but for a line opening a block only its other processes read
   * (`first`: the line's first word), and any line of global_defs, a value block in it included.
   */
  parentReadsText(first?: string): boolean {
    if (this.stack.length === 1) return first === undefined || parentReadsBlock(first);
    const top = this.stack[1]!;
    return top.kind !== 'skip' && parentReadsBlock(top.node.keyword);
  }

  atTopLevel(): boolean {
    return this.stack.length === 1;
  }

  currentBlock(): object {
    return this.top();
  }

  blockKeyword(): string | undefined {
    return this.stack.length === 1 ? undefined : this.top().node.keyword;
  }

  /** Whether the block being read has a `keyword` line so far. */
  private blockHas(keyword: string): boolean {
    for (let i = this.top().childStart; i < this.childStack.length; i++) if (this.childStack[i]!.keyword === keyword) return true;
    return false;
  }

  /**
   * parentReads, or a line the parent reads at the top level because a lost '{' ended the block it skips early
   * (see `otherPassesAtTop`): the parent is one of the processes that skip a block only its children read.
   */
  parentReadsLine(): boolean {
    if (this.parentReads()) return true;
    const top = this.stack[1]?.node.keyword;
    return !!this.otherPassesAtTop && !this.othersBlock && top !== undefined && !((READERS[top] ?? 0) & PARENT);
  }

  valueBlock(): string | undefined {
    const frame = this.top();
    return frame.kind === 'values' ? frame.node.keyword : undefined;
  }

  /** The keyword block a target before 2.1.4 reads this value block's line in, when the line comes from an included file. */
  private includedIntoValues(frame: Frame, file: string): Frame | undefined {
    if (file === frame.node.file || compareVersions(this.options.target, INCLUDE_IN_VALUE_BLOCK_SINCE) >= 0) return undefined;
    for (let i = this.stack.length - 2; i >= 0; i--) if (this.stack[i]!.kind === 'keywords') return this.stack[i];
    return undefined;
  }

  /** A line of a file included inside a value block, as a target before 2.1.4 reads it: a keyword of the block around. */
  private includedValueLine(values: Frame, outer: Frame, words: Word[], file: string): void {
    const first = words[0]!;
    const ctx: Context = outer.node.spec ?? schema().root;
    const spec = first.quoted ? undefined : ctx.childMap.get(first.text);
    if (spec && availableIn(spec, this.options.target)) {
      this.keywordLine(outer, words, file);
      return;
    }
    if (first.text === '{' || first.text === '}') return;
    this.lastUnknown = first;
    this.report('KA201', 'error', `Unknown keyword '${first.text}' in ${contextName(ctx)}: keepalived ${this.options.targetLabel} reads a file included inside '${values.node.keyword} { }' as keywords of the block around it, not as its values (values from an include need 2.1.4 or later)`, file, first.range);
  }

  /**
   * A line after the block of `skippedInstance`: a target before SKIP_ENDS_BLOCK_SINCE reads it as a keyword of
   * that block, and such a keyword then has no block to set (keepalived 1.3.5's VRRP process dies: "Keepalived_vrrp
   * exited due to segmentation fault (SIGSEGV)."). Other words it reports as unknown keywords.
   */
  private afterSkippedInstance(first: Word, file: string): void {
    const skipped = this.skippedInstance!;
    const kind = skipped.keyword;
    const line = skipped.range.start.line + 1;
    const server = kind === 'virtual_server' || kind === 'real_server';
    const which = server ? `${kind} '${skipped.argText(0)}'` : skipped.argCount === 1 ? `repeated ${kind} '${skipped.argText(0)}'` : `nameless ${kind}`;
    const label = this.options.targetLabel;
    const process = server ? 'checker' : 'VRRP';
    const back = server && kind === 'real_server' ? 'its virtual_server' : 'the top level';
    const spec = skipped.spec?.childMap.get(first.text);
    // The first line after a block skipped from the line after its header (skipsFromNextLine): its '{' still awaited.
    const bob = this.missingBraceAfterSkip ? `; keepalived first logs "Missing '{' at beginning of configuration block" for this line` : '';
    this.missingBraceAfterSkip = false;
    if (first.quoted || !spec || !availableIn(spec, this.options.target)) {
      // A block of kalint's own context there (the next vrrp_instance): keepalived reads its block at that level.
      const header = !first.quoted && (this.top().node.spec?.childMap ?? schema().root.childMap).get(first.text)?.block;
      // One only that process reads (the next vrrp_instance in the VRRP process) is lost with it.
      const lost = header && this.stack.length === 1 && READERS[first.text] === (server ? CHECKER : VRRP) ? `: the ${first.text} this line begins is never created` : '';
      // Only the process that owns these blocks reads them; the others skip them by their braces.
      this.report('KA201', 'error', `Unknown keyword '${first.text}' for keepalived ${label}'s ${process} process: it skipped the ${which} of line ${line}, but that block's '}' ended only the skipping, so it reads the lines up to the next '}' as keywords of a ${kind}${lost} (1.4.5 returns to ${back} after a skipped block)${bob}`, file, first.range);
      if (header) this.headerAtSkippedLevel = first;
      // (Not where its lines set a block of its own kind read before, as keywords of that block: kalint does not
      // follow them there, and keeps the block's settings in the model as the nearest account of them.)
      if (lost && !(this.skippedTail && first.text === kind)) this.lostHeader = first;
      return;
    }
    this.skippedInstance = undefined;
    const tail = this.skippedTail;
    const name = (n: AstNode) => (server ? [...Array(n.argCount).keys()].map((i) => n.argText(i)).join(' ') : n.argText(0) ?? '');
    if (tail) {
      this.report('KA209', 'error', `keepalived ${label}'s ${process} process reads '${first.text}' as a keyword of the ${kind} '${name(tail)}' (line ${tail.range.start.line + 1}): it skipped the ${which} of line ${line}, but that block's '}' ended only the skipping, so the lines up to the next '}' change '${name(tail)}' (1.4.5 returns to ${back} after a skipped block)${bob}`, file, first.range, {
        related: [{ file: tail.file, range: tail.argWord(0).range, message: `the ${kind} these lines change` }],
      });
      return;
    }
    const said =
      kind === 'virtual_server' ? `Invalid virtual server IP address ${skipped.argText(0)} - skipping`
      : kind === 'real_server' ? `Invalid real server ip address ${skipped.argText(0)} - skipping`
      : kind === 'vrrp_sync_group' ? 'vrrp_sync_group must have a name - skipping' : 'vrrp_instance must have a name';
    const what = server ? which : `nameless ${kind}`;
    const none = kind === 'real_server' ? `its virtual_server has no real_server before it, so '${first.text}' has none to set` : `'${first.text}' has none to set`;
    this.report('KA208', 'error', `keepalived ${this.options.targetLabel} crashes here: it skipped the ${what} of line ${line} ("${said}") but goes on reading the lines after that block's '}' as keywords of a ${kind}, and ${none} (a segmentation fault${server ? ' of its checker process' : ''}; 1.4.5 returns to ${back} after a skipped block)${bob}`, file, first.range);
  }

  /**
   * Whether a line kalint skips (in a block it skips, right inside the one after `skippedInstance`: a second
   * server kalint also skips) is one keepalived reads at the skipped block's level: the header of that second
   * block was an unknown keyword there, so its lines are keywords of that level.
   */
  private inSkippedAfterSkipped(): boolean {
    const skipped = this.skippedInstance;
    return skipped !== undefined && this.stack.length === (skipped.keyword === 'real_server' ? 3 : 2);
  }

  /**
   * Whether `node`, a block skipped as it closes, leaves keepalived reading at its level (see skippedInstance): a
   * virtual_server (top level) or a real_server (in a virtual_server kalint reads) skipped for its address, from
   * 1.3.7, which checks server addresses (skip_block in alloc_vs/alloc_rs), to 1.4.4. The 1.3.9 build: "Invalid
   * virtual server IP address A.B.C.166 - skipping", then "Unknown keyword 'virtual_server'" for the next one, and
   * its checker process dies (SIGSEGV) on that block's first line when no virtual_server came before.
   */
  private skippedServerLevel(node: AstNode): boolean {
    const target = this.options.target;
    if (compareVersions(target, SKIP_ENDS_BLOCK_SINCE) >= 0 || compareVersions(target, SERVER_ADDRESS_CHECKED_SINCE) < 0) return false;
    if (node.keyword === 'virtual_server') return this.stack.length === 1;
    return node.keyword === 'real_server' && this.stack.length === 2 && this.stack[1]!.kind !== 'skip' && this.stack[1]!.node.keyword === 'virtual_server';
  }

  /**
   * A line (or '}') while `vrrpAtTop`: the VRRP process reads it at the top level, where a '}' and the keywords
   * of the blocks kalint is in are unknown. A top-level keyword there is read as one: kalint stops following.
   */
  private atTopForVrrp(first: Word): void {
    const skipped = this.vrrpAtTop!;
    if (!first.quoted && first.text !== '}' && schema().root.childMap.has(first.text)) {
      this.vrrpAtTop = undefined;
      return;
    }
    const server = skipped.keyword === 'virtual_server';
    const which = server ? `virtual_server '${skipped.argText(0)}'` : skipped.argCount === 1 ? `repeated ${skipped.keyword} '${skipped.argText(0)}'` : `nameless ${skipped.keyword}`;
    this.report('KA201', 'error', `Unknown keyword '${first.text}' for keepalived ${this.options.targetLabel}'s ${server ? 'checker' : 'VRRP'} process: it skipped the ${which} of line ${skipped.range.start.line + 1}, read the lines after it up to a '}' at that block's level, and reads this one at the top level (1.4.5 returns to the top level after a skipped block)`, first.file, first.range);
  }

  private keywordLine(frame: Frame, words: Word[], file: string): void {
    const first = words[0]!;
    const parentSpec = frame.node.spec;
    const childCtx: Context = parentSpec ?? schema().root;
    const name = first.text;
    // A quoted keyword is still the keyword: keepalived drops the quotes before the lookup.
    let spec = childCtx.childMap.get(name);
    if (spec && !availableIn(spec, this.options.target)) {
      this.report('KA207', 'error', `'${name}' is not available in keepalived ${this.options.targetLabel} (${addedIn(spec.since)}); keepalived reports it as an unknown keyword${/^\d/.test(spec.since ?? '') ? `. If your nodes run ${spec.since} or later, say so with --target-version (or targetVersion in .kalint.json)` : ''}`, file, first.range);
      spec = undefined;
      this.lastUnknown = first;
      return;
    }
    if (!spec) {
      this.lastUnknown = first;
      const reported = this.diagnostics.length;
      this.reportUnknown(childCtx, first, file, words.slice(1));
      const values = this.streamValues.length && this.stack.length === this.streamFloors[this.streamFloors.length - 1] ? this.streamValues[this.streamValues.length - 1] : undefined;
      if (values) {
        for (let i = reported; i < this.diagnostics.length; i++) {
          const d = this.diagnostics[i]!;
          if (d.code === 'KA201' && d.range.start.offset === first.range.start.offset) d.message += `: keepalived ${this.options.targetLabel} reads a file included inside '${values.node.keyword} { }' as keywords of the block around it, not as its values (values from an include need 2.1.4 or later)`;
        }
      }
      return;
    }
    this.lastUnknown = undefined;

    words.shift(); // the reader hands over a fresh array per line: reuse it for the arguments
    this.addKeyword(frame, spec, AstNode.fromWords(spec, first, words));
  }

  /**
   * A top-level block (vrrp_instance, virtual_server…) inside a block usually means a '}' is missing
   * above it (a value block's '}' taken for its block's): name the top-level block still open, where
   * its '{' is. A plain top-level line (net_namespace) is more likely just misplaced: no hint.
   */
  private stillOpenHint(ctx: Context, file: string): string {
    if (ctx === schema().root) return '';
    const open = this.stack[1]?.node;
    const brace = open?.openBrace;
    if (!open || !brace || this.stack[1]!.kind === 'skip') return '';
    // A virtual_server is named by its address and port (or `group NAME`, `fwmark N`), other blocks by their name.
    const words = open.keyword === 'virtual_server' ? [open.argText(0), open.argText(1)] : [open.argText(0)];
    const name = words.filter((w) => w !== undefined).map((w) => ` ${w}`).join('');
    // Opened in another file (an include whose last '}' is missing): name that file, where the '}' belongs.
    if (brace.file !== file) return `; the '${open.keyword}${name}' block opened at ${brace.file}:${brace.range.start.line + 1} is still open here: is a '}' missing at the end of ${brace.file}?`;
    return `; the '${open.keyword}${name}' block opened on line ${brace.range.start.line + 1} is still open here: is a '}' missing before this line?`;
  }

  /** Per block kind: the keywords the target has there, and the guesses made for unknown words (a broken file repeats them). */
  private readonly unknownWords = new Map<Context, { candidates: string[]; guesses: Map<string, string | undefined> }>();
  /** The renamed or removed keyword each unknown word is nearest to, if any. */
  private readonly oldGuesses = new Map<string, string | undefined>();

  private unknownWordsIn(ctx: Context): { candidates: string[]; guesses: Map<string, string | undefined> } {
    let cache = this.unknownWords.get(ctx);
    if (!cache) {
      cache = { candidates: [...ctx.childMap.keys()].filter((k) => availableIn(ctx.childMap.get(k)!, this.options.target)), guesses: new Map() };
      this.unknownWords.set(ctx, cache);
    }
    return cache;
  }

  /**
   * Whether an unknown keyword's line, renamed to `keyword` by a safe fix, has the arguments that keyword needs.
   * keepalived skips the unknown line but reads the renamed one, and short of an argument it needs that line
   * would make it stop reading the file (`nb_get_retry # 3` → `retry`): such a rename is only a suggestion.
   */
  private argsFit(ctx: Context, keyword: string, after: Word[]): boolean {
    const spec = ctx.childMap.get(keyword);
    return spec !== undefined && after.length >= requiredArgCount(spec, this.options.target);
  }

  private reportUnknown(ctx: Context, word: Word, file: string, after: Word[] = []): void {
    const name = word.text;
    if (name === '}' || name === '{') return;
    // A line feature the target lacks (`$NAME=`, an indented `@id`, `includer`…): it reads the line as a keyword.
    const features = lineFeatures(this.options.target);
    const late = word.quoted ? undefined : lateLineFeature(name, features) ?? this.unseparatedInclude(word, features);
    if (late) {
      this.report('KA207', 'error', `Unknown keyword '${name}' in ${contextName(ctx)}: keepalived ${this.options.targetLabel} reads this line as a keyword (${late})`, file, word.range);
      return;
    }
    const marker = word.quoted ? undefined : foreignCommentMarker(name);
    if (marker) {
      // Other languages' comment markers (`// note`, `/* healthcheck */`, `; INI`, `-- SQL`, a full-width '＃'
      // typed with a CJK input method): keepalived reads them as a keyword.
      const shown = marker.startsWith('\uFF03') ? `'${marker}' (a full-width number sign, U+FF03)` : `'${marker}'`;
      // No fix on a word a $NAME wrote: its range is the reference, whose first characters are not the marker.
      this.report('KA107', 'error', `${shown} does not start a comment in keepalived.conf; keepalived reads '${name}' as a keyword. Use '#' or '!'`, file, word.range, word.expanded ? undefined : {
        fix: { description: `Replace '${marker}' with '#'`, edits: [{ file, range: { start: word.range.start, end: { ...word.range.start, column: word.range.start.column + marker.length, offset: word.range.start.offset + marker.length } }, newText: '#' }] },
      });
      return;
    }
    if (this.bracesGlued && !word.quoted && /[{}]/.test(name)) {
      this.reportGluedBraceKeyword(ctx, word, file);
      return;
    }
    // A word keepalived made of an unrendered '${NAME}': no keyword was meant, so no "did you mean".
    const reference = this.referenceAt?.(file, word.start);
    if (reference) {
      this.report('KA201', 'error', `Unknown keyword '${name}' in ${contextName(ctx)}: it is part of '${reference}', which keepalived does not substitute (KA109): it splits the text at its braces and reads '${name}' as a keyword`, file, word.range);
      return;
    }
    if (hasLookalike(name)) {
      // Copied text: a no-break space or a typographic quote is part of the word for keepalived (KA704 has the fix).
      const plain = replaceLookalikes(name).trim();
      const meant = plain ? plain.split(/[ \t]+/)[0]! : '';
      const brace = plain === '{' || plain === '}';
      const effect = !plain
        ? `keepalived reads them as an unknown keyword${after.length ? ', and the keyword after them on this line is lost' : ''}`
        : brace
          ? `written as '${plain}' it would ${plain === '}' ? 'close' : 'open'} a block`
          : ctx.childMap.has(meant)
            ? `written with plain characters it would be '${plain}'`
            : 'keepalived reads them as part of the word';
      this.report('KA201', 'error', `Unknown keyword '${showLookalikes(name)}' in ${contextName(ctx)}: it contains ${describeLookalikes(name)}, which is ${brace ? 'no brace' : 'neither a blank nor a quote'} for keepalived; ${effect} (see KA704)`, file, word.range);
      return;
    }
    const latin = latinForHomoglyphs(name);
    if (latin !== undefined && (ctx.childMap.has(latin) || schema().byName.has(latin))) {
      const fits = this.argsFit(ctx, latin, after);
      const fix = !word.quoted && !word.expanded
        ? { fix: { description: `Replace with '${latin}'${fits ? '' : ' (and give it its value)'}`, edits: [{ file, range: word.range, newText: latin }], safe: fits } }
        : undefined;
      const where = ctx.childMap.has(latin) ? '' : ` (and '${latin}' is not valid in ${contextName(ctx)} either)`;
      this.report('KA201', 'error', `Unknown keyword '${name}' in ${contextName(ctx)}: it is written with ${describeHomoglyphs(name)}, so keepalived does not read it as '${latin}'${where}`, file, word.range, fix);
      return;
    }
    if (this.reportSplitKeyword(ctx, word, file, after[0])) return;
    if (this.reportStrayMarker(ctx, word, file, after[0])) return;
    if (this.reportDollarlessDefinition(ctx, word, file, features)) return;
    // An own key only: `constructor` or `toString` is no renamed keyword (it read Object.prototype's functions).
    const renamed = name === '_comment' || !Object.hasOwn(RENAMED, name) ? undefined : (RENAMED as unknown as Record<string, { replacement: string | null; note: string } | undefined>)[name];
    const replacement = renamed?.replacement && ctx.childMap.has(renamed.replacement) && availableIn(ctx.childMap.get(renamed.replacement)!, this.options.target) ? renamed.replacement : undefined;
    const argsFit = replacement !== undefined && this.argsFit(ctx, replacement, after);
    const renameFix = replacement && !word.quoted && !word.expanded
      ? { fix: { description: `Replace with '${replacement}'${argsFit ? '' : ' (and give it its value)'}`, edits: [{ file, range: word.range, newText: replacement }], safe: argsFit } }
      : undefined;
    const elsewhere = (schema().byName.get(name) ?? []).filter((s) => availableIn(s, this.options.target));
    if (elsewhere.length) {
      // The blocks this line sits in come first (`connect_timeout` in a url belongs in its HTTP_GET), and a list cut
      // short says so (template audit: the cut had left out the block one level up).
      const enclosing = new Set(this.stack.map((f) => f.node?.keyword));
      const paths = elsewhere.map((s) => s.path).sort((a, b) => Number(enclosing.has(b[b.length - 1])) - Number(enclosing.has(a[a.length - 1])));
      const allPlaces = [...new Set(paths.map((p) => (p.length ? p.join(' > ') : 'the top level')))];
      const placesText = allPlaces.length > 4 ? `${allPlaces.slice(0, 4).join(', ')} and ${allPlaces.length - 4} other block${allPlaces.length > 5 ? 's' : ''}` : allPlaces.join(', ');
      const topBlock = elsewhere.some((e) => e.path.length === 0 && !!e.block);
      // A keyword of this block one edit away, or the one meant here, comes first: `interfaces` in a vrrp_instance is
      // a misspelt `interface`, not a garp_group line out of place.
      const meant = replacement ? undefined : MEANT_HERE[`${ctx.name} ${name}`] ?? nearKeywordHere(ctx, name);
      // Not a keyword the block already has: `router_id LVS_DEVEL` beside a virtual_router_id is a global_defs line out
      // of place, not a second VRID (the recheck of session 60).
      if (meant !== undefined && availableIn(ctx.childMap.get(meant)!, this.options.target) && !this.blockHas(meant)) {
        const fits = this.argsFit(ctx, meant, after);
        const fix = !word.quoted && !word.expanded ? { fix: { description: `Replace with '${meant}'${fits ? '' : ' (and give it its value)'}`, edits: [{ file, range: word.range, newText: meant }], safe: false } } : undefined;
        this.report('KA202', 'error', `'${name}' is not valid in ${contextName(ctx)}; did you mean '${meant}'? ('${name}' belongs in ${placesText}) (keepalived: Unknown keyword '${name}')`, file, word.range, fix);
        return;
      }
      const instead = (replacement ? `; here, use '${replacement}'` : MISPLACED_HINTS[`${ctx.id} ${name}`] ?? '') + (topBlock ? this.stillOpenHint(ctx, file) : '');
      this.report('KA202', 'error', `'${name}' is not valid in ${contextName(ctx)}; it belongs in ${placesText}${instead} (keepalived: Unknown keyword '${name}')`, file, word.range, renameFix);
      return;
    }
    if (renamed) {
      this.report('KA201', 'error', `Unknown keyword '${name}' in ${contextName(ctx)}: ${renamed.note}${replacement ? ` — write '${replacement}'` : ''}`, file, word.range, renameFix);
      return;
    }
    const missingFeature = (schema().byName.get(name) ?? []).find((s) => s.missingFeature)?.missingFeature;
    if (missingFeature) {
      this.report('KA210', 'warning', `'${name}' needs a keepalived built with ${missingFeature}`, file, word.range);
      return;
    }
    const wrapped = this.wrappedCommentBefore(word);
    if (wrapped !== undefined) {
      this.report('KA201', 'error', `Unknown keyword '${name}' in ${contextName(ctx)}: this line looks like the end of the comment on line ${wrapped}, wrapped onto a line of its own; keepalived reads it as a keyword. Join it to line ${wrapped} or start it with '#'`, file, word.range, {
        fix: { description: "Start the line with '#'", edits: [{ file, range: { start: word.range.start, end: word.range.start }, newText: '# ' }] },
      });
      return;
    }
    // A keyword of a fork of keepalived (DPVS's `laddr_group_name`): say so rather than guess a misspelling.
    const fork = forkOfKeyword(ctx.id, name);
    if (fork) {
      this.report('KA201', 'error', `Unknown keyword '${name}' in ${contextName(ctx)}${forkNote(fork, `'${name}'`)}`, file, word.range);
      return;
    }
    const cache = this.unknownWordsIn(ctx);
    const candidates = cache.candidates;
    // Other software's words for the two roles (`notify_primary`, `notify_slave`): keepalived has only MASTER and BACKUP.
    const role = roleSynonym(name, (k) => ctx.childMap.has(k) && candidates.includes(k));
    if (role && !word.quoted && !word.expanded) {
      const fits = this.argsFit(ctx, role, after);
      this.report('KA201', 'error', `Unknown keyword '${name}' in ${contextName(ctx)}: keepalived calls the roles MASTER and BACKUP only; write '${role}'`, file, word.range, {
        fix: { description: `Replace with '${role}'${fits ? '' : ' (and give it its value)'}`, edits: [{ file, range: word.range, newText: role }], safe: fits },
      });
      return;
    }
    let guess = cache.guesses.get(name);
    if (guess === undefined && !cache.guesses.has(name)) {
      guess = suggest(name, candidates) ?? suggestAbbreviated(name, candidates);
      if (cache.guesses.size < GUESSES_KEPT) cache.guesses.set(name, guess);
    }
    // A guess far from the word (it holds the keyword: `dpdk_interface` for `interface`) that this block
    // already set on an earlier line names something else: the fix would set that keyword a second time.
    if (guess && this.seenStamp[ctx.childMap.get(guess)!.serial] === this.top().stamp && editDistance(name.toLowerCase(), guess.toLowerCase(), 2) > 2) guess = undefined;
    // A misspelt old keyword (`net_mask`): say what became of the one meant.
    let oldMeant: string | undefined;
    if (!guess) {
      oldMeant = this.oldGuesses.get(name);
      if (oldMeant === undefined && !this.oldGuesses.has(name)) {
        oldMeant = suggest(name, RENAMED_KEYWORDS);
        if (this.oldGuesses.size < GUESSES_KEPT) this.oldGuesses.set(name, oldMeant);
      }
    }
    const oldEntry = oldMeant ? (RENAMED as unknown as Record<string, { replacement: string | null; note: string }>)[oldMeant] : undefined;
    if (oldMeant && oldEntry && (!oldEntry.replacement || ctx.childMap.has(oldEntry.replacement))) {
      this.report('KA201', 'error', `Unknown keyword '${name}' in ${contextName(ctx)}; did you mean '${oldMeant}'? That keyword is gone too: ${oldEntry.note}${oldEntry.replacement ? ` — write '${oldEntry.replacement}'` : ''}`, file, word.range);
      return;
    }
    // A keyword and its first argument without the blank between them (`vrrp_instanceVI_1 {`,
    // `priority100`); the guess may be that keyword, whose fix would drop the argument.
    // The rest must read as a value: not another keyword run into the first (`priorityauth_pass150`).
    // A '_' may join a block's name to its keyword (`vrrp_script_chk_nginx {`, a harvested config): the
    // guess 'vrrp_script' alone would drop the name, and a vrrp_script without one stops keepalived.
    const namedBlock = (k: string): boolean => { const spec = ctx.childMap.get(k)!; return !!spec.block && spec.args.length > 0; };
    const gluedValue = (k: string, rest: string): boolean => {
      // One letter more is a plural or a slip of the finger (`notify_masters`), not a value.
      if (/^[a-z]$/i.test(rest)) return false;
      const value = rest.startsWith('_') && namedBlock(k) && /^_[A-Za-z0-9]/.test(rest) ? rest.slice(1) : rest;
      return !value.startsWith('_') && ![...schema().byName.keys()].some((kw) => kw.length >= 4 && value.startsWith(kw));
    };
    // With as many words after it as the keyword takes, the line already has its values: a misspelling (`router_idd lb1`).
    const valuesAfter = after.filter((w) => w.quoted || (w.text !== '{' && w.text !== '}')).length;
    const glued = word.quoted || word.expanded ? undefined : candidates
      .filter((k) => k.length >= 4 && name.length > k.length && name.startsWith(k) && ctx.childMap.get(k)!.args.length > valuesAfter && gluedValue(k, name.slice(k.length)))
      .sort((a, b) => b.length - a.length)[0];
    // The guess may be a shorter keyword that the glued one extends (`notification_email_fromroot@localhost`:
    // 'notification_email', where 'notification_email_from' took 'root@localhost' without its blank).
    if (glued && (!guess || guess === glued || (glued.length > guess.length && glued.startsWith(guess)))) {
      const rest = name.slice(glued.length);
      // `connect_timeout=10`, `priority:100` (the key=value habit of other formats): the '=' is no part of the value;
      // `vrrp_script_chk {`: nor is the '_' that joins a block's name to its keyword.
      const sep = /^[=:](?=.)/.exec(rest)?.[0] ?? (rest.startsWith('_') ? '_' : undefined);
      let value = sep ? rest.slice(1) : rest;
      // A man page's notation copied with it (`max_auto_priority=[-1]`): keepalived refuses '[-1]', so write
      // what is inside the brackets when that is a value keepalived takes (template audit, a harvested config).
      const first = ctx.childMap.get(glued)!.args[0];
      const refused = (v: string) => first !== undefined && checkArg(first, v, glued)?.severity === 'error';
      const bracketed = /^[[<](.+)[\]>]$/.exec(value)?.[1];
      if (bracketed !== undefined && refused(value) && !refused(bracketed)) value = bracketed;
      const split = `${glued} ${value}`;
      const what = sep === '_'
        ? `it is '${glued}' with its name joined to it by '_'; keepalived splits words only at blanks`
        : sep
        ? `it is '${glued}' with its value written after '${sep}'; keepalived takes no '${sep}' between a keyword and its value and splits words only at blanks`
        : `it is '${glued}' glued to '${rest}'; keepalived splits words only at blanks`;
      const invalid = refused(value) ? ', with a value keepalived takes' : '';
      this.report('KA201', 'error', `Unknown keyword '${name}' in ${contextName(ctx)}: ${what}. Write '${split}'${invalid}`, file, word.range, {
        fix: { description: `Replace with '${split}'${invalid ? ' (and give it a valid value)' : ''}`, edits: [{ file, range: word.range, newText: split }] },
      });
      return;
    }
    // A guess that means the opposite (`email_faults` → 'no_email_faults', found on a real config) is no fix.
    if (guess && (guess === `no_${name}` || name === `no_${guess}`)) {
      const already = guess.startsWith('no_') ? `; without it keepalived already does what this line says, so the line can go` : '';
      this.report('KA201', 'error', `Unknown keyword '${name}' in ${contextName(ctx)}: keepalived has '${guess}', which does the opposite${already}`, file, word.range);
      return;
    }
    // A checker named by its protocol (`HTTP_CHECK`, `HTTPS_GET`, `ICMP_CHECK`) means keepalived's checker of that
    // protocol, whatever the spelling is closest to (TCP_CHECK, HTTP_GET).
    const protocol = CHECKER_WORD.test(name) ? name.slice(0, name.indexOf('_')).toLowerCase() : '';
    const meantChecker = Object.hasOwn(CHECKER_FOR, protocol) ? CHECKER_FOR[protocol] : undefined;
    if (meantChecker && meantChecker !== name && candidates.includes(meantChecker)) guess = meantChecker;
    // Nor another checker for the one named (`FTP_CHECK` → SMTP_CHECK would test a service that is not there).
    else if (guess && CHECKER_WORD.test(name) && CHECKER_WORD.test(guess)
      && editDistance(name.slice(0, name.indexOf('_')).toLowerCase(), guess.slice(0, guess.indexOf('_')).toLowerCase(), 1) > 1) {
      const checkers = candidates.filter((k) => CHECKER_WORD.test(k));
      this.report('KA201', 'error', `Unknown keyword '${name}' in ${contextName(ctx)}: keepalived has no such checker; its checkers here are ${checkers.join(', ')}`, file, word.range);
      return;
    }
    // Sync group members written straight in the block (an old sample does it): they belong in 'group { }'.
    const hint = guess ? `; did you mean '${guess}'?` : ctx.id === 'vrrp_sync_group' ? "; the instances of a sync group are listed inside its 'group { }' block" : '';
    // A guess of another shape than the line (`track_sip {` → the flag 'track_src_ip'; a block keyword for a plain
    // line) is still said, but is no fix: the line would stay wrong in another way.
    const opensBlock = after.some((w) => !w.quoted && w.text === '{') || braceFollows(after[after.length - 1] ?? word);
    const shapeFits = !!guess && !!ctx.childMap.get(guess)!.block === opensBlock;
    // Nor is a deprecated keyword a fix (`lvs_sync_daemon_interface`): keepalived reports that one in turn (KA206).
    const current = !!guess && !ctx.childMap.get(guess)!.deprecated;
    // A guess whose values the line lacks (`net_namespace_blue` → 'net_namespace') says so: renamed as it is,
    // keepalived would refuse the line ("net_namespace name missing").
    const fits = !!guess && this.argsFit(ctx, guess, after);
    // Nor, without its value, a keyword this block already set (suggestions audit: a stray bare `fail` in a vrrp_script
    // with `fall 2` became a second, bare `fall`, and keepalived then stops reading the configuration).
    const alreadySet = !!guess && !fits && this.seenStamp[ctx.childMap.get(guess)!.serial] === this.top().stamp;
    const fix = guess && shapeFits && current && !alreadySet && !word.quoted && !word.expanded
      ? { description: `Replace with '${guess}'${fits ? '' : ' (and give it its value)'}`, edits: [{ file, range: word.range, newText: guess }] }
      : undefined;
    this.report('KA201', 'error', `Unknown keyword '${name}' in ${contextName(ctx)}${hint}`, file, word.range, fix ? { fix } : undefined);
    if (guess && editDistance(name.toLowerCase(), guess.toLowerCase(), 2) > 2) {
      const frame = this.top();
      (frame.farGuesses ??= []).push({ diagnostic: this.diagnostics[this.diagnostics.length - 1]!, serial: ctx.childMap.get(guess)!.serial, plain: `Unknown keyword '${name}' in ${contextName(ctx)}` });
    }
  }

  /**
   * An unknown word holding a brace, on a target that does not split braces from words (the reader hands
   * `TCP_CHECK{` over whole): what the brace was meant to do does not happen. KA701 reports the brace itself.
   */
  private reportGluedBraceKeyword(ctx: Context, word: Word, file: string): void {
    const name = word.text;
    const meant = name.replace(/^[{}]+|[{}]+$/g, '');
    const spec = ctx.childMap.get(meant);
    const label = this.options.targetLabel;
    const here = contextName(ctx);
    let effect: string;
    if (name === `${meant}{` && spec?.block) {
      const closes = this.stack.length > 1 ? `, whose block the next '}' ends` : '';
      effect = `keepalived ${label} does not split a '{' from the word it touches (1.4.2 does), so '${meant}' is not opened and its block is not skipped: its lines are read in ${here}${closes}`;
    } else if (/^[{}]+$/.test(name)) {
      effect = `keepalived ${label} reads touching braces as one word (1.4.2 splits them), so none of them opens or closes a block`;
    } else {
      effect = `keepalived ${label} reads a brace touching a word as part of that word (1.4.2 splits them), so the brace opens or closes nothing`;
    }
    this.report('KA201', 'error', `Unknown keyword '${name}' in ${here}: ${effect} (see KA701)`, file, word.range);
  }

  /**
   * 2.1.4 and 2.1.5 take a line as an include only when a blank or a tab follows 'include' (2.2.0: any white space),
   * so `include` then a carriage return, a form feed or a vertical tab is the keyword 'include' there.
   */
  private unseparatedInclude(word: Word, features: ReturnType<typeof lineFeatures>): string | undefined {
    if (word.text !== 'include' || !features?.includeRestOfLine || features.includeVariants || !(word instanceof StoreWord)) return undefined;
    const next = word.store.src.text.charCodeAt(word.end);
    const what = next === 13 ? 'a carriage return' : next === 12 ? 'a form feed' : next === 11 ? 'a vertical tab' : undefined;
    return what && `it takes an include line only with a blank or a tab after 'include', and ${what} follows it here, which 2.2.0 and later accept; put a blank there`;
  }

  /**
   * A keyword broken in two by a blank (`smtp_ server`, `auth type PASS`, `vrrp _mcast_group4`: text
   * retyped from a screenshot or a PDF): the unknown word and the next one make a keyword of this block.
   */
  /**
   * `VI4=\` or `IF=eth0` where the file uses `$VI4` or `${IF}`: a definition written without its '$', which
   * keepalived reads as a keyword (and the references then name nothing). Only when a line of configuration uses
   * the name, so a pasted shell or sysconfig line (`KEEPALIVED_OPTIONS="-D"`, `A=\`ps …\``) gets the plain message.
   */
  private reportDollarlessDefinition(ctx: Context, word: Word, file: string, features: ReturnType<typeof lineFeatures>): boolean {
    if (word.quoted || word.expanded || (features && !features.definitions)) return false;
    const m = DOLLARLESS_DEFINITION.exec(word.text);
    if (!m) return false;
    const name = m[1]!;
    const text = this.sourceOf?.(word.file);
    if (text === undefined || !configLineUses(text, name)) return false;
    this.report('KA201', 'error', `Unknown keyword '${word.text}' in ${contextName(ctx)}: it looks like the definition of '$${name}', which this file uses, written without its '$'; keepalived reads the line as a keyword and defines nothing. Write '$${name}='`, file, word.range, {
      fix: { description: `Insert '$' before '${name}='`, edits: [{ file, range: { start: word.range.start, end: word.range.start }, newText: '$' }] },
    });
    return true;
  }

  private reportSplitKeyword(ctx: Context, word: Word, file: string, next: Word | undefined): boolean {
    if (!next || word.quoted || next.quoted || word.expanded || next.expanded || next.text === '{' || next.text === '}') return false;
    const name = word.text;
    const joins = name.endsWith('_') || next.text.startsWith('_') ? [name + next.text] : [name + next.text, `${name}_${next.text}`];
    const meant = joins.find((k) => {
      const spec = ctx.childMap.get(k);
      return spec !== undefined && availableIn(spec, this.options.target);
    });
    if (!meant) return false;
    const written = `${name} ${next.text}`;
    this.report('KA201', 'error', `Unknown keyword '${name}' in ${contextName(ctx)}: '${written}' is '${meant}' with a blank in it; keepalived reads '${name}' as the keyword and skips the line. Write '${meant}'`, file, word.range, {
      fix: { description: `Replace '${written}' with '${meant}'`, edits: [{ file, range: { start: word.range.start, end: next.range.end }, newText: meant }] },
    });
    return true;
  }

  /**
   * A list, quote or numbering marker left from copied text before a keyword of this block (`> global_defs {`,
   * `- state MASTER`, `1. priority 100`: Markdown pasted from an issue or a blog): keepalived reads the marker
   * as the keyword, so the line it prefixes is lost. Says which keyword follows and offers to delete the marker.
   */
  private reportStrayMarker(ctx: Context, word: Word, file: string, next: Word | undefined): boolean {
    const name = word.text;
    // Alone on its line: Markdown code-fence or emphasis characters (a '```' line, the '`' or '_' after a closing
    // '}') copied with the config.
    if (!next && !word.quoted && !word.expanded && /^(?:[`*_]+|```+[\w-]+)$/.test(name)) {
      this.report('KA201', 'error', `Unknown keyword '${name}' in ${contextName(ctx)}: it looks like Markdown formatting copied with the config; keepalived reads it as a keyword. Delete it`, file, word.range, {
        fix: { description: `Delete '${name}'`, edits: [{ file, range: word.range, newText: '' }] },
      });
      return true;
    }
    if (!next || word.quoted || next.quoted || word.expanded || next.expanded) return false;
    if (!/^(?:[-*+>|`\u2022\u00b7\u2013\u2014]+|\d{1,3}[.)])$/.test(name)) return false;
    const spec = ctx.childMap.get(next.text);
    if (!spec || !availableIn(spec, this.options.target)) return false;
    this.report('KA201', 'error', `Unknown keyword '${name}' in ${contextName(ctx)}: it looks like a list, quote or numbering marker left from copied text before '${next.text}'; keepalived reads '${name}' as the keyword, so the '${next.text}' line is lost. Delete '${name}'`, file, word.range, {
      fix: { description: `Delete '${name}'`, edits: [{ file, range: { start: word.range.start, end: next.range.start }, newText: '' }] },
    });
    return true;
  }

  /** A '{'; `counted` false for a quoted one, which keepalived's brace count does not see. */
  open(brace: Word, counted = true): void {
    if (this.ownerStopped) return counted ? this.readBySkippingOnly(brace, 0, 'open') : undefined;
    const stopped = this.stoppedBareKeyword;
    this.stoppedBareKeyword = undefined;
    if (stopped && stopped.node.file === brace.file && stopped.node.range.start.line === brace.range.start.line && !stopped.node.spec?.block) {
      stopped.diagnostic.message += ` ('${stopped.node.keyword}' takes its value on this line, not inside a '{ }' block)`;
    }
    if (counted) this.rawOpen.push(brace);
    else if (!brace.quoted) this.lastUncountedOpen = brace;
    // (Quoted braces are counted by words(), see swallowQuotedBraces.)
    if (this.swallow && !brace.quoted) this.swallow.level++;
    if (this.otherPassesAtTop) this.reportOtherPasses(brace);
    const p = this.pending;
    if (p) {
      this.pending = undefined;
      this.pushBlock(p, brace, this.pendingSkip);
      if (this.pendingClosesParent) this.top().closesParent = true;
      return;
    }
    const top = this.top();
    if (top.kind === 'skip') {
      // Braces inside a skipped block only nest the skipping.
      this.stack.push({ node: top.node, kind: 'skip', childStart: this.childStack.length, stamp: this.nextStamp++ });
      return;
    }
    if (this.stack.length > 1 && counted) this.ignoredOpen = brace;
    if (counted) {
      this.ignoredBraces.add(`${brace.file}\0${brace.start}`);
      this.ignoredBraceWords.push(brace);
    }
    if (top.kind === 'values') {
      // keepalived does not say "Unexpected '{'" here: it takes the '{' as a value (e.g. "VRRP parsed invalid IP {").
      // A block opened without its '{' (KA104) is balanced by this one: the '}' ending the values closes it.
      // Only the first such '{' makes up for the missing one; a second is an extra open brace (`track_interface eth0` then `x {{`).
      const late = top.node.openBrace === undefined && !top.lateBraceRead;
      if (late) top.lateBraceRead = true;
      const counted = !this.countsBraces ? '' : late ? `; as the block had no '{' of its own, this one balances the '}' that ends it` : `, and still counts it as an open brace, so one '}' further on closes nothing`;
      // notification_email takes any word as an address without a check.
      const severity: Severity = late && top.node.keyword === 'notification_email' ? 'warning' : 'error';
      this.report('KA103', severity, `'{' inside the value block of '${top.node.keyword}': keepalived reads it as one of the values${counted}`, brace.file, brace.range);
      if (late && this.countsBraces) {
        // KA104 on the block's line said its '}' would close the block around it: this '{' makes up for that.
        const line = top.node.range.start.line;
        for (let i = this.diagnostics.length - 1; i >= 0; i--) {
          const d = this.diagnostics[i]!;
          if (d.code === 'KA104' && d.file === top.node.file && d.range.start.line === line) {
            d.message += ` (here the '{' on line ${brace.range.start.line + 1}, read as a value, makes up for it)`;
            break;
          }
        }
      }
      // In a list of tracked names it names a track script/file/process that does not exist, which the
      // reference rule reports (keepalived 2.2.7 -t hangs on a track_file entry '{' once a track file is defined);
      // in a sync group's list, an instance that does not exist ("Virtual router { specified in sync group … doesn't exist").
      if (TRACKED_NAME_LISTS.has(top.node.keyword) || (top.node.keyword === 'group' && top.node.parent?.keyword === 'vrrp_sync_group')) {
        (top.node.values ??= []).push(new ValueLine([brace], brace.file));
      }
      return;
    }
    const unknown = this.lastUnknown;
    const why = unknown
      ? `: '${unknown.text}' is not a block keyword here, and keepalived does not skip its block — the lines inside are read at this level and its '}' closes the enclosing block`
      : '';
    // Before 1.4.2 a '{' ending a keyword's line is a word of that line: only a '{' first on its line is "Unexpected".
    const said = this.bracesGlued && unknown && unknown.file === brace.file && unknown.range.start.line === brace.range.start.line ? '' : ` (keepalived: "Unexpected '{' - ignoring")`;
    this.report('KA103', 'error', `Unexpected '{'${said}${why}`, brace.file, brace.range);
  }

  private pushBlock(node: AstNode, brace: Word | undefined, skip = false): void {
    node.openBrace = brace;
    if (this.stack.length === 1) {
      this.rootRawDepth = this.rawOpen.length;
      this.ignoredOpen = undefined;
      this.quotedNet = 0;
      this.lastQuotedClose = undefined;
      this.quotedOpens.length = 0;
      this.rawDeficit = 0;
    }
    // Every global_defs block (repeat 'merge') sets one set of globals: share one stamp, so that a
    // first_wins keyword repeated in a second global_defs is found too (keepalived: "already specified").
    // A merging block inside another (an instance's `authentication`) merges within that one only.
    const spec = node.spec;
    let stamp: number;
    if (!skip && spec?.repeat === 'merge') {
      const parentStamp = this.top().stamp;
      if (this.seenStamp[spec.serial] !== parentStamp) {
        this.seenStamp[spec.serial] = parentStamp;
        this.mergeStamp[spec.serial] = this.nextStamp++;
      }
      stamp = this.mergeStamp[spec.serial]!;
    } else stamp = this.nextStamp++;
    const unmade = this.top().unmade;
    const frame: Frame = { node, kind: skip ? 'skip' : spec?.block === 'values' ? 'values' : 'keywords', childStart: this.childStack.length, stamp };
    // Rare: set apart so that every other frame keeps one shape.
    if (unmade) frame.unmade = true;
    this.stack.push(frame);
    this.lastUnknown = undefined;
  }

  /** A '}'; `counted` false for a quoted one, which keepalived's brace count does not see. */
  close(brace: Word, counted = true): void {
    if (this.ownerStopped) return counted ? this.readBySkippingOnly(brace, 0, 'close') : undefined;
    // The old release's reading at the skipped block's level ends at the next '}' (roughly: kalint's braces).
    const endedSkippedLevel = this.skippedInstance;
    this.skippedInstance = undefined;
    this.missingBraceAfterSkip = false;
    if (this.vrrpAtTop) this.atTopForVrrp(brace);
    if (this.pending) {
      const p = this.pending;
      if (brace.file === p.file && brace.range.start.line === p.range.start.line) {
        // `keyword }` on one line: keepalived never opens that block, and this '}' closes the
        // enclosing one (keepalived 2.2.7 reports no missing '{' for it).
        this.pending = undefined;
        if (!this.pendingSkip) this.report('KA104', 'error', `'${p.keyword}' opens a block, but no '{' follows it`, p.file, p.range);
        // The first virtual_server refused for its address aborts those releases here too (2.2.7:
        // 'virtual_server 10.0.0.300 80}' prints "free(): invalid pointer" and dies; 2.2.8 does not).
        else if (this.pendingSkippedByHandler && this.skippedVsCrashes(p)) {
          this.report('KA104', 'error', `'${p.keyword}' is skipped for its address, and this '}' leaves it without a block: keepalived ${this.options.targetLabel} then crashes (an abort, "free(): invalid pointer", also under keepalived -t)`, brace.file, brace.range, {
            related: [{ file: p.file, range: p.range, message: `'${p.keyword}' needs '{' here` }],
          });
        }
      } else {
        // keepalived reads this '}' where the '{' should be, and it ends the block just opened.
        this.openPendingWithoutBrace(brace);
      }
    }
    this.lastUnknown = undefined;
    const floor = this.streamFloors.length ? this.streamFloors[this.streamFloors.length - 1]! : 0;
    if (counted && floor > 1 && this.stack.length <= floor) {
      // An included file read as a stream of its own, inside a block: a '}' at its outer level ends the stream
      // (keepalived does not read the rest of the file), not the block, which goes on after the include line.
      this.streamEndedBy = brace;
      // The processes that skip the block count the '}' as any other (one too many ends their skipping).
      if (this.rawOpen.length) this.countedBrace(brace, false, `takes as the end of the included file it is in (keepalived ${this.options.targetLabel} reads an included file on its own)`);
      else {
        if (this.countsBraces) this.report('KA101', 'error', `Extra '}': more '}' than '{' so far (keepalived: "Extra '}' found")`, brace.file, brace.range);
        if (this.swallow && --this.swallow.level <= 0) this.endSwallow(brace);
      }
      return;
    }
    // keepalived counts braces on their own, whatever the blocks: a '}' with no '{' before it is
    // "Extra '}' found"; a '}' that balances an ignored '{' but has no block to close is read as
    // the keyword '}'.
    const matched = counted ? this.rawOpen.pop() : brace;
    if (!matched) this.rawDeficit++;
    let endsParentSkip = false;
    // (Quoted braces are counted by words(), see swallowQuotedBraces.)
    if (this.swallow && !brace.quoted && --this.swallow.level <= 0) endsParentSkip = this.endSwallow(brace);
    if (!matched && this.stack.length > 1 && !this.countsBraces) {
      // Releases before MISSING_BRACE_CHECK_SINCE count no braces: the '}' ends the block, silently.
      if (this.otherPassesAtTop) this.reportOtherPasses(brace);
    } else if (!matched && this.stack.length > 1) {
      // Braces are counted as read, whatever the blocks: after a block without its '{' the count goes below zero first.
      // 2.0.8 does not count a brace that a comment follows on its line (the reader's bracesBeforeCommentUncounted):
      // name the last such '{' before this '}'.
      const opened = this.lastUncountedOpen;
      const why = opened
        ? ` (keepalived ${this.options.targetLabel} does not count the '{' of line ${opened.range.start.line + 1}: it skips a brace that a comment follows on its line; 2.0.9 and later count it)`
        : '';
      this.report('KA101', 'error', `Extra '}': more '}' than '{' so far (keepalived: "Extra '}' found"); keepalived still ends the '${this.top().node.keyword}' block here${why}`, brace.file, brace.range);
    } else if (this.otherPassesAtTop) this.reportOtherPasses(brace);
    if (this.stack.length <= 1) {
      // The processes skipping on read this '}' as the end of their skipping, and no finding is theirs.
      this.parentSkipEnding = endsParentSkip && !!this.whileParentSkipsOn;
      if (!counted) this.report('KA103', 'error', `'"}"' at the top level closes no block: keepalived reads it as the keyword '}' (keepalived: "Unknown keyword '}'")`, brace.file, brace.range);
      else if (!matched && !this.countsBraces) this.report('KA101', 'error', `Extra '}': it closes no block; keepalived ${this.options.targetLabel} reads it as a keyword (keepalived: "Unknown keyword '}'")`, brace.file, brace.range);
      else if (!matched) this.report('KA101', 'error', "Extra '}': it closes no block (keepalived: \"Extra '}' found\")", brace.file, brace.range);
      else if (this.endedAtFileEnd.has(`${matched.file}\0${matched.start}`)) {
        this.report('KA103', 'error', `'}' at the top level closes no block: the block its '{' (${matched.file === brace.file ? `line ${matched.range.start.line + 1}` : `${matched.file}:${matched.range.start.line + 1}`}) opened ended with the included file it is in (keepalived ${this.options.targetLabel} reads each included file on its own), so keepalived reads this '}' as an unknown keyword (keepalived: "Unknown keyword '}'")`, brace.file, brace.range);
      } else if (this.endedEarly.has(`${matched.file}\0${matched.start}`)) {
        this.report('KA103', 'error', `'}' at the top level closes no block: the block its '{' (line ${matched.range.start.line + 1}) opened already ended at a repeated 'group' list, so keepalived reads this '}' as an unknown keyword`, brace.file, brace.range);
      } else if (this.ignoredBraces.has(`${matched.file}\0${matched.start}`)) {
        this.report('KA103', 'error', `'}' at the top level closes no block: the '{' it matches (line ${matched.range.start.line + 1}) was ignored, so keepalived reads this '}' as an unknown keyword`, brace.file, brace.range);
      } else {
        // The '{' it balances opened a block, but a '}' meant for an ignored '{' inside it ended that block early.
        const inner = this.ignoredOpen && this.ignoredOpen.file === matched.file && this.ignoredOpen.start > matched.start ? ` (the '{' on line ${this.ignoredOpen.range.start.line + 1} was ignored, so its '}' ended the block)` : '';
        this.report('KA103', 'error', `'}' at the top level closes no block: the block opened on line ${matched.range.start.line + 1} already ended at an earlier '}'${inner}, so keepalived reads this '}' as an unknown keyword`, brace.file, brace.range);
      }
      this.parentSkipEnding = false;
      return;
    }
    const frame = this.stack.pop()!;
    if (this.atBlockEnd.size) this.reportAtBlockEnd(frame.node, brace);
    const unreadKind = frame.node.keyword === 'vrrp_instance' ? this.instancesRead : frame.node.keyword === 'vrrp_sync_group' ? this.syncGroupsRead : -1;
    // A nameless or repeated one (a vrrp_instance or vrrp_sync_group its handler skips).
    const header = this.headerAtSkippedLevel;
    // (Nested skip frames share their block's node: only the block's own '}' counts.)
    const readAtLevel = header !== undefined && this.top().node !== frame.node && frame.node.file === header.file && frame.node.range.start.line === header.range.start.line && frame.node.range.start.column === header.range.start.column;
    if (readAtLevel) this.headerAtSkippedLevel = undefined;
    // A block of a kind only the process reading at a skipped block's level reads (the next vrrp_instance, in the VRRP
    // process), whose header that process read there as an unknown keyword: never created, so out of the model.
    const lost = this.lostHeader;
    const loseHeader = lost !== undefined && this.stack.length === 1 && frame.node.file === lost.file && frame.node.range.start.line === lost.range.start.line && frame.node.range.start.column === lost.range.start.column;
    if (loseHeader || this.stack.length === 1) this.lostHeader = undefined;
    if (readAtLevel) {
      // Not skipped by keepalived: nothing is read at its level after it.
    } else if (frame.kind === 'skip' && this.stack.length === 1 && unreadKind >= 0 && compareVersions(this.options.target, SKIP_ENDS_BLOCK_SINCE) < 0) {
      this.skippedInstance = frame.node;
      this.missingBraceAfterSkip = this.skipFromNextLine === frame.node;
      const read = this.instanceNames.get(frame.node.keyword);
      this.skippedTail = unreadKind > 0 && read ? [...read.values()].pop() : undefined;
    } else if (frame.kind === 'skip' && this.skippedServerLevel(frame.node)) {
      // A virtual_server or real_server skipped for its address (1.3.7 to 1.4.4): the same, in the checker process.
      this.skippedInstance = frame.node;
      this.missingBraceAfterSkip = this.skipFromNextLine === frame.node;
      this.skippedTail = frame.node.keyword === 'virtual_server' ? this.lastVirtualServer : this.lastRealServer;
    }
    // (With processes already skipping on past an earlier block, this block's braces are in their count.)
    if (this.stack.length === 1 && !this.swallow && frame.kind !== 'skip' && frame.node.openBrace && READERS[frame.node.keyword]) {
      // The '{' words the processes skipping the block counted and no '}' matched: an ignored one still open in the
      // count of braces, or quoted ones (`router_id "{"`), which only they count. They skip on that many levels.
      const ignored = this.ignoredOpen && this.rawOpen.length >= this.rootRawDepth ? this.ignoredOpen : undefined;
      const quoted = !this.otherPassesAtTop && this.quotedNet > 0 ? this.quotedOpens[0] : undefined;
      // (A quoted '}' in the block balances an ignored '{' for them: `scope "}"` in the lines after it.)
      const level = this.rawOpen.length - this.rawDeficit - this.rootRawDepth + 1 + (this.otherPassesAtTop ? 0 : this.quotedNet);
      const open = ignored ?? quoted;
      if (open && level > 0) {
        this.swallow = { block: frame.node, level, brace: open, lost: [] };
        if (open === quoted) this.swallow.finding = this.reportQuotedSwallow(frame.node, open, brace);
      }
    }
    if (this.stack.length === 1) this.otherPassesAtTop = this.bracelessBlock = this.extraClose = undefined;
    // The processes that skip the top-level block stop at the '}' that balances its '{'; the lines up to this block's own end they read at the top level.
    else if (!this.otherPassesAtTop && this.bracelessBlock && this.rawOpen.length < this.rootRawDepth) this.otherPassesAtTop = this.bracelessBlock;
    else if (!this.otherPassesAtTop && !this.swallow && this.lastQuotedClose && this.rawOpen.length + this.quotedNet < this.rootRawDepth) {
      // A quoted '}' read earlier in the block has the processes skipping it end the block at this '}'.
      this.otherPassesAtTop = this.stack[1]!.node;
      this.extraClose = this.lastQuotedClose;
      this.extraCloseWhy = undefined;
      this.otherPassesLine = `${brace.file}\0${brace.range.start.line}`;
    }
    // Inside a skipped block, inner braces close only the nested skipping.
    if (frame.kind !== 'skip' || this.top().kind !== 'skip') frame.node.closeBrace = brace;
    if (frame.kind === 'skip' && this.top().kind !== 'skip') this.noteUnreadBody(frame.node, brace);
    this.closeFrame(frame);
    if (loseHeader && this.childStack[this.childStack.length - 1] === frame.node) {
      this.childStack.pop();
      this.lostBlocks.push({ node: frame.node, before: this.childStack.length });
      const name = frame.node.argText(0);
      const names = this.instanceNames.get(frame.node.keyword);
      if (name !== undefined && names?.get(name) === frame.node) names.delete(name);
    }
    if (frame.closesParent && this.stack.length > 1) {
      const parent = this.stack.pop()!;
      if (this.stack.length === 1) this.otherPassesAtTop = this.bracelessBlock = this.extraClose = undefined;
      const open = parent.node.openBrace;
      if (open) this.endedEarly.add(`${open.file}\0${open.start}`);
      parent.node.closeBrace = brace;
      this.closeFrame(parent);
      // From 2.2.8 a group is kept at its end handler, which a block ended this way never reaches: the group is lost,
      // and its name free for a later block.
      if (GROUPS_REMOVED_AT_END.has(parent.node.keyword) && compareVersions(this.options.target, GROUPS_REMOVED_AT_END_SINCE) >= 0) {
        if (this.childStack[this.childStack.length - 1] === parent.node) {
          this.childStack.pop();
          if (this.stack.length === 1) this.lostBlocks.push({ node: parent.node, before: this.childStack.length });
        }
        const name = parent.node.argText(0);
        const names = this.instanceNames.get(parent.node.keyword);
        if (name !== undefined && names?.get(name) === parent.node) names.delete(name);
      }
    }
    if (this.stack.length === 1) this.vrrpAtTop = undefined;
    // A skipped real_server's level ends into its virtual_server's, where kalint is too.
    else if (endedSkippedLevel && endedSkippedLevel.keyword !== 'real_server') this.vrrpAtTop = endedSkippedLevel;
    // Arrays grown by push keep spare capacity; a closed block's lists are final, so trim them.
    if (frame.node.values) frame.node.values = frame.node.values.slice();
    // keepalived notices the emptiness at the closing brace, and reports that line.
    if (isEmptyEmailBlock(frame)) this.reportEmptyEmailBlock(brace.file, brace.range);
  }

  /**
   * An empty notification_email block (its handler reads no address): keepalived warns where the block ends, at
   * its '}', or where the file it is in ends (`where` says how, for a block without its '}').
   */
  private reportEmptyEmailBlock(file: string, range: Range, where = '', related?: Diagnostic['related']): void {
    const warned = compareVersions(this.options.target, EMPTY_EMAIL_WARNED_SINCE) >= 0;
    const said = warned ? ` (keepalived: "Warning - empty notification_email block"${where})` : `: no address is set (keepalived ${this.options.targetLabel} says nothing of it)`;
    this.report('KA205', 'warning', `Empty 'notification_email' block${said}`, file, range, related ? { related } : undefined);
  }

  /**
   * A block that a file's end ends (no '}'; `fileEnded` is the file whose end it is): before 2.1.4 keepalived names
   * that file's last line in what it reports at the block's end (`endedAt`, for the rules), later releases no line.
   * An empty notification_email block is warned of there.
   */
  private endAtFileEnd(frame: Frame, fileEnded: string): void {
    const node = frame.node;
    const text = compareVersions(this.options.target, END_OF_FILE_LINE_NAMED_BEFORE) < 0 ? this.sourceOf?.(fileEnded) : undefined;
    const at = text !== undefined ? { file: fileEnded, range: lastLineRange(text) } : undefined;
    if (at && frame.kind !== 'skip') node.endedAt = at;
    if (!isEmptyEmailBlock(frame)) return;
    const keyword = node.word!.range;
    if (!at || compareVersions(this.options.target, EMPTY_EMAIL_WARNED_SINCE) < 0) {
      this.reportEmptyEmailBlock(node.file, keyword, `, given without a line number where the file ends`);
      return;
    }
    const related = [{ file: node.file, range: keyword, message: "this block, which the file's end ends" }];
    this.reportEmptyEmailBlock(at.file, at.range, `, at the last line of the file, where the block ends`, related);
  }

  private adopt(frame: Frame, node: AstNode): void {
    node.parent = frame.node;
    this.childStack.push(node);
    if (this.stack.length === 1 && node.keyword === 'virtual_server') this.virtualServersRead++;
  }

  /** The findings held for the block's end (see checkValueLine): at its '}', pointing at the entry; without one, at the entry. */
  private reportAtBlockEnd(block: AstNode, brace?: { file: string; range: Range }): void {
    const held = this.atBlockEnd.get(block);
    if (!held) return;
    this.atBlockEnd.delete(block);
    for (const d of held) {
      if (brace) {
        d.related = [{ file: d.file, range: d.range, message: 'this entry' }];
        d.message += ` (keepalived reports it where the '${block.keyword}' block ends)`;
        d.file = brace.file;
        d.range = brace.range;
      }
      this.diagnostics.push(d);
    }
  }

  /**
   * `state Backup` after `state MASTER`: the word means BACKUP to keepalived, but writing 'BACKUP' would be
   * ignored after MASTER ("state previously set as MASTER"), making the node start as MASTER: no such fix.
   */
  private noBackupFixAfterMaster(node: AstNode, from: number): void {
    const frame = this.top();
    let master = false;
    for (let i = frame.childStart; i < this.childStack.length && !master; i++) {
      const c = this.childStack[i]!;
      master = c !== node && c.keyword === 'state' && c.argText(0) === 'MASTER';
    }
    if (!master) return;
    for (let i = from; i < this.diagnostics.length; i++) {
      const d = this.diagnostics[i]!;
      if (d.code !== 'KA205' || d.fix?.edits[0]?.newText !== 'BACKUP') continue;
      d.fix = undefined;
      d.message += "; but 'BACKUP' here would be ignored after the earlier 'state MASTER', and the node would start as MASTER: keep one state line";
    }
  }

  /** Gives a closing block its children. */
  private closeFrame(frame: Frame): void {
    if (frame.farGuesses) {
      for (const g of frame.farGuesses) {
        if (this.seenStamp[g.serial] !== frame.stamp) continue;
        g.diagnostic.message = g.plain;
        delete g.diagnostic.fix;
      }
      frame.farGuesses = undefined;
    }
    const stack = this.childStack;
    const n = stack.length - frame.childStart;
    if (n <= 0) return;
    // slice, not new Array(n): a filled new Array(n) stays holey, and every loop over children pays for that.
    frame.node.children = stack.slice(frame.childStart);
    stack.length = frame.childStart;
  }

  /**
   * Reports blocks left open at the end of input, and gives every open block (and the root) its children.
   * `lastLine` gives the main file's last line, where some releases report an unclosed '{'.
   */
  finish(lastLine?: () => { file: string; range: Range }): void {
    // First, so that the tree is whole even if reporting fails.
    for (let i = this.stack.length - 1; i >= 0; i--) this.closeFrame(this.stack[i]!);
    if (this.swallow?.finding) this.finishSwallowFinding(this.swallow, undefined);
    // Only for blocks left open: lastLine() counts the main file's lines.
    const mainFile = this.stack.length > 1 ? lastLine?.().file : undefined;
    for (let i = this.stack.length - 1; i > 0; i--) if (mainFile !== undefined) this.endAtFileEnd(this.stack[i]!, mainFile);
    this.bfd?.close();
    // A block a file's end ended: where keepalived names that end (before 2.1.4), else at the entry.
    for (const block of [...this.atBlockEnd.keys()]) this.reportAtBlockEnd(block, block.endedAt);
    const endCrash = `; keepalived ${this.options.targetLabel} then crashes at the end of the file (a segmentation fault, also under keepalived -t)`;
    // The process reading the block is still inside it (the processes skipping a block by its braces do not crash).
    const crashesAtEnd = compareVersions(this.options.target, MISSING_BRACE_CRASH[0]) >= 0 && compareVersions(this.options.target, MISSING_BRACE_CRASH[1]) < 0 &&
      (this.stack.length > 1 || this.pending !== undefined);
    let crashSaid = false;
    if (this.pending) {
      const p = this.pending;
      // The first virtual_server refused for its address crashes the same releases when the file ends right after it.
      const crash = this.pendingSkippedByHandler && this.skippedVsCrashes(p)
        ? `; keepalived ${this.options.targetLabel} skips it for its address and then crashes, also under keepalived -t`
        : crashesAtEnd ? endCrash : '';
      crashSaid = crash !== '';
      // Without the crash keepalived reads an empty block and says nothing (2.2.7 -t exits 0): a warning.
      if (crash) this.report('KA104', 'error', `'${p.keyword}' opens a block, but the file ends before its '{'${crash}`, p.file, p.range);
      else this.report('KA104', 'warning', `'${p.keyword}' opens a block, but the file ends before its '{': keepalived reads an empty block without a word (was the file cut short?)`, p.file, p.range);
      this.pending = undefined;
    }
    const missing = this.rawOpen.length;
    // Brace words are made on each read: match them by place.
    const place = (w: Word) => `${w.file}\0${w.start}`;
    const owners = new Map<string, AstNode>();
    for (const f of this.stack) {
      const open = f.node.openBrace;
      if (open) owners.set(place(open), f.node);
    }
    // The top-level block the file ends in, which the processes that do not read it were skipping.
    const skippedAtEnd = this.stack[1]?.node ?? this.swallow?.block;
    const leftOver = skippedAtEnd && READERS[skippedAtEnd.keyword] && this.countsBraces &&
      compareVersions(this.options.target, SKIP_LEFT_OVER[0]) >= 0 && compareVersions(this.options.target, SKIP_LEFT_OVER[1]) < 0
      ? `; keepalived ${this.options.targetLabel} leaves the other processes' skip of this '${skippedAtEnd.keyword}' block set for the next reading of the file, which then skips from the top of the file until the braces balance, usually to its end, and reads nothing (keepalived -t reads the file for the checker, then the VRRP process; fixed in 2.0.20)`
      : '';
    let leftOverSaid = false;
    // Before 2.0.8, which counts no braces: what the processes still skipping by the braces at the end do.
    const old = !this.countsBraces && skippedAtEnd && READERS[skippedAtEnd.keyword] ? this.oldSkipLeftAtEnd(skippedAtEnd) : undefined;
    for (const brace of this.rawOpen) {
      const owner = owners.get(place(brace));
      const what = owner ? `'${owner.keyword}' block` : "'{'";
      // keepalived 2.2.7 frees a virtual_server it skips for its address, and still closes it at the
      // end of the file when the file ends inside it: it aborts (checked with the binary).
      const aborts = owner?.keyword === 'virtual_server' && !this.swallowedNodes.has(owner) && blockSkipped('virtual_server', owner)
        ? "; keepalived 2.2.7 then aborts (\"free(): invalid pointer\", also keepalived -t): the file ends inside a virtual_server it skips for its address"
        : '';
      const crashes = !aborts && crashesAtEnd ? endCrash : owner && this.endsOnUncreatedInstance(owner) ? UNCREATED_INSTANCE_END : '';
      if (crashes && this.countsBraces) crashSaid = true;
      if (!this.countsBraces) {
        // Nothing to quote: the block just ends with the file, which may have been cut short. These
        // releases count no braces: a '{' that opened no block (ignored, or a value) is nothing to them.
        if (!owner) continue;
        if (old && !leftOverSaid) {
          leftOverSaid = true;
          const how = old.inherited ? `: keepalived ${this.options.targetLabel} does not check it, and ` : `; keepalived ${this.options.targetLabel} ends it at the end of the file for the process that reads it, and `;
          this.report('KA102', old.severity, `${what} is never closed${how}${old.said}`, brace.file, brace.range);
        } else if (!old || old.severity === 'warning') {
          this.report('KA102', 'warning', `${what} is never closed; keepalived ${this.options.targetLabel} ${old ? '' : 'does not check (2.0.8 and later report it) and '}ends it at the end of the file`, brace.file, brace.range);
        }
        continue;
      }
      const skipSet: string = leftOver && !leftOverSaid ? leftOver : '';
      leftOverSaid ||= skipSet !== '';
      const message = `${what} is never closed (keepalived: "There are ${missing} missing '}'s or extra '{'s")${aborts}${crashes}${skipSet}`;
      const atEnd = lastLine && compareVersions(this.options.target, MISSING_BRACE_AT_LAST_LINE[0]) >= 0 && compareVersions(this.options.target, MISSING_BRACE_AT_LAST_LINE[1]) < 0 ? lastLine() : undefined;
      if (atEnd) {
        // These releases name the line they stopped reading at: report there, and point at the brace.
        this.report('KA102', 'error', `${message}; keepalived ${this.options.targetLabel} reports it at the last line of the file`, atEnd.file, atEnd.range, {
          related: [{ file: brace.file, range: brace.range, message: `this '{' (line ${brace.range.start.line + 1}) is never closed` }],
        });
      } else this.report('KA102', 'error', message, brace.file, brace.range);
    }
    if (old && !leftOverSaid && !this.swallow?.finding) {
      // No block is left open (a '{' the reading process took as a value or ignored, which the processes skipping
      // the block count): said on that brace (a quoted one's finding says it, see finishSwallowFinding).
      const brace = this.swallow?.brace ?? this.rawOpen[0];
      if (brace) {
        const quote = brace.quoted ? '\'"{"\'' : "'{'";
        this.report('KA102', old.severity, `${quote} is never closed for the processes that skip the '${skippedAtEnd!.keyword}' block (line ${skippedAtEnd!.range.start.line + 1}), which count it as a brace and skip on past that block's '}'${old.inherited ? `: keepalived ${this.options.targetLabel} does not check it, and ` : '; '}${old.said}`, brace.file, brace.range, {
          related: [{ file: skippedAtEnd!.file, range: skippedAtEnd!.word?.range ?? skippedAtEnd!.range, message: 'the block they skip' }],
        });
      }
    }
    if (crashesAtEnd && !crashSaid) {
      // No '{' is left unmatched, yet the reading process is inside a block: one opened without its
      // '{', or one whose '}' closed a block inside it opened without its '{'.
      const open = this.stack.findLast((f, i) => i > 0 && f.kind !== 'skip')?.node ?? this.stack[1]?.node;
      if (open) {
        const how = open.openBrace ? ' for the process that reads it, though the count of braces balances' : ", opened without its '{',";
        this.report('KA102', 'error', `'${open.keyword}' block${open.openBrace ? '' : how} is still open at the end of the file${open.openBrace ? how : ''}${endCrash}`, open.file, open.range);
      }
    }
    this.rawOpen.length = 0;
    this.stack.length = 1;
  }

  /**
   * The body of a block the process that reads its kind skips by its braces (a block its handler refused, one no
   * process reads, a repeat): from the end of its header line (its '{', or the header's last word when the owning
   * process skips from the next line, see skipsFromNextLine) to its '}'. No process reads those lines as that block's.
   */
  private noteUnreadBody(node: AstNode, close: Word): void {
    const from = node.openBrace ?? (node.argCount ? node.argWord(node.argCount - 1) : node.word);
    if (!from || from.file !== close.file) return;
    this.unreadBodies.push({ file: close.file, start: from.end, end: close.start });
  }

  /**
   * Before 2.0.8: the processes that skip the top-level block `block` by its braces (the parent skips every block
   * before 2.0.0) are still skipping at the end of the file (the file ends inside the block, or they skip on past
   * its end for a '{' it holds that its reader took as a value): what that does at the target, as the tail of a
   * KA102 message, or undefined when they are not or the target does nothing about it.
   */
  private oldSkipLeftAtEnd(block: AstNode): { severity: Severity; inherited: boolean; said: string } | undefined {
    const target = this.options.target;
    // Their count: a swallow's level, else the braces open since the top-level block's '{' (none when a block
    // opened without its '{' has them reading at the top level).
    const level = this.swallow
      ? this.swallow.level
      : this.stack.length > 1 && this.stack[1]!.node.openBrace && !this.otherPassesAtTop ? this.rawOpen.length - this.rawDeficit - this.rootRawDepth + 1 + this.quotedNet : 0;
    if (level <= 0) return undefined;
    if (compareVersions(target, PARENT_SKIP_INHERITED[0]) >= 0 && compareVersions(target, PARENT_SKIP_INHERITED[1]) < 0) {
      return {
        severity: 'error',
        inherited: true,
        said: `its parent process, which skips the '${block.keyword}' block by its braces, is still skipping at the end of the file; the VRRP and checker processes it starts next begin their own reading with that skip, so they skip from the top of the file until the braces balance, usually to its end, and read nothing: every vrrp_instance and virtual_server of the file is lost, without a word (1.4.3 and later reset the skip and log "WARNING - N missing '}'(s) in the config file(s)")`,
      };
    }
    if (compareVersions(target, MISSING_BRACE_WARNED[0]) >= 0 && compareVersions(target, MISSING_BRACE_WARNED[1]) < 0) {
      const test = compareVersions(target, TEST_DROPS_LOG_SINCE) >= 0 ? '; keepalived -t writes no log message, so it shows nothing' : '';
      return {
        severity: 'warning',
        inherited: false,
        said: `each process that skips the '${block.keyword}' block by its braces is still skipping at the end of the file: it logs "WARNING - ${level} missing '}'(s) in the config file(s)" and resets its skip (2.0.8 and later report it as an error${test})`,
      };
    }
    return undefined;
  }

  /**
   * A vrrp_instance skipped for its name (none, several, or one already defined) that the file ends
   * inside: before 2.2.8 keepalived runs the instance's end handler anyway, on the last instance of its
   * list, and with no instance read before there is none (2.2.7 aborted with "free(): invalid next
   * size" in some layouts of such a file; 2.2.8 runs end handlers only for blocks it created).
   */
  private endsOnUncreatedInstance(owner: AstNode): boolean {
    return owner.keyword === 'vrrp_instance' && this.instancesRead === 0 && this.stack.some((f) => f.kind === 'skip' && f.node === owner) &&
      compareVersions(this.options.target, UNCREATED_INSTANCE_END_HANDLED[0]) >= 0 && compareVersions(this.options.target, UNCREATED_INSTANCE_END_HANDLED[1]) < 0;
  }

  // ---------- checks on one keyword ----------

  private checkKeyword(node: AstNode, skipped = false): void {
    const spec = node.spec!;
    const file = node.file;
    // Not deprecated yet in an older target: before 1.3.7 nb_get_retry is HTTP_GET's only retry keyword.
    const deprecatedIn = spec.deprecated && /^v?(\d+)\.(\d+)\.(\d+)/.exec(spec.deprecated.since);
    if (spec.deprecated && (!deprecatedIn || compareVersions(this.options.target, [+deprecatedIn[1]!, +deprecatedIn[2]!, +deprecatedIn[3]!]) >= 0)) {
      const d = spec.deprecated;
      // keepalived itself treats some as config errors, logs others, and accepts the rest silently.
      // Before 2.0.7 a deprecation is only logged and the line still works (the 1.3.5 build on
      // lvs_sync_daemon_interface: "(VI_1): Specifying lvs_sync_daemon_interface against a vrrp is deprecated.").
      const counted = configErrorsCounted(this.options.target);
      const sev: Severity = /not a config error|logged only/.test(d.how) ? 'warning' : /config error/.test(d.how) ? (counted ? 'error' : 'warning') : /logged/.test(d.how) ? 'warning' : 'info';
      // 'v2.0.15 (retry accepted … since 1.3.7)': one pair of parentheses in the message, not two.
      const since = /^v?\d/.test(d.since) ? ` (since ${d.since.replace(/^v/, '').replace(/ \((.*)\)$/, '; $1')})` : '';
      this.report('KA206', sev, `'${spec.name}' is deprecated${since}; use ${d.replacement}${sev === 'error' ? ' — keepalived reports it as a configuration error' : ''}`, file, node.word!.range,
        // Not on a keyword a $NAME or ~SEQ wrote: the edit would replace the reference the user wrote.
        /^[a-z_]+$/.test(d.replacement) && !node.word!.expanded && !node.word!.quoted
          ? { fix: { description: `Replace with '${d.replacement}'`, edits: [{ file, range: node.word!.range, newText: d.replacement }], safe: true } }
          : undefined);
    }
    if (spec.missingFeature) {
      this.report('KA210', 'warning', `'${spec.name}' needs a keepalived built with ${spec.missingFeature}; Debian's and Ubuntu's packages are built without it`, file, node.word!.range);
    }
    // Which of the checks below that only some keywords get apply: one array read per line.
    const special = specialChecks(spec);
    if (special & Special.iptables) this.checkIptablesOnNftablesBuild(node, file);
    const before = this.diagnostics.length;
    if (special & Special.anyOrder && node.argCount > 0) this.checkAnyOrder(node, file);
    else if (special & Special.includeCheck) this.checkIncludeCheck(node, file);
    else {
      const oldBfdTimer = (special & Special.bfdTimer) !== 0 && compareVersions(this.options.target, BFD_DECIMAL_MS_SINCE) < 0;
      this.checkArgs(oldBfdTimer ? wholeMilliseconds(spec.args) : argsIn(spec, this.options.target), node, node.keyword, node, file);
      if (spec.name === 'state' && this.diagnostics.length > before) this.noBackupFixAfterMaster(node, before);
    }
    if (special) {
      if (special & Special.statusCode && compareVersions(this.options.target, STATUS_CODE_LISTS_SINCE) < 0) this.checkOldStatusCode(node, file);
      if (special & Special.udpHex) this.checkHexLastByte(node, file);
      if (special & Special.serverPort && zeroPortRefused(this.options.target)) this.checkZeroServerPort(node, file);
    }
    if (skipped && (spec.name === 'real_server' || spec.name === 'virtual_server')) {
      // A server keepalived cannot read is skipped with everything inside it (skips.ts): say so.
      for (let i = before; i < this.diagnostics.length; i++) {
        const d = this.diagnostics[i]!;
        if (d.code !== 'KA205' || d.message.includes('skips')) continue;
        const old = this.oldRealServer;
        const said = `"Address family of virtual server and real server ${node.argText(0)} don't match - skipping."`;
        d.message +=
          spec.name === 'real_server' && old === 'previous'
            ? `; keepalived ${this.options.targetLabel} does not check the address: it drops this real_server as another address family than the virtual server's (keepalived: ${said}) but not its block, whose lines set the real_server before it (1.3.7 and later skip the block)`
            : spec.name === 'real_server' && old === 'crash'
              ? `; keepalived ${this.options.targetLabel} does not check the address: it drops this real_server as another address family than the virtual server's (keepalived: ${said}) but not its block, and its checker process crashes on the block's first setting, with no real_server to set (a segmentation fault; 1.3.7 and later skip the block)`
              : `; keepalived skips this ${spec.name} block and everything in it${this.daemonServerPort(node, d.message)}`;
      }
    } else if (spec.name === 'real_server' && this.oldRealServer === 'kept') {
      for (let i = before; i < this.diagnostics.length; i++) {
        const d = this.diagnostics[i]!;
        if (d.code === 'KA205' && d.message.startsWith("'real_server' expects an IP address")) {
          d.message += `; keepalived ${this.options.targetLabel} does not check it: the virtual server has no address family yet, so it reads this real_server with no usable address (1.3.7 and later skip the block)`;
        }
      }
    } else if (spec.name === 'virtual_server' && compareVersions(this.options.target, SERVER_ADDRESS_CHECKED_SINCE) < 0) {
      for (let i = before; i < this.diagnostics.length; i++) {
        const d = this.diagnostics[i]!;
        if (d.code === 'KA205' && d.message.startsWith('Invalid virtual server address')) {
          d.message += `; keepalived ${this.options.targetLabel} does not check it: it reads this ${spec.name} with no usable address (1.3.7 and later skip the block)`;
        }
      }
    }
    if (spec.name === 'sorry_server' && node.argCount > 0 && !sorryServerKept(node, this.options.target)) {
      // A line keepalived cannot read sets no sorry server: say so on the word at fault.
      for (let i = before; i < this.diagnostics.length; i++) {
        const d = this.diagnostics[i]!;
        if (d.code === 'KA205' && !d.message.includes('Invalid sorry server')) d.message += `; keepalived${d.message.includes('running daemon') ? ' -t' : ''} ignores this sorry_server (keepalived: "Invalid sorry server IP address ${node.argText(0)} - skipping")`;
      }
    }
    if (spec.name === 'bfd_instance' && node.argCount === 1 && this.bfd?.readings.get(node)?.nameTooLong) {
      const name = node.argText(0)!;
      this.report('KA205', 'error', `bfd_instance name '${name}' is longer than ${BFD_NAME_MAX} characters; keepalived's BFD and VRRP processes ignore the whole instance (keepalived: "BFD instance … name too long", "BFD name … too long"), so no session runs and track_bfd cannot use it (the checker process alone reads the block)`, file, node.argWord(0).range);
    }
    // A skipped block defines nothing: its name (if any) stays free for a later block. A line
    // missing its argument that keepalived reports (KA203 error) sets nothing either: keepalived
    // ignores it or stops reading there, so it neither overrides an earlier line nor is overridden.
    // A line dropped for its extra words (extra_words 'ignored') sets nothing too.
    const dropped = this.droppedLine;
    this.droppedLine = false;
    const ignoredBare = this.ignoredBareLine;
    this.ignoredBareLine = false;
    if (!skipped) {
      let missing = dropped;
      let invalid = false;
      for (let i = before; i < this.diagnostics.length; i++) {
        const d = this.diagnostics[i]!;
        if (d.severity !== 'error') continue;
        if (d.code === 'KA203') missing = true;
        else if (d.code === 'KA205') {
          if (!this.reportedButUsed.has(d)) invalid = true;
          else this.lineReportedButUsed = true;
        }
      }
      this.checkDuplicate(node, this.top(), missing, invalid, ignoredBare);
      this.lineReportedButUsed = false;
    }
  }

  /**
   * Debian's and Ubuntu's keepalived is built with nftables and without iptables. From 2.2.2 such a
   * build still reads `vrrp_iptables`, but reports a configuration error and uses the nftables table
   * "keepalived" instead, whatever chains the line names (checked with Debian 12's 2.2.7: exit 5);
   * before 2.2.2 the keyword is unknown there.
   */
  private checkIptablesOnNftablesBuild(node: AstNode, file: string): void {
    const fallback = compareVersions(this.options.target, IPTABLES_FALLS_BACK_TO_NFTABLES_SINCE) >= 0;
    const effect = fallback
      ? `keepalived reports "iptables not supported, using nftables instead" as a configuration error and uses the nftables table 'keepalived'${node.argCount ? ', ignoring the chain names' : ''}`
      : 'keepalived reads it as an unknown keyword';
    const args = node.args;
    const substituted = node.word!.expanded || args.some((a) => a.expanded || a.file !== file);
    // With an nftables line before it, writing another would only be "nftables already specified - ignoring".
    const nftablesEntry = schema().byId.get('global_defs/nftables');
    const nftablesBefore = !!nftablesEntry && this.seenStamp[nftablesEntry.serial] === this.top().stamp;
    const fix = fallback && !substituted && !nftablesBefore
      ? { fix: { description: "Replace with 'nftables'", edits: [{ file, range: { start: node.word!.range.start, end: (args[args.length - 1] ?? node.word!).range.end }, newText: 'nftables' }], safe: false } }
      : undefined;
    this.report('KA210', 'warning', `'vrrp_iptables' needs a keepalived built with iptables support; Debian's and Ubuntu's packages are built with nftables only, where ${effect}; write 'nftables' for those hosts`, file, node.word!.range, fix);
    // Having chosen the table, the fallback counts as an `nftables` line: a later one is "already
    // specified" (global_parser.c checks the table name). checkDuplicate reports it.
    const nftables = fallback ? schema().byId.get('global_defs/nftables') : undefined;
    const frame = this.top();
    if (nftables && this.seenStamp[nftables.serial] !== frame.stamp) {
      this.seenStamp[nftables.serial] = frame.stamp;
      this.seenNode[nftables.serial] = node;
    }
  }

  /**
   * Before 2.0.17 a url takes one `status_code`; later words are ignored, so their codes count as
   * failures. Before 2.0.7 the code is read like atoi (keepalived 1.3.5: `status_code 200-299`
   * dumps as "HTTP Status Code = 200"), so a range keeps its first number; without a number 1.3.5
   * crashes. From 2.0.7 a word that is not a number from 100 to 999 is a config error and is
   * ignored, leaving the default, any 2xx (keepalived 2.0.8 and 2.0.16 built from their tags:
   * "invalid number '200-299'", "Invalid HTTP_GET status code '200-299'", exit 4).
   */
  private checkOldStatusCode(node: AstNode, file: string): void {
    const version = this.options.targetLabel;
    // A bare one is checkArgs' (the codes are optional from 2.0.17; crashes_without_args_before 1.4.3).
    if (node.argCount === 0) return;
    const first = node.argText(0)!;
    const dash = first.indexOf('-');
    if (dash > 0 && compareVersions(this.options.target, STATUS_CODE_CHECKED_SINCE) >= 0) {
      this.report('KA205', 'error', `keepalived ${version} takes one status code from 100 to 999: '${first}' is a config error ("Invalid HTTP_GET status code") and is ignored, leaving the default, any 2xx code (ranges and lists came in 2.0.17)`, file, node.argWord(0).range);
    } else if (dash > 0) {
      this.report('KA205', 'warning', `keepalived ${version} reads one status code, as a plain number: '${first}' is ${first.slice(0, dash)} only, and every other code of the range counts as a failed check (ranges and lists came in 2.0.17)`, file, node.argWord(0).range);
    }
    if (node.argCount > 1) {
      const extra = node.argWord(node.argCount - 1).range;
      this.report('KA204', 'warning', `keepalived ${version} reads one status code: '${node.argText(1)}'${node.argCount > 2 ? ' and the codes after it' : ''} are ignored and count as failed checks (lists came in 2.0.17)`, file, { start: node.argWord(1).range.start, end: extra.end });
    }
  }

  /**
   * Checks the arguments of a keyword line (`args` is the node) or of a value line. True when it
   * stopped at a bad value keepalived reads no further after (after_invalid 'stops').
   */
  private checkArgs(specs: ArgSpec[], args: ArgList, keyword: string, node: AstNode | undefined, file: string): boolean {
    const n = args.argCount;
    // A BFD_CHECK name line with no word or more than one is not a line keepalived reads without its value or
    // without the extra words: it drops the whole checker (2.0.0 to 2.4.3, "No or too many names specified -
    // skipping checker"), which KA519 reports.
    if (n !== 1 && node?.spec?.id === BFD_CHECK_NAME) return false;
    let wi = 0;
    for (let si = 0; si < specs.length; si++) {
      const a = specs[si]!;
      // A `mixed` argument that is not there is reported below as missing, like any other.
      if (a.type === 'keyword_value_pairs' || (a.type === 'mixed' && wi < n) || a.type === 'vs_service' || a.type === 'vsg_entry' || a.type === 'iproute2_route' || a.type === 'iproute2_rule') {
        if (a.type === 'vs_service') this.checkVsService(args, wi, keyword, node, file);
        else if (a.type === 'vsg_entry') this.checkVsgEntryWords(args, file);
        wi = n;
        break;
      }
      if (wi >= n) {
        if (EXACTLY_ONE_NAME.has(keyword) && si === 0 && node) {
          const said = keyword === 'vrrp_sync_group' ? `${keyword} must have a name - skipping` : `${keyword} must have a name`;
          this.report('KA203', 'error', `'${keyword}' needs a name; keepalived skips this whole block ("${said}")`, file, node.range);
          break;
        }
        if (!argOptionalIn(a, this.options.target) && !(a.repeat && si > 0)) {
          const at = node?.word?.range ?? (n ? args.argWord(n - 1).range : undefined);
          // An argument later releases made optional: say which release the target predates.
          const since = a.optional ? ` (keepalived ${this.options.targetLabel}; it may be left out from ${a.optional_since} on)` : '';
          const missing = `'${keyword}' is missing its ${a.name}${a.type === 'enum' && a.values ? ` (${a.values.join('|')})` : ''}${since}`;
          // keepalived's handlers differ when a line has no argument at all (keywords.json, without_args).
          // A handler that only logs a bad value also only logs a missing one (regex_stack 1).
          const window = n === 0 ? node?.spec?.crashes_without_args_window : undefined;
          const crashesBefore = n === 0
            ? window && compareVersions(this.options.target, parseVersion(window.since)!) >= 0 && compareVersions(this.options.target, parseVersion(window.before)!) < 0
              ? window.before
              : node?.spec?.crashes_without_args_before
            : undefined;
          const silentBefore = n === 0 ? node?.spec?.without_args_silent_before : undefined;
          const nullCommandBefore = n === 0 ? node?.spec?.null_command_crashes_before : undefined;
          // A line that releases from `without_args_reported_since` on report (regex from 2.2.8) is only logged before.
          const reportedSince = n === 0 ? node?.spec?.without_args_reported_since : undefined;
          const reported = reportedSince !== undefined && compareVersions(this.options.target, parseVersion(reportedSince)!) >= 0;
          const kind: MissingArgumentEffect = (n === 0 ? (reported ? 'ignored' : node?.spec?.without_args) : a.invalid === 'logged' ? 'accepted' : a.missing) ?? 'stops';
          const label = this.options.targetLabel;
          const [severity, effect] = crashesBefore && compareVersions(this.options.target, parseVersion(crashesBefore)!) < 0
            ? ['error' as const, `keepalived ${label} crashes on this line: its checker process reads the missing value anyway and dies (a segmentation fault; fixed in ${crashesBefore})`]
            : nullCommandBefore && compareVersions(this.options.target, parseVersion(nullCommandBefore)!) < 0
            ? ['error' as const, `keepalived ${label} accepts the line and ${NULL_COMMAND_KEPT}, and its ${node?.spec?.path[0] === 'virtual_server' ? 'checker' : 'VRRP'} process dies of a segmentation fault as it starts, when it checks that script (${nullCommandBefore} and later exit here with a configuration error)`]
            : silentBefore && compareVersions(this.options.target, parseVersion(silentBefore)!) < 0
            ? ['warning' as const, `keepalived ${label} ignores the line without a word (${silentBefore} and later ${LATER_RELEASES_DO[node?.spec?.without_args ?? 'stops']})`]
            : reportedSince && !reported && kind === 'accepted'
            ? ['warning' as const, `keepalived ${label} ignores the line and only logs it, -t does not report it (${reportedSince} and later do)`]
            : keyword === 'regex_max_offset' && kind === 'accepted'
            ? ['error' as const, REGEX_MAX_OFFSET_ZERO]
            : kind === 'stops' && n === 0 && REREAD_SCRIPT_LINES.has(keyword) && node?.word && quoteLeftOpen(node.word, this.sourceOf, this.pieceCutsOf) && compareVersions(this.options.target, SCRIPT_LINE_REREAD_SINCE) >= 0
            ? ['error' as const, NOTIFY_QUOTE_LEFT_OPEN]
            : missingArgumentEffect(kind, this.options.target, label);
          // A line an older release ignores without a word sets nothing (checkDuplicate).
          const silentlyIgnored = !(crashesBefore && compareVersions(this.options.target, parseVersion(crashesBefore)!) < 0) && !(nullCommandBefore && compareVersions(this.options.target, parseVersion(nullCommandBefore)!) < 0) && ((silentBefore && compareVersions(this.options.target, parseVersion(silentBefore)!) < 0) || (reportedSince && !reported && kind === 'accepted'));
          if (silentlyIgnored) this.ignoredBareLine = true;
          if (at) this.reportMissing(severity, missing, effect, node, at, keyword, file, n);
        }
        break;
      }
      const count = a.repeat ? n - wi - (specs.length - si - 1) : 1;
      if (!isCheckedArgType(a.type) && a.max_length === undefined) {
        wi = Math.min(n, wi + Math.max(count, 1));
        continue;
      }
      for (let k = 0; k < Math.max(count, 1) && wi < n; k++) {
        const i = wi++;
        // Plain numbers in range, most of a large config's arguments, need no string.
        const digits = args.argDigits(i);
        if (digits >= 0 && numberSurelyValid(a.earlier_min || a.earlier_max ? argIn(a, this.options.target) : a, digits)) continue;
        // So do enum words written as one of their values (`state BACKUP`), when nothing else reads them.
        if (digits < 0 && a.type === 'enum' && plainEnum(a) && args.argOneOf(i, a.values!) !== undefined) continue;
        // keepalived 2.2.7 reads a vrrp_rx_bufs_policy size from the first word whichever word is not a
        // policy word, so after a valid first size any word passes (KA372 says what is ignored).
        if (i > 0 && keyword === 'vrrp_rx_bufs_policy' && !checkArg(a, args.argText(0)!, keyword) && /^[ \t]*\+?\d+$/.test(args.argText(0)!)) continue;
        const text = args.argText(i)!;
        if (a.clamped && this.checkClampedNumber(a, text, keyword, args.argWord(i).range, file)) continue;
        if (a.loose && this.checkLooseNumber(a, text, keyword, args.argWord(i).range, file)) continue;
        if (a.fraction_since && this.wholeTimer(a)) {
          // A whole number of seconds in this release: checked as one (2.0.7: "invalid number '6.5'").
          // read_timer calls strtoul on the word itself: a blank-only one has no digits, an invalid number (`""` is 0).
          const p = text !== '' && blankOnly(text)
            ? { message: `'${keyword}' expects a whole number of seconds, got '${text}' (keepalived: invalid number)`, severity: 'error' as const }
            : checkArg(argIn({ ...a, type: 'unsigned' }, this.options.target), text, keyword);
          if (p) this.report('KA205', p.severity, `${p.message}; keepalived ${this.options.targetLabel} takes whole seconds here (fractions from ${a.fraction_since})`, file, args.argWord(i).range);
          continue;
        }
        let strtodProblem: ReturnType<typeof checkArg>;
        if (a.type === 'timer' && compareVersions(this.options.target, FIXED_POINT_TIMERS_SINCE) < 0) {
          const v = strtodValue(text);
          const read = argIn(a, this.options.target);
          if (v !== undefined && (read.min === undefined || v >= read.min) && (read.max === undefined || v <= read.max)) continue;
          // A number strtod reads, out of range ('-1': keepalived "number '-1' outside range [0, 1000]").
          if (v !== undefined) strtodProblem = outsideRange(read, text, keyword, v);
          // strtod reads no digits in a blank-only word: an invalid number to 2.0.13 to 2.2.2 (2.2.3's fixed-point reader takes it as 0).
          else if (text !== '' && blankOnly(text)) strtodProblem = { message: `'${keyword}' expects a number of seconds, got '${text}' (keepalived ${this.options.targetLabel}: invalid number; 2.2.3 and later read it as 0)`, severity: 'error' };
        }
        // Before fixed-point timers, what strtod cannot read is no number with a rounded tail (cutDecimal).
        const read = a.type === 'timer' && compareVersions(this.options.target, FIXED_POINT_TIMERS_SINCE) < 0 ? { ...argIn(a, this.options.target), decimals: undefined } : argIn(a, this.options.target);
        let p = strtodProblem ?? checkArg(read, text, keyword, this.options.target);
        // `10.0.0.9/33`, `/-1`: from 2.0.7 keepalived reports the length and adds the address with the full one.
        const full = p && a.type === 'ip_prefix' && compareVersions(this.options.target, DAEMON_READS_LEADING_SINCE) >= 0 ? fullLengthPrefix(text) : undefined;
        if (p && full) {
          const len = text.slice(text.indexOf('/') + 1);
          const uses = `${full.address}/${full.length}`;
          const read = /\d+/.exec(len)![0].replace(/^0+(?=\d)/, '');
          const why = full.why === 'negative' ? `is negative` : `${read === len ? 'is' : `reads as ${read},`} longer than IPv${full.family}'s ${full.length} bits`;
          p = { message: `'${keyword}' prefix length /${len} of '${text}' ${why}: keepalived reports it ("Invalid address prefix len ${len} for address ${text} - using ${full.length}") and adds the address as ${uses}; write ${uses}, or the length you meant`, severity: p.severity, used: 'always', replacement: uses };
        }
        // `10.0.0.9/24x`: /32 to keepalived -t, /24 to the running daemon.
        if (p && !full && a.type === 'ip_prefix' && !text.endsWith('/') && compareVersions(this.options.target, DAEMON_READS_LEADING_SINCE) >= 0) {
          const read = daemonPrefix(text);
          if (read !== undefined) {
            const meant = `${read.address}/${read.length}`;
            // A placeholder (`10.0.0.1/<MASK>`) has no number to keep: no advice to write /0.
            // A '-0' is the number 0 too (the daemon keeps what strtoul read, see daemonLeadingNumber).
            const digits = /^[ \t\n\v\f\r]*[+-]?\d/.test(text.slice(text.indexOf('/') + 1));
            const negative = /^[ \t\n\v\f\r]*-/.test(text.slice(text.indexOf('/') + 1));
            const head = `${p.message}: keepalived -t reports ${negative ? 'a negative' : 'an invalid'} number and uses /${read.family === 4 ? 32 : 128}, but the running daemon only logs a warning and uses /${read.length}`;
            p = { message: digits ? `${head}; write ${meant}` : `${head} (the prefix has no leading number)`, severity: p.severity, used: 'daemon', replacement: digits ? meant : undefined };
          }
        }
        // `rise 2x`: an invalid number to keepalived -t, the number 2 to the running daemon.
        if (p) p = this.withDaemonReading(p, a, read, text, keyword);
        // An address of the other family for a global multicast group: KA342 says what the release does with it.
        if (p && (keyword === 'vrrp_mcast_group4' || keyword === 'vrrp_mcast_group6') && sockaddrAddress(text)) continue;
        if (!p) {
          if (a.type === 'ipaddr') this.reportIgnoredAddressPart(keyword, text, args, i, file);
          // `skip_check_adv_addr false` from 2.2.5: the handler sets the flag for any value it reads.
          const o = a.off_sets_on;
          if (o && OFF_WORDS.has(text) && compareVersions(this.options.target, parseVersion(o.since)!) >= 0 && (o.until === undefined || compareVersions(this.options.target, parseVersion(o.until)!) < 0)) {
            const fixed = o.until ? `${o.until} reads the value again` : `releases before ${o.since} read the value`;
            this.report('KA204', 'error', `keepalived ${this.options.targetLabel} reads '${text}' after '${keyword}' and still turns it ON (from ${o.since} the handler sets it for any value it accepts; ${fixed}), and -t does not report it; remove the line to leave it off`, file, args.argWord(i).range);
          }
          continue;
        }
        // A handler that stops at its first bad value never looks at the later words: report this one only
        // (a value it reports and still uses is no stop: `eth0 x 5` sets delays of 0 and 5 s; one only the
        // daemon uses stops keepalived -t, whose reports kalint matches).
        if (a.after_invalid === 'stops' && p.used !== 'always') {
          // The daemon goes on with the number it read: only -t stops (and ignores the line).
          const stops = stopsEffect(args, i, a.invalid === 'logged');
          const effect = p.used === 'daemon' ? stops.replace(/^; keepalived /, '; keepalived -t ') : stops;
          this.report('KA205', a.invalid === 'logged' ? 'warning' : p.severity, `${p.message}${effect}`, file, args.argWord(i).range, replacementFix(p, args.argWord(i)));
          if (p.used) this.reportedButUsed.add(this.diagnostics[this.diagnostics.length - 1]!);
          return true;
        }
        // A value keepalived only logs as invalid is silently ignored under -t: a warning.
        const u = a.invalid_unreported;
        const unreported = u && compareVersions(this.options.target, parseVersion(u.since)!) >= 0 && compareVersions(this.options.target, parseVersion(u.until)!) < 0
          ? `; keepalived ${this.options.targetLabel} -t does not report it (${u.note})`
          : '';
        // A value some releases cannot survive (an SMTP_CHECK connect_ip 2.0.14 to 2.1.3 cannot read).
        const c = a.invalid_crashes;
        const crashes = c && compareVersions(this.options.target, parseVersion(c.since)!) >= 0 && compareVersions(this.options.target, parseVersion(c.before)!) < 0
          ? `; keepalived ${this.options.targetLabel} reports it, then crashes at the end of the block (a segmentation fault, also in keepalived -t: ${c.note}; fixed in ${c.before})`
          : '';
        // A value the handler only logs (the daemon: "Invalid regex_min_offset 1x specified"; -t says nothing). A
        // regex_max_offset it cannot read leaves the maximum at 0 (daemon audit: the checker dump's max_offset = 0).
        // What keepalived sets instead of ignoring the line (priority's default, a vrrp_script weight read anyway).
        const sets = invalidSetsIn(a, this.options.target);
        if (sets !== undefined && !p.used && !p.message.includes('keepalived reports it')) {
          // Before its range check (a loose reading: atoi) keepalived takes the value without a word.
          const silently = looseReadingIn(a, this.options.target) !== undefined;
          const says = silently ? `keepalived ${this.options.targetLabel} takes it without a word and` : 'keepalived reports it and';
          if (sets === 'leading') {
            const used = strtolLeading(text);
            p = { ...p, message: `${p.message}; ${says} still uses ${used}`, used: 'always' };
          } else p = { ...p, message: `${p.message}; ${says} uses ${sets} instead` };
        } else if (sets === undefined && (a.zero_sets !== undefined || a.invalid_ignored) && looseReadingIn(a, this.options.target) === undefined && !p.used && !p.message.includes('keepalived reports it')) {
          // `interval 0` is 1 to keepalived ("must be greater than 0, setting to 1"); `delay_loop 0` and any other
          // value these handlers refuse ("invalid - ignoring") leave the earlier line's value or the default.
          // 0 written any way the unsigned reader takes: `0`, `+00`, `" 0"`, and an empty or blank-only word.
          p = a.zero_sets !== undefined && readUnsigned(text) === 0
            ? { ...p, message: `${p.message}; keepalived reports it and uses ${a.zero_sets} instead` }
            : { ...p, message: `${p.message}; keepalived reports it and ignores the line (an earlier ${keyword} line's value or the default stays)` };
        }
        const maxOffset = a.invalid === 'logged' && keyword === 'regex_max_offset';
        const logged = maxOffset ? `; ${REGEX_MAX_OFFSET_ZERO}` : '; keepalived -t says nothing, and the running daemon only logs it and ignores it';
        this.report('KA205', maxOffset ? 'error' : a.invalid === 'logged' ? 'warning' : crashes ? 'error' : p.severity, a.invalid === 'logged' ? `${p.message.replace(/ \(keepalived: invalid number\)$/, '')}${logged}` : `${p.message}${unreported}${crashes}`, file, args.argWord(i).range, replacementFix(p, args.argWord(i)));
        if (p.used) this.reportedButUsed.add(this.diagnostics[this.diagnostics.length - 1]!);
      }
    }
    if (wi < n && node?.spec) {
      const extra = wordsOf(args, wi);
      const r = { start: extra[0]!.range.start, end: extra[extra.length - 1]!.range.end };
      if (EXACTLY_ONE_NAME.has(keyword)) {
        this.report('KA208', 'error', `'${keyword}' takes exactly one name; keepalived skips the whole block ("${keyword} must have a name")`, file, r);
      } else if (keyword === 'virtual_server_group' && compareVersions(this.options.target, VSG_EXTRA_WORDS_STOP_SINCE) >= 0) {
        // The checker process hands the block reader a line whose first word is no word (the group's
        // name left out), so the report of the extra words reads a word that is not there and stops.
        const line = r.start.line + 1;
        const checkerStopped = this.stops.get(CHECKER);
        this.report('KA208', 'error', checkerStopped
          ? `'virtual_server_group' takes only its name before '{'; keepalived never reads this line: it exits at line ${checkerStopped.line}${checkerStopped.file === file ? '' : ` of ${checkerStopped.file}`} first (a configuration error), and would exit here too`
          : `'virtual_server_group' takes only its name before '{'; with more words keepalived exits here with a configuration error, and does not run (its report of them reads the line without the group's name: "Configuration line starting \`***MISSING ***\` is missing a parameter at word position 1")`, file, r);
        if (!checkerStopped) {
          this.stops.set(CHECKER, { file, line });
          this.stopsBeforeCrash(line);
        }
      } else if (node.spec.block === 'values') {
        // Before the release that reports them the words are dropped without a word: a warning, as KA204's.
        const reported = compareVersions(this.options.target, VALUE_BLOCK_EXTRA_WORDS_REPORTED_SINCE) >= 0;
        const silent = compareVersions(this.options.target, CONFIG_TEST_SINCE) >= 0 ? '-t does not report it' : 'says nothing';
        const said = reported ? ` (keepalived: "Block ${keyword} has extra parameters")` : `; keepalived ${this.options.targetLabel} ${silent}`;
        this.report('KA208', reported ? 'error' : 'warning', `'${keyword}' takes its entries inside '{ }'; the words after it on this line are ignored${said}`, file, r);
      } else if (node.spec.block) {
        this.report('KA204', 'warning', `'${keyword}' takes ${specs.length === 0 ? 'no words' : specs.length === 1 ? 'one word' : `${specs.length} words`} before '{'; keepalived silently ignores '${extra.map((w) => w.text).join(' ')}'`, file, r);
      } else if (node.spec.args_since && OFF_WORDS.has(extra[0]!.text)) {
        // `vrrp_strict off` before 2.3.0: the handler reads no word and sets the option all the same.
        this.report('KA204', 'error', `keepalived ${this.options.targetLabel} reads no value after '${keyword}': '${keyword} ${extra[0]!.text}' turns it ON (2.3.0 reads the value), and -t does not report it; remove the line to leave it off`, file, r);
      } else if (node.spec.args_since && keyword === 'weight' && extra[0]!.text === 'reverse') {
        // `weight -10 reverse` before 2.0.18: the handler reads the number only.
        this.report('KA204', 'warning', `keepalived ${this.options.targetLabel} reads no 'reverse' after the weight (it came in ${node.spec.args_since.since}): the weight applies as written, not reversed, and -t does not report it`, file, r);
      } else if (specs.length === 0 && FLAG_OFF_WORDS.has(extra[0]!.text.toLowerCase())) {
        // An on/off flag whose handler reads no word: 'alpha off' or 'nopreempt false' switches it on.
        this.report('KA204', 'error', `'${keyword} ${extra[0]!.text}' turns '${keyword}' ON: keepalived reads no value after '${keyword}' and ignores '${extra[0]!.text}' without a word (keepalived -t does not report it); remove the line to leave it off`, file, r);
      } else if (node.spec.extra_words === 'ignored') {
        // The handler checks the word count and drops the whole line (`snmp_name a b`: "virtual server
        // snmp_name missing or extra parameters"); regex before 2.2.8 only logs that it did.
        const since = node.spec.extra_words_reported_since;
        const reported = since === undefined || compareVersions(this.options.target, parseVersion(since)!) >= 0;
        const takes = specs.length === 1 ? 'one word' : `${specs.length} words`;
        const what = `'${keyword}' takes ${takes}; with '${extra.map((w) => w.text).join(' ')}' after ${specs.length === 1 ? 'it' : 'them'} keepalived ignores the whole line, not only the extra words`;
        this.report('KA204', reported ? 'error' : 'warning', reported ? `${what}, and reports it` : `${what}, and only logs it: keepalived ${this.options.targetLabel} -t does not report it (${since} and later do)`, file, r);
        this.droppedLine = true;
      } else if (!node.spec.script_string) {
        // A trailing '// note' is the usual cause: say why keepalived reads it at all.
        const marker = extra[0]!.text.slice(0, 2);
        const slashes = marker === '//' || marker === '/*' ? `; '${marker}' does not start a comment in keepalived.conf, use '#' or '!'` : '';
        if (keyword === 'regex_max_offset') {
          // Not the extra word alone: the handler refuses a line of more than one value ("Missing or too may options").
          this.report('KA204', 'error', `'${keyword}' takes one argument; with '${extra.map((w) => w.text).join(' ')}' after it, ${REGEX_MAX_OFFSET_ZERO}`, file, r);
        } else if (specs.length === 1 && (node.argText(0) === '=' || node.argText(0) === ':')) {
          // `router_id = lb1`: the '=' is the value keepalived reads, and the value the word it ignores.
          const sep = node.argText(0)!;
          const eq = node.argWord(0);
          const fixIt = !eq.expanded && !extra[0]!.expanded && eq.file === extra[0]!.file
            ? { fix: { description: `Remove '${sep}'`, edits: [{ file: eq.file, range: { start: eq.range.start, end: extra[0]!.range.start }, newText: '' }] } }
            : undefined;
          this.report('KA204', 'warning', `keepalived takes no '${sep}' between a keyword and its value: it reads '${sep}' as the value of '${keyword}' and ignores '${extra.map((w) => w.text).join(' ')}'. Write '${keyword} ${extra.map((w) => w.text).join(' ')}'`, file, { start: eq.range.start, end: r.end }, fixIt);
        } else {
          this.report('KA204', 'warning', `'${keyword}' takes ${specs.length === 0 ? 'no arguments' : specs.length === 1 ? 'one argument' : `${specs.length} arguments`}; keepalived ignores '${extra.map((w) => w.text).join(' ')}'${slashes}`, file, r);
        }
      }
    }
    return false;
  }

  /**
   * Reports KA203 for a line missing an argument, with what keepalived does (`effect`). A line that
   * stops keepalived is noted per reading process: a later such line in a block only they read is
   * never read.
   */
  private reportMissing(severity: Severity, missing: string, effect: string, node: AstNode | undefined, at: Range, keyword: string, file: string, n: number): void {
    // A line whose only argument was a quote left open (`script "/bin/true -p x`): keepalived reports the quote, and
    // KA105 (and KA609 for a script) say what follows; "does not report this line" would be false (template audit).
    if (n === 0 && effect.endsWith('does not report this line') && node?.word && quoteLeftOpen(node.word, this.sourceOf, this.pieceCutsOf)) return;
    const stops = effect === STOPS_HERE;
    // keepalived exits at the first such line (null_strvec): a later one is never read.
    // Each process stops on its own (keepalived 2.2.7 -t: a virtual_server line without its value is
    // reported even after a vrrp_instance one): only a line all of whose readers stopped is never read.
    const readers = stops ? READERS[this.stack.length > 1 ? this.stack[1]!.node.keyword : keyword] ?? 0 : 0;
    let earlier: { file: string; line: number } | undefined;
    for (let bit = 1; readers && bit <= BFD; bit <<= 1) {
      if (!(readers & bit)) continue;
      const seen = this.stops.get(bit);
      if (!seen) { earlier = undefined; break; }
      if (!earlier || seen.line > earlier.line) earlier = seen;
    }
    const said = earlier
      ? `keepalived never reads this line: it exits at line ${earlier.line}${earlier.file === file ? '' : ` of ${earlier.file}`} first (a configuration error), and would exit here too`
      : effect;
    if (readers && !earlier) {
      for (let bit = 1; bit <= BFD; bit <<= 1) if ((readers & PARENT || readers & bit) && !this.stops.has(bit)) this.stops.set(bit, { file, line: at.start.line + 1 });
    }
    this.report('KA203', severity, `${missing}; ${said}`, file, node?.range ?? at);
    // A '{' right after it on the line (`notify {` with the command inside) is the cause: open() says so.
    if (n === 0 && node && (stops || effect.includes(NULL_COMMAND_KEPT))) this.stoppedBareKeyword = { node, diagnostic: this.diagnostics[this.diagnostics.length - 1]! };
    if (stops) this.stopsBeforeCrash(at.start.line + 1);
  }

  /** Whether the target release reads timer `a` as whole seconds only (before its `fraction_since`). */
  private wholeTimer(a: ArgSpec): boolean {
    const since = parseVersion(a.fraction_since!);
    return since !== undefined && compareVersions(this.options.target, since) < 0;
  }

  /**
   * A number keepalived `target` clamps to its range (ArgSpec.clamped: before 2.0.7 `rise 0` became
   * 1 without a word): a warning that says the value it uses, and true; false leaves the word to the
   * other checks (in range, or a negative word an unsigned handler wraps).
   */
  private checkClampedNumber(a: ArgSpec, text: string, keyword: string, range: Range, file: string): boolean {
    if (!clampedIn(a, this.options.target)) return false;
    const spec = argIn(a, this.options.target);
    const clamped = clampedNumber(spec, text, looseReadingIn(a, this.options.target), a.clamped!.signed === true);
    if (clamped === undefined) return false;
    const version = this.options.targetLabel;
    const read = clamped.rest === '' ? '' : clamped.found ? `reads it as ${clamped.read} (the rest ignored), ` : 'reads it as 0 (no leading number), ';
    const bound = clamped.used === spec.min ? 'raises anything below' : 'lowers anything above';
    this.report('KA205', 'warning', `keepalived ${version} uses ${clamped.used} for '${keyword} ${text}': it ${read}${bound} ${clamped.used} to ${clamped.used} instead of rejecting it (${a.clamped!.until} and later report it)`, file, range);
    return true;
  }

  /**
   * A number keepalived `target` reads loosely (ArgSpec.loose: before 2.0.7 many handlers used
   * atoi/strtoul/atof): a word that is not a plain number is read as its leading number, or 0, and
   * the rest is ignored without a word. Says so (an error when that value is out of range) and
   * returns true; false leaves the word to checkArg (a plain number, a negative unsigned one).
   */
  private checkLooseNumber(a: ArgSpec, text: string, keyword: string, range: Range, file: string): boolean {
    const reads = looseReadingIn(a, this.options.target);
    if (reads === undefined) return false;
    const read = looselyRead(a.type, text, reads);
    if (read === undefined) return false;
    const spec = argIn(a, this.options.target);
    const version = this.options.targetLabel;
    const readAs = `keepalived ${version} reads '${keyword} ${text}' as ${read.value}`;
    if ((spec.min !== undefined && read.value < spec.min) || (spec.max !== undefined && read.value > spec.max)) {
      const why = read.found ? `the leading number, the rest ignored` : 'a word without a leading number is 0 to it';
      this.report('KA205', 'error', `${readAs} (${why}), outside ${describeRange(spec)}`, file, range);
    } else {
      const why = read.found ? `it takes the leading number and silently ignores '${read.rest}'` : 'a word without a leading number is 0 to it, and it says nothing';
      const until = a.loose!.until;
      // A fraction is rejected only until the release that reads fractions here.
      const fractionsFrom = a.fraction_since ?? a.decimals_since;
      // A timer word strtod reads whole (`0x10`, `1e3`) is taken until the fixed-point reader of 2.2.3.
      const strtod = a.type === 'timer' && parseDecimal(text) === undefined ? strtodValue(text) : undefined;
      const later =
        fractionsFrom && parseDecimal(text)
          ? `releases from ${until} to before ${fractionsFrom} reject it as an invalid number, later ones read ${text}`
          : strtod !== undefined && Number.isFinite(strtod)
            ? `releases from ${until} to before ${FIXED_POINT_TIMERS_SINCE.join('.')} read it as ${strtod}, later ones reject it as an invalid number`
            : `${until} and later reject it as an invalid number`;
      this.report('KA205', 'warning', `${readAs}: ${why} (${later})`, file, range);
    }
    return true;
  }

  /**
   * keepalived 2.2.0 to 2.3.2 read a UDP_CHECK hex string with a sentinel value 0xff for "not a hex
   * digit" and test it again after the loop, so a string whose last byte is ff is "Invalid hex
   * string" (`payload 00ff`; 2.3.3 tests the digit instead). Bytes are digit pairs, or a lone digit
   * before a blank or the end; words are joined with a blank.
   */
  private checkHexLastByte(node: AstNode, file: string): void {
    if (node.argCount === 0 || compareVersions(this.options.target, HEX_LAST_FF_REJECTED[0]) < 0 || compareVersions(this.options.target, HEX_LAST_FF_REJECTED[1]) >= 0) return;
    const words: string[] = [];
    for (let i = 0; i < node.argCount; i++) words.push(node.argText(i)!);
    const bytes = words.join(' ').match(/[0-9A-Fa-fXx]{1,2}/g);
    if (!bytes || !/^[0-9A-Fa-fXx \t]*$/.test(words.join(' '))) return; // other faults are checkArg's
    if (bytes[bytes.length - 1]!.toLowerCase() !== 'ff') return;
    const last = node.argWord(node.argCount - 1).range;
    const what = node.keyword === 'payload' ? 'payload' : 'reply';
    this.report('KA205', 'error', `'${node.keyword}' ends in the byte ff, which keepalived ${this.options.targetLabel} mistakes for a bad digit: it reports the line and ignores it (keepalived: "Invalid hex string for UDP_CHECK ${what}"; fixed in 2.3.3)`, file, last);
  }

  /**
   * Keywords keepalived reads word by word in any order (ANY_ORDER): a word of the enum argument,
   * else a number for the numeric one (the last number wins). init_file takes only words starting
   * with a digit or '-' as numbers, after any white space (its handler skips it first: `" 5"` is 5, `" overwrite"`
   * the option, 2.0.7 to 2.4.3); garp_extra_if needs a number ("specified without time").
   */
  private checkAnyOrder(node: AstNode, file: string): void {
    const [value, word] = node.spec!.args;
    let numbers = 0;
    for (let i = 0; i < node.argCount; i++) {
      const w = node.argText(i)!;
      const initFile = node.keyword === 'init_file';
      const bare = initFile ? w.replace(LEADING_WHITE, '') : w;
      if (word!.values?.includes(bare)) continue;
      const isNumber = !initFile || /^[0-9-]/.test(bare);
      let p = isNumber ? checkArg(value!, w, node.keyword) : checkArg(word!, w, node.keyword);
      if (isNumber) numbers++;
      // `garp_extra_if 2x`, `-0`: -t stops at the word, the running daemon uses the number it read.
      if (p && isNumber) p = this.withDaemonReading(p, value!, argIn(value!, this.options.target), w, node.keyword);
      if (p && value!.after_invalid === 'stops' && isNumber) {
        const stops = stopsEffect(node, i);
        this.report('KA205', p.severity, `${p.message}${p.used === 'daemon' ? stops.replace(/^; keepalived /, '; keepalived -t ') : stops}`, file, node.argWord(i).range, replacementFix(p, node.argWord(i)));
        if (p.used) this.reportedButUsed.add(this.diagnostics[this.diagnostics.length - 1]!);
        return;
      }
      if (p) this.report('KA205', p.severity, p.message, file, node.argWord(i).range);
    }
    if (!numbers && !value!.optional) {
      this.report('KA203', 'error', `'${node.keyword}' is missing its ${value!.name}; keepalived ignores the line ("${node.keyword} specified without time - ignoring")`, file, node.range);
    }
  }

  /**
   * `include_check [+|-]CHECK…`: the first word may set the checks outright, every later one must add ('+') or
   * remove ('-') one; keepalived ignores a later plain word without looking at it ("Duplicate include_check 'X'
   * specified - ignoring", even for another check), so `include_check read match` checks reading only.
   */
  private checkIncludeCheck(node: AstNode, file: string): void {
    this.includeChecks = includeChecksAfter(node);
    const values = node.spec!.args[0]?.values ?? [];
    for (let i = 0; i < node.argCount; i++) {
      const w = node.argText(i)!;
      const signed = w.startsWith('+') || w.startsWith('-');
      if (i > 0 && !signed) {
        this.report('KA205', 'error', `'include_check' takes its checks plain only as the first word; keepalived ignores '${w}' here (keepalived: "Duplicate include_check '${w}' specified - ignoring")${values.includes(w) ? `: write '+${w}' to add it` : ''}`, file, node.argWord(i).range,
          values.includes(w) && !node.argWord(i).expanded && !node.argWord(i).quoted ? { fix: { description: `Write '+${w}'`, edits: [{ file, range: node.argWord(i).range, newText: `+${w}` }] } } : undefined);
        continue;
      }
      const bare = signed ? w.slice(1) : w;
      if (!values.includes(bare)) this.report('KA205', 'error', `'include_check' checks must be one of ${values.join(', ')} (with '+' or '-' before it to add or remove one); got '${w}' (keepalived: "Unknown include_check type '${bare}' - ignoring")`, file, node.argWord(i).range);
    }
  }

  /** Port 0 on a real or sorry server, which 2.0.7 to 2.0.14 refuse (skips.ts, REAL_SERVER_ZERO_PORT_SINCE). */
  private checkZeroServerPort(node: AstNode, file: string): void {
    const port = node.argCount >= 2 ? node.argText(1)! : undefined;
    if (port === undefined || !/^0+$/.test(port)) return;
    const address = node.argText(0)!;
    const kind = node.keyword === 'real_server' ? 'real server' : 'sorry server';
    const said = node.keyword === 'real_server' ? `Invalid real server ip address/port ${address}/${port} - skipping` : `Invalid sorry server IP address ${address} - skipping`;
    this.report('KA205', 'error', `keepalived ${this.options.targetLabel} reads a ${kind}'s port from 1 to 65535 and skips this ${node.keyword} (keepalived: "number '${port}' outside range [1, 65535]", "${said}"); port 0 means no port from 2.0.15`, file, node.argWord(1).range);
  }

  /**
   * A virtual_server's service: arguments [at, argCount) of `args`, read as texts (a 6 MB config has
   * ~4k virtual servers); word objects are made only for the ranges of findings.
   */
  private checkVsService(args: ArgList, at: number, keyword: string, node: AstNode | undefined, file: string): void {
    const count = args.argCount - at;
    if (count <= 0) {
      // Its handler reads the first word unconditionally (strvec_slot): every release stops there.
      if (node) this.reportMissing('error', `'${keyword}' needs an address and port, 'fwmark N' or 'group NAME'`, STOPS_HERE, node, node.range, keyword, file, 0);
      return;
    }
    const t0 = args.argText(at)!;
    // keepalived's handler reads two words (address and port, or fwmark/group and its value) and never
    // looks at a third, so 'virtual_server 10.0.0.1 80 80' is the port-80 service without a word.
    if (count > 2) {
      const extra = wordsOf(args, at + 2);
      this.report('KA204', 'warning', `'${keyword}' takes 2 words before '{'; keepalived silently ignores '${extra.map((w) => w.text).join(' ')}'`, file, { start: extra[0]!.range.start, end: extra[extra.length - 1]!.range.end });
    }
    const t1 = count >= 2 ? args.argText(at + 1)! : undefined;
    if (t1 === undefined && compareVersions(this.options.target, VS_PORT_OPTIONAL_SINCE) < 0) {
      // Before 2.0.7 the handler reads the second word whatever the first is (1.3.5: "missing a parameter after
      // keyword `10.0.0.1` at word position 3", and the checker process exits).
      const what = t0 === 'fwmark' ? `'${keyword} fwmark' is missing its mark` : t0 === 'group' ? `'${keyword} group' is missing its group name` : `'${keyword} ${t0}' is missing its port (keepalived ${this.options.targetLabel}; it may be left out from ${VS_PORT_OPTIONAL_SINCE.join('.')} on)${glued(t0)}`;
      if (node) this.reportMissing('error', what, STOPS_HERE, node, args.argWord(at).range, keyword, file, count);
      return;
    }
    if (t0 === 'fwmark' || t0 === 'group') {
      if (t1 === undefined) {
        // keepalived reads the missing word anyway: a segmentation fault (2.0.7 to 2.4.3 at least).
        const crash = compareVersions(this.options.target, VS_MISSING_WORD_CRASH_SINCE) >= 0 ? `; keepalived ${this.options.targetLabel} crashes on this line (segmentation fault, also under keepalived -t)` : '';
        this.report('KA203', 'error', `'${keyword} ${t0}' is missing its ${t0 === 'fwmark' ? 'mark' : 'group name'}${crash}`, file, args.argWord(at).range);
      } else if (t0 === 'fwmark' && !UNSIGNED_WORD.test(t1)) this.report('KA205', 'error', `fwmark must be a number, got '${t1}'`, file, args.argWord(at + 1).range);
      else if (t0 === 'fwmark' && Number(t1) > 4294967295) this.report('KA205', 'error', `virtual server fwmark ${t1} is outside 0..4294967295; keepalived skips this virtual_server`, file, args.argWord(at + 1).range);
      // keepalived reads the mark 0 but takes 0 for "no mark": the block becomes a service by address with no address
      // and port 0. It says nothing of the mark: from 1.3.6 (fdd729b3) it reports only a missing protocol ("no protocol
      // set - defaulting to UDP", KA507) or persistence_timeout ("zero port only valid for persistent services", KA520),
      // and the 2.2.7 -t accepts the block when it has both (rc 0, nothing printed).
      else if (t0 === 'fwmark' && Number(t1) === 0) this.report('KA205', 'error', `fwmark 0 is no firewall mark (marks start at 1): keepalived reads this virtual_server as a service by address, with no address and port 0, so it does not balance the traffic your firewall marks; keepalived does not report the mark (at most a missing 'protocol' or 'persistence_timeout', KA507/KA520, and keepalived -t accepts the block when it has both); give the mark your firewall sets`, file, args.argWord(at + 1).range);
      return;
    }
    const p = checkArg(VS_ADDRESS, t0, keyword);
    if (p) this.report('KA205', 'error', `Invalid virtual server address '${t0}'`, file, args.argWord(at).range);
    else this.reportIgnoredAddressPart(keyword, t0, args, at, file);
    if (t1 === undefined) return;
    // A plain port in range, the common case, needs no test of its text.
    const digits = args.argDigits(at + 1);
    if (digits >= 0 && digits <= 65535) return;
    if (!UNSIGNED_WORD.test(t1) && compareVersions(this.options.target, PORT_RANGE_CHECKED_SINCE) < 0) {
      // 1.3.5's inet_stosockaddr reads the port with atoi.
      const read = /^[ \t\n\v\f\r]*[+-]?\d+/.exec(t1)?.[0].trim() ?? '0';
      this.report('KA205', 'warning', `keepalived ${this.options.targetLabel} reads the virtual server port '${t1}' as ${Number(read) & 0xffff}: it takes the leading number and silently ignores the rest (${PORT_RANGE_CHECKED_SINCE.join('.')} and later reject it as an invalid port)`, file, args.argWord(at + 1).range);
    } else if (!UNSIGNED_WORD.test(t1)) this.report('KA205', 'error', `Invalid virtual server port '${t1}'`, file, args.argWord(at + 1).range);
    else if (Number(t1) > 65535) this.report('KA205', 'error', `virtual server port ${t1} is outside 0..65535`, file, args.argWord(at + 1).range);
  }

  /**
   * A virtual_server_group entry whose handler reads a word the line does not have: keepalived exits there
   * (null_strvec, every release for a bare `fwmark`; before 2.0.7 also an address without its port).
   * KA525 (vsg-entries.ts) leaves these lines alone.
   */
  private checkVsgEntryWords(args: ArgList, file: string): void {
    if (args.argCount !== 1) return;
    const t0 = args.argText(0)!;
    const w0 = args.argWord(0);
    if (t0 === 'fwmark') this.reportMissing('error', `'fwmark' in a virtual_server_group is missing its mark`, STOPS_HERE, undefined, w0.range, t0, file, 1);
    else if (compareVersions(this.options.target, VS_PORT_OPTIONAL_SINCE) < 0) this.reportMissing('error', `virtual_server_group entry '${t0}' is missing its port (keepalived ${this.options.targetLabel}; it may be left out from ${VS_PORT_OPTIONAL_SINCE.join('.')} on)${glued(t0)}`, STOPS_HERE, undefined, w0.range, t0, file, 1);
  }

  /**
   * A value keepalived -t refuses but the running daemon (2.0.7+) reads, for an argument marked daemon_reads_leading
   * (`rise 2x` is 2, `weight -0` is 0): the problem with what the daemon uses added; else the problem as it was.
   */
  private withDaemonReading(p: ValueProblem, a: ArgSpec, read: ArgSpec, text: string, keyword: string): ValueProblem {
    if (p.used || !a.daemon_reads_leading || compareVersions(this.options.target, DAEMON_READS_LEADING_SINCE) < 0) return p;
    let used = daemonLeadingNumber(read, text);
    let note = used === undefined ? '' : daemonLeadingNote(text, used);
    // A real-time priority's number outside 1..99 is raised or lowered to the range, not refused (daemon
    // audit, 2.2.7: 'bfd_rt_priority 150x' runs at 99, "greater than maximum 99 - setting to maximum").
    if (used === undefined && keyword.endsWith('_rt_priority') && read.min !== undefined && read.max !== undefined) {
      const wide = daemonLeadingNumber({ ...read, min: undefined, max: undefined }, text);
      if (wide !== undefined) {
        used = Math.min(read.max, Math.max(read.min, wide));
        note = `: keepalived -t does not use it, but the running daemon only logs a warning, reads ${wide} and ${wide < read.min ? 'raises' : 'lowers'} it to ${used}; write ${used}`;
      }
    }
    return used === undefined ? p : { message: `${p.message}${note}`, severity: p.severity, used: 'daemon', replacement: /^[ \t\n\v\f\r]*[+-]?\d/.test(text) ? String(used) : undefined };
  }

  /**
   * For a server skipped for its port (`real_server 10.0.0.2 81x`): keepalived -t skips the block, but the
   * running daemon (2.0.7+) logs "WARNING - invalid number '81x'" and reads the server with port 81 and
   * its block (measured with 2.2.7); '' when that is not the case. kalint reads the block as -t does.
   */
  private daemonServerPort(node: AstNode, message: string): string {
    if (compareVersions(this.options.target, DAEMON_READS_LEADING_SINCE) < 0 || compareVersions(this.options.target, PORT_RANGE_CHECKED_SINCE) < 0) return '';
    const word = node.argText(1);
    // `virtual_server fwmark 12x`: the daemon's alloc_vs reads the leading number too (session 60's daemon audit:
    // "WARNING - invalid number '12x'", then FWM 12 with its real servers). A mark of 0 is no mark: left to -t's reading.
    if (node.keyword === 'virtual_server' && node.argText(0) === 'fwmark' && word !== undefined && message.includes(`'${word}'`)) {
      const mark = daemonLeadingNumber(FWMARK_READ, word);
      return mark === undefined || mark === 0 ? '' : ` under keepalived -t, but the running daemon only logs a warning, uses fwmark ${mark} and reads the block (kalint reads it as -t does); write ${mark}`;
    }
    if (word === undefined || !message.includes(`'${word}'`) || !/port/.test(message)) return '';
    const port = daemonLeadingNumber(SERVER_PORT_READ, word);
    return port === undefined ? '' : ` under keepalived -t, but the running daemon only logs a warning, uses port ${port} and reads the block (kalint reads it as -t does); write ${port}`;
  }

  /** Whether the running daemon reads a real_server -t skips: only its port has something after the number (`81x`). */
  private daemonReadsServer(node: AstNode): boolean {
    if (compareVersions(this.options.target, DAEMON_READS_LEADING_SINCE) < 0 || compareVersions(this.options.target, PORT_RANGE_CHECKED_SINCE) < 0) return false;
    const word = node.argText(1);
    const port = word === undefined ? undefined : daemonLeadingNumber(SERVER_PORT_READ, word);
    if (port === undefined) return false;
    const asRead = { argCount: node.argCount, argText: (i: number) => (i === 1 ? String(port) : node.argText(i)) };
    return !blockSkipped('real_server', asRead, this.options.target);
  }

  private checkValueLine(block: AstNode, line: ValueLine): void {
    // notification_email entries may be local user names (keepalived's own samples use 'acassen').
    if (block.keyword === 'notification_email') return;
    const shape = block.spec?.value_line;
    if (!shape || shape.length === 0) return;
    const reported = this.diagnostics.length;
    const stopped = this.checkArgs(shape, line, block.keyword, undefined, line.file);
    // `advert_int 1` inside virtual_ipaddress: a keyword of the block around it, written inside (or the value
    // block's '}' is missing above it). Said so, beside what keepalived makes of it as a value.
    if (this.diagnostics.length > reported && block.parent?.spec) {
      const first = line.argText(0);
      const outer = first !== undefined ? block.parent.spec.childMap.get(first) : undefined;
      const d = this.diagnostics[reported]!;
      if (outer && d.code === 'KA205' && d.range.start.offset === line.argWord(0).range.start.offset) {
        d.message += `; '${first}' is a ${block.parent.keyword} keyword: move it out of the '${block.keyword}' block (or is that block's '}' missing above this line?)`;
      }
    }
    if (block.keyword === 'interfaces' && block.parent?.keyword === 'garp_group' && this.diagnostics.length > reported && compareVersions(this.options.target, GARP_INTERFACES_CHECKED_AT_END_SINCE) >= 0) {
      // A name no interface can have: reported with the block's '}', where keepalived names it.
      const held = this.atBlockEnd.get(block) ?? [];
      for (const d of this.diagnostics.splice(reported)) {
        // A name over 15 bytes is looked up like any other here, and not found (2.2.7 and 2.4.3 -t: "WARNING -
        // interface abcdefghijklmnopq specified for garp_group doesn't exist" at the '}'); found by generator seed 452.
        if (d.code === 'KA205' && d.severity === 'error') d.message = d.message.replace(OVERLONG_IFNAME_IGNORED, '$1: no Linux interface can have this name, so keepalived finds no such interface');
        if (d.code === 'KA205' && d.severity === 'error' && d.message.includes('no Linux interface can have this name')) held.push(d);
        else this.diagnostics.push(d);
      }
      if (held.length) this.atBlockEnd.set(block, held);
    }
    // keepalived reports words after a linkbeat interface's method ("extra characters … in linkbeat interface").
    if (block.keyword === 'linkbeat_interfaces' && line.argCount > shape.length && !stopped) {
      const extra = line.argWord(shape.length);
      this.report('KA204', 'error', `'${line.argText(0)}' takes only a method (MII, ETHTOOL or IOCTL) after it; keepalived reports the extra words ("extra characters ${line.argText(1)} in linkbeat interface")`, line.file, { start: extra.range.start, end: line.argWord(line.argCount - 1).range.end });
    }
  }

  /**
   * A setting given again in one block (KA211): keepalived keeps the last value without a word, so a
   * leftover line from an edited copy silently decides. The same value twice is only noise; a later
   * value from another file is more often a deliberate override (a shared include, then this node's
   * own line), so both are information.
   */
  private reportOverwritten(prev: AstNode, node: AstNode, frame: Frame, invalidValue = false): void {
    // `include_check +match` adds to the checks set before it instead of replacing them.
    if (node.keyword === 'include_check' && /^[+-]/.test(node.argText(0) ?? '')) return;
    let before = settingText(prev);
    let now = settingText(node);
    // Words an earlier line set that this one, naming other parts only, leaves as they are (ArgSpec.sticky).
    let kept = '';
    if (!invalidValue && node.spec?.args.some((a) => a.sticky)) {
      const parts = changedParts(node.spec, prev, node);
      // This line only adds parts the earlier one did not give (`lvs_timeouts udp 50` after `tcp 100`): nothing replaced.
      if (parts.changed.length === 0 && parts.added) return;
      const them = parts.kept.length > 1 ? 'them' : 'it';
      const from = prev.file === node.file ? `line ${prev.range.start.line + 1}` : `${prev.file}:${prev.range.start.line + 1}`;
      const words = parts.kept.map((k) => `'${k}'`).join(', ');
      if (parts.changed.length === 0 && parts.kept.length) {
        const block = frame.node.keyword ? ` in '${frame.node.keyword}${frame.node.argText(0) !== undefined ? ` ${frame.node.argText(0)}` : ''}'` : '';
        this.report('KA211', 'info', `'${node.keyword}' is given again${block} without ${words}: keepalived keeps ${them} from ${from} (a line without ${them} does not unset ${them}), so the repetition does nothing`, node.file, node.word!.range, { related: [{ file: prev.file, range: prev.word!.range, message: 'first set here' }] });
        return;
      }
      if (parts.changed.length) {
        before = parts.changed.map((c) => c.before).join(' ');
        now = parts.changed.map((c) => c.now).join(' ');
      } else {
        // The same parts again, in any order: the words as written.
        now = '';
        for (let i = 0; i < node.argCount; i++) now += (i ? ' ' : '') + node.argText(i);
        before = now;
      }
      if (parts.kept.length) kept = `, and keeps ${words} from that line (a line without ${them} does not unset ${them})`;
    }
    const named = prev.keyword === node.keyword ? `'${node.keyword}'` : `'${node.keyword}' (the same setting as '${prev.keyword}')`;
    const line = prev.range.start.line + 1;
    const where = prev.file === node.file ? `line ${line}` : `${prev.file}:${line}`;
    const block = frame.node.keyword ? ` in '${frame.node.keyword}${frame.node.argText(0) !== undefined ? ` ${frame.node.argText(0)}` : ''}'` : '';
    const related = [{ file: prev.file, range: prev.word!.range, message: 'first set here' }];
    // A line missing a required argument (KA203) sets nothing: 2.2.7 keeps `script "/bin/true"` over a bare
    // `script` after it, and a bare one before a value is no setting to replace.
    const first = node.spec ? argsIn(node.spec, this.options.target)[0] : undefined;
    if (!now !== !before && first && !argOptionalIn(first, this.options.target)) return;
    // From 2.2.8 (4b269f81) a second regex in a url is reported, not replaced silently.
    if (node.keyword === 'regex' && frame.node.keyword === 'url' && compareVersions(this.options.target, DUPLICATE_REGEX_REPORTED_SINCE) >= 0 && prev.argCount === 1 && node.argCount === 1) {
      this.report('KA211', 'warning', `'regex' is given again${block}: keepalived ${this.options.targetLabel} reports it ("Duplicate regex specified - replacing ${prev.argText(0)} with ${node.argText(0)}") and uses this later pattern instead of the one on ${where}; keep one`, node.file, node.word!.range, { related });
      return;
    }
    if (before === now) {
      this.report('KA211', 'info', `${named} is given again${block} with the same ${now ? `value (${now})` : 'form'} as on ${where}${kept}; the repetition does nothing`, node.file, node.word!.range, { related });
      return;
    }
    const severity: Severity = prev.file === node.file ? 'warning' : 'info';
    // keepalived reports an invalid value and does not take it (it keeps the setting it had, or for a few keywords
    // such as priority goes back to its default): this later line overrides nothing, and one of the two is a leftover.
    // The earlier line's value was reported as invalid and not taken (KA205 there): this line replaces no value the
    // user wrote, and keepalived has said so, so nothing happens silently (2.2.7 -t: `priority 300` then
    // `priority 100` prints only "Priority not valid! … Using default 100" for the first; `advert_int abc` only
    // "Advert interval (abc) not valid! … ignoring"; found by harvest62).
    const prevRejected = this.rejectedSettings.has(prev);
    if (invalidValue && node.argCount === 1) {
      // An address keepalived cannot read is not ignored: inet_stosockaddr has already unset the earlier one.
      const sets = invalidSetsIn(node.spec?.args[0], this.options.target);
      if (prevRejected) {
        this.report('KA211', severity, `${named} is set again${block}, and keepalived reports both this value${now ? ` (${now})` : ''} and the one on ${where}${before ? ` (${before})` : ''} as invalid: ${sets !== undefined && sets !== 'leading' ? `it uses ${sets}` : 'it takes neither'}; keep one valid line`, node.file, node.word!.range, { related });
        return;
      }
      const effect = ADDRESS_CLEARED_BY_INVALID.has(node.keyword)
        ? `and the earlier address is lost too (keepalived unsets it as it rejects this one)${sets !== undefined ? `, so it uses ${sets}` : ''}`
        : sets !== undefined && sets !== 'leading'
          ? `and uses ${sets} instead, so the earlier value is lost too`
          : 'and does not use it';
      this.report('KA211', severity, `${named} is set again${block}, after ${where}${before ? ` (${before})` : ''}; keepalived reports this later value${now ? ` (${now})` : ''} as invalid ${effect}; keep one valid line`, node.file, node.word!.range, { related });
      return;
    }
    if (prevRejected) {
      const sets = invalidSetsIn(prev.spec?.args[0], this.options.target);
      const meanwhile = sets !== undefined && sets !== 'leading' ? ` (it uses ${sets} until this line)` : '';
      this.report('KA211', severity, `${named} is set again${block}: keepalived reports the value on ${where}${before ? ` (${before})` : ''} as invalid and does not take it${meanwhile}, so this later value${now ? ` (${now})` : ''} is the one it uses${kept}; keep one valid line`, node.file, node.word!.range, { related });
      return;
    }
    const reverse = this.reverseKept(node, frame);
    this.report('KA211', severity, `${named} is set again${block}: keepalived ${this.lineReportedButUsed ? '' : 'silently '}uses this later value${now ? ` (${now})` : ''} instead of the one on ${where}${before ? ` (${before})` : ''}${kept}${this.serversKeepingMethod(prev, node, frame)}${reverse}; keep one${reverse ? ", with 'reverse' if the script is meant to run reversed" : ''}`, node.file, node.word!.range, { related });
  }

  /**
   * Whether keepalived refuses a vrrp_instance's mcast_src_ip (unicast_src_ip) or mcast_dst_ip that it can read: an
   * address of another family than the instance's (set by the first address line before it), or a group that is not
   * multicast (IPv6: link-local multicast). Both handlers have written it over the earlier address by then and unset
   * it (2.2.7 vrrp_parser.c vrrp_srcip_handler, vrrp_mcast_dstip_handler; 1.3.5 to 2.4.3 the same).
   */
  /**
   * A vrrp_track_process `quorum` above the quorum_max set so far, or a `quorum_max` below the quorum: keepalived checks each
   * line against the other value as it stands and ignores the line ("Quorum is greater than quorum_max - ignoring"; 2.2.7
   * vrrp_parser.c, its dump keeps the earlier value), as KA357 reports; a repeat refused so overrides nothing (rules62).
   */
  private quorumRefused(node: AstNode, frame: Frame): boolean {
    const k = node.keyword;
    if (frame.node.keyword !== 'vrrp_track_process' || (k !== 'quorum' && k !== 'quorum_max')) return false;
    let quorum = 1;
    let quorumMax = Infinity;
    const refusedBy = (c: AstNode): boolean | undefined => {
      const n = parseInteger(c.argText(0) ?? '');
      if (c.keyword === 'quorum') {
        if (n === undefined || n < 1 || n > 65535) return undefined;
        return n > quorumMax || ((quorum = n), false);
      }
      if (n === undefined || n < 0 || n > 65535) return undefined;
      return ((n !== 0 || quorum > 1) && n < quorum) || ((quorumMax = n), false);
    };
    for (let i = frame.childStart; i < this.childStack.length; i++) {
      const c = this.childStack[i]!;
      if (c === node) break;
      if (c.keyword === 'quorum' || c.keyword === 'quorum_max') refusedBy(c);
    }
    return refusedBy(node) === true;
  }

  private instanceAddressRefused(node: AstNode, frame: Frame): boolean {
    const k = node.keyword;
    if (frame.node.keyword !== 'vrrp_instance' || (k !== 'mcast_src_ip' && k !== 'unicast_src_ip' && k !== 'mcast_dst_ip')) return false;
    const sa = sockaddrAddress(node.argText(0) ?? '');
    if (!sa) return false;
    const family = this.instanceFamilyBefore(frame, node);
    if (family !== undefined && sa.family !== family) return true;
    if (k !== 'mcast_dst_ip') return false;
    if (sa.family === 4) {
      const first = parseInt(sa.address, 10);
      return first < 224 || first > 239;
    }
    const head = parseInt(canonicalAddress(sa.address).split(':')[0] || '0', 16);
    return head >> 8 !== 0xff || (head & 0x0f) !== 2;
  }

  /**
   * The address family keepalived has given the vrrp_instance being read when it reaches `node`: that of the first
   * line before it that sets one (an mcast/unicast source, mcast_dst_ip, native_ipv6, the first VIP or unicast peer;
   * 2.2.7 vrrp_parser.c and vrrp_data.c), else undefined.
   */
  private instanceFamilyBefore(frame: Frame, node: AstNode): 4 | 6 | undefined {
    for (let i = frame.childStart; i < this.childStack.length; i++) {
      const c = this.childStack[i]!;
      if (c === node) break;
      let word: string | undefined;
      switch (c.keyword) {
        case 'mcast_src_ip':
        case 'unicast_src_ip':
        case 'mcast_dst_ip':
          word = c.argText(0);
          break;
        case 'native_ipv6':
          return 6;
        case 'virtual_ipaddress':
        case 'unicast_peer':
          word = c.values?.find((l) => l.argCount > 0)?.argText(0);
          break;
      }
      const family = word === undefined ? undefined : sockaddrAddress(word)?.family;
      if (family !== undefined) return family;
    }
    return undefined;
  }

  /**
   * For a virtual server's method set again: the real and sorry servers read between the two lines keep
   * the earlier method (each is given the method when its line is read), said as a clause, else ''.
   */
  /**
   * For a vrrp_script weight set again without 'reverse' after a line with it: keepalived's handler sets the flag on
   * the word and never clears it (2.2.7 dump for `weight 10 reverse` then `weight 60`: "Weight = 60 reverse"), as a
   * clause, else ''.
   */
  private reverseKept(node: AstNode, frame: Frame): string {
    if (frame.node.keyword !== 'vrrp_script' || node.keyword !== 'weight' || node.argText(1) === 'reverse') return '';
    if (!node.spec || !argsIn(node.spec, this.options.target).some((a) => a.name === 'reverse')) return '';
    for (let i = frame.childStart; i < this.childStack.length; i++) {
      const c = this.childStack[i]!;
      if (c !== node && c.keyword === 'weight' && c.argText(1) === 'reverse') {
        return `, and the 'reverse' of line ${c.range.start.line + 1} stays (keepalived never clears it): the script runs reversed with this weight`;
      }
    }
    return '';
  }

  private serversKeepingMethod(prev: AstNode, node: AstNode, frame: Frame): string {
    if (frame.node.keyword !== 'virtual_server' || (node.keyword !== 'lb_kind' && node.keyword !== 'lvs_method')) return '';
    if (compareVersions(this.options.target, SERVER_METHOD_PER_SERVER_SINCE) < 0) return '';
    const method = prev.argText(0);
    if (method !== 'NAT' && method !== 'DR' && method !== 'TUN') return '';
    let from = frame.childStart;
    while (from < this.childStack.length && this.childStack[from] !== prev) from++;
    const lines: number[] = [];
    for (let i = from + 1; i < this.childStack.length; i++) {
      const k = this.childStack[i]!.keyword;
      if (k === 'real_server' || k === 'sorry_server') lines.push(this.childStack[i]!.range.start.line + 1);
    }
    if (!lines.length) return '';
    return ` for the servers after it, while the server${lines.length > 1 ? 's' : ''} on line${lines.length > 1 ? 's' : ''} ${lines.join(', ')} keep${lines.length > 1 ? '' : 's'} ${method} (a server takes the virtual server's method when its line is read)`;
  }

  /**
   * keepalived reads a socket address (virtual_server, real_server, sorry_server, unicast_src_ip,
   * unicast_peer, connect_ip, bindto, bfd neighbor_ip…) up to its first '-', else its first '/', and
   * drops the rest without a word (inet_stosockaddr): `real_server 10.0.0.2-5 80` is the one server
   * 10.0.0.2, `unicast_src_ip 10.0.0.1/24` the address 10.0.0.1.
   */
  /** The word's range is made only for a report: a large config has thousands of valid addresses. */
  private reportIgnoredAddressPart(keyword: string, text: string, args: ArgList, i: number, file: string): void {
    const dropped = sockaddrIgnoredPart(text);
    if (dropped === undefined) return;
    const range = args.argWord(i).range;
    const kept = text.slice(0, text.length - dropped.length);
    const what = dropped.startsWith('-') ? 'no address range (it is one address)' : 'no prefix length';
    this.report('KA205', 'warning', `'${keyword}' takes ${what}: keepalived silently drops '${dropped}' and reads the address ${kept}`, file, range);
  }

  /**
   * Whether keepalived removes a closed tracked-object block at its end for want of its script, file or process
   * line (a vrrp_script from 1.3.6), so that a later block of the name is the one found.
   */
  private removesDefinition(block: AstNode): boolean {
    // A virtual_server_group without entries is removed at its end ("has no entries - removing", 1.3.7 on).
    if (block.keyword === 'virtual_server_group') return !!block.closeBrace && !block.values?.some((l) => l.words.length > 0) && compareVersions(this.options.target, EMPTY_VSG_REMOVED_SINCE) >= 0;
    const required = REQUIRED_DEFINITION_LINE[block.keyword];
    if (!required || !block.closeBrace) return false;
    if (block.keyword === 'vrrp_script' && compareVersions(this.options.target, SCRIPTLESS_SCRIPT_REMOVED_SINCE) < 0) return false;
    return !block.children.some((c) => c.keyword === required && c.argCount > 0);
  }

  /** `invalidValue`: the line has a value keepalived reports as invalid (KA205), which it does not use. */
  private checkDuplicate(node: AstNode, frame: Frame, missingArgument = false, invalidValue = false, setsNothing = false): void {
    const spec = node.spec!;
    if (spec.repeat === 'instance') {
      // virtual_server "names" are addresses, and keepalived accepts duplicates (an lvs rule checks them).
      const name = node.argText(0);
      if (spec.defines && spec.defines !== 'virtual_server' && name !== undefined) {
        const kind = spec.defines;
        let names = this.instanceNames.get(kind);
        if (!names) this.instanceNames.set(kind, (names = new Map()));
        const prev = names.get(name);
        const removed = this.rereads?.get(node);
        if (kind === 'bfd_instance' && prev) this.checkBfdRepeat(node, name, prev);
        else if (removed) {
          this.report('KA209', 'warning', `${kind} '${name}' is defined again: keepalived ${this.options.targetLabel} removed the first one (line ${removed.range.start.line + 1}) when its block ended, for it has no members, so it reads this one as '${name}'; keep one`, node.file, node.argWord(0).range, {
            related: [{ file: removed.file, range: removed.argWord(0).range, message: 'first defined here, and removed' }],
          });
        } else if (prev && this.removesDefinition(prev)) {
          // The first one, now closed, lacks its script/file/process line: keepalived removes it, and finds this one.
          const lacks = prev.keyword === 'virtual_server_group' ? 'no entries' : `no '${REQUIRED_DEFINITION_LINE[prev.keyword]}' line`;
          this.report('KA209', 'warning', `${kind} '${name}' is defined again: the first one (line ${prev.range.start.line + 1}) has ${lacks}, so keepalived removes it when its block ends and uses this one; keep one`, node.file, node.argWord(0).range, {
            related: [{ file: prev.file, range: prev.argWord(0).range, message: 'first defined here, and removed' }],
          });
          names.set(name, node);
        } else if (prev) {
          const effect = DUPLICATE_BLOCK_IGNORED.has(kind)
            ? 'keepalived ignores this whole block'
            : `keepalived does not notice: it reads this block too, but '${name}' always finds the first one, so this one is never used`;
          // keepalived -t accepts a repeated vrrp_script or group silently: a warning there.
          this.report('KA209', DUPLICATE_BLOCK_IGNORED.has(kind) ? 'error' : 'warning', `${kind} '${name}' is already defined; ${effect}`, node.file, node.argWord(0).range, {
            related: [{ file: prev.file, range: prev.argWord(0).range, message: 'first defined here' }],
          });
        } else names.set(name, node);
      }
      return;
    }
    const repeat = spec.repeat_before === undefined ? spec.repeat : repeatIn(spec, this.options.target);
    if (repeat === 'list' || repeat === 'merge' || missingArgument) return;
    // Every BFD_CHECK name line after the first drops the whole checker (2.0.0 to 2.4.3): KA519 reports it.
    if (spec.id === BFD_CHECK_NAME) return;
    // keepalived overwrites most settings without a word (KA211); blocks that repeat are other rules' business.
    const silent = repeat === 'last_wins' && !overwriteReportedIn(spec, this.options.target);
    if (silent && spec.block !== null) return;
    // An old name and its new one (nb_get_retry, retry) set one setting: either overwrites the other.
    const serial = spec.settingSerial;
    if (this.seenStamp[serial] !== frame.stamp) {
      // A bare line an older release ignores without a word (2.0.10: `file` in vrrp_track_file) leaves the setting
      // unset, so the next line is no repeat; after a line that set it, it is one (its handler says "already set").
      if (setsNothing) return;
      // keepalived sees `weight 1` in a track_file (its default) as no weight yet: the next line sets it.
      if (spec.unset_by !== undefined && leavesUnset(node, spec, spec.unset_by)) return;
      // A script line with no command (`notify_master ""`) sets no script, so the next line is no repeat (2.0.19 to
      // 2.4.3 builds; KA610 reports the empty one).
      if (spec.script_string && BLANK_COMMAND.test(node.argText(0) ?? '-')) return;
      // A DNS_CHECK name keepalived refuses leaves the name unset: the next `name` line is read (KA524 reports the refused one).
      if (spec.id === DNS_CHECK_NAME && dnsNameRefused(node.argText(0) ?? '', this.options.target)) return;
      // So does a url digest keepalived refuses (not 32 hex digits): the next `digest` line is read (KA529 reports the
      // refused one; 2.2.7: "character length should be 32", then no "is a duplicate" for the next).
      if (spec.name === 'digest' && !DIGEST_READ.test(node.argText(0) ?? '')) return;
      // `vrf lo`: keepalived refuses the loopback and leaves the vrf unset, so the next vrf line is no repeat (2.2.7:
      // "cannot use a loopback interface (lo) for VRF - ignoring" for each, and no "already specified"; KA364 reports it).
      if (spec.id === VRRP_VRF && node.argText(0) === 'lo') return;
      // A global multicast group keepalived refuses keeps the group before it (KA342 reports the line).
      if ((spec.id === 'global_defs/vrrp_mcast_group4' || spec.id === 'global_defs/vrrp_mcast_group6') && globalMcastGroupRefused(spec.name, node.argText(0), this.options.target)) return;
      this.seenStamp[serial] = frame.stamp;
      this.seenNode[serial] = node;
      if (invalidValue) this.rejectedSettings.add(node);
      return;
    }
    const prev = this.seenNode[serial]!;
    if (spec.id === INSTANCE_VERSION) {
      // keepalived keeps the first valid version: a different later one is refused, the same one changes nothing.
      const before = instanceVersion(prev);
      const now = instanceVersion(node);
      if (before === undefined) this.seenNode[serial] = node;
      else if (now !== undefined && now !== before) {
        this.report('KA209', 'error', `'version ${now}' conflicts with the version ${before} set on line ${prev.range.start.line + 1}; keepalived ignores this line and keeps VRRPv${before} (keepalived: "vrrp_version ${now} conflicts with configured or deduced version ${before}; ignoring.")`, node.file, node.range, {
          related: [{ file: prev.file, range: prev.range, message: 'first set here' }],
        });
      } else if (now === before) this.reportOverwritten(prev, node, frame, invalidValue);
      return;
    }
    if ((spec.id === 'global_defs/vrrp_mcast_group4' || spec.id === 'global_defs/vrrp_mcast_group6') && globalMcastGroupRefused(spec.name, node.argText(0), this.options.target)) return;
    if (silent) {
      // A vrrp_instance `state`: MASTER is kept over a later BACKUP, not overwritten (KA345 says so); a later
      // MASTER overwrites a BACKUP silently (2.2.7's dump: Wantstate = MASTER).
      if (spec.name === 'state' && prev.argText(0) === 'MASTER' && node.argText(0) === 'BACKUP') return;
      const refused = invalidValue || this.instanceAddressRefused(node, frame) || this.quorumRefused(node, frame);
      this.reportOverwritten(prev, node, frame, refused);
      this.seenNode[serial] = node;
      if (refused) this.rejectedSettings.add(node);
      return;
    }
    // A first-wins setting keepalived refuses only for another value (ip_family): the rule named reports that
    // line; the same value again changes nothing (KA211's note).
    if (repeat === 'first_wins' && spec.conflict_reported_by !== undefined) {
      if (settingText(prev) === settingText(node)) this.reportOverwritten(prev, node, frame, invalidValue);
      else this.ignoredRepeats.add(node);
      return;
    }
    // A second net_namespace_ipvs without a name: keepalived's report of the repeat prints the missing name (strvec_slot).
    if (spec.id === 'net_namespace_ipvs' && node.argCount === 0) {
      const first = prev.file === node.file ? `line ${prev.range.start.line + 1}` : `line ${prev.range.start.line + 1} of ${prev.file}`;
      this.reportMissing('error', `'net_namespace_ipvs' is already set on ${first}, and keepalived's report of this repeat ("Duplicate net_namespace_ipvs definition NAME - ignoring") reads the name this line does not have`, STOPS_HERE, node, node.range, spec.name, node.file, 0);
      return;
    }
    const named = prev.keyword === spec.name ? `'${spec.name}'` : `'${spec.name}' (the same setting as '${prev.keyword}')`;
    const what =
      repeat === 'first_wins'
        ? `${named} is already set in this block; keepalived ignores this one and keeps the first`
        : repeat === 'replace'
          ? `A second '${spec.name}' block replaces the first (keepalived reports an error)`
          : `${named} is already set in this block; keepalived overwrites it and reports an error`;
    let where = prev.parent === node.parent ? what : what.replace('in this block', `in an earlier '${frame.node.keyword}' block`);
    if (prev.keyword === 'vrrp_iptables' && spec.name === 'nftables') {
      where = `'vrrp_iptables' on line ${prev.range.start.line + 1} already set the nftables table on this nftables-only build; keepalived ignores this 'nftables' line (keepalived: "nftables already specified - ignoring")`;
    }
    // A script keepalived cannot run as the user the first line names is dropped without a word (2.2.7 -t: no
    // "already specified" then), so which line counts depends on the host's users: root is on every host.
    const user = repeat === 'first_wins' && spec.args[0]?.type === 'script' && spec.args.some((a) => a.name === 'user') ? prev.argText(1) : undefined;
    const group = user !== undefined ? prev.argText(2) : undefined;
    if (user !== undefined && !(user === 'root' && (group === undefined || group === 'root'))) {
      const runAs = `'${user}'${group !== undefined ? ` (group '${group}')` : ''}`;
      where = `${where.replace(/; keepalived ignores this one and keeps the first$/, '')}, by a line that runs its script as ${runAs}: where that user exists, keepalived ignores this one and keeps the first; where it does not, keepalived drops the first and keeps this one`;
      this.report('KA209', 'warning', where, node.file, node.word!.range, { related: [{ file: prev.file, range: prev.word!.range, message: 'first set here' }] });
      return;
    }
    if (repeat === 'first_wins') this.ignoredRepeats.add(node);
    this.report('KA209', 'error', where, node.file, node.word!.range, { related: [{ file: prev.file, range: prev.word!.range, message: 'first set here' }] });
  }
}

/** A script command keepalived finds nothing in: empty, or ASCII blanks only (its isspace). */
const BLANK_COMMAND = /^[ \t\n\v\f\r]*$/;

/** keepalived 2.2.8 and later report a repeated string setting (set_string: path, virtualhost, snmp_name). */
/** The words after a keyword that keepalived reads (extra ones are KA204's), as one string to compare settings by. */
function settingText(node: AstNode): string {
  const specs = node.spec?.args ?? [];
  const n = specs.some((a) => a.repeat) ? node.argCount : Math.min(node.argCount, specs.length);
  let out = '';
  for (let i = 0; i < n; i++) out += (i ? ' ' : '') + node.argText(i);
  return out;
}

/**
 * Two lines of a keyword with sticky arguments (ArgSpec.sticky) as keepalived takes the later one: the parts it sets
 * again with another value, the earlier parts it leaves (a flag word, an option it does not name, a word it lacks),
 * and whether it adds a part the earlier line did not give. The keyword's other words are one part.
 */
function changedParts(spec: KeywordSpec, prev: AstNode, node: AstNode): { changed: { before: string; now: string }[]; kept: string[]; added: boolean } {
  const a = partsOf(spec, prev);
  const b = partsOf(spec, node);
  const changed: { before: string; now: string }[] = [];
  const kept: string[] = [];
  let added = false;
  for (const [key, text] of a) {
    const later = b.get(key);
    if (later === undefined) kept.push(text);
    else if (later !== text) changed.push({ before: text, now: later });
  }
  for (const key of b.keys()) if (!a.has(key)) added = true;
  return { changed, kept, added };
}

/** A line's parts by key: '' for the words no sticky argument takes, a flag word, an option, or a sticky position. */
function partsOf(spec: KeywordSpec, node: AstNode): Map<string, string> {
  const parts = new Map<string, string>();
  const plain: string[] = [];
  const flags = new Set<string>();
  let pairs: readonly string[] | undefined;
  const positions = new Set<number>();
  spec.args.forEach((arg, i) => {
    if (!arg.sticky) return;
    if (arg.type === 'keyword_value_pairs') pairs = arg.values;
    else if (arg.type === 'enum') for (const v of arg.values ?? []) flags.add(v);
    else positions.add(i);
  });
  for (let i = 0; i < node.argCount; i++) {
    const w = node.argText(i)!;
    if (flags.has(w)) parts.set(w, w);
    else if (pairs?.includes(w) && i + 1 < node.argCount) {
      parts.set(w, `${w} ${node.argText(i + 1)}`);
      i++;
    } else if (positions.has(i)) parts.set(`#${i}`, w);
    else plain.push(w);
  }
  if (plain.length || !pairs) parts.set('', plain.join(' '));
  return parts;
}

/** parseVersion of each spec's overwrite_error_since, by spec: asked for every keyword line that may repeat. */
const overwriteErrorSince = new Map<KeywordSpec, Version | undefined>();

function overwriteReportedIn(spec: KeywordSpec, target: Version): boolean {
  if (!spec.overwrite_error_since) return false;
  let since = overwriteErrorSince.get(spec);
  if (since === undefined && !overwriteErrorSince.has(spec)) overwriteErrorSince.set(spec, (since = parseVersion(spec.overwrite_error_since)));
  return since !== undefined && compareVersions(since, target) <= 0;
}

const INSTANCE_VERSION = 'vrrp_instance/version';

/** The VRRP version a `version` line sets (2 or 3), else undefined (keepalived refuses the line). */
function instanceVersion(node: AstNode): 2 | 3 | undefined {
  const v = node.argDigits(0);
  return v === 2 || v === 3 ? v : undefined;
}

/** Whether the line leaves a first_wins setting at its default (`unset`) or is invalid, which keepalived ignores. */
const DNS_CHECK_NAME = 'virtual_server/real_server/DNS_CHECK/name';
const VRRP_VRF = 'vrrp_instance/vrf';
const BFD_CHECK_NAME = 'virtual_server/real_server/BFD_CHECK/name';
/** A url digest keepalived keeps: an MD5 sum as 32 hex digits. */
const DIGEST_READ = /^[0-9a-fA-F]{32}$/;

function leavesUnset(node: AstNode, spec: KeywordSpec, unset: string): boolean {
  const text = node.argText(0);
  const arg = spec.args[0];
  if (text === undefined || !arg) return true;
  if (checkArg(arg, text, spec.name) !== undefined) return true;
  return parseInteger(text.replace(/^\+/, '')) === Number(unset);
}

/**
 * The include checks after an `include_check` line, as keepalived sets them: no word turns on every
 * check; a plain first word sets 'read' and that check (a later plain word is ignored, KA205); '+'/'-'
 * add or remove one. An unknown word leaves what the line set so far.
 */
function includeChecksAfter(node: AstNode): number {
  if (node.argCount === 0) return INCLUDE_CHECK.read | INCLUDE_CHECK.match | INCLUDE_CHECK.wildcard | INCLUDE_CHECK.brace;
  let checks = 0;
  for (let i = 0; i < node.argCount; i++) {
    const w = node.argText(i)!;
    const sign = w.startsWith('+') ? 1 : w.startsWith('-') ? -1 : 0;
    if (sign === 0 && i > 0) continue;
    const flag = INCLUDE_CHECK_WORDS[sign === 0 ? w : w.slice(1)] ?? 0;
    if (sign === 0) checks = flag ? INCLUDE_CHECK.read | flag : 0;
    else if (sign > 0) checks |= flag;
    else checks &= ~flag;
  }
  return checks;
}

/**
 * The comment marker of another language a keyword starts with, if any: '//' and '/*' (C), a run of ';'
 * (INI files), a word of two or more dashes (SQL's '--', separator lines; only the first two become '#'), a
 * run of full-width '＃' (U+FF03). No keepalived keyword starts with these characters.
 */
function foreignCommentMarker(name: string): string | undefined {
  if (name.startsWith('//') || name.startsWith('/*')) return name.slice(0, 2);
  // Dashes only as a word of their own (`-- note`, a separator line): `--OTHER_IPS--` is a template's placeholder.
  if (/^-{2,}$/.test(name)) return '--';
  const run = /^(?:;+|\uFF03+)/.exec(name);
  return run ? run[0] : undefined;
}
