#!/usr/bin/env bash
# The command tree's by-products: mistyped commands and flags (did you mean, exit 2), `help`, `-V`,
# shell completions and the man page. The list of commands and flags is read from `--help` of
# every command, independently of the generator, so a command or flag missing from a completion
# script or from gdprctl.1 fails here.
set -uo pipefail
: "${GDPRCTL:?set GDPRCTL to the gdprctl binary}" "${SOURCE_DIR:?}"
source "$SOURCE_DIR/tests/cli/support.bash"

# ---- did you mean ---------------------------------------------------------------------------
expect_exit 2 "mistyped command" -- "$GDPRCTL" chek
expect_contains "$err" "gdprctl: error: unknown command \`chek\`; did you mean \`check\`?" "mistyped command message"
expect_exit 2 "mistyped subcommand" -- "$GDPRCTL" register lsit
expect_contains "$err" "unknown command \`lsit\` for \`gdprctl register\`; did you mean \`list\`?" "mistyped subcommand"
expect_exit 2 "mistyped flag" -- "$GDPRCTL" check --fial-on warning
expect_contains "$err" "unknown flag \`--fial-on\` for \`gdprctl check\`; did you mean \`--fail-on\`?" "mistyped flag"
expect_exit 2 "mistyped global flag after a command" -- "$GDPRCTL" check --fromat json
expect_contains "$err" "did you mean \`--format\`?" "global flags are suggested after a command"
expect_exit 2 "nothing close" -- "$GDPRCTL" zzzzzzzz
expect_contains "$err" "unknown command \`zzzzzzzz\`" "unknown word without a suggestion"
expect_contains "$err" "hint: run \`gdprctl --help\` for the list: init, check" "the hint lists the commands"
if [[ $err == *"Run with --help"* ]]; then fail "CLI11's own wording leaks through"; else pass; fi
expect_exit 2 "a value that looks like a command is not one" -- "$GDPRCTL" check --format chek
expect_contains "$err" "cannot write --format chek" "option values are not commands"
expect_exit 2 "no command" -- "$GDPRCTL"
expect_contains "$err" "Usage: gdprctl" "no command prints the usage"

# ---- help and version -----------------------------------------------------------------------
expect_exit 0 "help" -- "$GDPRCTL" help
expect_contains "$out" "Subcommands:" "help lists the commands"
expect_exit 0 "help COMMAND" -- "$GDPRCTL" help check
expect_contains "$out" "--fail-on" "help check is check's help"
expect_exit 0 "help COMMAND SUBCOMMAND" -- "$GDPRCTL" help register add
expect_contains "$out" "Usage: gdprctl register add" "help register add"
expect_exit 2 "help of a mistyped command" -- "$GDPRCTL" help chek
expect_contains "$err" "did you mean \`check\`?" "help chek suggests check"
expect_exit 0 "-V" -- "$GDPRCTL" -V
version=$out
expect_exit 0 "--version" -- "$GDPRCTL" --version
if [[ $out == "$version" && $out == "gdprctl "* ]]; then pass; else fail "-V is --version: [$version] [$out]"; fi

# ---- completions and man page cover the tree -----------------------------------------------------
# Every command path and its flags, from --help alone.
"$PYTHON" - "$GDPRCTL" >"$tmp/tree" <<'PY' || fail "reading the command tree from --help"
import subprocess, sys
gdprctl = sys.argv[1]
def help_of(path):
    return subprocess.run([gdprctl, *path, "--help"], capture_output=True, text=True, check=True).stdout
def walk(path):
    section, flags, subs = None, [], []
    for line in help_of(path).splitlines():
        if line and not line.startswith(" "):
            section = line.rstrip(":") if line.endswith(":") else None
            continue
        stripped = line.strip()
        if not stripped or section is None:
            continue
        if section in ("Options", "Global options") and stripped.startswith("-"):
            flags += [n for n in stripped.split()[0].split(",") if n.startswith("-")]
        elif section == "Subcommands" and line.startswith("  ") and not line.startswith("   "):
            subs.append(stripped.split()[0])
    print(" ".join(path) + "|" + " ".join(flags) + "|" + " ".join(subs))
    for sub in subs:
        walk(path + [sub])
walk([])
PY
commands=$(wc -l <"$tmp/tree")
if ((commands > 20)); then pass; else fail "only $commands commands read from --help"; fi
for shell in bash zsh fish; do
    expect_exit 0 "completion $shell" -- "$GDPRCTL" completion "$shell"
    printf '%s\n' "$out" >"$tmp/completion.$shell"
done
expect_exit 0 "man" -- "$GDPRCTL" man
printf '%s\n' "$out" >"$tmp/gdprctl.1"
missing=0
while IFS='|' read -r path flags subs; do
    for word in $path $subs; do
        for file in "$tmp"/completion.* "$tmp/gdprctl.1"; do
            # roff writes a name's hyphen as \- (setup-roles as setup\-roles).
            wanted=$word
            [ "$file" = "$tmp/gdprctl.1" ] && wanted=${word//-/\\-}
            grep -qwF -- "$wanted" "$file" || { fail "$(basename "$file") lacks command \`$word\` (of \`gdprctl $path\`)"; missing=1; }
        done
    done
    for flag in $flags; do
        long=${flag#--}
        long=${long#-}
        grep -qF -- "$flag" "$tmp/completion.bash" || { fail "bash completion lacks $flag of \`gdprctl $path\`"; missing=1; }
        grep -qF -- "$flag" "$tmp/completion.zsh" || { fail "zsh completion lacks $flag of \`gdprctl $path\`"; missing=1; }
        if [[ $flag == --* ]]; then pattern="-l $long"; else pattern="-s $long"; fi
        grep -qF -- "$pattern" "$tmp/completion.fish" || { fail "fish completion lacks $flag of \`gdprctl $path\`"; missing=1; }
        man_flag=${flag//-/\\-}
        grep -qF -- "$man_flag" "$tmp/gdprctl.1" || { fail "gdprctl.1 lacks $flag of \`gdprctl $path\`"; missing=1; }
    done
done <"$tmp/tree"
((missing == 0)) && pass

# The bash script completes in a real bash: commands, subcommands, flags, files after a value flag.
complete_words() {  # words...; prints COMPREPLY
    bash -c 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _gdprctl; printf "%s\n" "${COMPREPLY[@]}"' \
        _ "$tmp/completion.bash" "$@"
}
expect_contains "$(complete_words gdprctl ch)" "check" "bash: command"
expect_contains "$(complete_words gdprctl register "")" "review" "bash: subcommand"
expect_contains "$(complete_words gdprctl check --fa)" "--fail-on" "bash: command flag"
expect_contains "$(complete_words gdprctl check --work)" "--workspace" "bash: global flag after a command"
mkdir -p "$tmp/files" && touch "$tmp/files/out.sarif"
expect_contains "$(cd "$tmp/files" && complete_words gdprctl check --output-file o)" "out.sarif" "bash: a file after --output-file"
if bash -n "$tmp/completion.bash"; then pass; else fail "bash completion does not parse"; fi
if command -v zsh >/dev/null; then
    if zsh -n "$tmp/completion.zsh"; then pass; else fail "zsh completion does not parse"; fi
fi
if command -v fish >/dev/null; then
    if fish -n "$tmp/completion.fish"; then pass; else fail "fish completion does not parse"; fi
fi

# The files the build generated are the binary's own output (cmake --install ships those).
build_share=$(dirname "$(dirname "$(dirname "$GDPRCTL")")")/share
if [[ -d $build_share ]]; then
    cmp -s "$build_share/completions/gdprctl.bash" "$tmp/completion.bash" && pass || fail "build/share/completions/gdprctl.bash is stale"
    cmp -s "$build_share/man/man1/gdprctl.1" "$tmp/gdprctl.1" && pass || fail "build/share/man/man1/gdprctl.1 is stale"
fi
if command -v groff >/dev/null; then
    warnings=$(groff -man -Tutf8 -ww -z "$tmp/gdprctl.1" 2>&1)
    [[ -z $warnings ]] && pass || fail "groff warns on gdprctl.1: $warnings"
fi

expect_exit 2 "completion for an unknown shell" -- "$GDPRCTL" completion tcsh
expect_contains "$err" "use one of: bash, zsh, fish" "unknown shell hint"

finish
