// Tiny argv parser shared by the bench scripts (no dependency for a dozen flags).

/** Parses `10k`, `1m`, `1e6`, `1_000_000`, `1000000`. */
export function parseCount(text) {
  const m = /^(\d+(?:\.\d+)?(?:e\d+)?)([kKmM]?)$/.exec(String(text).replace(/_/g, ''));
  if (!m) throw new Error(`not a row count: ${text}`);
  const mult = { '': 1, k: 1e3, K: 1e3, m: 1e6, M: 1e6 }[m[2]];
  const n = Math.round(Number(m[1]) * mult);
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`not a row count: ${text}`);
  return n;
}

/** Short label for a row count: 10k, 1m, 1500. */
export function countLabel(n) {
  if (n >= 1e6 && n % 1e6 === 0) return `${n / 1e6}m`;
  if (n >= 1e3 && n % 1e3 === 0) return `${n / 1e3}k`;
  return String(n);
}

/**
 * @param {string[]} argv
 * @param {Record<string, 'string'|'boolean'>} spec
 */
export function parseArgs(argv, spec) {
  const out = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) throw new Error(`unexpected argument: ${a}`);
    const eq = a.indexOf('=');
    const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
    const kind = spec[name];
    if (!kind) throw new Error(`unknown option --${name} (known: ${Object.keys(spec).map((k) => '--' + k).join(' ')})`);
    if (kind === 'boolean') {
      out[name] = true;
    } else {
      const v = eq > 0 ? a.slice(eq + 1) : argv[++i];
      if (v === undefined) throw new Error(`--${name} needs a value`);
      out[name] = v;
    }
  }
  return out;
}
