"""wagtail-localize's translation editor, as the project's template draws it
(``templates/wagtail_localize/admin/edit_translation.html``): the slug among
the strings, the footer of review (``editorial/translation_review.py``), and
the translation memory and glossary below it (``editorial/translation_aids.py``)."""

import json

from django import template
from django.urls import reverse
from django.utils.translation import gettext as _

from editorial.translation_aids import segment_aids
from editorial.translation_review import review_actions, strings_seen

register = template.Library()


@register.filter
def slug_beside_title(props):
    """The editor's props with the page's slug right after its title, on the
    title's tab: wagtail-localize shows it on the "Promote" tab, where
    translators missed it and the translation stayed short of 100% (the
    slug counts as a string to translate)."""
    data = json.loads(props)
    segments = data.get("segments", [])
    strings = {s["contentPath"]: s for s in segments if s["type"] == "string"}
    title, slug = strings.get("title"), strings.get("slug")
    if title is None or slug is None:
        return props
    segments.remove(slug)
    slug["location"] = {
        **slug["location"],
        "tab": title["location"]["tab"],
        "order": title["location"]["order"],
        "fieldHelpText": _(
            "The last part of the page's address: letters, digits and hyphens "
            "(other characters are left out when it is published)."
        ),
    }
    segments.insert(segments.index(title) + 1, slug)
    return json.dumps(data)


def post(url, label, icon, **extra):
    return {"kind": "post", "url": url, "label": label, "icon": icon, **extra}


def link(url, label, icon):
    return {"kind": "link", "url": url, "label": label, "icon": icon}


@register.inclusion_tag("editorial/translation_editor_footer.html", takes_context=True)
def translation_editor_footer(context):
    """The editor's footer for the user: the main action first (approve,
    submit for review, or publish where the policy allows it without
    review), then the rest of wagtail-localize's own actions."""
    request, translation, page = (
        context["request"],
        context["translation"],
        context["instance"],
    )
    user = request.user
    props = json.loads(context["props"])
    perms, links = props["perms"], props["links"]
    is_locked = props["object"]["isLocked"]
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.id])
    actions = review_actions(page, user)
    in_review = page.workflow_in_progress
    may_submit = not in_review and page.get_workflow() is not None
    may_publish = not in_review and perms["canPublish"]
    submit = post(
        reverse("translations_submit_for_review", args=[translation.id]),
        _("Submit for review"),
        "resubmit",
    )
    publish = post(
        edit_url,
        _("Publish in %(language)s") % {"language": props["locale"]["displayName"]},
        "upload",
        name="action",
        value="publish",
    )

    main, more = None, []
    if "approve" in actions:
        main = post(
            reverse("translations_review_action", args=[translation.id, "approve"]),
            _("Approve and publish"),
            "check",
        )
    elif may_publish:
        main = publish
        if may_submit:
            more.append(submit)
    elif may_submit:
        main = submit
    if "reject" in actions:
        more.append({"kind": "dialog", "label": _("Request changes"), "icon": "edit"})
    more.append(
        link(
            reverse("translations_files", args=[translation.id]),
            _("Files and changed texts"),
            "doc-full",
        )
    )
    more.append(
        post(links["stopTranslationUrl"], _("Stop Synced translation"), "cross")
    )
    if links.get("convertToAliasUrl"):
        more.append(
            link(
                f"{links['convertToAliasUrl']}?next={edit_url}",
                _("Convert to alias page"),
                "wagtail-localize-convert",
            )
        )
    if perms["canDelete"]:
        more.append(link(links["deleteUrl"], _("Delete"), "bin"))
    if perms["canLock"] and not is_locked:
        more.append(post(links["lockUrl"], _("Lock"), "lock"))
    if perms["canUnlock"] and is_locked:
        more.append(post(links["unlockUrl"], _("Unlock"), "lock-open"))
    if perms["canUnpublish"]:
        more.append(link(links["unpublishUrl"], _("Unpublish"), "download"))
    return {
        "main": main,
        "more": more,
        "in_review": in_review,
        "edit_url": edit_url,
        "seen": strings_seen(translation) if "approve" in actions else "",
        "reject_url": reverse(
            "translations_review_action", args=[translation.id, "reject"]
        )
        if "reject" in actions
        else None,
        "preview": (props.get("previewModes") or [None])[0],
    }


def segment_label(location):
    """The field a segment belongs to, as the editor names it."""
    parts = [location.get("field"), location.get("subField")]
    return " › ".join(str(part) for part in parts if part)


@register.inclusion_tag("editorial/translation_aids.html", takes_context=True)
def translation_aids(context):
    """The memory's matches and the glossary's terms beside the segments
    (``editorial/translation_aids.py``)."""
    translation = context["translation"]
    props = json.loads(context["props"])
    labels = {
        segment["id"]: segment_label(segment["location"])
        for segment in props.get("segments", [])
        if segment["type"] == "string"
    }
    aids = segment_aids(translation)
    for aid in aids:
        aid["label"] = labels.get(aid["segment"].pk, "")
    edit_url = context["request"].get_full_path()
    # A match's page is a link only for those who may open it (no dead end).
    user = context["request"].user
    pages = {m.page.pk: m.page for aid in aids for m in aid["matches"] if m.page}
    editable = {
        pk for pk, page in pages.items() if page.permissions_for_user(user).can_edit()
    }
    return {
        "aids": aids,
        "editable": editable,
        "exact": sum(1 for aid in aids if any(m.exact for m in aid["matches"])),
        "missed": sum(1 for aid in aids if aid["missed"]),
        "source_language": translation.source.locale.language_code,
        "target_language": translation.target_locale.language_code,
        "use_url": reverse("translations_use_match", args=[translation.id]),
        "fill_url": reverse("translations_fill_from_memory", args=[translation.id]),
        "next": edit_url,
    }
