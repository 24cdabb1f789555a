#!/usr/bin/env python3
"""Generates a large, realistic gdprctl register for benchmarks.

N systems spread over F files under systems/, plus recipients, cookies and gdpr.yaml; the
field mix follows lib/register/decode.cpp: purposes with every lawful basis, consent blocks,
legitimate-interest and legal-obligation references, retention rules, recipients with
agreements and transfers, cookies, comments, block and flow style, quoted and plain scalars.
Deterministic for a given seed. About one system in a hundred carries a problem (unknown data
category, missing evidence, bad duration, misspelt field, dangling reference, duplicate key,
undetermined retention) so that the diagnostics path is exercised too; one file in the default
set has a YAML syntax error.

    generate_register.py OUT_DIR [--systems 10000] [--files 1000] [--seed 1]
"""
import argparse
import os
import random
import shutil

DATA = [
    "identity.name", "identity.date-of-birth", "identity.gender", "identity.national-id",
    "identity.id-document", "contact.email", "contact.phone", "contact.address",
    "financial.bank-account", "financial.payment-card", "financial.transactions", "financial.invoices",
    "online.ip-address", "online.cookie-id", "online.device", "online.website-activity",
    "location.approximate", "location.cell", "communications.call-records",
    "communications.traffic-data", "account.username", "account.credentials", "account.preferences",
    "employment.contract", "telecom.port-requests",
]
SUBJECTS = ["customer", "prospect", "employee", "applicant", "supplier-contact", "website-visitor",
            "subscriber", "reseller"]
OWNERS = ["Sales", "Support", "Operations", "Finance", "HR", "Marketing", "Network Engineering",
          "Information Security", "Legal"]
SECURITY = ["tls", "access-control", "encryption-at-rest", "backups", "mfa", "logging",
            "pseudonymisation", "network-segmentation"]
SOURCES = ["data subject", "web form", "partner import", "public register"]
AFTER = ["collection", "end-of-contract", "last-contact", "account-closure", "application-decision",
         "invoice-date"]
LAWS = ["Art. 52 AWR (Dutch General Tax Act)", "Telecommunicatiewet art. 13.2a",
        "Art. 2:10 Burgerlijk Wetboek", "Wet ter voorkoming van witwassen en financieren van terrorisme"]
WORDS = ("manage deliver support invoice contact analyse secure improve measure route provision "
         "monitor report archive notify verify connect schedule respond bill").split()
NOUNS = ("customer accounts orders tickets network usage invoices leads campaigns numbers devices "
         "contracts payments subscriptions outages calls").split()
COUNTRIES_EEA = ["NL", "DE", "BE", "FR", "IE", "SE", "DK", "ES"]
COUNTRIES_OTHER = ["US", "GB", "CH", "IN", "CA"]


def sentence(rng, words=6):
    text = " ".join(rng.choice(WORDS if i % 2 == 0 else NOUNS) for i in range(words))
    return text[0].upper() + text[1:]


def flow_list(items):
    return "[" + ", ".join(items) + "]"


def block_list(items, indent):
    pad = " " * indent
    return "".join(f"\n{pad}- {item}" for item in items)


class Generator:
    def __init__(self, seed, systems, files, recipients):
        self.rng = random.Random(seed)
        self.systems = systems
        self.files = files
        self.recipient_ids = [f"vendor-{i:04d}" for i in range(recipients)]
        self.problems = 0

    def chance(self, p):
        return self.rng.random() < p

    def data_list(self, rng, lo, hi):
        return sorted(rng.sample(DATA, rng.randint(lo, hi)))

    def purpose(self, system_id, index, data, problem):
        rng = self.rng
        basis = rng.choices(["contract", "consent", "legal-obligation", "legitimate-interests",
                             "vital-interests", "public-task"], weights=[40, 25, 15, 16, 2, 2])[0]
        pid = f"{rng.choice(WORDS)}-{rng.choice(NOUNS)}-{index}"
        lines = [f"      - id: {pid}"]
        if self.chance(0.5):
            lines.append(f"        description: {sentence(rng, rng.randint(3, 5))}")
        if problem == "basis-typo":
            lines.append("        basis: legitimate-interest")
        else:
            lines.append(f"        basis: {basis}")
        if (index > 0 and self.chance(0.4)) or problem == "purpose-data":  # the first purpose uses all of the system's data
            subset = sorted(rng.sample(data, max(1, len(data) // 2)))
            if problem == "purpose-data":
                subset.append("special.health")
            lines.append(f"        data: {flow_list(subset)}")
        if basis == "consent" and problem != "no-evidence":
            if self.chance(0.7):
                lines.append(f"        consent: {{evidence: {pid}-log, withdrawal: unsubscribe-link}}")
            else:
                lines += ["        consent:",
                          f"          evidence: \"consent ledger ({pid})\"",
                          "          withdrawal: account settings page"]
        if basis == "legitimate-interests" and problem != "no-lia":
            lines.append(f"        lia: LIA-2026-{rng.randint(1, 400):03d}")
        if basis == "legal-obligation":
            lines.append(f"        law: \"{rng.choice(LAWS)}\"")
        return pid, basis, lines

    def system(self, number, problem):
        rng = self.rng
        sid = f"sys-{number:05d}"
        data = self.data_list(rng, 2, 5)
        lines = []
        if self.chance(0.2):
            lines.append(f"  # {sentence(rng, 5)}; reviewed by {rng.choice(OWNERS)}")
        lines.append(f"  - id: {sid}")
        lines.append(f"    name: {rng.choice(NOUNS).capitalize()} {rng.choice(WORDS)} platform {number}")
        if self.chance(0.2):
            lines.append(f"    description: >-\n      {sentence(rng, 8)}\n      {sentence(rng, 6).lower()}.")
        lines.append(f"    {'ownr' if problem == 'field-typo' else 'owner'}: {rng.choice(OWNERS)}")
        if problem == "duplicate-key":
            lines.append(f"    owner: {rng.choice(OWNERS)}")
        subjects = sorted(rng.sample(SUBJECTS, rng.randint(1, 3)))
        if self.chance(0.5):
            lines.append(f"    subjects: {flow_list(subjects)}")
        else:
            lines.append("    subjects:" + block_list(subjects, 6))
        shown = list(data)
        if problem == "unknown-category":
            shown.append("contact.emial")
        if self.chance(0.65):
            lines.append(f"    data: {flow_list(shown)}")
        else:
            lines.append("    data:" + block_list(shown, 6))
        if self.chance(0.2):
            lines.append(f"    sources: [\"{rng.choice(SOURCES)}\"]")
        lines.append("    purposes:")
        purposes = []
        for i in range(rng.choices([1, 2, 3], weights=[50, 38, 12])[0]):
            pid, basis, plines = self.purpose(sid, i, data, problem if i == 0 else None)
            purposes.append((pid, basis))
            lines += plines
        recipients = sorted(rng.sample(self.recipient_ids, rng.randint(0, 3)))
        if problem == "dangling-recipient":
            recipients.append("vendor-unknown")
        if recipients:
            lines.append(f"    recipients: {flow_list(recipients)}")
        lines.append("    retention:")
        remaining = list(data)
        if problem == "retention-missing":
            remaining = remaining[1:]
        rng.shuffle(remaining)
        while remaining:
            n = rng.randint(1, 3)
            take, remaining = remaining[:n], remaining[n:]
            period = rng.choice(["P2Y", "P7Y", "P6M", "P30D", "P50M", "P1Y"])
            if problem == "bad-duration":
                period, problem = "\"1 jaar\"", None
            elif problem == "undetermined":
                period, problem = "undetermined", None
            after = rng.choice(AFTER)
            if self.chance(0.7):
                lines.append(f"      - {{data: {flow_list(sorted(take))}, period: {period}, after: {after}}}")
            else:
                lines += [f"      - data: {flow_list(sorted(take))}",
                          f"        period: {period}",
                          f"        after: {after}",
                          f"        action: {rng.choice(['delete', 'delete', 'anonymise'])}"]
                if self.chance(0.3):
                    lines.append(f"        reason: '{sentence(rng, 5)}'")
        lines.append(f"    security: {flow_list(sorted(rng.sample(SECURITY, rng.randint(2, 4))))}")
        month = rng.randint(1, 11)
        lines.append(f"    last_review: 2026-{month:02d}-{rng.randint(1, 28):02d}")
        if self.chance(0.1):
            lines.append("    review_interval: P2Y")
        return sid, purposes, lines

    def recipient(self, rid, problem):
        rng = self.rng
        role = rng.choices(["processor", "controller", "joint-controller", "authority"], weights=[70, 20, 5, 5])[0]
        outside = self.chance(0.2)
        country = rng.choice(COUNTRIES_OTHER if outside else COUNTRIES_EEA)
        lines = [f"  - id: {rid}",
                 f"    name: {rng.choice(NOUNS).capitalize()} {rng.choice(['B.V.', 'GmbH', 'Ltd', 'Inc.', 'SAS'])}",
                 f"    role: {role}",
                 f"    country: {country}"]
        if role == "processor" and problem != "no-agreement":
            lines.append(f"    agreement: {{signed: 2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}, "
                         f"reference: DPA-2025-{rng.randint(1, 999):03d}}}")
        if outside and problem != "no-transfer":
            lines.append(f"    transfer: {rng.choice(['adequacy', 'scc', 'scc', 'bcr'])}")
        if self.chance(0.4):
            lines.append(f"    contact: privacy@{rid}.example")
        return lines

    def cookie(self, index, system_id, purpose_id, problem):
        rng = self.rng
        category = rng.choice(["strictly-necessary", "functional", "analytics", "marketing"])
        if problem == "no-consent-purpose":
            category = "analytics"
        elif purpose_id is None:
            category = "strictly-necessary"
        provider = "first-party" if self.chance(0.6) else rng.choice(self.recipient_ids)
        expiry = rng.choice(["session", "P1D", "P6M", "P13M", "P30D"])
        if problem == "long-cookie":
            expiry = "P2Y"
        fields = [f"name: ck_{index:05d}", f"provider: {provider}", f"category: {category}",
                  f"expiry: {expiry}", f"system: {system_id}"]
        if category != "strictly-necessary" and purpose_id is not None:
            fields.append(f"purpose: {purpose_id}")
        return ["  - {" + ", ".join(fields) + "}"]

    def write(self, out):
        if os.path.isdir(out):
            shutil.rmtree(out)
        os.makedirs(os.path.join(out, "systems"))
        with open(os.path.join(out, "gdpr.yaml"), "w") as f:
            f.write(GDPR_YAML)
        problem_kinds = ["unknown-category", "no-evidence", "no-lia", "bad-duration", "field-typo",
                         "dangling-recipient", "duplicate-key", "undetermined", "retention-missing",
                         "basis-typo", "purpose-data"]
        per_file = [self.systems // self.files + (1 if i < self.systems % self.files else 0)
                    for i in range(self.files)]
        recipients_per_file = [0] * self.files
        for i in range(len(self.recipient_ids)):
            recipients_per_file[i % self.files] += 1
        number = 0
        next_recipient = 0
        cookie_number = 0
        total = 0
        for index in range(self.files):
            path = os.path.join(out, "systems", f"group-{index:04d}.yaml")
            lines = [f"# Register of Systems, group {index}: generated for benchmarks"]
            lines.append("systems:")
            consent_pairs = []
            for _ in range(per_file[index]):
                problem = self.rng.choice(problem_kinds) if self.chance(0.01) else None
                sid, purposes, slines = self.system(number, problem)
                consent_pairs += [(sid, pid) for pid, basis in purposes if basis == "consent"]
                lines += slines
                number += 1
            if recipients_per_file[index]:
                lines.append("recipients:")
                for _ in range(recipients_per_file[index]):
                    problem = self.rng.choice(["no-agreement", "no-transfer"]) if self.chance(0.02) else None
                    lines += self.recipient(self.recipient_ids[next_recipient], problem)
                    next_recipient += 1
            if self.chance(0.2):
                lines.append("cookies:")
                for _ in range(self.rng.randint(1, 4)):
                    sid, pid = self.rng.choice(consent_pairs) if consent_pairs else (f"sys-{number - 1:05d}", None)
                    problem = self.rng.choice(["long-cookie", "no-consent-purpose"]) if self.chance(0.05) else None
                    lines += self.cookie(cookie_number, sid, pid, problem)
                    cookie_number += 1
            if index == self.files // 2 and self.files > 2:
                lines.append("  - {id: broken, name: [unterminated")  # one YAML syntax error
            text = "\n".join(lines) + "\n"
            with open(path, "w") as f:
                f.write(text)
            total += len(text.encode())
        return total + len(GDPR_YAML.encode())


GDPR_YAML = """\
# Workspace of a generated benchmark register
organization:
  name: Benchmark Telecom B.V.
  registration: "KvK 00000000"
  country: NL
  contact: {email: privacy@bench.example, phone: "+31 20 000 0000"}
  responsible_person: {role: Information Security Officer, email: iso@bench.example}
  supervisory_authority: Autoriteit Persoonsgegevens
policy: {version: "2026-04-01", last_review: 2026-04-01, review_interval: P1Y}
settings:
  system_review_interval: P1Y
  holidays: [2026-12-25, 2026-12-26]
taxonomy:
  - {id: telecom.port-requests, name: Number porting requests}
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out")
    parser.add_argument("--systems", type=int, default=10000)
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--recipients", type=int, default=None, help="default: systems / 20")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    files = max(1, min(args.files, args.systems))
    recipients = args.recipients if args.recipients is not None else max(3, args.systems // 20)
    total = Generator(args.seed, args.systems, files, recipients).write(args.out)
    print(f"{args.systems} systems, {recipients} recipients over {files} files: {total} bytes in {args.out}")


if __name__ == "__main__":
    main()
