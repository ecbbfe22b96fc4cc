// Runs one command as a whole process and measures it: wall time (parent clock), peak RSS and
// CPU time (GNU time's %M %U %S, read from its -o file so the command's own stderr stays clean).
// Every run has a timeout; on expiry the whole process group is killed.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

export const GNU_TIME = '/usr/bin/time';
export const HAVE_GNU_TIME = existsSync(GNU_TIME);

/**
 * @param {{cmd: string[], timeoutMs: number, tmpDir: string, tag: string, env?: Record<string,string>}} o
 * @returns {Promise<{wallS:number, rssKB:number|null, userS:number|null, sysS:number|null, exitCode:number|null, signal:string|null, timedOut:boolean, stdoutFile:string, stderrTail:string}>}
 */
export function runMeasured(o) {
  const stdoutFile = join(o.tmpDir, `${o.tag}.out`);
  const stderrFile = join(o.tmpDir, `${o.tag}.err`);
  const timeFile = join(o.tmpDir, `${o.tag}.time`);
  rmSync(timeFile, { force: true });
  const outFd = openSync(stdoutFile, 'w');
  const errFd = openSync(stderrFile, 'w');
  const argv = HAVE_GNU_TIME ? [GNU_TIME, '-f', '%M %U %S', '-o', timeFile, '--', ...o.cmd] : o.cmd;
  return new Promise((resolve) => {
    const t0 = process.hrtime.bigint();
    let timedOut = false;
    let child;
    try {
      child = spawn(argv[0], argv.slice(1), {
        stdio: ['ignore', outFd, errFd],
        detached: true, // own process group, so a timeout kills the command and its children
        env: { ...process.env, ...(o.env ?? {}) },
      });
    } catch (e) {
      closeSync(outFd);
      closeSync(errFd);
      resolve({ wallS: 0, rssKB: null, userS: null, sysS: null, exitCode: null, signal: null, timedOut: false, stdoutFile, stderrTail: String(e) });
      return;
    }
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }, o.timeoutMs);
    let settled = false;
    const done = (code, signal) => {
      if (settled) return;
      settled = true;
      const wallS = Number(process.hrtime.bigint() - t0) / 1e9;
      clearTimeout(timer);
      closeSync(outFd);
      closeSync(errFd);
      let rssKB = null, userS = null, sysS = null;
      if (HAVE_GNU_TIME && existsSync(timeFile)) {
        // GNU time writes "Command exited with non-zero status N" before the format line.
        const last = readFileSync(timeFile, 'utf8').trim().split('\n').pop() ?? '';
        const m = /^(\d+) ([\d.]+) ([\d.]+)$/.exec(last);
        if (m) {
          rssKB = Number(m[1]);
          userS = Number(m[2]);
          sysS = Number(m[3]);
        }
      }
      const err = readFileSync(stderrFile, 'utf8');
      resolve({ wallS, rssKB, userS, sysS, exitCode: code, signal, timedOut, stdoutFile, stderrTail: err.slice(-600) });
    };
    child.on('error', (e) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      closeSync(outFd);
      closeSync(errFd);
      resolve({ wallS: 0, rssKB: null, userS: null, sysS: null, exitCode: null, signal: null, timedOut: false, stdoutFile, stderrTail: String(e) });
    });
    child.on('exit', done);
  });
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n === 0 ? NaN : n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

export function percentile(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}
