"""Who may do what: the network's roles as Wagtail groups, and the moderation
workflow every page goes through.

- **Network editors**: all content in every language; they create, edit,
  translate and publish, and keep the network's glossary (which translators
  and moderators may only read).
- **Moderators**: approve (or reject) what others submit, and publish it.
- **Library editors**, one group per member library: create good practices and
  testimonials, edit only those of their own library, submit them for
  moderation; never publish. Wagtail's page permissions follow the tree, and a
  library is a field, so ``wagtail_hooks.py`` checks the library.
- **Translators**, one group per language: edit the pages of their language
  (that is, translate them in wagtail-localize's editor) and submit them for
  moderation; they cannot edit any other language, so never a source page.

A new library or language gets its group when it is saved (signals below);
``setup_roles`` (run by ``load_demo`` and ``setup_locales``) makes the rest
and is safe to repeat.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models.signals import post_save
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from editorial.models import LibraryTeam, ReviewTask
from home.models import HomePage
from libraries.models import LibraryPage

NETWORK_EDITORS = "Network editors"
MODERATORS = "Moderators"
LIBRARY_EDITORS = "Library editors: {}"
TRANSLATORS = "Translators: {}"
WORKFLOW = "Review before publishing"
REVIEW_TASK = "Moderator approval"
# What Wagtail's own migrations make, which the roles above replace.
WAGTAIL_EDITORS = "Editors"
WAGTAIL_WORKFLOW = "Moderators approval"  # the workflow and its one task

PAGE_PERMISSIONS = {
    NETWORK_EDITORS: [
        "add_page",
        "change_page",
        "publish_page",
        "bulk_delete_page",
        "lock_page",
        "unlock_page",
    ],
    MODERATORS: ["change_page", "publish_page", "lock_page", "unlock_page"],
}
SNIPPET_MODELS = ["core.audience", "core.format", "core.topic", "projects.programme"]
COLLECTION_PERMISSIONS = [
    ("wagtailimages", ["add_image", "change_image", "choose_image"]),
    ("wagtaildocs", ["add_document", "change_document", "choose_document"]),
    ("wagtailmedia", ["add_media", "change_media"]),
]


def permission(app_label, codename):
    if (app_label, codename) == ("wagtail_localize", "submit_translation"):
        # Made by a data migration, so a flushed test database lacks it.
        from django.contrib.contenttypes.models import ContentType

        content_type, _created = ContentType.objects.get_or_create(
            app_label=app_label, model="translation"
        )
        return Permission.objects.get_or_create(
            content_type=content_type,
            codename=codename,
            defaults={"name": "Can submit translations"},
        )[0]
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def page_permission(codename):
    return permission("wagtailcore", codename)


def admin_group(name):
    group, _created = Group.objects.get_or_create(name=name[:150])
    group.permissions.add(permission("wagtailadmin", "access_admin"))
    return group


def grant_pages(group, page, codenames, exactly=False):
    """Give the group these permissions on the page's subtree (and, with
    ``exactly``, take away the others it has there, such as those of Wagtail's
    own default groups)."""
    if exactly:
        GroupPagePermission.objects.filter(group=group, page=page).exclude(
            permission__codename__in=codenames
        ).delete()
    for codename in codenames:
        GroupPagePermission.objects.get_or_create(
            group=group, page=page, permission=page_permission(codename)
        )


def grant_collections(group, codenames_by_app):
    root = Collection.get_first_root_node()
    for app_label, codenames in codenames_by_app:
        for codename in codenames:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root, permission=permission(app_label, codename)
            )


@transaction.atomic
def setup_roles():
    """Make (or complete) every group and the workflow; return the groups."""
    root = Page.get_first_root_node()
    network = admin_group(NETWORK_EDITORS)
    grant_pages(network, root, PAGE_PERMISSIONS[NETWORK_EDITORS], exactly=True)
    grant_collections(network, COLLECTION_PERMISSIONS)
    network.permissions.add(permission("wagtail_localize", "submit_translation"))
    for label in SNIPPET_MODELS:
        app_label, model = label.split(".")
        for action in ("add", "change", "delete"):
            network.permissions.add(permission(app_label, f"{action}_{model}"))
    # The site's logo, colour and footer pages (core.identity): live at once,
    # as the network editors' own publishing is; no other role changes them.
    network.permissions.add(permission("core", "change_siteidentity"))
    # The network's glossary (editorial/glossary.py): kept by network editors,
    # read by the roles that translate and review.
    for action in ("add", "change", "delete"):
        network.permissions.add(permission("editorial", f"{action}_glossaryterm"))
    # Whether readers may read stories machine translated, and in which
    # languages (reading.models.MachineReading): the network's choice.
    network.permissions.add(permission("reading", "change_machinereading"))

    moderators = admin_group(MODERATORS)
    grant_pages(moderators, root, PAGE_PERMISSIONS[MODERATORS], exactly=True)
    # wagtail-localize gives Wagtail's default groups this; moderators review.
    moderators.permissions.remove(permission("wagtail_localize", "submit_translation"))
    moderators.permissions.add(permission("editorial", "view_glossaryterm"))

    for library in LibraryPage.objects.filter(alias_of=None).order_by("pk"):
        library_team(library)
    for locale in Locale.objects.all():
        translators(locale)
    setup_workflow(moderators)
    return Group.objects.filter(permissions__codename="access_admin")


def remove_wagtail_defaults():
    """Wagtail's "Editors" group and "Moderators approval" workflow (and its
    task), which the roles replace and which stood beside them in the admin.
    Each is deleted while nothing holds on to it: a group with no members, a
    workflow and a task no review ever went through; one that did is only
    deactivated, to keep the history of those reviews. Return what was done."""
    done = []
    editors = Group.objects.filter(name=WAGTAIL_EDITORS).first()
    if editors is not None:
        if editors.user_set.exists():
            done.append(f"kept the group {WAGTAIL_EDITORS!r}: it has members")
        else:
            editors.delete()
            done.append(f"removed Wagtail's unused group {WAGTAIL_EDITORS!r}")
    for workflow in Workflow.objects.filter(name=WAGTAIL_WORKFLOW):
        if workflow.workflow_states.exists():
            if workflow.active:
                workflow.deactivate()
                done.append(f"deactivated the workflow {WAGTAIL_WORKFLOW!r}")
        else:
            workflow.delete()
            done.append(f"removed Wagtail's unused workflow {WAGTAIL_WORKFLOW!r}")
    for task in GroupApprovalTask.objects.filter(name=WAGTAIL_WORKFLOW):
        if task.task_states.exists():
            if task.active:
                task.deactivate()
                done.append(f"deactivated the task {WAGTAIL_WORKFLOW!r}")
        else:
            task.delete()
            done.append(f"removed Wagtail's unused task {WAGTAIL_WORKFLOW!r}")
    return done


def library_team(library):
    """The library's editors' group (one for all its translations)."""
    team = LibraryTeam.objects.filter(library_key=library.translation_key).first()
    if team is None:
        name = LIBRARY_EDITORS.format(library.title)
        while Group.objects.filter(name=name[:150]).exists():
            name += "*"
        team = LibraryTeam.objects.create(
            group=admin_group(name), library_key=library.translation_key
        )
    group = team.group
    # Wagtail's permissions follow the tree: add and change anywhere, narrowed
    # to their own library's practices and testimonials by wagtail_hooks.py.
    grant_pages(group, Page.get_first_root_node(), ["add_page", "change_page"])
    grant_collections(group, [("wagtailimages", ["add_image", "choose_image"])])
    return group


def translators(locale):
    """The language's translators: they edit that language's pages only."""
    group = admin_group(TRANSLATORS.format(locale.get_display_name()))
    group.permissions.add(permission("wagtail_localize", "submit_translation"))
    group.permissions.add(permission("editorial", "view_glossaryterm"))
    for home in HomePage.objects.filter(locale=locale):
        grant_pages(group, home, ["change_page"])
    return group


def setup_workflow(moderators):
    """One workflow for every page in every language, moderators approving
    what another submitted (``ReviewTask``). A database set up before it
    existed had a plain group approval task: it is replaced, and the reviews
    it held are cancelled (their pages keep their drafts, to resubmit)."""
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW)
    task = ReviewTask.objects.filter(name=REVIEW_TASK).first()
    if task is None:
        task = ReviewTask.objects.create(name=REVIEW_TASK)
    task.groups.add(moderators)
    for old in GroupApprovalTask.objects.filter(name=REVIEW_TASK, active=True):
        old.deactivate()
    WorkflowTask.objects.filter(workflow=workflow).exclude(task=task).delete()
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.update_or_create(
        page=Page.get_first_root_node(), defaults={"workflow": workflow}
    )
    return workflow


def user_library_keys(user):
    """The libraries (translation keys) whose editor the user is."""
    if not user.is_authenticated:
        return set()
    if not hasattr(user, "_library_keys"):
        user._library_keys = set(
            LibraryTeam.objects.filter(group__user=user).values_list(
                "library_key", flat=True
            )
        )
    return user._library_keys


def is_library_editor_only(user):
    """A library editor and nothing broader: their pages are narrowed by library."""
    if user.is_superuser or not user_library_keys(user):
        return False
    if not hasattr(user, "_broader_than_library"):
        # Asked for every page of an explorer listing: once per request's user.
        user._broader_than_library = user.groups.filter(
            name__in=[NETWORK_EDITORS, MODERATORS]
        ).exists()
    return not user._broader_than_library


def connect_signals():
    def ready():
        """Roles need Wagtail's permissions, which a database being set up
        (or flushed by a test) does not have yet; setup_roles makes them later."""
        return Permission.objects.filter(codename="access_admin").exists()

    def on_library_saved(sender, instance, created, raw=False, **kwargs):
        if created and not raw and ready():
            library_team(instance)

    def on_locale_saved(sender, instance, created, raw=False, **kwargs):
        if created and not raw and ready():
            translators(instance)

    def on_home_saved(sender, instance, created, raw=False, **kwargs):
        if created and not raw and ready():
            translators(instance.locale)

    post_save.connect(on_library_saved, sender=LibraryPage, weak=False)
    post_save.connect(on_locale_saved, sender=Locale, weak=False)
    post_save.connect(on_home_saved, sender=HomePage, weak=False)
