// Bundles the CLI (and the bench) into single CommonJS files so `kalint` starts fast:
// one file to load instead of hundreds of modules.
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
