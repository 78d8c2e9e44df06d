import { describe, expect, it } from 'vitest';
import { lastOutput, typeLines } from './fixture';

describe('the shell', () => {
  it('expands variables, quotes and tilde as bash does', () => {
    expect(lastOutput(['echo $HOME "$USER" \'$USER\' ~'])).toBe('/home/ana ana $USER /home/ana');
    expect(lastOutput(['X=1; echo "x is $X"'])).toBe('x is 1');
    expect(lastOutput(['echo ${HOSTNAME}'])).toBe('dev-laptop');
  });

  it('changes directory and shows it in the prompt', () => {
    const { prompt, steps } = typeLines(['cd /var/log', 'pwd', 'cd nowhere']);
    expect(steps[1]!.output).toEqual(['/var/log']);
    expect(steps[2]!.output).toEqual(['-bash: cd: nowhere: No such file or directory']);
    expect(prompt).toBe('ana@dev-laptop:/var/log$ ');
  });

  it('runs && and || as an and-or list', () => {
    expect(lastOutput(['false && echo no || echo yes'])).toBe('yes');
    expect(lastOutput(['true && echo a; echo b'])).toBe('a\nb');
    expect(lastOutput(['cd /nope && echo never'])).toBe('-bash: cd: /nope: No such file or directory');
  });

  it('says command not found for what the host does not have', () => {
    const { steps } = typeLines(['frobnicate --now']);
    expect(steps[0]!.output).toEqual(['frobnicate: command not found']);
    expect(steps[0]!.missing).toEqual(['frobnicate']);
  });

  it('names what is real but not simulated in its own voice', () => {
    const { steps } = typeLines(['vim /etc/hosts']);
    expect(steps[0]!.output).toEqual([]);
    expect(steps[0]!.notes[0]).toMatch(/^Not simulated in this drill: vim/);
  });

  it('logs in with ssh as the trainee, with that host\'s prompt and history, and comes back with exit', () => {
    const { steps, prompt, world } = typeLines(['ssh app-1', 'whoami', 'history', 'exit']);
    expect(steps[0]!.output[0]).toBe('Welcome to Ubuntu 18.04.4 LTS (GNU/Linux 4.15.0-99-generic x86_64)');
    expect(steps[2]!.output).toEqual(['    1  whoami', '    2  history']);
    expect(steps[3]!.output).toEqual(['logout', 'Connection to app-1 closed.']);
    expect(prompt).toBe('ana@dev-laptop:~$ ');
    // The remote shell wrote its history to ~/.bash_history there, and only there.
    expect(world.hosts.app!.files['/home/ana/.bash_history']!.content).toBe('whoami\nhistory\nexit\n');
    expect(world.hosts.laptop!.files['/home/ana/.bash_history']).toBeUndefined();
  });

  it('refuses root over ssh and unknown hosts, as OpenSSH does', () => {
    expect(lastOutput(['ssh root@app-1'])).toBe('root@app-1: Permission denied (publickey).');
    expect(lastOutput(['ssh nowhere'])).toBe('ssh: Could not resolve hostname nowhere: Name or service not known');
  });

  it('becomes root with sudo -i and says who is not a sudoer', () => {
    const { prompt } = typeLines(['sudo -i']);
    expect(prompt).toBe('root@dev-laptop:~# ');
    expect(lastOutput(['ssh app-1', 'sudo -i'])).toBe('[sudo] password for ana: \nana is not in the sudoers file.  This incident will be reported.');
  });

  it('writes files with > and >> on the host it runs on only', () => {
    const { steps, world } = typeLines(['echo one > /tmp/x', 'echo two >> /tmp/x', 'echo $(echo nested)']);
    expect(world.hosts.laptop!.files['/tmp/x']!.content).toBe('one\ntwo\n');
    expect(world.hosts.app!.files['/tmp/x']).toBeUndefined();
    expect(steps[2]!.output).toEqual(['nested']);
  });

  it('reports syntax errors in bash\'s words', () => {
    expect(lastOutput(['echo "unclosed'])).toBe('-bash: unexpected EOF while looking for matching `"\'');
    expect(lastOutput(['| grep x'])).toBe("-bash: syntax error near unexpected token `|'");
  });
});
