// `--config-id all` (or "configIds": ["all"]): analyse a file once for every `@id` it, or a file it
// includes, mentions — keepalived reads a different config on each of those hosts.

import { analyze, configIdsIn, type Analysis } from '../core/index.js';
import type { SourceHost } from '../core/index.js';

export const ALL_CONFIG_IDS = 'all';

const cache = new Map<string, string[]>();

/**
 * With no id asked for, a file is checked once for each `@id` it names. That is one analysis of the whole file per
 * id: past this much text in all (ids × bytes: half a second of analysis, seconds when every line is a finding), only
 * the hosts it does not name are checked, and the CLI says so, instead of taking minutes (2,000 ids in a 200 kB file:
 * 7.5 s; 8,000 in 740 kB: 165 s).
 * An explicit `--config-id all` still checks every one.
 */
export const IMPLICIT_CONFIG_ID_BUDGET = 16_000_000;

/** Whether checking `count` implicit config ids of a text of `bytes` would exceed IMPLICIT_CONFIG_ID_BUDGET. */
export function tooManyImplicitIds(count: number, bytes: number): boolean {
  return count > 1 && count * Math.max(bytes, 1) > IMPLICIT_CONFIG_ID_BUDGET;
}

/** What the CLI says of a file whose implicit ids it does not check one by one. */
export function implicitIdsSkippedNote(file: string, count: number): string {
  return `${file} names ${count} config ids (@ID lines): too many to check one by one by default (an analysis of the whole file each), so it was checked for the hosts it does not name only; --config-id ID[,ID] checks those hosts (--config-id all every one)`;
}

/** The ids to analyse `file` for: `ids` as given, with `all` replaced by the ids the file mentions. */
export function expandConfigIds(
  ids: (string | undefined)[],
  file: string,
  text: string,
  options: { host?: SourceHost; pathMappings?: Record<string, string>; targetVersion?: string; analysis?: Analysis },
): (string | undefined)[] {
  if (!ids.includes(ALL_CONFIG_IDS)) return ids;
  const key = `${file}\0${options.targetVersion ?? ''}`;
  let mentioned = cache.get(key);
  if (!mentioned) {
    const found = new Set<string>();
    if (mayInclude(text)) {
      // Conditionals may sit in included files: read the file once to find every file it includes.
      // An analysis the caller already has for the hosts the file does not name (the same reading) serves.
      const probe = options.analysis ?? analyze(text, { file, host: options.host, pathMappings: options.pathMappings, targetVersion: options.targetVersion });
      for (const f of probe.files.values()) for (const id of configIdsIn(f.text, options.targetVersion)) found.add(id);
    } else for (const id of configIdsIn(text, options.targetVersion)) found.add(id);
    mentioned = [...found].sort();
    cache.set(key, mentioned);
  }
  const rest = ids.filter((id) => id !== ALL_CONFIG_IDS);
  const out = [...new Set([...rest, ...mentioned])];
  return out.length ? out : [undefined];
}

/**
 * Whether the text may include other files: without the word `include` (or a `$` that could
 * spell it), the ids it mentions are its own, and the whole analysis of a probe (the time and
 * memory of a second lint of a large file) is not needed.
 */
function mayInclude(text: string): boolean {
  return text.includes('include') || text.includes('$');
}
