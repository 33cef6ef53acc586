-- Branding for the public board: an accent colour (#rrggbb, drawn by /brand.css) and the footer's links, one
-- "Label | https://..." per line.
ALTER TABLE board_settings
    ADD COLUMN accent_color VARCHAR(7)    NULL,
    ADD COLUMN footer_links VARCHAR(4000) NULL;

-- A status page shows 90 days, as visitors expect from one: boards still on the first seed's 7 move to 90.
UPDATE board_settings SET history_days = 90 WHERE id = 1 AND history_days = 7;
