#!/usr/bin/env node
// Committed launcher, so that npm links the `cdrlint` command at install time, before the
// TypeScript build has produced dist/.
import '../dist/bin.js';
