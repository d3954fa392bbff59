// A scratch folder for tests that need files on disk (includes, the CLI): written, used, removed.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** Writes `files` (paths relative to a fresh folder) and runs `use` on the folder, which is removed afterwards. */
export function inDir<T>(files: Record<string, string>, use: (dir: string) => T, prefix = 'kalint-scratch-'): T {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  try {
    writeFiles(dir, files);
    return use(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Writes `files` (paths relative to `dir`, folders made as needed). */
export function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
}
