-- What the checks do about incidents when they turn a service Down (org.vigie.board.incident.service.AutoIncidents):
-- OFF (nothing), DRAFT (a draft incident admins publish or delete) or PUBLISH (an incident visitors see at once).
-- NULL: the board's default, vigie.incidents.draft-on-down (DRAFT when true, OFF when false), as before this column.
ALTER TABLE services ADD COLUMN incidents VARCHAR(8) NULL;
