// An in-memory SourceHost for tests: files by absolute path, directories derived from the paths.
import type { SourceHost } from '../server/src/core/index.js';

export const EXAMPLE_FILE = '/etc/keepalived/keepalived.conf';

export function memoryHost(files: Record<string, string>): SourceHost {
  return {
    readFile: (path) => files[path],
    readDir(path) {
      const prefix = path.endsWith('/') ? path : path + '/';
      const entries = new Map<string, boolean>();
      for (const p of Object.keys(files)) {
        if (!p.startsWith(prefix)) continue;
        const rest = p.slice(prefix.length);
        const slash = rest.indexOf('/');
        entries.set(slash < 0 ? rest : rest.slice(0, slash), slash >= 0);
      }
      return entries.size ? [...entries].map(([name, isDirectory]) => ({ name, isDirectory })) : undefined;
    },
  };
}
