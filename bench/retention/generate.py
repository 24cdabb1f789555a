#!/usr/bin/env python3
"""Writes a CSV export for the `retention due` benchmark: ROWS rows (default 1,000,000) of
id, name, email, closed_at, note; names with commas and notes with quotes and line breaks are
quoted per RFC 4180, and about 0.1% of rows have an empty or impossible date (bad rows).
Usage: generate.py OUT.csv [ROWS]"""
import csv
import random
import sys

out, rows = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
rng = random.Random(9)
first = ["Anna", "Bram", "Chloé", "Daan", "Eva", "Finn", "Gijs", "Hanna", "Iris", "Jan"]
last = ["de Vries", "Jansen", "van Dijk", "Bakker", "Visser, jr.", "Smit", "Meijer", "de Boer"]
with open(out, "w", newline="") as f:
    w = csv.writer(f, lineterminator="\r\n")
    w.writerow(["id", "name", "email", "closed_at", "note"])
    for i in range(rows):
        year = rng.randint(2015, 2026)
        month = rng.randint(1, 12)
        day = rng.randint(1, 28)
        r = rng.random()
        if r < 0.0005:
            date = ""
        elif r < 0.001:
            date = f"{year}-02-30"
        elif r < 0.3:
            date = f"{year:04d}-{month:02d}-{day:02d}T{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:00Z"
        else:
            date = f"{year:04d}-{month:02d}-{day:02d}"
        name = f"{rng.choice(first)} {rng.choice(last)}"
        note = rng.choice(["", "called twice", 'said "no thanks"', "moved\nabroad", "VIP"])
        w.writerow([f"cust-{i:07d}", name, f"user{i}@example.nl", date, note])
