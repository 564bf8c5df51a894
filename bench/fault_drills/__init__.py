"""The fault drills that bench/drills.py runs, a module each (A
redis_stopped, B postgres_restarted, C1 translation_worker, C2
publish_worker), and what they share: drill (outcome, fixtree, the pages
under load), traffic (clients and their figures), demo_database (the demo
in the private cluster)."""
