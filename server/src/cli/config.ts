// `.kalint.json`: project settings, searched upward from each linted file (nearest wins).
// Relative paths inside it (clusters, path mappings) are relative to the folder that holds it.

import { dirname, join, resolve } from 'node:path';
import { fsHost } from './host.js';
import type { SeveritySetting } from '../linter.js';

export interface KalintConfig {
  /** Severity per rule code or name: off | info | warning | error. */
  rules?: Record<string, SeveritySetting>;
  /** keepalived version the configs run on, e.g. "2.2.7" or "1.3.5". */
  targetVersion?: string;
  /** Config ids (`@id` lines) to analyse each file for. */
  configIds?: string[];
  /** Files that are the nodes of one cluster. */
  clusters?: { name?: string; files: string[] }[];
  /** Absolute include prefixes mapped to folders of the repository. */
  pathMappings?: Record<string, string>;
  /** Formatter options. */
  format?: { indentWidth?: number; useTabs?: boolean };
}

export interface LoadedConfig {
  path: string;
  dir: string;
  config: KalintConfig;
}

export const CONFIG_FILE = '.kalint.json';

const cache = new Map<string, LoadedConfig | undefined>();

/** The nearest `.kalint.json` above `file`, or undefined. Throws a readable Error on invalid JSON. */
export function findConfig(file: string): LoadedConfig | undefined {
  let dir = dirname(resolve(file));
  const visited: string[] = [];
  for (;;) {
    if (cache.has(dir)) {
      const hit = cache.get(dir);
      for (const v of visited) cache.set(v, hit);
      return hit;
    }
    visited.push(dir);
    const path = join(dir, CONFIG_FILE);
    const text = fsHost.readFile(path);
    if (text !== undefined) {
      let config: KalintConfig;
      try {
        config = JSON.parse(text) as KalintConfig;
      } catch (e) {
        throw new Error(`${path}: invalid JSON: ${(e as Error).message}`);
      }
      const loaded = { path, dir, config };
      for (const v of visited) cache.set(v, loaded);
      return loaded;
    }
    const parent = dirname(dir);
    if (parent === dir) {
      for (const v of visited) cache.set(v, undefined);
      return undefined;
    }
    dir = parent;
  }
}
