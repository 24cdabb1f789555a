#!/usr/bin/env python3
"""Drives gdprctl at a real terminal (a pseudo-terminal), as a person would: waits for each
question, types the answer (with arrow keys where a step says so) and checks that what the
program printed contains what it should. Used by tests/cli/interactive.sh; not a suite itself.

usage: drive_pty.py TRANSCRIPT -- COMMAND...
TRANSCRIPT holds one step per line, `EXPECT<TAB>ANSWER`: wait until the output (escape sequences
removed) shows EXPECT after the previous match, then type ANSWER and Enter. ANSWER may use
<up>, <left> and <right> for the arrow keys. A line `END<TAB>CODE` ends the run: the program must
exit with CODE. The whole session is printed to stdout (for the suite to inspect), the reason
for a failure to stderr."""
import os
import pty
import re
import select
import sys
import time

KEYS = {"<up>": "\x1b[A", "<down>": "\x1b[B", "<left>": "\x1b[D", "<right>": "\x1b[C"}
ESCAPES = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][A-Za-z0-9]|\x1b[=>]|\r|\x07|\x08")


def main():
    transcript, command = sys.argv[1], sys.argv[sys.argv.index("--") + 1:]
    steps = [line.rstrip("\n").split("\t", 1) for line in open(transcript, encoding="utf-8") if line.strip()]
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["TERM"] = "xterm"
        os.execvp(command[0], command)
    raw = b""
    seen = 0

    def read_some(timeout):
        nonlocal raw
        ready, _, _ = select.select([fd], [], [], timeout)
        if not ready:
            return True
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            return False
        if not chunk:
            return False
        raw += chunk
        return True

    def text():
        return ESCAPES.sub("", raw.decode("utf-8", "replace"))

    for expect, answer in steps:
        if expect == "END":
            deadline = time.time() + 20
            status = None
            while status is None and time.time() < deadline:
                read_some(0.2)
                done, code = os.waitpid(pid, os.WNOHANG)
                if done:
                    status = code
            while read_some(0.1) and select.select([fd], [], [], 0)[0]:
                pass
            sys.stdout.write(text())
            if status is None:
                os.kill(pid, 9)
                sys.stderr.write("the program did not end\n")
                return 1
            code = os.waitstatus_to_exitcode(status)
            if code != int(answer):
                sys.stderr.write(f"exit {code}, expected {answer}\n")
                return 1
            return 0
        deadline = time.time() + 20
        while True:
            at = text().find(expect, seen)
            if at >= 0:
                seen = at + len(expect)
                break
            if time.time() > deadline or not read_some(0.5):
                sys.stdout.write(text())
                sys.stderr.write(f"timed out waiting for [{expect}]\n")
                os.kill(pid, 9)
                return 1
        time.sleep(0.05)
        typed = answer
        for name, sequence in KEYS.items():
            typed = typed.replace(name, sequence)
        os.write(fd, (typed + "\r").encode())
    sys.stderr.write("the transcript has no END line\n")
    return 1


if __name__ == "__main__":
    sys.exit(main())
