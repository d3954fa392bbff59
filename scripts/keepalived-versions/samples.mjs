// Shared by the keyword checks against built keepalived releases (this folder and ../keepalived-1.3.5):
// the keyword table, a sample word for each argument type, and a walk over the keyword tree.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const table = JSON.parse(readFileSync(join(here, '../../server/src/core/schema/keywords.json'), 'utf8'));

/** A word keepalived accepts for argument `a` of the table, or undefined for arguments written as several words. */
export function sample(a) {
  const t = a.type;
  if (['unsigned', 'integer', 'decimal', 'timer', 'enum_or_unsigned'].includes(t)) {
    if (t === 'enum_or_unsigned' && a.values) return a.values[0];
    return String(Math.min(a.max ?? 1, Math.max(a.min ?? 1, 1)));
  }
  if (t === 'enum') return a.values?.[0] ?? 'x';
  if (['bool', 'keyword_value_pairs', 'mixed'].includes(t)) return undefined;
  if (['ipaddr', 'ipv4', 'host'].includes(t)) return '192.168.1.10';
  return { ipv6: 'fe80::1', port: '80', ifname: 'eth0', script: '/bin/true', path: '/bin/true', vs_service: '192.168.1.10 80', hex: '0a0b', status_codes: '200', email: 'a@b.c' }[t] ?? 'n1';
}

/** Arguments of the block keywords the checks nest keywords in. */
export const PARENT_ARGS = { virtual_server: '192.168.1.10 80', real_server: '10.0.0.11 80', vrrp_instance: 'VI_1' };

/** Every keyword of the tree with its ancestors, parents first. */
export function* walk(nodes, ancestors = []) {
  for (const k of nodes) {
    yield [k, ancestors];
    yield* walk(k.children ?? [], [...ancestors, k]);
  }
}

/**
 * A config holding keyword `k` in its block (its ancestors opened with sample arguments), then a
 * sentinel keyword `zz_sentinel` in the same block. `keywordText(k)` gives the keyword's own line;
 * `inner` the line inside a block keyword. Returns the text and the 1-based line of the keyword.
 */
export function keywordConfig(k, ancestors, argLine, keywordText, inner = 'zz_inner') {
  const lines = [];
  let ind = '';
  for (const a of ancestors) {
    lines.push(`${ind}${a.name} ${PARENT_ARGS[a.name] ?? argLine(a)} {`);
    ind += '    ';
  }
  const line = lines.length + 1;
  let body = `${ind}${keywordText}`.trimEnd();
  if (k.block === 'keywords') body += ` {\n${ind}    ${inner}\n${ind}}`;
  else if (k.block === 'values') body += ` {\n${ind}}`;
  lines.push(body, `${ind}zz_sentinel`);
  for (let i = ancestors.length - 1; i >= 0; i--) lines.push(`${'    '.repeat(i)}}`);
  return { text: lines.join('\n') + '\n', line };
}
