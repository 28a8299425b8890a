// A check's progress, shown while it runs: on a terminal one line updated in place; in a log
// (CI, a pipe) at most one line per interval, so a lag counter every second does not flood it.

export interface ProgressOutput {
  tty: boolean;
  write(text: string): void;
  now(): number;
  /** Least time between two printed lines when not on a terminal. */
  intervalMs?: number;
  /** Print every message at once (LAB_VERBOSE). */
  verbose?: boolean;
  /** Terminal width: the updating line is cut to fit, or it would wrap and stay on screen. */
  columns?: number;
}

export interface ProgressLine {
  update(message: string): void;
  /** Clears the updating line (terminal) before the check's result is printed. */
  done(): void;
}

export function progressLine(out: ProgressOutput, indent = '      '): ProgressLine {
  const interval = out.intervalMs ?? 5000;
  let lastPrinted = '';
  let lastAt = Number.NEGATIVE_INFINITY;
  let onScreen = false;
  return {
    update(message) {
      const text = message.split('\n')[0] ?? '';
      if (out.tty && !out.verbose) {
        const width = Math.max(20, (out.columns ?? 80) - indent.length - 1);
        out.write(`\r\x1b[2K${indent}${text.length > width ? `${text.slice(0, width - 1)}…` : text}`);
        onScreen = true;
        return;
      }
      if (text === lastPrinted) return;
      if (!out.verbose && out.now() - lastAt < interval) return;
      out.write(`${indent}${text}\n`);
      lastPrinted = text;
      lastAt = out.now();
    },
    done() {
      if (onScreen) out.write('\r\x1b[2K');
      onScreen = false;
    },
  };
}
