"""What every fault drill shares: its outcome (figures printed as they come,
failures collected), the demo pages it puts under load, the project it
writes, and fixtree after a kill."""

import time

from bench.sample_projects import bare_project
from bench.servers import manage


def say(message=""):
    """A figure or verdict, on stdout (tests/operations/test_drills.py reads it)."""
    print(message, flush=True)


class Drill:
    """One drill: its key (A, B, C1, C2), title, and the checks that failed."""

    def __init__(self, key, title):
        self.key = key
        self.title = title
        self.failures = []

    def check(self, condition, message):
        if not condition:
            self.failures.append(message)
        return condition

    def figure(self, message):
        say(f"  {message}")

    @property
    def passed(self):
        return not self.failures


def demo_paths():
    """The Polish home page, practices listing and a tutorial."""
    from practices.models import PracticeIndexPage
    from tutorials.models import TutorialPage

    listing = PracticeIndexPage.objects.live().get(locale__language_code="pl")
    tutorial = TutorialPage.objects.live().filter(locale__language_code="pl").first()
    return ["/pl/", listing.get_url(), tutorial.get_url()]


def fixtree(env):
    """(no problems found, the output) of manage.py fixtree."""
    result = manage("fixtree", "--noinput", env=env, check=False)
    output = result.stdout + result.stderr
    clean = (
        result.returncode == 0
        and output.count("No problems found.") >= 1
        and "Remaining problems" not in output
        and "found:" not in output
    )
    return clean, output


def check_pages_answer(drill, server, paths):
    """Each path answers 200 before the drill begins."""
    for path in paths:
        status = server.get(path)[0]
        drill.check(status == 200, f"{path} answers {status} before the drill")


def check_fixtree_after_kill(drill, env):
    """fixtree, its verdict a figure; a check that it found no problems."""
    clean, output = fixtree(env)
    drill.figure("fixtree after the kill: " + ("no problems" if clean else "PROBLEMS"))
    drill.check(clean, f"fixtree reported problems:\n{output}")


def make_project(drill, title, pages, live):
    """A bare project with ``pages`` practices (drafts unless ``live``), how
    long it took a figure."""
    started = time.monotonic()
    project = bare_project(title, pages, live=live)
    draft = "" if live else "draft "
    drill.figure(
        f"{draft}project with {pages} {draft}pages made in "
        f"{time.monotonic() - started:.1f} s"
    )
    return project
