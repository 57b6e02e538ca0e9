/** Progress for long CLI work: a redrawn bar on a terminal, one line per step when output is piped (CI logs stay readable). */
export function createProgress(stream: NodeJS.WriteStream = process.stdout): (label: string, done: number, total: number) => void {
  return (label, done, total) => {
    const pct = total > 0 ? Math.floor((done / total) * 100) : 100;
    if (stream.isTTY) {
      const width = 24;
      const filled = Math.round((pct / 100) * width);
      stream.write(`\r[${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${String(pct).padStart(3)}% ${done}/${total} ${label}`.padEnd(100).slice(0, 100));
      if (done >= total) stream.write('\n');
    } else {
      stream.write(`[${done}/${total}] ${pct}% ${label}\n`);
    }
  };
}
