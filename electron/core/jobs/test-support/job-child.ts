// A runner that takes one job and stops for good inside it, so a test can SIGKILL it
// mid-job: `node --import tsx job-child.ts <dataDir>`.
import { createCore } from '../../core';

const [dataDir = ''] = process.argv.slice(2);
// Keeps the process alive while the job hangs (the runner's own timers are unref'd).
setInterval(() => undefined, 1000);
const core = createCore({ dataDir, jobs: { run: true } });
core.processors.register('default', 'write-note', {
  run: (job) => {
    process.stdout.write(`running ${job.id}\n`);
    return new Promise<never>(() => undefined);
  },
});
