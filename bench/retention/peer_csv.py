#!/usr/bin/env python3
"""The peer for `retention due`: Python's csv module reading the same export and comparing one
date column against the last due date (what `gdprctl retention due` computes once), printing the
ids of due rows and reporting bad rows on stderr, as gdprctl does.
Usage: peer_csv.py FILE LATEST_DUE_DATE (YYYY-MM-DD) [ID_COLUMN] [TIMESTAMP_COLUMN]"""
import csv
import datetime
import sys

path, latest = sys.argv[1], datetime.date.fromisoformat(sys.argv[2])
id_column = sys.argv[3] if len(sys.argv) > 3 else "id"
ts_column = sys.argv[4] if len(sys.argv) > 4 else "closed_at"
out = sys.stdout
with open(path, newline="") as f:
    reader = csv.reader(f)
    header = next(reader)
    ts, ident = header.index(ts_column), header.index(id_column)
    start = reader.line_num + 1  # the line a record starts on, as gdprctl reports it
    for row in reader:
        try:
            date = datetime.date.fromisoformat(row[ts][:10])
        except (ValueError, IndexError):
            print(f"{path}:{start}: bad timestamp", file=sys.stderr)
            start = reader.line_num + 1
            continue
        start = reader.line_num + 1
        if date <= latest:
            out.write(row[ident] + "\n")
