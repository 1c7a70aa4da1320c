/**
 * Summarizes a V8 .cpuprofile: top functions by self time and self time by source area (Warren file, npm package,
 * Node internals). Usage: node --import tsx bench/ingest/summarize-profile.ts FILE.cpuprofile [top=30] [fromSec] [toSec]
 * (fromSec/toSec: only samples in that window, in seconds since the profile started, e.g. one timed run).
 */
import fs from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

/** Self milliseconds per profile node id, counting samples between fromSec and toSec. */
function selfTimes(profile: CpuProfile, fromSec: number, toSec: number): Map<number, number> {
  const self = new Map<number, number>();
  let atUs = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    atUs += profile.timeDeltas[i];
    if (atUs < fromSec * 1e6 || atUs > toSec * 1e6) continue;
    const dtMs = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + dtMs);
  }
  return self;
}

function area(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native/builtin)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return `npm:${pkg[1]}`;
  if (url.startsWith('node:')) return url.replace(/^node:internal\/([^/]+).*$/, 'node:internal/$1');
  const own = /\/work\/[^/]+\/(.*)$/.exec(url.replace(/^file:\/\//, ''));
  return own ? own[1] : url;
}

function summarize(file: string, top: number, fromSec: number, toSec: number): string {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = selfTimes(profile, fromSec, toSec);
  const totalMs = [...self.values()].reduce((a, b) => a + b, 0);
  const byFunction = new Map<string, number>();
  const byArea = new Map<string, number>();
  for (const [id, ms] of self) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    const where = area(url, functionName);
    const key = `${functionName || '(anonymous)'}  ${where}${url ? `:${lineNumber + 1}` : ''}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + ms);
    byArea.set(where, (byArea.get(where) ?? 0) + ms);
  }
  const busyMs = totalMs - (byArea.get('(idle)') ?? 0);
  const lines = [`${file}: ${(totalMs / 1000).toFixed(1)} s sampled, ${(busyMs / 1000).toFixed(1)} s not idle`, '', `Top ${top} functions by self time (% of non-idle)`];
  const pct = (ms: number) => `${((ms / busyMs) * 100).toFixed(1).padStart(5)}%`;
  for (const [key, ms] of [...byFunction].filter(([k]) => !k.startsWith('(idle)')).sort((a, b) => b[1] - a[1]).slice(0, top)) {
    lines.push(`  ${pct(ms)} ${ms.toFixed(0).padStart(7)} ms  ${key}`);
  }
  lines.push('', 'Self time by area (% of non-idle)');
  for (const [key, ms] of [...byArea].filter(([k]) => k !== '(idle)').sort((a, b) => b[1] - a[1]).slice(0, top)) {
    lines.push(`  ${pct(ms)} ${ms.toFixed(0).padStart(7)} ms  ${key}`);
  }
  return lines.join('\n');
}

const [file, topArg, fromArg, toArg] = process.argv.slice(2);
if (!file) {
  console.error('usage: summarize-profile.ts <file.cpuprofile> [top]');
  process.exit(2);
}
console.log(summarize(file, Number(topArg ?? 30), Number(fromArg ?? 0), Number(toArg ?? Infinity)));
