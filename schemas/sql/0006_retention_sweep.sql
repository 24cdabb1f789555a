-- Migration 6: the retention sweep (`gdprctl retention sweep`) deletes the store's finished records
-- past settings.store_retention: closed requests, withdrawn consents, closed breaches. A deleted
-- record's number must never be given again: the audit trail still names it (REQ-, CON-, BR-), and
-- `audit verify` accounts for deleted requests by count. So the highest number deleted in each
-- series and year is kept here, and the next record numbers after it. Consent events are numbered
-- across years: their row has year 0.
CREATE TABLE retired_numbers (
    series      TEXT NOT NULL CHECK (series IN ('request', 'consent', 'breach')),
    year        INTEGER NOT NULL,
    last_number INTEGER NOT NULL,
    PRIMARY KEY (series, year)
) WITHOUT ROWID;
