/** Linux's signals on x86-64: numbers and names as kill, pkill and systemd write them. */

export const SIGNALS: readonly string[] = ['', 'HUP', 'INT', 'QUIT', 'ILL', 'TRAP', 'ABRT', 'BUS', 'FPE', 'KILL', 'USR1', 'SEGV', 'USR2', 'PIPE', 'ALRM', 'TERM', 'STKFLT', 'CHLD', 'CONT', 'STOP', 'TSTP', 'TTIN', 'TTOU', 'URG', 'XCPU', 'XFSZ', 'VTALRM', 'PROF', 'WINCH', 'POLL', 'PWR', 'SYS'];

/** `TERM`, `SIGTERM`, `term`, `15` → 15; null for what is not a signal (`kill -l` numbers 0–31; 0 tests existence). */
export function signalNumber(text: string): number | null {
  if (/^\d+$/.test(text)) {
    const n = Number(text);
    return n >= 0 && n < SIGNALS.length ? n : null;
  }
  const name = text.toUpperCase().replace(/^SIG/, '');
  if (name === 'IO') return 29;
  if (name === 'IOT') return 6;
  if (name === 'CLD') return 17;
  const n = SIGNALS.indexOf(name);
  return n > 0 ? n : null;
}

/** `TERM` for 15. */
export function signalName(n: number): string {
  return SIGNALS[n] ?? String(n);
}

/** Signals whose default action ends a process (all but CHLD, CONT, STOP and the tty stops, URG, WINCH). */
export function terminates(n: number): boolean {
  return n > 0 && ![17, 18, 19, 20, 21, 22, 23, 28].includes(n);
}
