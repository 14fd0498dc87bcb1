/**
 * Progress of `postern admin backup` and `restore` on stderr: one line per table when it is done,
 * and a running count at most every few seconds while a large table is under way.
 */
export function progressPrinter(stderr: NodeJS.WritableStream, verb: string) {
  const EVERY_MS = 3000;
  let last = Date.now();
  return (p: { table: string; rows: number; total: number; done: boolean }) => {
    const now = Date.now();
    if (!p.done && now - last < EVERY_MS) return;
    last = now;
    const rows = p.done ? `${p.rows} row${p.rows === 1 ? '' : 's'}` : `${p.rows}/${p.total} rows…`;
    stderr.write(`${verb} ${p.table}: ${rows}\n`);
  };
}

/** 1234567 → "1.2 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}
