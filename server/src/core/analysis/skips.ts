// Blocks keepalived reads the header of, reports, and then skips unread (its skip_block): a
// virtual_server or real_server whose service it cannot read (keepalived 2.2.7, check_data.c
// alloc_vs, alloc_rs), a bfd_instance whose name is too long (bfd_parser.c, vrrp_track.c);
// checked with the binary.

import { sockaddrFamily, utf8Length } from './values.js';

interface Args {
  readonly argCount: number;
  argText(i: number): string | undefined;
}

/** keepalived's read_unsigned: blanks, an optional '+', decimal digits, within [min, max]. */
function readsUnsigned(text: string, min: number, max: number): boolean {
  if (!/^\s*\+?\d+$/.test(text)) return false;
  const v = Number(text.trim());
  return v >= min && v <= max;
}

/**
 * keepalived's inet_stosockaddr with the port handling of alloc_vs/alloc_rs: a port of only
 * zeros is no port; any other port must be 1..65535; the address is read up to its first '-'
 * (else '/'), as IPv6 when the word has a ':'.
 */
function readsServer(address: string, port: string | undefined): boolean {
  if (port !== undefined && /[^0]/.test(port) && !readsUnsigned(port, 1, 65535)) return false;
  return sockaddrFamily(address) !== undefined;
}

/** keepalived's BFD instance names fit in 32 bytes with the final NUL. */
export const BFD_NAME_MAX = 31;


/** Whether keepalived skips this block for its header: a server it cannot read, a bfd_instance name too long. */
export function blockSkipped(keyword: string, args: Args): boolean {
  // Asked for every block keyword line: leave the others before reading any word.
  if (keyword !== 'real_server' && keyword !== 'virtual_server' && keyword !== 'bfd_instance') return false;
  const a0 = args.argText(0);
  if (keyword === 'bfd_instance') return a0 !== undefined && utf8Length(a0) > BFD_NAME_MAX;
  if (a0 === undefined) return false; // a missing parameter stops keepalived instead
  const a1 = args.argText(1);
  if (keyword === 'real_server') return !readsServer(a0, a1);
  if (a0 === 'group') return false;
  if (a0 === 'fwmark') return a1 !== undefined && !readsUnsigned(a1, 0, 4294967295);
  return !readsServer(a0, a1);
}
