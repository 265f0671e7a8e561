"""The administrator's catalogue pages: list, import, export, item, edit, create.

An import is two steps. The upload is checked whole; a file with any
problem is shown with every problem and nothing is kept. A valid file is
kept under MEDIA_ROOT/imports with a random name that only this session
knows, and the preview shows the plan; the confirmation checks the file
again and applies it in one transaction, provided the plan is still the
one previewed.
"""

import secrets
from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from commitments import catalogue_io, selectors, services
from commitments.catalogue_io import COLUMNS, FORMATS, CatalogueChangedError, CatalogueFileError
from commitments.forms_catalogue import (
    CatalogueFilterForm,
    CatalogueUploadForm,
    MaterialFormSet,
    ServiceItemForm,
    material_initial,
)
from commitments.models import ServiceItem
from commitments.services import version_content
from core.paginator import IdsFirstPaginator
from org.permissions import permission_required

MANAGE = "commitments.manage_catalogue"
PAGE_SIZE = 50
CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}
PENDING_KEY = "catalogue_imports"
PENDING_DIR = "imports"
PENDING_MAX_AGE = timedelta(days=1)


# --- List and files ---------------------------------------------------------


@permission_required(MANAGE)
@require_GET
def catalogue_list(request):
    form = CatalogueFilterForm(request.GET)
    form.is_valid()  # a bad filter value is ignored, the others still apply
    page = IdsFirstPaginator(selectors.catalogue_items(**form.cleaned_data), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    counts = selectors.catalogue_counts()
    return render(
        request,
        "commitments/catalogue/list.html",
        {
            "form": form,
            "page": page,
            "counts": counts,
        },
    )


def _file_response(data: bytes, file_format: str, stem: str) -> HttpResponse:
    filename = f"{stem}-{timezone.localdate():%Y%m%d}.{file_format}"
    return HttpResponse(
        data,
        content_type=CONTENT_TYPES[file_format],
        headers={"Content-Disposition": content_disposition_header(True, filename)},
    )


@permission_required(MANAGE)
@require_GET
def catalogue_export(request, file_format):
    if file_format not in FORMATS:
        raise Http404
    return _file_response(catalogue_io.export_catalogue(file_format), file_format, "服务事项目录")


@permission_required(MANAGE)
@require_GET
def catalogue_template(request, file_format):
    if file_format not in FORMATS:
        raise Http404
    return _file_response(catalogue_io.catalogue_template(file_format), file_format, "服务事项目录模板")


# --- Import -----------------------------------------------------------------


def _forget_stale_uploads() -> None:
    """Uploads previewed but never confirmed or cancelled go after a day."""
    if not default_storage.exists(PENDING_DIR):
        return
    cutoff = timezone.now() - PENDING_MAX_AGE
    for name in default_storage.listdir(PENDING_DIR)[1]:
        path = f"{PENDING_DIR}/{name}"
        if default_storage.get_modified_time(path) < cutoff:
            default_storage.delete(path)


def _keep_upload(request, form: CatalogueUploadForm) -> str:
    _forget_stale_uploads()
    token = secrets.token_hex(16)
    extension = catalogue_io.extension_of(form.cleaned_data["file"].name)
    path = default_storage.save(f"{PENDING_DIR}/{token}.{extension}", ContentFile(form.content))
    pending = request.session.get(PENDING_KEY, {})
    pending[token] = {"path": path, "name": form.cleaned_data["file"].name[:200]}
    request.session[PENDING_KEY] = pending
    return token


def _pending_upload(request, token: str) -> tuple[dict, bytes] | None:
    """The upload this session kept under ``token``; None when it is gone."""
    pending = request.session.get(PENDING_KEY, {}).get(token)
    if pending is None:
        raise Http404
    try:
        with default_storage.open(pending["path"], "rb") as kept:
            return pending, kept.read()
    except FileNotFoundError:
        _drop_upload(request, token)
        return None


def _drop_upload(request, token: str) -> None:
    pending = request.session.get(PENDING_KEY, {})
    entry = pending.pop(token, None)
    request.session[PENDING_KEY] = pending
    if entry is not None:
        default_storage.delete(entry["path"])


def _preview(request, *, check, filename: str, token: str | None = None, stale: bool = False, status=200):
    context = {"check": check, "filename": filename, "token": token, "stale": stale}
    if check.valid:
        context["plan"] = catalogue_io.plan_import(check.rows)
    return render(request, "commitments/catalogue/import_preview.html", context, status=status)


@permission_required(MANAGE)
@require_http_methods(["GET", "POST"])
def catalogue_import(request):
    posted = request.method == "POST"
    form = CatalogueUploadForm(request.POST, request.FILES) if posted else CatalogueUploadForm()
    if posted and form.is_valid():
        filename = form.cleaned_data["file"].name
        if not form.check.valid:
            return _preview(request, check=form.check, filename=filename)
        token = _keep_upload(request, form)
        return redirect("catalogue:import_preview", token=token)
    return render(request, "commitments/catalogue/import.html", {"form": form, "columns": COLUMNS})


@permission_required(MANAGE)
@require_http_methods(["GET", "POST"])
def catalogue_import_preview(request, token):
    kept = _pending_upload(request, token)
    if kept is None:
        messages.warning(request, _("That upload has expired. Upload the file again."))
        return redirect("catalogue:import")
    pending, data = kept
    if request.POST.get("action") == "cancel":
        _drop_upload(request, token)
        messages.info(request, _("The import was cancelled; nothing was changed."))
        return redirect("catalogue:import")
    try:
        # Checked again: a section may have been renamed since the preview.
        check = catalogue_io.check_catalogue(data, pending["path"])
    except CatalogueFileError as error:
        _drop_upload(request, token)
        messages.error(request, error.message)
        return redirect("catalogue:import")
    if not check.valid:
        _drop_upload(request, token)  # to be corrected and uploaded again
        return _preview(request, check=check, filename=pending["name"])
    if request.method == "GET":
        return _preview(request, check=check, filename=pending["name"], token=token)
    try:
        plan = catalogue_io.import_catalogue(
            actor=request.user,
            rows=check.rows,
            change_note=_("Imported from %(file)s") % {"file": pending["name"]},
            expected_fingerprint=request.POST.get("fingerprint", ""),
        )
    except CatalogueChangedError:
        return _preview(request, check=check, filename=pending["name"], token=token, stale=True, status=409)
    except ValidationError as error:
        messages.error(request, _("Nothing was imported: %(error)s") % {"error": " ".join(error.messages)})
        return _preview(request, check=check, filename=pending["name"], token=token, status=409)
    _drop_upload(request, token)
    counts = plan.counts
    messages.success(
        request,
        _("Imported %(file)s: %(new)s new, %(changed)s changed, %(unchanged)s unchanged.")
        % {"file": pending["name"], **counts},
    )
    return redirect("catalogue:list")


# --- One item ---------------------------------------------------------------


def _item_or_404(code: str) -> ServiceItem:
    try:
        return selectors.catalogue_item(code)
    except ServiceItem.DoesNotExist:
        raise Http404 from None


@permission_required(MANAGE)
@require_GET
def item_detail(request, code):
    item = _item_or_404(code)
    history = selectors.catalogue_item_history(item)
    shown = item.current
    if "version" in request.GET:
        shown = next((e.version for e in history if str(e.version.number) == request.GET["version"]), None)
        if shown is None:
            raise Http404
    return render(
        request,
        "commitments/catalogue/item.html",
        {"item": item, "shown": shown, "history": history},
    )


def _materials_formset(request, version=None):
    if request.method == "POST":
        return MaterialFormSet(request.POST, prefix="materials")
    return MaterialFormSet(prefix="materials", initial=material_initial(version) if version else None)


@permission_required(MANAGE)
@require_http_methods(["GET", "POST"])
def item_create(request):
    form = ServiceItemForm(request.POST) if request.method == "POST" else ServiceItemForm()
    materials = _materials_formset(request)
    if request.method == "POST" and form.is_valid() and materials.is_valid():
        try:
            item = services.service_item_create(
                actor=request.user,
                code=form.cleaned_data["code"],
                department=form.cleaned_data["department"],
                content=form.content,
                materials=materials.materials(),
                published=form.cleaned_data["published"],
                post=form.cleaned_data["post"],
            )
        except ValidationError as error:
            form.add_service_errors(error, materials)
        else:
            messages.success(request, _("Service item %(code)s created.") % {"code": item.code})
            return redirect("catalogue:item", code=item.code)
    return render(request, "commitments/catalogue/edit.html", {"form": form, "materials": materials})


@permission_required(MANAGE)
@require_http_methods(["GET", "POST"])
def item_edit(request, code):
    item = _item_or_404(code)
    if item.current is None:
        raise Http404
    initial = {
        "department": item.department,
        "published": item.published,
        "post": item.post,
        **version_content(item.current)[0],
    }
    form = ServiceItemForm(request.POST if request.method == "POST" else None, item=item, initial=initial)
    materials = _materials_formset(request, item.current)
    if request.method == "POST" and form.is_valid() and materials.is_valid():
        try:
            version, relisted = services.service_item_edit(
                actor=request.user,
                item=item,
                department=form.cleaned_data["department"],
                published=form.cleaned_data["published"],
                content=form.content,
                materials=materials.materials(),
                change_note=form.cleaned_data["change_note"],
                post=form.cleaned_data["post"],
            )
        except ValidationError as error:
            form.add_service_errors(error, materials)
        else:
            if version is not None:
                messages.success(
                    request,
                    _("Saved as version %(number)s; version %(old)s is kept as it was.")
                    % {"number": version.number, "old": version.number - 1},
                )
            elif relisted:
                messages.success(request, _("Section and publication saved; the content is unchanged."))
            else:
                messages.info(request, _("Nothing changed, so no new version was made."))
            return redirect("catalogue:item", code=item.code)
    return render(
        request, "commitments/catalogue/edit.html", {"form": form, "materials": materials, "item": item}
    )
