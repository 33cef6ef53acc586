-- The dispatcher's issue time of the last result applied to a service: results are ordered by this one clock
-- rather than by the workers' (docs/architecture.md, "Clocks"). NULL for results from workers that predate it.
ALTER TABLE check_states ADD COLUMN last_issued_at DATETIME(3) NULL AFTER last_checked_at;
