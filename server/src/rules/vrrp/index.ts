// The VRRP family (KA300-KA399): single-file checks of vrrp_instance, vrrp_sync_group, vrrp_script
// and route/rule blocks — what keepalived rejects, silently changes, or cannot see.

import type { Rule } from '../types.js';
import { missingVirtualRouterId } from './missing-virtual-router-id.js';
import { duplicateVrid } from './duplicate-vrid.js';
import { authPassTooLong } from './auth-pass-too-long.js';
import { authenticationIgnored } from './authentication-ignored.js';
import { authTypeWithoutPass } from './auth-type-without-pass.js';
import { ahWithInitialMaster } from './ah-with-initial-master.js';
import { masterWithoutPriority } from './master-without-priority.js';
import { weightedTrackingOnOwner } from './weighted-tracking-on-owner.js';
import { nopreemptWithInitialMaster } from './nopreempt-with-initial-master.js';
import { preemptDelayWithInitialMaster } from './preempt-delay-with-initial-master.js';
import { nopreemptWithOwnerPriority } from './nopreempt-with-owner-priority.js';
import { preemptDelayWithNopreempt } from './preempt-delay-with-nopreempt.js';
import { missingVirtualIpaddress } from './missing-virtual-ipaddress.js';
import { addressFamilyMismatch } from './address-family-mismatch.js';
import { duplicateVip } from './duplicate-vip.js';
import { trackReferenceNotFound } from './track-reference-not-found.js';
import { syncGroupUnknownMember } from './sync-group-unknown-member.js';
import { instanceInTwoSyncGroups } from './instance-in-two-sync-groups.js';
import { syncGroupSingleMember } from './sync-group-single-member.js';
import { syncGroupWithoutMembers } from './sync-group-without-members.js';
import { vrrpScriptWithoutScript } from './vrrp-script-without-script.js';
import { unusedVrrpScript } from './unused-vrrp-script.js';
import { weightedTrackingInSyncGroup } from './weighted-tracking-in-sync-group.js';
import { unicastKeywordWithoutPeers } from './unicast-keyword-without-peers.js';
import { unicastTtlWithoutPeers } from './unicast-ttl-without-peers.js';
import { mcastDstWithUnicast } from './mcast-dst-with-unicast.js';
import { advertIntNotIntegerV2 } from './advert-int-not-integer-v2.js';
import { advertIntTooLargeV3 } from './advert-int-too-large-v3.js';
import { trackOwnInterface } from './track-own-interface.js';
import { version2WithIpv6 } from './version-2-with-ipv6.js';
import { invalidRoute } from './invalid-route.js';
import { ruleWithoutPreference } from './rule-without-preference.js';
import { routeNotTracked } from './route-not-tracked.js';
import { deprecatedRouteWord } from './deprecated-route-word.js';
import { strictStateNotOwner } from './strict-state-not-owner.js';
import { trackDefinitionIncomplete } from './track-definition-incomplete.js';
import { trackedProcessCrash } from './tracked-process-crash.js';
import { trackEntryOptions } from './track-entry-options.js';
import { duplicateTrackEntry } from './duplicate-track-entry.js';
import { repeatedInstanceAddress } from './repeated-instance-address.js';
import { authHmacKeyLength } from './auth-hmac-key-length.js';
import { missingInterface } from './missing-interface.js';
import { strictModeResets } from './strict-mode-resets.js';
import { trackInterfaceOnInstanceAndGroup } from './track-interface-on-instance-and-group.js';
import { syncGroupMixedOwner } from './sync-group-mixed-owner.js';
import { mcastAddressInvalid } from './mcast-address-invalid.js';
import { advertIntPrecisionV3 } from './advert-int-precision-v3.js';
import { routeProtocolReplaced } from './route-protocol-replaced.js';
import { conflictingState } from './conflicting-state.js';
import { addressOptions } from './address-options.js';
import { bfdInstanceWithoutNeighbor } from './bfd-instance-without-neighbor.js';
import { ipv6FirstVipNotLinkLocal } from './ipv6-first-vip-not-link-local.js';
import { ipv6UnicastWithoutSource } from './ipv6-unicast-without-source.js';
import { garpIntervalLarge } from './garp-interval-large.js';
import { instanceSettingReset } from './instance-setting-reset.js';
import { lvsSyncDaemonUnknownInstance } from './lvs-sync-daemon-unknown-instance.js';
import { tooManyVips } from './too-many-vips.js';
import { useVmacInvalid } from './use-vmac-invalid.js';
import { vmacXmitBaseWithoutVmac } from './vmac-xmit-base-without-vmac.js';
import { unicastVmacWithoutXmitBase } from './unicast-vmac-without-xmit-base.js';
import { garpGroupWithoutDelay } from './garp-group-without-delay.js';
import { unicastPeerOptionsInvalid } from './unicast-peer-options-invalid.js';
import { bfdInstanceInvalid } from './bfd-instance-invalid.js';
import { trackProcessQuorumConflict } from './track-process-quorum-conflict.js';
import { ipvlanWithoutSourceAddress } from './ipvlan-without-source-address.js';
import { promoteSecondariesWithVmac } from './promote-secondaries-with-vmac.js';
import { vipUseVmacConflict } from './vip-use-vmac-conflict.js';
import { garpGroupInterfaceTaken } from './garp-group-interface-taken.js';
import { rxBufsPolicyConflict } from './rx-bufs-policy-conflict.js';
import { vrfWithInterface } from './vrf-with-interface.js';
import { lvsSyncDaemonOptions } from './lvs-sync-daemon-options.js';
import { lvsSyncDaemonSetTwice } from './lvs-sync-daemon-set-twice.js';
import { trackFileInitOverwrites } from './track-file-init-overwrites.js';
import { strictModeUnicast } from './strict-mode-unicast.js';
import { unicastPeerSelf } from './unicast-peer-self.js';
import { vipIsSourceAddress } from './vip-is-source-address.js';
import { netNamespaceConfigTest } from './net-namespace-config-test.js';
import { scriptPathThroughSymlink } from './script-path-through-symlink.js';
import { interfaceDelaysReset } from './interface-delays-reset.js';
import { strictDropsVipTraffic } from './strict-drops-vip-traffic.js';
import { routeHostBits } from './route-host-bits.js';

export const vrrpRules: Rule[] = [
  missingVirtualRouterId,
  duplicateVrid,
  authPassTooLong,
  authenticationIgnored,
  authTypeWithoutPass,
  ahWithInitialMaster,
  masterWithoutPriority,
  weightedTrackingOnOwner,
  nopreemptWithInitialMaster,
  preemptDelayWithInitialMaster,
  nopreemptWithOwnerPriority,
  preemptDelayWithNopreempt,
  missingVirtualIpaddress,
  addressFamilyMismatch,
  duplicateVip,
  trackReferenceNotFound,
  syncGroupUnknownMember,
  instanceInTwoSyncGroups,
  syncGroupSingleMember,
  syncGroupWithoutMembers,
  vrrpScriptWithoutScript,
  unusedVrrpScript,
  weightedTrackingInSyncGroup,
  unicastKeywordWithoutPeers,
  unicastTtlWithoutPeers,
  mcastDstWithUnicast,
  advertIntNotIntegerV2,
  advertIntTooLargeV3,
  trackOwnInterface,
  version2WithIpv6,
  invalidRoute,
  ruleWithoutPreference,
  routeNotTracked,
  deprecatedRouteWord,
  strictStateNotOwner,
  trackDefinitionIncomplete,
  trackedProcessCrash,
  trackEntryOptions,
  duplicateTrackEntry,
  repeatedInstanceAddress,
  authHmacKeyLength,
  missingInterface,
  strictModeResets,
  trackInterfaceOnInstanceAndGroup,
  syncGroupMixedOwner,
  mcastAddressInvalid,
  advertIntPrecisionV3,
  routeProtocolReplaced,
  conflictingState,
  addressOptions,
  bfdInstanceWithoutNeighbor,
  ipv6FirstVipNotLinkLocal,
  ipv6UnicastWithoutSource,
  lvsSyncDaemonUnknownInstance,
  tooManyVips,
  useVmacInvalid,
  vmacXmitBaseWithoutVmac,
  unicastVmacWithoutXmitBase,
  garpGroupWithoutDelay,
  unicastPeerOptionsInvalid,
  bfdInstanceInvalid,
  trackProcessQuorumConflict,
  ipvlanWithoutSourceAddress,
  promoteSecondariesWithVmac,
  vipUseVmacConflict,
  garpGroupInterfaceTaken,
  rxBufsPolicyConflict,
  vrfWithInterface,
  lvsSyncDaemonOptions,
  lvsSyncDaemonSetTwice,
  trackFileInitOverwrites,
  strictModeUnicast,
  unicastPeerSelf,
  vipIsSourceAddress,
  scriptPathThroughSymlink,
  netNamespaceConfigTest,
  interfaceDelaysReset,
  strictDropsVipTraffic,
  garpIntervalLarge,
  instanceSettingReset,
  routeHostBits,
];
