#!/usr/bin/env node
// The esbuild bundle of src/cli/main.ts (scripts/bundle.js, part of `npm run build`).
import '../dist/bundle/qwh.js';
