import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs build script without type declarations
import { serverEntry } from '../esbuild.mjs';

describe('build script', () => {
  it('bundles the stand-in server only when asked, else the real server entry', () => {
    expect(serverEntry({ CDRLINT_SERVER: 'stand-in' })).toMatch(/test-server\/server\.ts$/);
    expect(serverEntry({})).toMatch(/lsp\/src\/(server-main|bin)\.ts$/);
  });
});
