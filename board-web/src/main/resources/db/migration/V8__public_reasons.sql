-- Public reasons: a check's full reason may name the target's addresses, host names and URLs, quote what the server
-- sent or an exception. The public board, feeds and API show a short public reason instead (Vigie's own words and
-- numbers, stated by the worker); admins see both. A service may show its full reasons publicly (an admin's choice).

-- NULL for results stored before: nothing public reads them.
ALTER TABLE check_results ADD COLUMN public_reason VARCHAR(200) NULL AFTER reason;

-- The "last check" line. NULL while the service has no result, like last_reason.
ALTER TABLE check_states ADD COLUMN last_public_reason VARCHAR(200) NULL AFTER last_reason;
UPDATE check_states
SET last_public_reason = CASE last_outcome WHEN 'UP' THEN 'Up' WHEN 'WARNING' THEN 'Warning' ELSE 'Down' END
WHERE last_outcome IS NOT NULL;

-- What the public reads of an event written from a result; NULL where the message itself is public (admins' events,
-- Unknown's "no check result since 12:04 UTC"). Events from results stored before say their status's word.
ALTER TABLE events ADD COLUMN public_message VARCHAR(200) NULL AFTER message;
UPDATE events e JOIN statuses s ON s.id = e.status_id
SET e.public_message = CASE s.slug WHEN 'up' THEN 'Up' WHEN 'warning' THEN 'Warning' ELSE 'Down' END
WHERE e.source = 'CHECK' AND e.task_id IS NOT NULL;

-- An admin's choice: the public sees this service's full reasons (off: the public reasons).
ALTER TABLE services ADD COLUMN full_reasons_public BOOLEAN NOT NULL DEFAULT FALSE AFTER target_since;
