// What a run read, for the one question every command that writes asks first: does this output path name one of
// its inputs? A report or a generated config written over a config (or over the .kalint.json the run read) loses it.

import { statSync } from 'node:fs';
import { analyze, type Analysis } from '../core/index.js';
import { fsPath, sameFile } from './common.js';
import { findConfig, inferredMappings, loadedConfigPaths, resolvedPathMappings } from './config.js';
import { fsHost } from './host.js';
import { ALL_CONFIG_IDS, expandConfigIds } from './config-ids.js';

function exists(path: string): boolean {
  try {
    statSync(fsPath(path));
    return true;
  } catch {
    return false;
  }
}

/**
 * The input of this run that `output` names (the same file through links too), or undefined: one of `inputs` that is
 * a file on disk (the configs read, what they include, the file `--stdin-filename` says the text stands for when it
 * exists), or a `.kalint.json` the run read.
 */
export function inputAt(output: string, inputs: Iterable<string>): string | undefined {
  for (const p of inputs) if (exists(p) && sameFile(p, output)) return p;
  return loadedConfigPaths().find((p) => sameFile(p, output));
}

/** The files analyses read: each config and what it includes. */
export function filesRead(analyses: Iterable<Analysis | null>): string[] {
  const read: string[] = [];
  for (const a of analyses) if (a) for (const p of a.files.keys()) read.push(p);
  return read;
}

/**
 * The files `file` (its text `text`) includes, read as `kalint lint` reads them: through the nearest .kalint.json's
 * pathMappings, or from beside it when its absolute includes exist only there; for `configId`, else for every host
 * (an include on an `@ID` line is read on that host only).
 */
export function includedBy(file: string, text: string, options: { configId?: string; targetVersion?: string }): string[] {
  const loaded = findConfig(file);
  const configured = loaded ? resolvedPathMappings(loaded) : undefined;
  const { targetVersion } = options;
  const read = (pathMappings: Record<string, string> | undefined, configId: string | undefined) => analyze(text, { file, host: fsHost, pathMappings, configId, targetVersion });
  const first = read(configured, options.configId);
  const pathMappings = configured ?? inferredMappings(first.inferredPathMappings);
  const analyses = [first];
  if (pathMappings !== configured) analyses.push(read(pathMappings, options.configId));
  if (options.configId === undefined) {
    const ids = expandConfigIds([ALL_CONFIG_IDS], file, text, { host: fsHost, pathMappings, targetVersion });
    for (const id of ids) if (id !== undefined) analyses.push(read(pathMappings, id));
  }
  return filesRead(analyses).filter((p) => p !== file);
}
