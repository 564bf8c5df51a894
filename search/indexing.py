"""Many objects saved at once, indexed once at the end.

The search index is kept up to date as each object is saved (modelsearch's
``post_save`` handler, one index update per save). Loading the demo saves
most pages three to five times (created, its revision published, translated,
the translation published), and each update reads the object again, asks
which sections are hidden and records its words: a third of the loading's
time. Inside ``indexed_at_the_end()`` the saves are only noted; at its end
each object saved is indexed once, as it is then, a batch per model (as
``update_index`` does). Deletions still leave the index at once.
"""

import contextlib
from collections import defaultdict

from django.db.models.signals import post_save
from modelsearch import index
from modelsearch.backends import get_search_backends_with_name
from modelsearch.signal_handlers import post_save_signal_handler


@contextlib.contextmanager
def indexed_at_the_end():
    models = [
        model
        for model in index.get_indexed_models()
        if getattr(model, "search_auto_update", True)
    ]
    saved = defaultdict(set)

    def note(sender, instance, raw=False, **kwargs):
        if not raw:
            saved[sender].add(instance.pk)

    for model in models:
        post_save.disconnect(post_save_signal_handler, sender=model)
        post_save.connect(note, sender=model, weak=False, dispatch_uid="noted_save")
    try:
        yield
    finally:
        for model in models:
            post_save.disconnect(sender=model, dispatch_uid="noted_save")
            post_save.connect(post_save_signal_handler, sender=model)
    _index(saved)


def _index(saved):
    batches = defaultdict(list)
    for model, pks in saved.items():
        for instance in model._default_manager.filter(pk__in=pks):
            indexed = index.get_indexed_instance(instance)
            if indexed is not None:
                batches[type(indexed)].append(indexed)
    for _name, backend in get_search_backends_with_name(with_auto_update=True):
        for model, objects in batches.items():
            backend.add_bulk(model, objects)
