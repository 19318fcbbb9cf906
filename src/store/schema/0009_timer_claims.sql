-- The timer loop reads the earliest claimable timer every few seconds. Unclaimed timers
-- (claimed_until = 0) are nearly all of them, so this index finds "the earliest unclaimed" and
-- "every claimed" with index reads instead of a scan of the whole schedule.
CREATE INDEX timers_claim ON timers(claimed_until, due_at);
