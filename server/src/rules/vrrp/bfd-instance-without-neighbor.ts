// KA347: a bfd_instance without neighbor_ip is disabled by keepalived.

import { child } from '../../core/analysis/ast.js';
import type { FileRule } from '../types.js';
import { closeRange } from './util.js';

export const bfdInstanceWithoutNeighbor: FileRule = {
  kind: 'file',
  code: 'KA347',
  name: 'bfd-instance-without-neighbor',
  family: 'vrrp',
  severity: 'error',
  description: 'A bfd_instance has no neighbor_ip; keepalived disables it.',
  docs: {
    why: 'A BFD session needs the address of the other end. keepalived disables a bfd_instance without neighbor_ip when its block ends ("has no neighbor address set, disabling instance"), so track_bfd entries and BFD_CHECKs using it never see the session come up.',
    bad: 'bfd_instance upstream {\n    min_rx 300\n    min_tx 300\n}\n',
    good: 'bfd_instance upstream {\n    neighbor_ip 192.168.1.1\n    min_rx 300\n    min_tx 300\n}\n',
  },
  check({ analysis, report }) {
    for (const { node: n, readBy } of analysis.model.bfdInstances) {
      // A repeated block the BFD process skips (KA209) is not checked by it.
      if (!readBy.bfd || child(n, 'neighbor_ip') || child(n, 'neighbour_ip')) continue;
      report({
        message: `bfd_instance '${n.args[0]?.text ?? ''}' has no neighbor_ip; keepalived disables it`,
        ...closeRange(n),
        related: n.args[0] ? [{ file: n.file, range: n.args[0].range, message: 'the bfd_instance' }] : undefined,
      });
    }
  },
};
