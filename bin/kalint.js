#!/usr/bin/env node
'use strict';
// Runs the bundled CLI (dist/kalint.js) with V8's code cache, dist/kalint.cache, which
// scripts/build.mjs writes after a lint of the example configs. On a small config most of a
// run went to compiling: the 1.3 MB bundle, then each function the lint calls for the first
// time; with the cache V8 deserializes that code instead. Without a cache, or when this node
// rejects it (another V8 version or flags), the bundle is compiled as usual.

const crypto = require('node:crypto');
const fs = require('node:fs');
const Module = require('node:module');
const path = require('node:path');
const vm = require('node:vm');

const bundle = path.join(__dirname, '..', 'dist', 'kalint.js');
const cacheFile = path.join(__dirname, '..', 'dist', 'kalint.cache');
/** Set by scripts/build.mjs: compile without the cache and write it when the run ends. */
const writeCache = process.env.KALINT_WRITE_CODE_CACHE === '1';
/** Length of the sha1 of the bundle that heads the cache file. */
const DIGEST_BYTES = 20;

/**
 * Keeps V8's young generation at its first size (1 MB a semi-space) instead of letting it double
 * up to 16 MB while a large config's tree is built. A lint keeps most of what it allocates (the
 * tree, the model), so a larger young generation only moves the copying, not the work; the two
 * 16 MB semi-spaces were a fifth of the process's peak (6 MB config: 149 → 122 MB, same time).
 * Only this process's own heap is tuned: the core, used as a library, leaves its host's flags
 * alone. The flag is read whenever the young generation would grow, so setting it here works;
 * V8 releases that may not know it only get it where they are known to.
 */
function keepYoungGenerationSmall() {
  const major = Number(process.versions.v8.split('.')[0]);
  if (major >= 11 && major <= 13) require('node:v8').setFlagsFromString('--semi-space-growth-factor=1');
}

/**
 * The bundle's module function, compiled with the cache when there is a good one. The source text
 * and the cache file stay inside this function, so they can be freed while the lint runs (kept,
 * they added ~4 MB to the peak of a large config's lint).
 */
function compile() {
  let source;
  try {
    source = fs.readFileSync(bundle, 'utf8');
  } catch {
    return undefined;
  }
  // V8 takes a cache made from another source of the same length (cachedDataRejected stays false):
  // the file names the exact bundle it was made from.
  const digest = crypto.createHash('sha1').update(source).digest();
  let cachedData;
  if (!writeCache) {
    try {
      const file = fs.readFileSync(cacheFile);
      if (file.length > DIGEST_BYTES && file.subarray(0, DIGEST_BYTES).equals(digest)) cachedData = file.subarray(DIGEST_BYTES);
    } catch {
      // No cache: compile.
    }
  }
  const script = new vm.Script(Module.wrap(source), { filename: bundle, cachedData });
  if (writeCache) {
    // At exit the functions the run compiled are in the cache too.
    process.on('exit', () => {
      try {
        fs.writeFileSync(cacheFile, Buffer.concat([digest, script.createCachedData()]));
      } catch (e) {
        process.stderr.write(`kalint: cannot write ${cacheFile}: ${e.message}\n`);
      }
    });
  }
  return script.runInThisContext();
}

function run() {
  const moduleFunction = compile();
  // Let require report a missing build the usual way.
  if (!moduleFunction) return void require(bundle);
  const mod = new Module(bundle, module);
  mod.filename = bundle;
  moduleFunction.call(mod.exports, mod.exports, Module.createRequire(bundle), mod, bundle, path.dirname(bundle));
  mod.loaded = true;
}

keepYoungGenerationSmall();
run();
