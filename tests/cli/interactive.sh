#!/usr/bin/env bash
# End-to-end: the questions of `register add`, at a real terminal (a pseudo-terminal driven by
# drive_pty.py: line editing and history through libedit) and with answers piped to --interactive.
# A wrong answer is asked again; a refusal never loses the answers.
set -u
: "${GDPRCTL:?set GDPRCTL to the gdprctl binary}"
: "${SOURCE_DIR:?set SOURCE_DIR to the source tree}"
source "$SOURCE_DIR/tests/cli/support.bash"
G="$GDPRCTL"
cd "$tmp" || exit 1
W=(--workspace ws --as-of 2026-11-25)
"$G" --as-of 2026-11-25 init ws --org "Acme B.V." --country NL --contact privacy@acme.example \
    --responsible ISO --authority "Autoriteit Persoonsgegevens" >/dev/null || fail "init"

# --- at a terminal: a US processor, a legal obligation, health data ------------------------------
# Owner is typed with <up> (the previous answer from the history); the description is corrected
# with the left arrow; `special.healthh` and the country `USA` are wrong and asked again.
cat > session.txt <<'STEPS'
System id (e.g. crm): 	hr
Name: 	HR
Owner (team or role): 	<up>
What the system does, in a sentence: 	Keeps staff fles<left><left><left>i
Data subjects	employee
Data (comma-separated): 	identity.name, special.healthh
Replace `special.healthh` with (empty: drop it): 	special.health
Purpose id (e.g. service-delivery): 	payroll
Lawful basis: 	legal-obligation
in plain words, for the privacy notice	Pay salaries and report wage tax
Data this purpose uses	
The law that imposes the obligation	Wet op de loonbelasting 1964
Art. 9(2) condition [9(2)(b)]: 	
Next purpose id (empty when done)	
Recipients the system shares data with	payroll-us
Add recipient `payroll-us` now? [Y/n]: 	y
Name of the organisation: 	Payroll Inc
Role (	processor
Country (ISO 3166-1 alpha-2, e.g. US): 	USA
Country (ISO 3166-1 alpha-2, e.g. US): 	us
Agreement signed on (YYYY-MM-DD): 	2025-01-01
Agreement reference (optional): 	DPA-2025-01
Transfer mechanism (	scc
Categories of the next rule	
Kept for	P7Y
Counted from	end-of-employment
Security measures	tls, access-control
END	0
STEPS
if python3 "$SOURCE_DIR/tests/cli/drive_pty.py" session.txt -- "$G" "${W[@]}" register add > pty.out 2> pty.err; then
    pass
else
    fail "pty session: $(cat pty.err)"; sed 's/^/  | /' pty.out
fi
session=$(cat pty.out)
expect_contains "$session" 'did you mean `special.health`?' "the wrong category is reported at once"
expect_contains "$session" '`USA` is not an ISO 3166-1 alpha-2 code' "the wrong country is reported at once"
expect_contains "$session" 'outside the EEA' "a US recipient is asked for its transfer mechanism"
system=$(cat ws/systems/hr.yaml 2>/dev/null)
expect_contains "$system" "owner: HR" "the owner came from the history (up arrow)"
expect_contains "$system" "description: Keeps staff files" "the left arrow edited the line"
expect_contains "$system" "data: [identity.name, special.health]" "the corrected category is kept with the others"
expect_contains "$system" "law: Wet op de loonbelasting 1964" "the law of a legal obligation"
expect_contains "$system" "special_condition: 9(2)(b)" "employees' health data: 9(2)(b) suggested and taken"
expect_contains "$system" "country: US" "the country code in any case"
expect_contains "$system" "transfer: scc" "the transfer mechanism"
expect_contains "$system" "agreement: {signed: 2025-01-01, reference: DPA-2025-01}" "the processor's agreement"
expect_exit 0 "the new system passes check" -- "$G" "${W[@]}" check

# --- piped answers (--interactive): a refusal, one field answered again ----------------------------
# --data comes from a flag with a typo: the system is refused; answering `data` again fixes it.
printf '%s\n' crm CRM Sales "Keeps customers" customer service contract "Deliver the service" "" "" "" "" \
    P2Y end-of-contract tls data contact.email service contract "Deliver the service" "" "" "" P2Y \
    end-of-contract > answers.txt
expect_exit 0 "a refused system is fixed field by field" -- \
    "$G" "${W[@]}" register add -i --data contact.emial < answers.txt
expect_contains "$err" "error[unknown-data-category]" "the refusal shows the finding"
expect_contains "$err" "Field to answer again" "the refusal offers to fix a field"
[ -f ws/systems/crm.yaml ] && pass || fail "the fixed system was written"

# --- piped answers: stop after the refusal; nothing is written, the command line reproduces it ---
printf '%s\n' web Website Marketing "The public website" visitor "" tls "" > answers.txt
expect_exit 1 "stopping after a refusal writes nothing" -- \
    "$G" "${W[@]}" register add -i --data online.ip-addres --purpose stats:legitimate-interests \
    --lia stats=LIA-7 --purpose-description 'stats=Count visits' --retention online:P1Y < answers.txt
[ ! -f ws/systems/web.yaml ] && pass || fail "nothing was written after stopping"
expect_contains "$err" "These commands reproduce your answers:" "the refusal prints the command line"
line=$(grep -F "register add --id web" <<<"$err" | sed 's/^  //')
expect_contains "$line" "--lia stats=LIA-7" "the command line keeps the per-purpose answers"
expect_contains "$line" "--description 'The public website'" "the command line quotes for the shell"
expect_exit 1 "the printed command line gives the same answers (and the same refusal)" -- \
    bash -c "G=\"$G\"; ${line/#gdprctl/\"\$G\"}"
expect_contains "$err" "online.ip-addres" "the reproduced command names the same data"

# --- end of input ----------------------------------------------------------------------------------
expect_exit 2 "end of input writes nothing" -- "$G" "${W[@]}" register add -i < /dev/null
expect_contains "$err" "input ended before every question was answered; nothing was written" "end of input"

finish
