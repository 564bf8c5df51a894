"""Benchmarks and fault drills (bench/README.md). The entry points are the
scripts search.py, translation.py, load.py and drills.py; the other modules
hold what they share: common (the benchmark database, options, figures),
servers (private PostgreSQL and Redis, gunicorn, manage.py), wrk, generate
and vocabulary (search), sample_projects and admin_translation
(translation), and the fault_drills package."""
