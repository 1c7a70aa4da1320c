// Preloaded into the Warren process (NODE_OPTIONS=--import) by `bench:ingest --cpu-prof=DIR`: Node 20 refuses
// --cpu-prof in NODE_OPTIONS, so this starts the V8 profiler through the inspector and writes a .cpuprofile to
// BENCH_CPU_PROF_DIR when the process exits (Warren exits through process.exit after SIGTERM).
import fs from 'node:fs';
import inspector from 'node:inspector';
import path from 'node:path';

const dir = process.env.BENCH_CPU_PROF_DIR;
if (dir) {
  const session = new inspector.Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.setSamplingInterval', { interval: 1000 });
  session.post('Profiler.start');
  process.on('exit', () => {
    // The in-process inspector session answers synchronously, so this completes inside the exit handler.
    session.post('Profiler.stop', (error, result) => {
      if (error) return;
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, `warren-${process.pid}.cpuprofile`), JSON.stringify(result.profile));
    });
  });
}
