-- Pruning hourly rollups past their retention finds them by hour, not by service.
CREATE INDEX ix_check_hourly_hour ON check_hourly (hour);
