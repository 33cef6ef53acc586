#!/usr/bin/env python3
"""Writes SQL for a board of N services with D days of history: services, a down/up pair of events every
three days per service, daily rollups for every day and hourly rollups for the last day. Feed it to the
database board-web migrated (bench/board-page.sh does)."""
import random
import sys
from datetime import datetime, timedelta, timezone

services = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
days = int(sys.argv[2]) if len(sys.argv) > 2 else 90
now = datetime.now(timezone.utc).replace(microsecond=0, tzinfo=None)
start = now - timedelta(days=days)
rnd = random.Random(42)
out = sys.stdout

def rows(table, columns, values, chunk=1000):
    for i in range(0, len(values), chunk):
        out.write(f"INSERT INTO {table} ({columns}) VALUES\n" + ",\n".join(values[i:i + chunk]) + ";\n")

out.write("SET FOREIGN_KEY_CHECKS=0;\nDELETE FROM events; DELETE FROM check_daily; DELETE FROM check_hourly;\n"
          "DELETE FROM check_states; DELETE FROM check_schedules; DELETE FROM check_results; DELETE FROM services;\n"
          "DELETE FROM service_groups;\nSET FOREIGN_KEY_CHECKS=1;\n")
groups = [f"({g}, 'group-{g}', 'Group {g}', '', {g})" for g in range(1, 11)]
rows("service_groups", "id, slug, name, description, display_order", groups)
rows("services", "id, slug, name, description, group_id, display_order, target, check_interval_s, created_at",
     [f"({i}, 'service-{i}', 'Service {i}', 'Bench service {i}', {1 + i % 10}, {i}, 'tcp://127.0.0.1:9', 60, '{start}')"
      for i in range(1, services + 1)])
events = []
for i in range(1, services + 1):
    t = start + timedelta(minutes=rnd.randrange(0, 3 * 24 * 60))
    while t < now:
        events.append(f"({i}, 3, 'connection refused', FALSE, 'CHECK', '{t}')")
        back = t + timedelta(minutes=rnd.randrange(1, 240))
        if back < now:
            events.append(f"({i}, 1, 'HTTP 200', FALSE, 'CHECK', '{back}')")
        t += timedelta(days=3)
rows("events", "service_id, status_id, message, informational, source, created_at", events)
daily = []
for i in range(1, services + 1):
    for d in range(days + 1):
        day = (start + timedelta(days=d)).date()
        checks = 1440
        down = rnd.randrange(0, 20)
        daily.append(f"({i}, '{day}', {checks}, {checks - down}, 0, {down}, {checks * 12}, 250)")
rows("check_daily", "service_id, day, checks, up, warning, down, latency_sum_ms, latency_max_ms", daily)
hourly = []
for i in range(1, services + 1):
    for h in range(25):
        hour = (now - timedelta(hours=h)).replace(minute=0, second=0)
        hourly.append(f"({i}, '{hour}', 60, 60, 0, 0, {60 * rnd.randrange(5, 40)}, 80)")
rows("check_hourly", "service_id, hour, checks, up, warning, down, latency_sum_ms, latency_max_ms", hourly)
out.write("UPDATE services s SET status_id = (SELECT e.status_id FROM events e WHERE e.service_id = s.id "
          "ORDER BY e.created_at DESC, e.id DESC LIMIT 1), status_since = (SELECT MAX(e.created_at) FROM events e "
          "WHERE e.service_id = s.id);\n")
