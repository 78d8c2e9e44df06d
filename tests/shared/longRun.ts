/**
 * A long run for layout tests (unit and browser): the seed's path with look-around commands typed
 * at the shell between its steps (never inside the MySQL client, never after the last step),
 * `total` steps in all.
 */
export function longRun(seed: readonly string[], total: number): string[] {
  const filler = ['pwd', 'ls', 'echo still looking', 'whoami', 'date', 'hostname', 'cd', 'uptime'];
  // After these steps of the seed's path the trainee is at a shell prompt (the last one ends the run).
  const atShell = seed.map((_, i) => i).filter((i) => i < seed.length - 1 && !/^mysql -u|^SELECT/.test(seed[i]!));
  const extra = total - seed.length;
  const lines: string[] = [];
  seed.forEach((line, i) => {
    lines.push(line);
    const slot = atShell.indexOf(i);
    if (slot === -1) return;
    const count = Math.floor(extra / atShell.length) + (slot < extra % atShell.length ? 1 : 0);
    for (let j = 0; j < count; j += 1) lines.push(filler[(i + j) % filler.length]!);
  });
  return lines;
}
