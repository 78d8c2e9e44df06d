// @vitest-environment node
/** bash's builtins as bash 4.4 on Ubuntu 18.04 prints them: printf, and history's numbering past HISTSIZE. */
import { describe, expect, it } from 'vitest';
import { HISTSIZE } from '../../../src/sim/world';
import fc from 'fast-check';
import { MAX_LOOP_ROUNDS } from '../../../src/sim/shell/run';
import { out, runText, status } from './text-fixture';
import { typeLines } from './fixture';

describe('printf', () => {
  it.each([
    ["printf 'ab\\n'", 'ab'],
    ["printf '%s-%s\\n' a b c d", 'a-b\nc-d'],
    ["printf '%5s|%-5s|\\n' ab cd", '   ab|cd   |'],
    ["printf '%d %i %05d %x %X %o %#x\\n' 42 -7 42 255 255 8 255", '42 -7 00042 ff FF 10 0xff'],
    ["printf '%.2f %e\\n' 3.14159 1234.5", '3.14 1.234500e+03'],
    ["printf '%s\\n'", ''],
    ["printf '%c%c\\n' hello world", 'hw'],
    ["printf '%b\\n' 'a\\tb'", 'a\tb'],
    ["printf '100%%\\n'", '100%'],
    ["printf '%.3s\\n' abcdef", 'abc'],
    ["printf '%*d|\\n' 4 7", '   7|'],
    ["printf '%d\\n' 0x1f 010 \"'A\"", '31\n8\n65'],
    ["printf 'a\\nb\\n' | wc -l", '2'],
    ["printf '%s ' x y; echo", 'x y '],
  ])('%s', (line, expected) => {
    expect(out(line)).toBe(expected);
  });

  it('a number that is not one: bash says so, prints 0 and exits 1', () => {
    expect(out("printf '%d\\n' abc 2>&1").split('\n')).toEqual(['-bash: printf: abc: invalid number', '0']);
    expect(status("printf '%d\\n' abc")).toBe(1);
  });

  it('with no format: its usage, exit 2', () => {
    expect(out('printf 2>&1')).toBe('-bash: printf: usage: printf [-v var] format [arguments]');
    expect(status('printf')).toBe(2);
  });
});

describe('history past HISTSIZE', () => {
  it('keeps the last HISTSIZE lines, numbered from where bash has got to', () => {
    const steps = runText([...Array.from({ length: HISTSIZE + 20 }, (_, i) => `echo ${i}`), 'history']);
    const shown = steps.at(-1)!.output;
    expect(shown).toHaveLength(HISTSIZE);
    expect(shown[0]).toBe(`${String(22).padStart(5)}  echo 21`);
    expect(shown.at(-1)).toBe(`${String(HISTSIZE + 21).padStart(5)}  history`);
  });

  it('history -c starts again from 1', () => {
    const steps = runText([...Array.from({ length: HISTSIZE + 5 }, (_, i) => `echo ${i}`), 'history -c', 'history']);
    expect(steps.at(-1)!.output).toEqual(['    1  history']);
  });
});

describe('compound commands: for, while, until, if, test, [[ ]]', () => {
  it.each([
    ['for h in a b c; do echo "host $h"; done', 'host a\nhost b\nhost c'],
    ['for f in /var/log/bakery/*; do echo $f; done', '/var/log/bakery/app.log\n/var/log/bakery/app.log.1.gz'],
    ['for i in 1 2 3; do if [ $i -eq 2 ]; then echo two; elif [ $i -gt 2 ]; then echo big; else echo $i; fi; done', '1\ntwo\nbig'],
    ['for i in 1 2 3 4; do [ $i = 3 ] && break; echo $i; done', '1\n2'],
    ['for i in 1 2 3; do [ $i = 2 ] && continue; echo $i; done', '1\n3'],
    ['for i in a b; do for j in 1 2; do [ $j = 2 ] && continue 2; echo $i$j; done; done', 'a1\nb1'],
    ['for x in; do echo never; done; echo $?', '0'],
    ['for i in 3 1 2; do echo $i; done | sort', '1\n2\n3'],
    ['for i in a b; do echo $i; done > /tmp/o; cat /tmp/o', 'a\nb'],
    ["printf 'a b\\nc d e\\n' | while read x y; do echo \"[$y] [$x]\"; done", '[b] [a]\n[d e] [c]'],
    ['while read id rest; do echo $id; done < /home/sam/orders.csv | head -2', 'id,customer,item,qty,price\n1001,ana,croissant,2,1.50'],
    ["printf 'one\\ntwo' | while read l; do echo $l; done", 'one'],
    ["printf 'a\\\\tb\\n' | while read -r l; do echo \"$l\"; done", 'a\\tb'],
    ["printf 'x\\n' | while read; do echo \"got $REPLY\"; done", 'got x'],
    ['i=a; until [ $i = aaa ]; do echo $i; i=${i}a; done', 'a\naa'],
    ['if grep -q ERROR /var/log/bakery/app.log; then echo found; fi', 'found'],
    ['if false; then echo yes; fi; echo $?', '0'],
    ['[ -f /home/sam/orders.csv ] && echo file', 'file'],
    ['[ -d /home/sam ] && echo dir', 'dir'],
    ['[ -e /nope ] || echo missing', 'missing'],
    ['[ -s /home/sam/empty.txt ] || echo empty', 'empty'],
    ['[ -r /root/secret.txt ] || echo unreadable', 'unreadable'],
    ['[ -z "" ] && [ -n x ] && echo ok', 'ok'],
    ['[ abc != abd ] && echo differ', 'differ'],
    ['[ 10 -lt 9 ]; echo $?', '1'],
    ['test 5 -ge 5 && echo ge', 'ge'],
    ['[ ! -f /nope ] && echo not', 'not'],
    ['[ -f /home/sam/orders.csv -a -d /tmp ] && echo both', 'both'],
    ['[ 1 -eq x ]; echo $?', '-bash: [: x: integer expression expected\n2'],
    ['[ 1 = 1; echo $?', "-bash: [: missing `]'\n2"],
    ['[ a b ]; echo $?', '-bash: [: a: unary operator expected\n2'],
    ['x="a b"; [ $x = a ]; echo $?', '-bash: [: too many arguments\n2'],
    ['[ ]; echo $?', '1'],
    ['[[ -d /tmp && abc == a* ]] && echo match', 'match'],
    ['[[ abc == "a*" ]] || echo literal', 'literal'],
    ['x="a b"; [[ $x = "a b" ]] && echo nosplit', 'nosplit'],
    ['[[ 2 -lt 10 ]] && echo num', 'num'],
    ['echo a; done', "-bash: syntax error near unexpected token `done'"],
    ['if true; then; fi', "-bash: syntax error near unexpected token `;'"],
    ['for i in a; do echo $i', '-bash: syntax error: unexpected end of file'],
  ])('%s', (line, expected) => {
    expect(out(line)).toBe(expected);
  });

  it('a loop that would never end stops after its rounds, with the drill saying so', () => {
    const [step] = runText(['while true; do echo y; done | wc -l']);
    expect(step!.output).toEqual([String(MAX_LOOP_ROUNDS)]);
    expect(step!.notes).toContain(`The drill stops a loop after ${MAX_LOOP_ROUNDS} rounds.`);
  });

  it('for ((…)) is parsed and said to be not simulated', () => {
    const [step] = runText(['for ((i=0;i<3;i++)); do echo $i; done']);
    expect(step!.output).toEqual([]);
    expect(step!.notes).toEqual(['Not simulated in this drill: arithmetic for loops (`for ((…))`).']);
  });

  it('a here-document cannot be typed on one line: the drill says so', () => {
    const [step] = runText(['cat <<EOF']);
    expect(step!.output).toEqual([]);
    expect(step!.notes).toEqual(['Not simulated in this drill: here-documents (`<<`).']);
  });

  it('( … ) and case are read past with the drill\'s note, not run as a program', () => {
    expect(runText(['(cd /tmp; ls)'])[0]!.notes).toEqual(['Not simulated in this drill: subshells (`( … )`).']);
    expect(runText(['case x in x) echo x;; esac'])[0]!.notes).toEqual(['Not simulated in this drill: `case`.']);
  });

  it('a loop variable stays set after the loop; a loop in a pipe is a subshell', () => {
    expect(runText(['for h in x y; do :; done', 'echo $h']).at(-1)!.output).toEqual(['y']);
    expect(runText(["printf 'z\\n' | while read v; do :; done", 'echo "[$v]"']).at(-1)!.output).toEqual(['[]']);
  });

  it('never throws and stays bounded on arbitrary loop bodies', () => {
    const words = fc.constantFrom('echo x', 'true', 'false', 'break', 'continue', 'read l', '[ 1 = 1 ]', 'cat /home/sam/words.txt', 'for j in 1 2; do echo $j; done');
    fc.assert(
      fc.property(fc.array(words, { minLength: 1, maxLength: 4 }), fc.constantFrom('for i in 1 2 3', 'while true', 'until false', 'while read l'), (body, head) => {
        const line = `${head}; do ${body.join('; ')}; done < /home/sam/words.txt`;
        const [step] = runText([line]);
        expect(step!.output.length).toBeLessThanOrEqual(MAX_LOOP_ROUNDS * 10 + 10);
      }),
      { numRuns: 40 },
    );
  });
});

describe('here-strings and process substitution', () => {
  it.each([
    ['grep -c a <<< "banana"', '1'],
    ['x="one two"; wc -w <<< "$x"', '2'],
    ['cat <<< hello', 'hello'],
    ['read a b <<< "1 2"; echo $b$a', '21'],
    ['diff <(echo a) <(echo b)', '1c1\n< a\n---\n> b'],
    ['diff <(sort /home/sam/words.txt) <(sort -u /home/sam/words.txt)', '5,6d4\n< banana\n< banana'],
    ['cat <(echo inner)', 'inner'],
    ['echo <(true)', '/dev/fd/63'],
  ])('%s', (line, expected) => {
    expect(out(line)).toBe(expected);
  });

  it('the pipe a <(…) made is gone after the command', () => {
    expect(runText(['cat <(echo x) >/dev/null', 'ls /dev/fd/63']).at(-1)!.output).toEqual(["ls: cannot access '/dev/fd/63': No such file or directory"]);
  });
});

describe("aliases from the user's ~/.bashrc (Ubuntu's /etc/skel)", () => {
  it('alias lists them sorted, quoted as bash quotes them', () => {
    expect(out('alias')).toBe(
      [
        `alias alert='notify-send --urgency=low -i "$([ $? = 0 ] && echo terminal || echo error)" "$(history|tail -n1|sed -e '\\''s/^\\s*[0-9]\\+\\s*//;s/[;&|]\\s*alert$//'\\'')"'`,
        "alias egrep='egrep --color=auto'",
        "alias fgrep='fgrep --color=auto'",
        "alias grep='grep --color=auto'",
        "alias l='ls -CF'",
        "alias la='ls -A'",
        "alias ll='ls -alF'",
        "alias ls='ls --color=auto'",
      ].join('\n'),
    );
  });

  it.each([
    ['alias ll', "alias ll='ls -alF'"],
    ['la /srv/site', 'conf  index.html'],
    ['l /srv/site', 'conf/  index.html'],
    ['alias nope; echo $?', '-bash: alias: nope: not found\n1'],
    ['unalias nope; echo $?', '-bash: unalias: nope: not found\n1'],
    ["alias hi='echo hi'; hi there", 'hi: command not found'],
    ['\\ll', 'll: command not found'],
    ['sudo ll', 'sudo: ll: command not found'],
  ])('%s', (line, expected) => {
    expect(out(line)).toBe(expected);
  });

  it('an alias defined at the prompt works from the next line; unalias removes it for the session', () => {
    const steps = runText(["alias hi='echo hi'", 'hi there', 'unalias hi', 'hi', 'unalias -a', 'alias']);
    expect(steps.map((s) => s.output.join('\n'))).toEqual(['', 'hi there', '', 'hi: command not found', '', '']);
  });

  it('ll expands through the ls alias to ls --color=auto -alF', () => {
    expect(runText(['ll /srv/site'])[0]!.ran[0]).toEqual(['ls', '--color=auto', '-alF', '/srv/site']);
  });

  it('the stock skel files are in /etc/skel and in each home, byte for byte', () => {
    expect(out('wc -c /etc/skel/.bashrc /etc/skel/.profile /etc/skel/.bash_logout')).toBe('3771 /etc/skel/.bashrc\n 807 /etc/skel/.profile\n 220 /etc/skel/.bash_logout\n4798 total');
    expect(out('diff /etc/skel/.bashrc ~/.bashrc && echo same')).toBe('same');
  });
});

describe('ssh host CMD: the command runs there, exit included; -v prints OpenSSH 7.6p1 debug lines', () => {
  const outputs = (lines: string[]) => typeLines(lines).steps.map((s) => s.output.join('\n'));

  it('exit is the remote shell\'s: its status comes back, the laptop session stays', () => {
    expect(outputs(['ssh app-1 exit; echo $?', 'ssh app-1 exit 3; echo $?', 'ssh app-1 "exit 2; echo no"; echo $?', 'hostname'])).toEqual(['0', '3', '2', 'dev-laptop']);
  });

  it('ssh -v: version, configuration files, connection, identities, banner', () => {
    const { steps } = typeLines(['ssh -o ConnectTimeout=5 -v app-1 exit 2>&1']);
    expect(steps[0]!.output).toEqual([
      'OpenSSH_7.6p1 Ubuntu-4ubuntu0.3, OpenSSL 1.0.2n  7 Dec 2017',
      'debug1: Reading configuration data /etc/ssh/ssh_config',
      'debug1: /etc/ssh/ssh_config line 19: Applying options for *',
      'debug1: Connecting to app-1 [10.1.0.5] port 22.',
      'debug1: Connection established.',
      ...['id_rsa', 'id_dsa', 'id_ecdsa', 'id_ed25519'].flatMap((k) => [
        'debug1: key_load_public: No such file or directory',
        `debug1: identity file /home/ana/.ssh/${k} type -1`,
        'debug1: key_load_public: No such file or directory',
        `debug1: identity file /home/ana/.ssh/${k}-cert type -1`,
      ]),
      'debug1: Local version string SSH-2.0-OpenSSH_7.6p1 Ubuntu-4ubuntu0.3',
      'debug1: Remote protocol version 2.0, remote software version OpenSSH_7.6p1 Ubuntu-4ubuntu0.3',
      'debug1: match: OpenSSH_7.6p1 Ubuntu-4ubuntu0.3 pat OpenSSH* compat 0x04000000',
      "debug1: Authenticating to app-1:22 as 'ana'",
      // The key exchange up to the server's host key (session 14); ana's laptop has no known_hosts.
      'debug1: SSH2_MSG_KEXINIT sent',
      'debug1: SSH2_MSG_KEXINIT received',
      'debug1: kex: algorithm: curve25519-sha256',
      'debug1: kex: host key algorithm: ecdsa-sha2-nistp256',
      'debug1: kex: server->client cipher: chacha20-poly1305@openssh.com MAC: <implicit> compression: none',
      'debug1: kex: client->server cipher: chacha20-poly1305@openssh.com MAC: <implicit> compression: none',
      'debug1: expecting SSH2_MSG_KEX_ECDH_REPLY',
      expect.stringMatching(/^debug1: Server host key: ecdsa-sha2-nistp256 SHA256:[A-Za-z0-9+/]{43}$/),
    ]);
    expect(steps[0]!.notes).toEqual(["Not simulated in this drill: the rest of ssh's debug output (the rest of the key exchange, authentication, the session's channels)."]);
  });

  it('ssh -v reads ~/.ssh/config and applies its Host block', () => {
    const lines = typeLines(["printf 'Host app-*\\n    HostName %h.shop.internal\\n    IdentityFile ~/.ssh/id_ed25519\\n' > ~/.ssh_config_tmp", 'mkdir -p ~/.ssh', 'mv ~/.ssh_config_tmp ~/.ssh/config', 'ssh -v app-1 true 2>&1 | head -7']).steps.at(-1)!.output;
    expect(lines).toEqual([
      'OpenSSH_7.6p1 Ubuntu-4ubuntu0.3, OpenSSL 1.0.2n  7 Dec 2017',
      'debug1: Reading configuration data /home/ana/.ssh/config',
      'debug1: /home/ana/.ssh/config line 1: Applying options for app-1',
      'debug1: Reading configuration data /etc/ssh/ssh_config',
      'debug1: /etc/ssh/ssh_config line 19: Applying options for *',
      'debug1: Connecting to app-1.shop.internal [10.1.0.5] port 22.',
      'debug1: Connection established.',
    ]);
  });

  it('ssh -v to a name that does not resolve: the configuration lines, then the error', () => {
    expect(outputs(['ssh -v nowhere'])[0]).toBe('OpenSSH_7.6p1 Ubuntu-4ubuntu0.3, OpenSSL 1.0.2n  7 Dec 2017\ndebug1: Reading configuration data /etc/ssh/ssh_config\ndebug1: /etc/ssh/ssh_config line 19: Applying options for *\nssh: Could not resolve hostname nowhere: Name or service not known');
  });
});
