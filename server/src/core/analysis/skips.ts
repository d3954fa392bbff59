// Blocks keepalived reads the header of, reports, and then skips unread (its skip_block): a
// virtual_server or real_server whose service it cannot read (keepalived 2.2.7, check_data.c
// alloc_vs, alloc_rs), a bfd_instance whose name is too long (bfd_parser.c, vrrp_track.c);
// checked with the binary.

import { sockaddrFamily, utf8Length } from './values.js';
import { compareVersions, type Version } from '../schema/schema.js';

interface Args {
  readonly argCount: number;
  argText(i: number): string | undefined;
  /** The value of argument i when it is a plain unquoted number, else -1 (AstNode has it). */
  argDigits?(i: number): number;
}

// In constants: a regular expression literal in a function makes a new object each time it runs,
// and these run for every real_server line.
const UNSIGNED = /^[ \t\n\v\f\r]*\+?\d+$/;
const NOT_ALL_ZEROS = /[^0]/;

/** keepalived's read_unsigned: blanks, an optional '+', decimal digits, within [min, max]. */
function readsUnsigned(text: string, min: number, max: number): boolean {
  if (!UNSIGNED.test(text)) return false;
  const v = Number(text.trim());
  return v >= min && v <= max;
}

/**
 * From 2.0.7 keepalived reads a server's port as 1..65535; alloc_rs (real_server) passes a port of
 * only zeros on as no port from 2.0.15, so 2.0.7 to 2.0.14 skip `real_server IP 0` ("number '0'
 * outside range [1, 65535]", checked with the 2.0.7, 2.0.9, 2.0.14 and 2.0.16 builds).
 */
export const PORT_RANGE_CHECKED_SINCE: Version = [2, 0, 7];
export const REAL_SERVER_ZERO_PORT_SINCE: Version = [2, 0, 15];

/** Whether `target` skips a real_server or sorry_server written with port 0 (see REAL_SERVER_ZERO_PORT_SINCE). */
export function zeroPortRefused(target: Version): boolean {
  return compareVersions(target, PORT_RANGE_CHECKED_SINCE) >= 0 && compareVersions(target, REAL_SERVER_ZERO_PORT_SINCE) < 0;
}

/**
 * keepalived's inet_stosockaddr with the port handling of alloc_vs/alloc_rs: a port of only
 * zeros is no port (unless `zeroRefused`); any other port must be 1..65535; the address is read
 * up to its first '-' (else '/'), as IPv6 when the word has a ':'.
 */
function readsServer(address: string, args: Args, zeroRefused = false, portChecked = true): boolean {
  return (!portChecked || portRead(args, zeroRefused)) && sockaddrFamily(address) !== undefined;
}

/** Whether the port (argument 1) passes, as readsServer reads it: a plain number in place, without its string. */
function portRead(args: Args, zeroRefused: boolean): boolean {
  const digits = args.argDigits ? args.argDigits(1) : -1;
  if (digits >= 0) return (digits === 0 && !zeroRefused) || (digits >= 1 && digits <= 65535);
  const port = args.argText(1);
  return port === undefined || !((zeroRefused || NOT_ALL_ZEROS.test(port)) && !readsUnsigned(port, 1, 65535));
}

/**
 * Whether keepalived keeps a `sorry_server` line: it reads the address and port as for a real
 * server and otherwise ignores the line ("Invalid sorry server IP address … - skipping"), keeping
 * any sorry server an earlier line set (check_data.c, alloc_ssvr).
 */
export function sorryServerKept(args: Args, target?: Version): boolean {
  const a0 = args.argText(0);
  return a0 !== undefined && readsServer(a0, args, target !== undefined && zeroPortRefused(target), portCheckedIn(target));
}

/** Before 2.0.7 a port is read with atoi (1.3.5's inet_stosockaddr: `80{` is port 80), never refused. */
function portCheckedIn(target: Version | undefined): boolean {
  return target === undefined || compareVersions(target, PORT_RANGE_CHECKED_SINCE) >= 0;
}

/** keepalived's BFD instance names fit in 32 bytes with the final NUL. */
export const BFD_NAME_MAX = 31;


/**
 * d98f07ce (1.3.7) made alloc_vs look at what inet_stosockaddr returns. Before, a virtual_server address
 * it cannot read leaves the family unset and the block is read as usual (a build without IPv6 IPVS
 * skips it instead, as not IPv4: "IPVS with IPv6 is not supported by this build"). A real_server's is
 * left as it was: there the unset family meets the virtual server's ("Address family of virtual server
 * and real server … don't match - skipping.", without skipping the block's lines), not modelled.
 */
export const SERVER_ADDRESS_CHECKED_SINCE: Version = [1, 3, 7];

/**
 * Since 1.3.6 each real and sorry server has a forwarding method of its own, given the virtual server's
 * (valid) one when the server's line is read: an lb_kind written after a server does not change it.
 */
export const SERVER_METHOD_PER_SERVER_SINCE: Version = [1, 3, 6];

/**
 * Releases before 1.4.0 and 2.1.0 to 2.2.2 remove a sync group left with one member after reading ("Sync group G has
 * only 1 virtual router(s) - removing", vrrp_sync.c; 1.x also detaches the member): its member then runs on its own,
 * weighted tracking included (the 1.3.5 daemon: "Changing effective priority from 100 to 80"). 1.4.0 to 2.0.x and
 * 2.2.3 on keep such a group (the 2.0.19, 2.2.7 and 2.4.3 builds, without "removing").
 */
export const SINGLE_MEMBER_SYNC_GROUP_REMOVED: readonly (readonly [Version, Version])[] = [
  [[0, 0, 0], [1, 4, 0]],
  [[2, 1, 0], [2, 2, 3]],
];
export function singleMemberSyncGroupRemoved(target: Version): boolean {
  return SINGLE_MEMBER_SYNC_GROUP_REMOVED.some(([since, before]) => compareVersions(target, since) >= 0 && compareVersions(target, before) < 0);
}

/**
 * Whether keepalived skips this block for its header: a server it cannot read. (A bfd_instance name too long is
 * skipped by two of the three processes reading it: bfd-processes.ts.)
 */
export function blockSkipped(keyword: string, args: Args, target?: Version): boolean {
  // Asked for every block keyword line: leave the others before reading any word.
  if (keyword !== 'real_server' && keyword !== 'virtual_server') return false;
  const a0 = args.argText(0);
  if (a0 === undefined) return false; // a missing parameter stops keepalived instead
  const portChecked = portCheckedIn(target);
  if (keyword === 'real_server') return !readsServer(a0, args, target !== undefined && zeroPortRefused(target), portChecked);
  if (a0 === 'group') return false;
  if (target !== undefined && compareVersions(target, SERVER_ADDRESS_CHECKED_SINCE) < 0) return false;
  if (a0 === 'fwmark') {
    const a1 = args.argText(1);
    return a1 !== undefined && !readsUnsigned(a1, 0, 4294967295);
  }
  return !readsServer(a0, args, false, portChecked);
}
