import { utf8Length } from '../../core/analysis/values.js';
import { compareVersions, type Version } from '../../core/schema/schema.js';
import type { FileRule } from '../types.js';
import { topLevelBlocks } from '../vrrp/util.js';

/*
 * keepalived 1.3.6 (04905cdc, which brought the notify FIFOs) to 1.4.0 store a notify_fifo, vrrp_notify_fifo or
 * lvs_notify_fifo name in a block of strlen(name + 1) bytes, one less than the name, and copy the name and its NUL
 * into it: two bytes past the block. glibc rounds a block up (on 64-bit, to 24, 40, 56… usable bytes), so the
 * overrun reaches the next block's header only when the name is 8 or 9 bytes past a multiple of 16 and at least
 * 24 bytes long. The 1.3.9 build (Ubuntu 18.04) aborts there (signal 6: "corrupted size vs. prev_size", an
 * assertion failure in sysmalloc) for names of 25, 40 and 41 bytes, in the VRRP process and in the parent, and
 * reads names of 22 to 24, 26, 39 and 42 bytes. 21c06344 (1.4.1) fixed it.
 */
const OVERRUN: [Version, Version] = [
  [1, 3, 6],
  [1, 4, 1],
];

const FIFO_KEYWORDS = new Set(['notify_fifo', 'vrrp_notify_fifo', 'lvs_notify_fifo']);

/** Bytes glibc's malloc (64-bit) gives a request of `size` bytes. */
function usable(size: number): number {
  return Math.max(32, (size + 8 + 15) & ~15) - 8;
}

/** Whether writing `length` + 1 bytes into a block of `length` - 1 bytes runs past what malloc gave. */
export function overrunsBlock(length: number): boolean {
  return length + 1 > usable(Math.max(0, length - 1));
}

export const notifyFifoNameOverrun: FileRule = {
  kind: 'file',
  code: 'KA711',
  name: 'notify-fifo-name-overrun',
  family: 'style',
  severity: 'error',
  description:
    'A notify_fifo, vrrp_notify_fifo or lvs_notify_fifo name of a length that keepalived 1.3.6 to 1.4.0 (Ubuntu 18.04 ships 1.3.9) copy past the memory they give it: the process can abort as it reads global_defs.',
  docs: {
    why:
      'keepalived 1.3.6 to 1.4.0 give a notify FIFO\'s name one byte less than it needs and write two bytes more. ' +
      'For most lengths that stays inside the block malloc rounds up to; for names 24, 25, 40, 41, 56, 57… bytes long ' +
      'it reaches the next block, and keepalived aborts (heap corruption) in the processes that read global_defs: ' +
      'the VRRP instances never start. 1.4.1 fixed it. On those releases make the path a byte or two longer or shorter.',
    bad: 'global_defs {\n    vrrp_notify_fifo /tmp/fifo_keepalived_vrrp\n}\n',
    good: 'global_defs {\n    vrrp_notify_fifo /tmp/keepalived_vrrp_events\n}\n',
    target: '1.3.9',
  },
  check(ctx) {
    if (compareVersions(ctx.target, OVERRUN[0]) < 0 || compareVersions(ctx.target, OVERRUN[1]) >= 0) return;
    const version = ctx.target.join('.');
    for (const block of topLevelBlocks(ctx.analysis.ast, 'global_defs')) {
      for (const line of block.children) {
        if (!FIFO_KEYWORDS.has(line.keyword) || line.argCount === 0) continue;
        const name = line.argText(0)!;
        const length = utf8Length(name);
        if (!overrunsBlock(length)) continue;
        ctx.report({
          message:
            `keepalived ${version} gives this ${line.keyword} name (${length} bytes) one byte less than it needs and copies two bytes more (fixed in 1.4.1): ` +
            `at this length that runs into the next heap block, and a keepalived process can abort (heap corruption) as it reads global_defs ` +
            `(the 1.3.9 build: "corrupted size vs. prev_size", signal 6). Make the path a byte or two longer or shorter`,
          file: line.file,
          range: line.argWord(0).range,
        });
      }
    }
  },
};
