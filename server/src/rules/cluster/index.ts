// The cluster rules (KA4xx): checks across the nodes of one VRRP cluster and the failover simulation.

import type { Rule } from '../types.js';
import { vridMismatch } from './vrid-mismatch.js';
import { vridShared } from './vrid-shared.js';
import { authTypeMismatch } from './auth-type-mismatch.js';
import { authPassMismatch } from './auth-pass-mismatch.js';
import { authMissing } from './auth-missing.js';
import { priorityOrder } from './priority-order.js';
import { multipleMasters } from './multiple-masters.js';
import { multipleOwners } from './multiple-owners.js';
import { nopreemptMismatch } from './nopreempt-mismatch.js';
import { advertIntMismatch } from './advert-int-mismatch.js';
import { versionMismatch } from './version-mismatch.js';
import { vipMismatch } from './vip-mismatch.js';
import { virtualServerMismatch } from './virtual-server-mismatch.js';
import { syncGroupMismatch } from './sync-group-mismatch.js';
import { duplicateRouterId } from './duplicate-router-id.js';
import { mcastGroupMismatch } from './mcast-group-mismatch.js';
import { strictMismatch } from './strict-mismatch.js';
import { unicastPeerMissing } from './unicast-peer-missing.js';
import { unicastTtlOutOfRange } from './unicast-ttl-out-of-range.js';
import { unicastMulticastMix } from './unicast-multicast-mix.js';
import { unicastSrcIpShared } from './unicast-src-ip-shared.js';
import { lvsSyncIdMismatch } from './lvs-sync-id-mismatch.js';
import { checksumMismatch } from './checksum-mismatch.js';
import { failoverNeverHappens } from './failover-never-happens.js';
import { failoverBackupWins } from './failover-backup-wins.js';
import { failoverTie } from './failover-tie.js';
import { failoverZeroWeight } from './failover-zero-weight.js';
import { syncGroupCrossed } from './sync-group-crossed.js';
import { nodeBacksUpNothing } from './node-backs-up-nothing.js';

export const clusterRules: Rule[] = [
  vridMismatch,
  vridShared,
  authTypeMismatch,
  authPassMismatch,
  authMissing,
  priorityOrder,
  multipleMasters,
  multipleOwners,
  nopreemptMismatch,
  advertIntMismatch,
  versionMismatch,
  vipMismatch,
  virtualServerMismatch,
  syncGroupMismatch,
  duplicateRouterId,
  mcastGroupMismatch,
  strictMismatch,
  unicastPeerMissing,
  unicastTtlOutOfRange,
  unicastMulticastMix,
  unicastSrcIpShared,
  lvsSyncIdMismatch,
  checksumMismatch,
  failoverNeverHappens,
  failoverBackupWins,
  failoverTie,
  failoverZeroWeight,
  syncGroupCrossed,
  nodeBacksUpNothing,
];
