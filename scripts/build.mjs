// Bundles the CLI (and the bench) into single CommonJS files so `kalint` starts fast:
// one file to load instead of hundreds of modules.
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: false,
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: 'none',
  logLevel: 'warning',
};

await Promise.all([
  build({ ...common, entryPoints: ['server/src/cli/bin.ts'], outfile: 'dist/kalint.js' }),
  build({ ...common, entryPoints: ['scripts/bench.ts'], outfile: 'dist/bench.js' }),
]);

// V8's code cache for the CLI (see bin/kalint.js): a lint of the example configs, mistakes
// included so the rules' reporting paths are compiled too, written at its exit. Output and exit
// code do not matter here; a missing cache only makes kalint start slower, so say so and go on.
const cache = 'dist/kalint.cache';
rmSync(cache, { force: true });
spawnSync(process.execPath, ['bin/kalint.js', 'lint', 'fixtures/examples', 'fixtures/mistakes'], {
  env: { ...process.env, KALINT_WRITE_CODE_CACHE: '1', NO_COLOR: '1' },
  stdio: ['ignore', 'ignore', 'inherit'],
});
if (!existsSync(cache)) console.warn(`build: ${cache} was not written; kalint runs without it`);
