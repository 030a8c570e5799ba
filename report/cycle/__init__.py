"""The monthly cycle: make next month's pack folder from this month's (`newperiod`), and
say what this month's pack still needs before it can go to Cabinet (`readiness`)."""
