/**
 * Keywords and values of keepalived forks that upstream keepalived does not know. A configuration written for a
 * fork gets upstream keepalived's errors from kalint (it checks against upstream releases); these tables let the
 * finding say where the word comes from, so the reader knows why kalint rejects what the fork accepts.
 *
 * The FULLNAT forks: Alibaba's LVS (github.com/alibaba/LVS) added local address groups, `laddr_group_name`,
 * `syn_proxy` and the FNAT method; its SNAT offshoot `snat_rule` and `snat_ippool_group`; DPVS
 * (github.com/iqiyi/dpvs, tools/keepalived, check_parser.c) kept them and adds the other top-level blocks and
 * virtual_server keywords below, the SNAT method and the conhash scheduler.
 */

export interface Fork {
  name: string;
  where: string;
}

export const FULLNAT_FORKS: Fork = { name: 'the FULLNAT forks of keepalived', where: "Alibaba's LVS, DPVS" };

/** Keywords of a fork, by the block they stand in ('' for the top level). */
const FORK_KEYWORDS: Record<string, ReadonlySet<string>> = {
  '': new Set(['tunnel_group', 'local_address_group', 'deny_address_group', 'allow_address_group', 'snat_ippool_group']),
  virtual_server: new Set([
    'bps', 'limit_proportion', 'establish_timeout', 'proxy_protocol', 'src-range', 'dst-range', 'oif', 'iif', 'hash_target',
    'laddr_group_name', 'daddr_group_name', 'waddr_group_name', 'syn_proxy', 'expire_quiescent_conn', 'quic', 'vip_bind_dev', 'snat_rule',
  ]),
};

/** Values of a fork, by keyword. */
const FORK_VALUES: Record<string, ReadonlySet<string>> = {
  lb_kind: new Set(['FNAT', 'SNAT']),
  lvs_method: new Set(['FNAT', 'SNAT']),
  sorry_server_lvs_method: new Set(['FNAT', 'SNAT']),
  lb_algo: new Set(['conhash']),
  lvs_sched: new Set(['conhash']),
};

/** The fork a keyword written in `block` ('' for the top level) comes from, if any. */
export function forkOfKeyword(block: string, keyword: string): Fork | undefined {
  return FORK_KEYWORDS[block]?.has(keyword) ? FULLNAT_FORKS : undefined;
}

/** The fork a value of `keyword` comes from, if any. */
export function forkOfValue(keyword: string, value: string): Fork | undefined {
  return FORK_VALUES[keyword]?.has(value) ? FULLNAT_FORKS : undefined;
}

/** The words a finding adds about a fork's keyword or value. */
export function forkNote(fork: Fork, what: string): string {
  return `; ${what} belongs to ${fork.name} (${fork.where}), which upstream keepalived does not have: kalint checks this configuration as upstream keepalived reads it`;
}
