// `--config-id all` (or "configIds": ["all"]): analyse a file once for every `@id` it, or a file it
// includes, mentions — keepalived reads a different config on each of those hosts.

import { analyze, configIdsIn, type Analysis } from '../core/index.js';
import type { SourceHost } from '../core/index.js';

export const ALL_CONFIG_IDS = 'all';

const cache = new Map<string, string[]>();

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
