#!/usr/bin/env node
// What memory costs on this machine, printed as JSON: writing fresh memory (pages the kernel
// must supply on first touch) against writing memory the process has touched already, in ms
// per MB, medians of 8 buffers of 32 MB. On a virtual machine that hands freed pages back to its
// host, the first touch can cost ~100x the second: then every MB of peak RSS is time.
const MB = 32;
const ROUNDS = 8;
const fresh = [];
const touched = [];
const reused = Buffer.allocUnsafeSlow(MB << 20);
reused.fill(0);
for (let r = 0; r < ROUNDS; r++) {
  let t = performance.now();
  Buffer.allocUnsafeSlow(MB << 20).fill(r + 1);
  fresh.push((performance.now() - t) / MB);
  t = performance.now();
  reused.fill(r + 1);
  touched.push((performance.now() - t) / MB);
}
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
console.log(JSON.stringify({ freshMsPerMB: +median(fresh).toFixed(3), touchedMsPerMB: +median(touched).toFixed(4) }));
