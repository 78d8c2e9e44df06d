// @vitest-environment node
/**
 * The fourteenth session's shell findings: running a file by its path or from a PATH directory
 * (its `#!` line, bash 4.4's shell_execve and dash 0.5.8's shellexec errors), `"$@"` and `"$*"`,
 * `set --` and `shift`, and dash's status 2 for a failing builtin and exit on a special one.
 */
import { describe, expect, it } from 'vitest';
import { runText } from './text-fixture';

const lines = (typed: readonly string[]) => runText(typed).map((s) => s.output.join('\n'));
const last = (typed: readonly string[]) => lines(typed).at(-1)!;
const notesOf = (typed: readonly string[]) => runText(typed).at(-1)!.notes ?? [];

/** A script file written as the trainee would, with printf. */
const script = (path: string, body: string) => `printf '${body.replace(/\n/g, '\\n')}' > ${path}`;

describe('a file run by its path', () => {
  const X = script('x.sh', '#!/bin/bash\necho "hi $1 $# $0"\nnosuch\n');

  it('without an execute bit bash refuses it with 126; chmod +x sets the bit', () => {
    expect(last([X, './x.sh; echo $?'])).toBe('-bash: ./x.sh: Permission denied\n126');
    expect(last([X, 'chmod +x x.sh', 'ls -l x.sh'])).toMatch(/^-rwxrwxr-x 1 sam sam \d+ \w{3} [ \d]\d \d\d:\d\d x\.sh$/);
  });

  it('with x it runs through its #! line, with its arguments, naming itself in errors', () => {
    expect(last([X, 'chmod +x x.sh', "./x.sh a 'b c'; echo $?"])).toBe('hi a 2 ./x.sh\n./x.sh: line 3: nosuch: command not found\n127');
    expect(last([X, 'chmod +x x.sh', '/home/sam/x.sh z'])).toBe('hi z 1 /home/sam/x.sh\n/home/sam/x.sh: line 3: nosuch: command not found');
  });

  it('#!/bin/sh runs it with dash, #!/usr/bin/env bash with bash', () => {
    expect(last([script('s.sh', '#!/bin/sh\necho "$0 $1"\nnosuch\ncd /nope\necho after $?\n'), 'chmod 755 s.sh', './s.sh one'])).toBe(
      "./s.sh one\n./s.sh: 3: ./s.sh: nosuch: not found\n./s.sh: 4: cd: can't cd to /nope\nafter 2",
    );
    expect(last([script('e.sh', '#!/usr/bin/env bash\necho "env $0 $BASH_VERSION$1"\n'), 'chmod +x e.sh', './e.sh !'])).toBe('env ./e.sh !');
  });

  it('with no #! line bash runs it as a bash script; an empty file runs as nothing', () => {
    expect(last([script('plain', 'echo plain $0 $1\n'), 'chmod +x plain', './plain 7'])).toBe('plain ./plain 7');
    expect(last(['touch empty', 'chmod +x empty', './empty; echo $?'])).toBe('0');
  });

  it("bash's words for a missing file, a directory and a missing interpreter", () => {
    expect(last(['./nope.sh; echo $?'])).toBe('-bash: ./nope.sh: No such file or directory\n127');
    expect(last(['mkdir d', './d; echo $?'])).toBe('-bash: ./d: Is a directory\n126');
    expect(last([script('p.sh', '#!/usr/bin/python4\nprint(1)\n'), 'chmod +x p.sh', './p.sh; echo $?'])).toBe('-bash: ./p.sh: /usr/bin/python4: bad interpreter: No such file or directory\n126');
    expect(last([script('p.sh', '#!/usr/bin/python4\n'), 'chmod +x p.sh', "bash -c './p.sh'"])).toBe('bash: ./p.sh: /usr/bin/python4: bad interpreter: No such file or directory');
    expect(last([script('p.sh', '#!/usr/bin/env python4\n'), 'chmod +x p.sh', './p.sh; echo $?'])).toBe("/usr/bin/env: 'python4': No such file or directory\n127");
  });

  it('bash numbers its file errors in a script, never the bad-interpreter one (sys_error)', () => {
    const typed = [script('p.sh', '#!/usr/bin/python4\n'), 'chmod +x p.sh', script('run.sh', './nope\n./p.sh\n'), 'bash run.sh'];
    expect(last(typed)).toBe('run.sh: line 1: ./nope: No such file or directory\nrun.sh: ./p.sh: /usr/bin/python4: bad interpreter: No such file or directory');
  });

  it("dash's words: not found (127) for a missing file or interpreter, Permission denied (126) for a directory", () => {
    expect(last(["sh -c './nope'; echo $?"])).toBe('sh: 1: ./nope: not found\n127');
    expect(last(['mkdir d', "sh -c ./d; echo $?"])).toBe('sh: 1: ./d: Permission denied\n126');
    expect(last([script('p.sh', '#!/usr/bin/python4\n'), 'chmod +x p.sh', 'sh -c ./p.sh; echo $?'])).toBe('sh: 1: ./p.sh: not found\n127');
    expect(last(['touch n.sh', 'sh -c ./n.sh; echo $?'])).toBe('sh: 1: ./n.sh: Permission denied\n126');
  });

  it('a directory on the way that the user may not search refuses it, whatever is behind it', () => {
    const typed = [`sudo sh -c "printf '#!/bin/sh\\necho secret\\n' > /root/r.sh; chmod 755 /root/r.sh"`];
    expect(last([...typed, '/root/r.sh; echo $?'])).toBe('-bash: /root/r.sh: Permission denied\n126');
    expect(last([...typed, '/root/nope; echo $?'])).toBe('-bash: /root/nope: Permission denied\n126');
    expect(last([...typed, 'sudo /root/r.sh'])).toBe('secret');
  });

  it("the drill's own programs still run by their path; a path where Ubuntu 18.04 has none does not", () => {
    expect(last(['/bin/ls -d /tmp'])).toBe('/tmp');
    expect(last(['/bin/sh -c \'echo $0\''])).toBe('sh');
    expect(last(['/usr/bin/ls; echo $?'])).toBe('-bash: /usr/bin/ls: No such file or directory\n127');
  });

  it('type and command -v name an executable path as itself', () => {
    expect(last(['touch a.sh', 'chmod +x a.sh', 'type ./a.sh; command -v ./a.sh; type /bin/ls; type ./b.sh; echo $?'])).toBe('./a.sh is ./a.sh\n./a.sh\n/bin/ls is /bin/ls\n-bash: type: ./b.sh: not found\n1');
  });

  it('a script of another language is a drill note, not an error', () => {
    const typed = [script('py', '#!/usr/bin/python3\nprint(1)\n'), 'chmod +x py', './py'];
    expect(last(typed)).toBe('');
    expect(notesOf(typed).join('\n')).toContain('Not simulated in this drill: running a script with python3 (./py).');
  });
});

describe('an executable file in a PATH directory', () => {
  it('~/bin once on the PATH: found by name, $0 its full path; without x bash is refused', () => {
    const setup = ['mkdir ~/bin', script('bin/hello', '#!/bin/bash\necho "hello $0 $@"\n'), 'chmod +x bin/hello'];
    expect(last([...setup, 'hello; echo $?'])).toMatch(/hello: command not found\n127$/);
    expect(last([...setup, 'PATH=$PATH:$HOME/bin', 'hello a b'])).toBe('hello /home/sam/bin/hello a b');
    expect(last([...setup, 'PATH=$PATH:$HOME/bin', 'chmod -x bin/hello', 'hello; echo $?'])).toBe('-bash: /home/sam/bin/hello: Permission denied\n126');
    expect(last([...setup, 'bin/hello x'])).toBe('hello bin/hello x');
  });

  it('/usr/local/bin, written with sudo: found by name, by which and type, and by sudo', () => {
    const setup = [script('t', '#!/bin/sh\necho "tool $0 $#"\n'), 'sudo cp t /usr/local/bin/tool', 'sudo chmod 755 /usr/local/bin/tool'];
    expect(last([...setup, "tool 1 '2 3'"])).toBe('tool /usr/local/bin/tool 2');
    expect(last([...setup, 'which tool; type tool'])).toBe('/usr/local/bin/tool\ntool is /usr/local/bin/tool');
    expect(last([...setup, 'sudo tool x'])).toBe('tool /usr/local/bin/tool 1');
  });

  it("bash expands ~ after an assignment's = and each : (PATH=$PATH:~/bin)", () => {
    expect(last(['mkdir ~/bin', script('bin/hello', '#!/bin/sh\necho hello\n'), 'chmod +x bin/hello', 'PATH=$PATH:~/bin', 'hello'])).toBe('hello');
    expect(last(['X=~; Y=~root:a~b; Z="~"; echo $X $Y $Z'])).toBe('/home/sam /root:a~b ~');
  });

  it("sudo logs the script's path on its secure_path", () => {
    const typed = [script('t', '#!/bin/sh\necho t\n'), 'sudo cp t /usr/local/bin/tool', 'sudo chmod 755 /usr/local/bin/tool', 'sudo tool', "sudo grep 'COMMAND=/usr/local/bin/tool$' /var/log/auth.log"];
    expect(last(typed)).toMatch(/ sudo: +sam : TTY=pts\/0 ; PWD=\/home\/sam ; USER=root ; COMMAND=\/usr\/local\/bin\/tool$/);
  });

  it('base-files makes /usr/local\'s tree', () => {
    expect(last(['ls /usr/local'])).toBe('bin  etc  games  include  lib  man  sbin  share  src');
  });
});

describe('"$@", "$*", $#, set -- and shift', () => {
  it.each([
    [`bash -c 'for a in "$@"; do echo "[$a]"; done' x 'a b' c`, '[a b]\n[c]'],
    [`bash -c 'for a in $@; do echo "[$a]"; done' x 'a b' c`, '[a]\n[b]\n[c]'],
    [`bash -c 'for a in "$*"; do echo "[$a]"; done' x 'a b' c`, '[a b c]'],
    [`bash -c 'for a in $*; do echo "[$a]"; done' x 'a b' c`, '[a]\n[b]\n[c]'],
    [`bash -c 'IFS=,; echo "$*"' x 'a b' c`, 'a b,c'],
    [`bash -c 'for a in "x$@y"; do echo "[$a]"; done' x 'a b' c`, '[xa b]\n[cy]'],
    [`bash -c 'for a in "$@"; do echo "[$a]"; done; echo $#' x`, '0'],
    [`bash -c 'printf "%s|" "$@"; echo' x '' b`, '|b|'],
    [`bash -c 'for a; do echo "[$a]"; done' x 1 '2 3'`, '[1]\n[2 3]'],
    [`bash -c 'echo "$(echo $1)"' x y`, 'y'],
    [`sh -c 'for a in "$@"; do echo "<$a>"; done' x 'p q'`, '<p q>'],
  ])('%s', (line, expected) => {
    expect(last([line])).toBe(expected);
  });

  it('set -- gives new positional parameters; shift drops them; bash says nothing when there are too few', () => {
    expect(last([`bash -c 'set -- 1 "2 3"; echo $#; for a in "$@"; do echo "<$a>"; done; shift; echo "$1" $#; shift 5; echo st=$?'`])).toBe('2\n<1>\n<2 3>\n2 3 1\nst=1');
    expect(last(['set -- a "b c"; echo $# "$2"; shift; echo "$1" $#'])).toBe('2 b c\nb c 1');
    expect(last(['set -- a b', 'echo $# $2'])).toBe('2 b');
  });

  it("set's bad options: bash's usage, dash's Illegal option (and dash ends the shell)", () => {
    expect(last(['set -Z; echo $?'])).toBe('-bash: set: -Z: invalid option\nset: usage: set [-abefhkmnptuvxBCHP] [-o option-name] [--] [arg ...]\n2');
    expect(last(["sh -c 'set -Z; echo after'; echo $?"])).toBe('sh: 1: set: Illegal option -Z\n2');
  });
});

describe('dash and a failing builtin', () => {
  it('cd is a regular builtin in dash 0.5.8: its error sets the status to 2 and the shell goes on', () => {
    expect(last(["sh -c 'cd /nope; echo after $?'"])).toBe("sh: 1: cd: can't cd to /nope\nafter 2");
    expect(last(["sh -c 'cd /nope'; echo $?"])).toBe("sh: 1: cd: can't cd to /nope\n2");
  });

  it('a special builtin (shift) that fails ends sh -c and a script with 2; $0 names the shell', () => {
    expect(last(["sh -c 'shift 5; echo after' x; echo $?"])).toBe("x: 1: shift: can't shift that many\n2");
    expect(last([script('s.sh', 'echo one\nshift 3\necho two\n'), 'sh s.sh; echo $?'])).toBe("one\ns.sh: 2: shift: can't shift that many\n2");
  });

  it('bash -c goes on after a failed cd, its error numbered line 0', () => {
    expect(last(["bash -c 'cd /nope; echo after $?'"])).toBe('bash: line 0: cd: /nope: No such file or directory\nafter 1');
  });

  it("a shell's stdout and stderr reach the terminal in the order written", () => {
    expect(last(["bash -c 'echo a; nosuch; echo b'"])).toBe('a\nbash: nosuch: command not found\nb');
  });
});
