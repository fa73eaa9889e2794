// Child processes of the benchmark (the baseline servers) and what is measured of processes.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, dataDir } from '../../scripts/stack.mjs';

const READY_TIMEOUT_MS = 20_000;

/** Starts `node <script> ...args` and resolves once it prints `ready`. */
export function startNode(script, args, name) {
  const child = spawn(process.execPath, [join(ROOT, script), ...args.map(String)], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${name} did not start within ${READY_TIMEOUT_MS} ms`));
    }, READY_TIMEOUT_MS);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with ${code} before it was ready`));
    });
    child.stdout.on('data', (chunk) => {
      if (String(chunk).includes('ready')) {
        clearTimeout(timer);
        child.removeAllListeners('exit');
        resolve({ name, pid: child.pid, stop: () => stopChild(child) });
      }
    });
  });
}

function stopChild(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 3000).unref();
  });
}

/** Resident memory of a process, in bytes (VmRSS). */
export function rssOf(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? Number.NaN);
  return kb * 1024;
}

/** Pid of a process of a stack profile (scripts/stack.mjs writes them). */
export function stackPid(profile, name) {
  return Number(readFileSync(join(dataDir(profile), 'run', `${name}.pid`), 'utf8'));
}

/** CPU seconds (user + system) a process has used so far. */
export function cpuSeconds(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  // utime and stime are fields 14 and 15 of /proc/<pid>/stat (12 and 13 after the name).
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Starts counting the CPU time of `pids` ([name, pid] pairs): gives the seconds each used since. */
export function cpuMeter(pids) {
  const before = new Map(pids.map(([n, pid]) => [n, cpuSeconds(pid)]));
  return () => new Map(pids.map(([n, pid]) => [n, cpuSeconds(pid) - before.get(n)]));
}

/** Milliseconds of CPU per request, by process, from the seconds a cpuMeter gave. */
export function cpuMsPer(used, requests) {
  return Object.fromEntries([...used].map(([n, s]) => [n, requests ? (s * 1000) / requests : 0]));
}
