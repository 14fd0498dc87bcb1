// Preloaded into benchmarked Node processes (NODE_OPTIONS=--require).
// - On exit: writes the peak resident set size to $RSS_PROBE_OUT.
// - On SIGUSR2 (only with --expose-gc): collects garbage and appends the live heap
//   size to $RSS_PROBE_OUT.heap, so a long run can show whether live memory grows.
const { appendFileSync, writeFileSync } = require('node:fs');
const out = process.env.RSS_PROBE_OUT;
if (out) {
  process.on('exit', () => {
    try {
      writeFileSync(out, String(process.resourceUsage().maxRSS * 1024));
    } catch {
      // The benchmark reports a missing figure instead.
    }
  });
  if (typeof global.gc === 'function') {
    process.on('SIGUSR2', () => {
      global.gc();
      appendFileSync(`${out}.heap`, `${process.memoryUsage().heapUsed}\n`);
    });
  }
}
