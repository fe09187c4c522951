#!/usr/bin/env node
// CommonJS (bin/package.json): the starter answers --version and --help before Node's ES module
// loader starts, then loads the esbuild bundle of the command (scripts/bundle.js).
require('../dist/bundle/start.cjs');
