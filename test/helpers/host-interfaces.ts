// The host's network interfaces that the differential tests name in their configs, so that keepalived -t does not
// stop at "doesn't exist". Only interfaces that are not one end of a veth pair (iflink = ifindex): veth pairs come
// and go with network namespaces other programs on the machine make, and one that vanished between the listing
// and keepalived's run made the tests fail for the wrong reason (session 60, audits running beside the tests).

import { readdirSync, readFileSync } from 'node:fs';

function attribute(name: string, file: string): string | undefined {
  try {
    return readFileSync(`/sys/class/net/${name}/${file}`, 'utf8').trim();
  } catch {
    return undefined;
  }
}

/** Sorted names of the host's interfaces other than lo, veth ends left out when any other is there. */
export function hostInterfaces(): string[] {
  let all: string[];
  try {
    all = readdirSync('/sys/class/net').filter((n) => n !== 'lo').sort();
  } catch {
    return [];
  }
  const stable = all.filter((n) => attribute(n, 'iflink') === attribute(n, 'ifindex'));
  return stable.length ? stable : all;
}

/** Flags of an interface (IFF_*), or 0. */
export function interfaceFlags(name: string): number {
  return Number(attribute(name, 'flags') ?? 0);
}
