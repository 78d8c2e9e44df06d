// @vitest-environment node
/**
 * The thirteenth session's shell findings: bash and dash as programs (`bash -c`, `sh -c`,
 * scripts, `-n`, `--version`), their error words as bash 4.4.20 and dash 0.5.8 print them, the
 * files /bin/bash, /bin/dash and /bin/sh → dash, and command-not-found 18.04.5's layout.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { runText } from './text-fixture';
import { oneEditAway } from '../../../src/sim/programs/notInstalled';
import { scriptChunks } from '../../../src/sim/shell/shellProgram';

const lines = (typed: readonly string[]) => runText(typed).map((s) => s.output.join('\n'));
const last = (typed: readonly string[]) => lines(typed).at(-1)!;

const SCRIPT = String.raw`printf '#!/bin/bash\n# a comment\nX=5\ncd /tmp\necho "x=$X in $(pwd) args $# $1"\nif [ -d /etc ]; then\n  echo yes\nfi\nfor i in a b\ndo\n  echo $i\ndone\nnosuch\nexit 4\necho never\n' > t.sh`;

describe('bash -c and sh -c run a string in a child shell', () => {
  it.each([
    ['bash -c "echo hi"', 'hi'],
    ["sh -c 'echo $0 $1 $#' foo bar baz", 'foo bar 2'],
    ["bash -c 'echo $0'", 'bash'],
    ["bash -c 'echo \"$@\"' name a b", 'a b'],
    ["bash -c 'cd /tmp; pwd; exit 3'; echo \"st=$?\"; pwd", '/tmp\nst=3\n/home/sam'],
    ["bash -c 'export Z=1'; echo \"Z=$Z\"", 'Z='],
    ["bash -c 'echo $SHLVL'", '2'],
    ["bash -c 'exit 300'; echo $?", '44'],
    ["sh -c false && echo no || echo yes", 'yes'],
    ["printf 'a\\nb\\n' | bash -c 'while read l; do echo got $l; done'", 'got a\ngot b'],
    ["cat /etc/hostname | sh -c cat", 'bakery-1'],
  ])('%s', (line, expected) => {
    expect(last([line])).toBe(expected);
  });

  it('errors carry the shell\'s own name: bash 4.4 numbers a builtin\'s from line 0, dash says `1:`', () => {
    expect(last(["bash -c 'cd /nope'; echo $?"])).toBe('bash: line 0: cd: /nope: No such file or directory\n1');
    expect(last(["sh -c 'cd /nope'"])).toBe("sh: 1: cd: can't cd to /nope");
    expect(last(['bash -c foo; echo $?'])).toBe('bash: foo: command not found\n127');
    expect(last(['sh -c foo; echo $?'])).toBe('sh: 1: foo: not found\n127');
    expect(last(["bash -c 'echo x > /etc/g'"])).toBe('bash: /etc/g: Permission denied');
    expect(last(["sh -c 'echo x > /etc/g'"])).toBe('sh: 1: cannot create /etc/g: Permission denied');
    expect(last(["sh -c 'cat < /nope'"])).toBe('sh: 1: cannot open /nope: No such file');
  });

  it('syntax errors: bash names -c and the line, dash its own words', () => {
    expect(last(["bash -c 'echo \"x'; echo $?"])).toBe("bash: -c: line 0: unexpected EOF while looking for matching `\"'\nbash: -c: line 1: syntax error: unexpected end of file\n2");
    expect(last(["bash -c 'echo a |;'"])).toBe("bash: -c: line 0: syntax error near unexpected token `;'\nbash: -c: line 0: `echo a |;'");
    expect(last(["sh -c 'echo a |;'"])).toBe('sh: 1: Syntax error: ";" unexpected');
    expect(last(["sh -c 'if true'"])).toBe('sh: 1: Syntax error: end of file unexpected (expecting "then")');
    expect(last(["sh -c 'echo \"x'"])).toBe('sh: 1: Syntax error: Unterminated quoted string');
  });

  it('-c without its string', () => {
    expect(last(['bash -c; echo $?'])).toBe('bash: -c: option requires an argument\n2');
    expect(last(['sh -c; echo $?'])).toBe('sh: 0: -c requires an argument\n2');
  });

  it('bash --version is 4.4.20; dash has no --version', () => {
    expect(last(['bash --version'])).toBe(
      [
        'GNU bash, version 4.4.20(1)-release (x86_64-pc-linux-gnu)',
        'Copyright (C) 2016 Free Software Foundation, Inc.',
        'License GPLv3+: GNU GPL version 3 or later <http://gnu.org/licenses/gpl.html>',
        '',
        'This is free software; you are free to change and redistribute it.',
        'There is NO WARRANTY, to the extent permitted by law.',
      ].join('\n'),
    );
    expect(last(['sh --version; echo $?'])).toBe('sh: 0: Illegal option --\n2');
  });

  it('a bare interactive shell is not simulated, in the drill\'s voice', () => {
    const step = runText(['bash']).at(-1)!;
    expect(step.output).toEqual([]);
    expect(step.notes[0]).toMatch(/^Not simulated in this drill: a nested interactive shell/);
  });
});

describe('the identity under sudo is the target user\'s', () => {
  it('sudo -u USER bash -c, sudo sh -c with a redirection', () => {
    expect(last(["sudo -u www-data bash -c 'whoami; cat /root/secret.txt'"])).toBe('www-data\ncat: /root/secret.txt: Permission denied');
    expect(last(["sudo sh -c 'echo x > /etc/f'; cat /etc/f; ls -l /etc/f"])).toMatch(/^x\n-rw-r--r-- 1 root root 2 /);
    expect(last(["sudo bash -c 'whoami; echo $USER'"])).toBe('root\nroot');
  });
});

describe('bash FILE and sh FILE run a script line by line', () => {
  it('variables and cd hold from line to line, not after; errors name the script and line; exit ends it', () => {
    expect(lines([SCRIPT, 'bash t.sh one; echo "st=$?"; pwd']).at(-1)).toBe('x=5 in /tmp args 1 one\nyes\na\nb\nt.sh: line 13: nosuch: command not found\nst=4\n/home/sam');
    expect(lines([SCRIPT, 'sh t.sh one two']).at(-1)).toBe('x=5 in /tmp args 2 one\nyes\na\nb\nt.sh: 13: t.sh: nosuch: not found');
  });

  it('a syntax error stops the script where bash finds it; -n only checks', () => {
    const bad = "printf 'echo a\\nif true; then\\n' > bad.sh";
    expect(lines([bad, 'bash bad.sh; echo $?']).at(-1)).toBe('a\nbad.sh: line 3: syntax error: unexpected end of file\n2');
    expect(lines([bad, 'bash -n bad.sh; echo $?']).at(-1)).toBe('bad.sh: line 3: syntax error: unexpected end of file\n2');
    expect(lines([bad, 'sh bad.sh']).at(-1)).toBe('a\nbad.sh: 3: bad.sh: Syntax error: end of file unexpected (expecting "fi")');
    expect(lines([SCRIPT, 'bash -n t.sh; echo $?']).at(-1)).toBe('0');
  });

  it('a missing script', () => {
    expect(last(['bash nosuch.sh; echo $?'])).toBe('bash: nosuch.sh: No such file or directory\n127');
    expect(last(['sh nosuch.sh; echo $?'])).toBe("sh: 0: Can't open nosuch.sh\n127");
  });

  it('commands piped in are the script', () => {
    expect(last(["echo 'echo from-stdin; foo' | bash"])).toBe('from-stdin\nbash: line 1: foo: command not found');
  });

  it('property: a script of plain echo lines prints what the lines say, in order', () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[a-z0-9]{1,8}$/), { minLength: 1, maxLength: 6 }), (words) => {
        const parsed = scriptChunks(words.map((w) => `echo ${w}`).join('\n'));
        expect(parsed.error).toBeUndefined();
        expect(parsed.chunks.map((c) => c.line)).toEqual(words.map((_w, i) => i + 1));
      }),
    );
  });
});

describe('/bin/bash, /bin/dash and /bin/sh agree with which, type and file', () => {
  it('ls -l, which, type, file, stat', () => {
    expect(last(['ls -l /bin/bash /bin/dash /bin/sh'])).toBe(['-rwxr-xr-x 1 root root 1113504 Jun  6  2019 /bin/bash', '-rwxr-xr-x 1 root root  121432 Jan 25  2018 /bin/dash', 'lrwxrwxrwx 1 root root       4 Jan 25  2018 /bin/sh -> dash'].join('\n'));
    expect(last(['which bash sh dash'])).toBe('/bin/bash\n/bin/sh\n/bin/dash');
    expect(last(['type bash sh'])).toBe('bash is /bin/bash\nsh is /bin/sh');
    expect(last(['file /bin/sh'])).toBe('/bin/sh: symbolic link to dash');
    expect(last(['file /bin/bash'])).toBe('/bin/bash: ELF 64-bit LSB shared object, x86-64, version 1 (SYSV), dynamically linked, interpreter /lib64/l, for GNU/Linux 3.2.0, BuildID[sha1]=12f73d7a8e226c663034529c8dd20efec22dde54, stripped');
    expect(last(['stat -c %s /bin/bash; wc -c /bin/dash'])).toBe('1113504\n121432 /bin/dash');
  });
});

describe("command-not-found 18.04.5's layout", () => {
  it('a program in a package: an empty line, the header, an empty line, the package, an empty line', () => {
    expect(runText(['ifconfig']).at(-1)!.output).toEqual(['', "Command 'ifconfig' not found, but can be installed with:", '', 'sudo apt install net-tools', '']);
    expect(runText(['sudo -u www-data bash -c true', 'sudo -i', 'nmap x']).at(-1)!.output).toEqual(['', "Command 'nmap' not found, but can be installed with:", '', 'apt install nmap', '']);
  });

  it('several packages: each name padded to the longest (`%-*s`)', () => {
    expect(runText(['traceroute 1.1.1.1']).at(-1)!.output).toEqual(['', "Command 'traceroute' not found, but can be installed with:", '', 'sudo apt install inetutils-traceroute', 'sudo apt install traceroute          ', '']);
  });

  it('a name one edit away from a packaged command gets the spelling suggestions', () => {
    expect(runText(['ifconfg']).at(-1)!.output).toEqual(['', "Command 'ifconfg' not found, did you mean:", '', "  command 'ifconfig' from deb net-tools", '', 'Try: sudo apt install <deb name>', '']);
  });

  it('an unknown name is the handler\'s plain line; under bash -c, bash\'s own', () => {
    expect(runText(['zzzz']).at(-1)!.output).toEqual(['zzzz: command not found']);
    expect(runText(["bash -c 'ifconfig'"]).at(-1)!.output).toEqual(['bash: ifconfig: command not found']);
  });

  it('property: one-edit words are symmetric for deletes and inserts within the alphabet', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z]{3,10}$/), fc.nat(), fc.constantFrom(...'abcxyz-_09'), (word, at, ch) => {
        const i = at % (word.length + 1);
        const longer = word.slice(0, i) + ch + word.slice(i);
        expect(oneEditAway(word, longer)).toBe(true);
        expect(oneEditAway(longer, word)).toBe(true);
        expect(oneEditAway(word, word)).toBe(false);
      }),
    );
  });
});

describe('ssh-keygen -l works its fingerprints out from the key bytes', () => {
  it('an ed25519 public key: 256 bits, SHA256 of the blob, base64 without padding', () => {
    const key = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl sam@bakery-1';
    const made = `printf '${key}\\n' > k.pub`;
    expect(lines([made, 'ssh-keygen -lf k.pub']).at(-1)).toMatch(/^256 SHA256:[A-Za-z0-9+/]{43} sam@bakery-1 \(ED25519\)$/);
    expect(lines([made, 'ssh-keygen -l -E md5 -f k.pub']).at(-1)).toMatch(/^256 MD5:([0-9a-f]{2}:){15}[0-9a-f]{2} sam@bakery-1 \(ED25519\)$/);
    expect(last(['ssh-keygen -lf nosuch; echo $?'])).toBe('nosuch: No such file or directory\n255');
    expect(last(['ssh-keygen -lf /home/sam/words.txt; echo $?'])).toBe('/home/sam/words.txt is not a public key file.\n255');
  });
});
