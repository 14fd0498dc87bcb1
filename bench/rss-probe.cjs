// Preloaded into benchmarked Node processes (NODE_OPTIONS=--require): on exit,
// writes the process's peak resident set size to $RSS_PROBE_OUT.
const { writeFileSync } = require('node:fs');
const out = process.env.RSS_PROBE_OUT;
if (out) {
  process.on('exit', () => {
    try {
      writeFileSync(out, String(process.resourceUsage().maxRSS * 1024));
    } catch {
      // The benchmark reports a missing figure instead.
    }
  });
}
