// The lvs family (KA5xx): virtual_server, real_server and checker problems, most of them found by
// keepalived only after reading the whole file (so `keepalived -t` prints them without a line).

import type { Rule } from '../types.js';
import { duplicateVirtualServer } from './duplicate-virtual-server.js';
import { duplicateRealServer } from './duplicate-real-server.js';
import { virtualServerWithoutRealServer } from './virtual-server-without-real-server.js';
import { httpCheckWithoutUrl } from './http-check-without-url.js';
import { urlWithoutPath } from './url-without-path.js';
import { urlPathNotAbsolute } from './url-path-not-absolute.js';
import { checkerTlsPort } from './checker-tls-port.js';
import { fwmarkWithProtocol } from './fwmark-with-protocol.js';
import { virtualServerWithoutProtocol } from './virtual-server-without-protocol.js';
import { virtualServerWithoutScheduler } from './virtual-server-without-scheduler.js';
import { virtualServerWithoutForwardingMethod } from './virtual-server-without-forwarding-method.js';
import { realServerPortMismatch } from './real-server-port-mismatch.js';
import { schedulerFlagMisplaced } from './scheduler-flag-misplaced.js';
import { sorryServerOptionOrder } from './sorry-server-option-order.js';
import { quorumExceedsWeight } from './quorum-exceeds-weight.js';
import { hysteresisNotBelowQuorum } from './hysteresis-not-below-quorum.js';
import { undefinedVirtualServerGroup } from './undefined-virtual-server-group.js';
import { virtualAddressNotManaged } from './virtual-address-not-managed.js';
import { miscCheckWithoutPath } from './misc-check-without-path.js';
import { smtpCheckHostHangs } from './smtp-check-host-hangs.js';
import { fileCheckTrackFile } from './file-check-track-file.js';
import { bfdCheckInstance } from './bfd-check-instance.js';
import { zeroPortWithoutPersistence } from './zero-port-without-persistence.js';
import { onePacketSchedulingWithoutUdp } from './one-packet-scheduling-without-udp.js';
import { haSuspendWithFwmark } from './ha-suspend-with-fwmark.js';
import { udpCheckReplyLength } from './udp-check-reply-length.js';
import { dnsCheckEmptyLabel } from './dns-check-empty-label.js';
import { virtualServerGroupInvalidEntry } from './virtual-server-group-invalid-entry.js';
import { virtualServerGroupEmpty } from './virtual-server-group-empty.js';
import { virtualServerGroupRangeNeverEnds } from './virtual-server-group-range-never-ends.js';
import { addressFamilyMismatch } from './address-family-mismatch.js';
import { tunnelOptions } from './tunnel-options.js';
import { urlDigestInvalid } from './url-digest-invalid.js';
import { checkerConnectionAddress } from './checker-connection-address.js';
import { sorryServerInhibitMismatch } from './sorry-server-inhibit-mismatch.js';
import { groupFamilyMismatch } from './group-family-mismatch.js';
import { persistenceGranularityInvalid } from './persistence-granularity-invalid.js';
import { lvsTimeoutsInvalid } from './lvs-timeouts-invalid.js';
import { checkerScriptPathThroughSymlink } from './checker-script-path-through-symlink.js';
import { urlRegexOptionsIgnored } from './url-regex-options-ignored.js';
import { dynamicMiscChecks } from './dynamic-misc-checks.js';
import { urlRegexInvalid } from './url-regex-invalid.js';

export const lvsRules: Rule[] = [
  duplicateVirtualServer,
  duplicateRealServer,
  virtualServerWithoutRealServer,
  httpCheckWithoutUrl,
  urlWithoutPath,
  urlPathNotAbsolute,
  checkerTlsPort,
  fwmarkWithProtocol,
  virtualServerWithoutProtocol,
  virtualServerWithoutScheduler,
  virtualServerWithoutForwardingMethod,
  realServerPortMismatch,
  schedulerFlagMisplaced,
  sorryServerOptionOrder,
  quorumExceedsWeight,
  hysteresisNotBelowQuorum,
  undefinedVirtualServerGroup,
  virtualAddressNotManaged,
  miscCheckWithoutPath,
  smtpCheckHostHangs,
  fileCheckTrackFile,
  bfdCheckInstance,
  zeroPortWithoutPersistence,
  onePacketSchedulingWithoutUdp,
  haSuspendWithFwmark,
  udpCheckReplyLength,
  dnsCheckEmptyLabel,
  virtualServerGroupInvalidEntry,
  virtualServerGroupEmpty,
  virtualServerGroupRangeNeverEnds,
  addressFamilyMismatch,
  tunnelOptions,
  urlDigestInvalid,
  checkerConnectionAddress,
  sorryServerInhibitMismatch,
  groupFamilyMismatch,
  persistenceGranularityInvalid,
  lvsTimeoutsInvalid,
  checkerScriptPathThroughSymlink,
  urlRegexOptionsIgnored,
  dynamicMiscChecks,
  urlRegexInvalid,
];
