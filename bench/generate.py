"""Generating good-practice pages in bulk for bench/search.py, and removing
them: treebeard paths computed here, one INSERT per few thousand rows, no
revisions, each page indexed through the site's search backend so that it is
stemmed in its own language. Generated pages are the children of a
language's PracticeIndexPage whose slug starts with ``bench-``."""

from bench.common import log

PREFIX = "bench-"  # the slug prefix of generated pages
CHUNK = 2000  # pages per bulk INSERT (and per transaction)
INDEX_BATCH = 500  # pages per search-index INSERT


def generated(language):
    from wagtail.models import Page

    index = language.index
    return Page.objects.filter(
        path__startswith=index.path, depth=index.depth + 1, slug__startswith=PREFIX
    )


def delete_generated(language, keep=0):
    """Delete the generated pages numbered ``keep`` and above, with their rows."""
    from django.db import connection, transaction
    from wagtail.models import Page
    from wagtail.search.models import IndexEntry

    from practices.models import PracticePage

    ids = list(
        generated(language)
        .filter(slug__gte=f"{PREFIX}{keep:06d}")
        .values_list("pk", flat=True)
    )
    if not ids:
        return 0
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {IndexEntry._meta.db_table} "  # noqa: S608
            "WHERE content_type_id = %s AND object_id = ANY(%s)",
            [language.content_type_id, [str(pk) for pk in ids]],
        )
        for name in ("audiences", "formats", "topics"):
            field = PracticePage._meta.get_field(name)
            cursor.execute(
                f"DELETE FROM {field.remote_field.through._meta.db_table} "  # noqa: S608
                f"WHERE {field.m2m_column_name()} = ANY(%s)",
                [ids],
            )
        for relation in PracticePage._meta.related_objects:
            if (
                relation.one_to_many
                and relation.related_model._meta.db_table.startswith("practices_")
            ):
                cursor.execute(
                    f"DELETE FROM {relation.related_model._meta.db_table} "  # noqa: S608
                    f"WHERE {relation.field.column} = ANY(%s)",
                    [ids],
                )
        cursor.execute(
            f"DELETE FROM {PracticePage._meta.db_table} WHERE page_ptr_id = ANY(%s)",  # noqa: S608
            [ids],
        )
        cursor.execute("DELETE FROM wagtailcore_page WHERE id = ANY(%s)", [ids])
        index = language.index
        Page.objects.filter(pk=index.pk).update(
            numchild=Page.objects.filter(
                path__startswith=index.path, depth=index.depth + 1
            ).count()
        )
    return len(ids)


def top_up(language, size, seed, backend):
    """Generate practice pages under the language's index until it has ``size``."""
    from django.db import transaction
    from django.db.models import F
    from wagtail.models import Page

    from practices.models import PracticePage

    have = generated(language).count()
    if have >= size:
        return 0
    index = language.index
    last = (
        Page.objects.filter(path__startswith=index.path, depth=index.depth + 1)
        .order_by("-path")
        .values_list("path", flat=True)
        .first()
    )
    step = Page._str2int(last[-Page.steplen :]) + 1 if last else 1
    depth = index.depth + 1
    page_fields = PracticePage._meta.local_concrete_fields
    search_index = backend.get_index_for_model(PracticePage)
    m2m = {
        name: PracticePage._meta.get_field(name) for name in ("audiences", "formats")
    }
    m2m["topics"] = PracticePage._meta.get_field("topics")

    for start in range(have, size, CHUNK):
        numbers = range(start, min(start + CHUNK, size))
        contents = [language.page_content(seed, number) for number in numbers]
        pages = []
        for offset, (number, content) in enumerate(zip(numbers, contents, strict=True)):
            slug = f"{PREFIX}{number:06d}"
            pages.append(
                Page(
                    content_type_id=language.content_type_id,
                    path=Page._get_path(index.path, depth, step + offset),
                    depth=depth,
                    numchild=0,
                    title=content["title"],
                    draft_title=content["title"],
                    slug=slug,
                    url_path=f"{index.url_path}{slug}/",
                    live=True,
                    has_unpublished_changes=False,
                    seo_title="",
                    search_description="",
                    show_in_menus=False,
                    expired=False,
                    locked=False,
                    first_published_at=content["published"],
                    last_published_at=content["published"],
                    latest_revision_created_at=content["published"],
                    locale_id=language.locale.pk,
                    translation_key=content["translation_key"],
                )
            )
        step += len(pages)
        with transaction.atomic():
            Page.objects.bulk_create(pages)
            practices = []
            for page, content in zip(pages, contents, strict=True):
                practice = PracticePage(
                    **{
                        f.attname: getattr(page, f.attname)
                        for f in Page._meta.concrete_fields
                    },
                    page_ptr_id=page.pk,
                    summary=content["summary"],
                    body=[],
                    links=[],
                    events=[],
                )
                practice.library = content["library"]
                practices.append(practice)
            # Django's bulk_create refuses multi-table inheritance: insert the
            # practice rows (the page's own table) directly.
            PracticePage._base_manager._insert(practices, fields=page_fields)
            for name, field in m2m.items():
                through = field.remote_field.through
                through.objects.bulk_create(
                    through(
                        **{
                            field.m2m_column_name(): page.pk,
                            field.m2m_reverse_name(): term,
                        }
                    )
                    for page, content in zip(pages, contents, strict=True)
                    for term in content[name]
                )
            Page.objects.filter(pk=index.pk).update(numchild=F("numchild") + len(pages))
            for i in range(0, len(practices), INDEX_BATCH):
                search_index.add_items(PracticePage, practices[i : i + INDEX_BATCH])
    return size - have


def check_tree(languages, size):
    """Cheap treebeard sanity checks (``fixtree`` reads every page one by one)."""
    from django.db import connection
    from wagtail.models import Page
    from wagtail.search.models import IndexEntry

    problems = []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM wagtailcore_page WHERE length(path) <> depth * %s",
            [Page.steplen],
        )
        if cursor.fetchone()[0]:
            problems.append("pages whose depth does not match their path")
        for language in languages:
            index = Page.objects.get(pk=language.index.pk)
            children = Page.objects.filter(
                path__startswith=index.path, depth=index.depth + 1
            ).count()
            if index.numchild != children:
                problems.append(
                    f"{language.code}: numchild {index.numchild}, {children} children"
                )
            ids = [str(pk) for pk in generated(language).values_list("pk", flat=True)]
            indexed = IndexEntry.objects.filter(
                content_type_id=language.content_type_id, object_id__in=ids
            ).count()
            if len(ids) != size or indexed != size:
                problems.append(
                    f"{language.code}: {len(ids)} generated pages, {indexed} indexed, "
                    f"{size} wanted"
                )
    for problem in problems:
        log(f"  TREE PROBLEM: {problem}")
    return not problems


def vacuum_analyze():
    from django.db import connection
    from wagtail.models import Page
    from wagtail.search.models import IndexEntry

    from practices.models import PracticePage

    tables = [
        IndexEntry._meta.db_table,
        Page._meta.db_table,
        PracticePage._meta.db_table,
    ]
    tables += [
        PracticePage._meta.get_field(name).remote_field.through._meta.db_table
        for name in ("audiences", "formats", "topics")
    ]
    with connection.cursor() as cursor:
        # Indexing writes each entry twice (the insert, then its title norm)
        # and the full title-norm refresh once more: compact the index table so
        # that an incremental run and a fresh one measure the same table.
        cursor.execute(f"VACUUM (FULL, ANALYZE) {tables[0]}")
        for table in tables[1:]:
            cursor.execute(f"VACUUM ANALYZE {table}")
