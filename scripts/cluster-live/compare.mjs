// How an observed holder list is judged against kalint's scenario (shared by run.mjs and summarize.mjs).

/**
 * Findings that predict two holders: the nodes' adverts differ on the wire (VRID, authentication, VIP list,
 * advert interval, version, multicast group, strict mode, checksum) or do not reach a node (unicast
 * peer lists), so each node ignores the other's and both become MASTER.
 */
export const SPLIT_CODES = new Set(['KA401', 'KA403', 'KA404', 'KA405', 'KA410', 'KA411', 'KA412', 'KA416', 'KA417', 'KA418', 'KA419', 'KA421', 'KA422']);

/** agree, agree-tie (a tie kalint leaves to the addresses), split-explained (by a finding) or disagree. */
export function verdict(scenario, observed, codes, died = false) {
  if (died) return 'daemon-died';
  if (scenario.holder !== undefined && observed.length === 1 && observed[0] === scenario.holder) return 'agree';
  if (scenario.tie && observed.length === 1 && scenario.tie.includes(observed[0])) return 'agree-tie';
  if (scenario.holder === undefined && !scenario.tie && observed.length === 0) return 'agree';
  if (observed.length > 1 && codes.some((c) => SPLIT_CODES.has(c))) return 'split-explained';
  return 'disagree';
}
