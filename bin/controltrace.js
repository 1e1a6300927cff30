#!/usr/bin/env node
// `npx controltrace`: the bundled CLI when it has been built (npm ci runs the build), else the TypeScript
// source through tsx, so a checkout works either way.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const bundled = path.join(__dirname, '..', 'dist', 'cli', 'controltrace.js');
if (fs.existsSync(bundled) && !process.env.CONTROLTRACE_FROM_SOURCE) {
  require(bundled);
} else {
  require('tsx/cjs');
  require(path.join(__dirname, '..', 'src', 'cli', 'main.ts'));
}
