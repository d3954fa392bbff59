/**
 * Which of keepalived's processes read each bfd_instance block, and which keep it (keepalived 2.0.0 on,
 * bfd_parser.c; checked with 2.0.19, 2.1.5, 2.2.4 and 2.2.7).
 *
 * Three processes read bfd_instance, each with its own list of names: the BFD process runs the sessions,
 * the VRRP process keeps names (and `weight`) for track_bfd, the checker keeps names for BFD_CHECK. Each
 * skips a block whose name it holds ("BFD x already specified", "BFD instance x already configured -
 * ignoring"), and each may drop a block it read when the block ends, freeing the name: the BFD process one
 * without a usable neighbor, the VRRP process one whose `checker`/`vrrp` lines name the checker only, the
 * checker one that names the VRRP process only. A later block of a dropped name is then read by the
 * processes that dropped it, and skipped by the others.
 *
 * Before 2.2.3 (1a005a04) the VRRP and checker processes never clear what the `vrrp`/`checker` lines said:
 * it adds up over every block they read, so one `checker` line makes the VRRP process drop every later
 * block until a `vrrp` line. Nor does a new reading in the same process clear them: `keepalived -t` reads the checker's
 * part first and then the VRRP part, and the daemon's VRRP process reads the file again on a reload, so those readings
 * start with the lines counted before (configTestVrrpReadings).
 */
import type { AstNode } from './ast.js';
import { compareVersions, type Version } from '../schema/schema.js';
import { canonicalAddress, sockaddrAddress, sockaddrFamily, utf8Length } from './values.js';
import { BFD_NAME_MAX } from './skips.js';
import { appendAll } from '../arrays.js';

export const BFD_PROCESS = 1;
export const VRRP_PROCESS = 2;
export const CHECKER_PROCESS = 4;
export const ALL_BFD_PROCESSES = BFD_PROCESS | VRRP_PROCESS | CHECKER_PROCESS;

const EVENT_BITS_CLEARED_PER_BLOCK_SINCE: Version = [2, 2, 3];
/** Before 2.0.19 (18d841fe) a neighbor is compared with the sessions kept at each neighbor_ip line, source addresses aside (KA356 says more). */
const DUPLICATE_CHECKED_AT_END_SINCE: Version = [2, 0, 19];

export const BFD_PROCESS_NAMES: Readonly<Record<number, string>> = { [BFD_PROCESS]: 'BFD', [VRRP_PROCESS]: 'VRRP', [CHECKER_PROCESS]: 'checker' };

/** The process whose handler reads a bfd_instance line (the others install it as a line they ignore). */
export function bfdLineReader(keyword: string): number {
  if (keyword === 'weight') return VRRP_PROCESS;
  if (keyword === 'vrrp' || keyword === 'checker') return ALL_BFD_PROCESSES;
  return BFD_PROCESS;
}

export interface BfdBlockReading {
  /** The processes that read the block's lines (the others skip it: they hold the name already). */
  readers: number;
  /** The readers that keep the block when it ends. */
  held: number;
  /** Why each reader that did not keep the block dropped it, in words that fit after "it". */
  dropped: { [process: number]: string };
  /** The name is longer than the BFD and VRRP processes take. */
  nameTooLong: boolean;
}

/**
 * Why keepalived's BFD process disables this (finished) bfd_instance block, freeing its name: a neighbor
 * address it cannot read (at that line), no neighbor, or a source address of the other family (at its end).
 */
export function bfdDisabledWhy(block: AstNode): string | undefined {
  let neighbor: number | undefined;
  let source: number | undefined;
  for (let i = 0, kids = block.children; i < kids.length; i++) {
    const c = kids[i]!;
    const k = c.keyword;
    if (k === 'neighbor_ip' || k === 'neighbour_ip') {
      const family = sockaddrFamily(c.argText(0) ?? '');
      if (family === undefined) return `its ${k} is not an address it can read (line ${c.range.start.line + 1})`;
      neighbor = family;
    } else if (k === 'source_ip') source = sockaddrFamily(c.argText(0) ?? '') ?? source;
  }
  if (neighbor === undefined) return 'it has no neighbor_ip';
  if (source !== undefined && source !== neighbor) return 'its source_ip and neighbor_ip are of different address families';
  return undefined;
}

/** A `vrrp` or `checker` line that set a process's bit, for the reason a later block is dropped. */
interface EventLine {
  block: AstNode;
  keyword: 'vrrp' | 'checker';
  /** Counted in an earlier reading of the file by the same keepalived process. */
  carried?: boolean;
}

/** Follows the blocks in the order keepalived reads them: `open` at each block's line, `close` once it has ended. */
export class BfdProcesses {
  readonly readings = new Map<AstNode, BfdBlockReading>();
  /** Per process, the names it holds. */
  private readonly holds = new Map<number, Map<string, AstNode>>([
    [BFD_PROCESS, new Map()],
    [VRRP_PROCESS, new Map()],
    [CHECKER_PROCESS, new Map()],
  ]);
  /** What the `vrrp`/`checker` lines said so far, per event-bit-keeping process (before 2.2.3 it adds up). */
  private readonly events = new Map<number, { bits: number; lines: EventLine[] }>([
    [VRRP_PROCESS, { bits: 0, lines: [] }],
    [CHECKER_PROCESS, { bits: 0, lines: [] }],
  ]);
  private open_: { node: AstNode; name: string } | undefined;
  private readonly bitsKept: boolean;
  private readonly duplicateAtLine: boolean;
  /** The sessions the BFD process keeps: neighbor and source (canonical), for its duplicate check. */
  private readonly sessions: { neighbor: string; source?: string; node: AstNode }[] = [];

  /**
   * `target`: the release read as; without one, the current behaviour. `vrrpStartsWith`: the `vrrp`/`checker` lines
   * the VRRP process has counted before this reading (before 2.2.3 a reading in the same process leaves them set).
   */
  constructor(target: Version | undefined, vrrpStartsWith: readonly EventLine[] = []) {
    this.bitsKept = target !== undefined && compareVersions(target, EVENT_BITS_CLEARED_PER_BLOCK_SINCE) < 0;
    this.duplicateAtLine = target !== undefined && compareVersions(target, DUPLICATE_CHECKED_AT_END_SINCE) < 0;
    appendAll(this.events.get(VRRP_PROCESS)!.lines, vrrpStartsWith);
  }

  /** The `vrrp`/`checker` lines a process counts at the end of the reading (after `close`). */
  countedAtEnd(process: number): readonly EventLine[] {
    return this.events.get(process)?.lines ?? [];
  }

  /** Per process, the last block of each name it read and dropped. */
  private readonly drops = new Map<number, Map<string, AstNode>>([
    [BFD_PROCESS, new Map()],
    [VRRP_PROCESS, new Map()],
    [CHECKER_PROCESS, new Map()],
  ]);

  /** The block a process holds for a name, if any (after `close` of the blocks before). */
  heldBy(process: number, name: string): AstNode | undefined {
    return this.holds.get(process)!.get(name);
  }

  /** The last block of a name a process read and dropped, if any. */
  droppedBy(process: number, name: string): AstNode | undefined {
    return this.drops.get(process)!.get(name);
  }

  /**
   * A block's line: which processes read it. The block before it must have ended. A name longer than 31 bytes is
   * refused by the BFD and VRRP processes ("name too long"); the checker does not look at its length.
   */
  open(node: AstNode, name: string): number {
    this.close();
    const tooLong = utf8Length(name) > BFD_NAME_MAX;
    let readers = 0;
    for (const [process, names] of this.holds) if (!names.has(name) && (!tooLong || process === CHECKER_PROCESS)) readers |= process;
    this.readings.set(node, { readers, held: 0, dropped: {}, nameTooLong: tooLong });
    if (readers) this.open_ = { node, name };
    return readers;
  }

  /** Ends the open block (if any): each reader keeps it or drops it. */
  close(): void {
    const open = this.open_;
    if (!open) return;
    this.open_ = undefined;
    const { node, name } = open;
    const reading = this.readings.get(node)!;
    const own: EventLine[] = [];
    for (let i = 0, kids = node.children; i < kids.length; i++) {
      const k = kids[i]!.keyword;
      if (k === 'vrrp' || k === 'checker') own.push({ block: node, keyword: k });
    }
    for (const [process, names] of this.holds) {
      if (!(reading.readers & process)) continue;
      let why: string | undefined;
      if (process === BFD_PROCESS) why = bfdDisabledWhy(node) ?? this.duplicateSession(node);
      else {
        const ev = this.events.get(process)!;
        if (!this.bitsKept) ev.lines = [];
        appendAll(ev.lines, own);
        const bits = ev.lines.reduce((b, l) => b | (l.keyword === 'vrrp' ? VRRP_PROCESS : CHECKER_PROCESS), 0);
        ev.bits = bits;
        if (bits && !(bits & process)) why = this.eventWhy(process, node, ev.lines);
      }
      if (why) {
        reading.dropped[process] = why;
        this.drops.get(process)!.set(name, node);
      } else {
        reading.held |= process;
        names.set(name, node);
      }
    }
  }

  /** Whether the BFD process drops the block as a second session to a neighbor it has; else keeps its session. */
  private duplicateSession(node: AstNode): string | undefined {
    let neighbor: string | undefined;
    let source: string | undefined;
    for (let i = 0, kids = node.children; i < kids.length; i++) {
      const c = kids[i]!;
      const k = c.keyword;
      if (k === 'neighbor_ip' || k === 'neighbour_ip') {
        const a = sockaddrAddress(c.argText(0) ?? '');
        if (!a) continue;
        const here = canonicalAddress(a.address);
        if (this.duplicateAtLine) {
          const earlier = neighbor === here ? node : this.sessions.find((x) => x.neighbor === here)?.node;
          if (earlier) return earlier === node ? `its own ${k} names ${a.address} twice` : `bfd_instance '${earlier.argText(0) ?? ''}' (line ${earlier.range.start.line + 1}) already has neighbor ${a.address}`;
        }
        neighbor = here;
      } else if (k === 'source_ip') {
        const a = sockaddrAddress(c.argText(0) ?? '');
        if (a) source = canonicalAddress(a.address);
      }
    }
    if (neighbor === undefined) return undefined;
    if (!this.duplicateAtLine) {
      const earlier = this.sessions.find((x) => x.neighbor === neighbor && (!x.source || !source || x.source === source));
      if (earlier) return `bfd_instance '${earlier.node.argText(0) ?? ''}' (line ${earlier.node.range.start.line + 1}) already has its neighbor`;
    }
    this.sessions.push({ neighbor, source, node });
    return undefined;
  }

  private eventWhy(process: number, node: AstNode, lines: EventLine[]): string {
    const mine = process === VRRP_PROCESS ? 'vrrp' : 'checker';
    const other = process === VRRP_PROCESS ? 'checker' : 'vrrp';
    if (lines.every((l) => l.block === node)) return `it has a '${other}' line and no '${mine}' line`;
    const first = lines.find((l) => l.keyword === other)!.block;
    const where = first === node ? `its own '${other}' line` : `the '${other}' line of bfd_instance '${first.argText(0) ?? ''}' (line ${first.range.start.line + 1})`;
    if (lines.some((l) => l.carried)) return `keepalived before 2.2.3 keeps counting the 'vrrp' and 'checker' lines of an earlier reading: ${where} still counts, and none says '${mine}'`;
    return `the ${BFD_PROCESS_NAMES[process]} process of keepalived before 2.2.3 adds up the 'vrrp' and 'checker' lines of every bfd_instance it reads: ${where} still counts, and none says '${mine}'`;
  }
}

/** Reads a tree's bfd_instance blocks (in file order, all read by some process) as keepalived's processes do. */
export function readBfdBlocks(blocks: readonly AstNode[], target: Version | undefined, vrrpStartsWith: readonly EventLine[] = []): BfdProcesses {
  const p = new BfdProcesses(target, vrrpStartsWith);
  for (const b of blocks) p.open(b, b.argText(0) ?? '');
  p.close();
  return p;
}

/**
 * The VRRP process's reading of the blocks in `keepalived -t` before 2.2.3, where it differs from the daemon's at start.
 * The config test reads the checker's part first, in the same process, and nothing cleared the `vrrp`/`checker` lines
 * counted then (1a005a04 cleared them), so the VRRP reading starts with them all; the daemon's VRRP process reads so
 * after a reload (its own lines from the reading before). Undefined when the two readings agree on every block.
 */
export function configTestVrrpReadings(blocks: readonly AstNode[], target: Version | undefined, atStart: BfdProcesses): Map<AstNode, BfdBlockReading> | undefined {
  if (!target || compareVersions(target, EVENT_BITS_CLEARED_PER_BLOCK_SINCE) >= 0) return undefined;
  const carried = atStart.countedAtEnd(CHECKER_PROCESS).map((l) => ({ ...l, carried: true }));
  if (!carried.length) return undefined;
  const test = readBfdBlocks(blocks, target, carried);
  let differs = false;
  for (const [node, r] of test.readings) if ((r.held & VRRP_PROCESS) !== (atStart.readings.get(node)!.held & VRRP_PROCESS)) differs = true;
  return differs ? test.readings : undefined;
}
