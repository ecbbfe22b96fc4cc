#!/usr/bin/env node
// Committed launcher, so that npm links `cdrlint-lsp` at install time, before the build.
import '../dist/bin.js';
