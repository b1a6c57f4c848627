"""Small helpers shared by the organisation views."""

from __future__ import annotations

from django import forms
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest

from digibank.core.errors import DomainError

PER_PAGE = 25


def add_domain_error(form: forms.BaseForm, error: DomainError) -> None:
    """Put a refused business rule next to its field, or at the top of the form."""
    field = error.field if error.field in form.fields else None
    form.add_error(field, error.message)


def page_of(request: HttpRequest, queryset: QuerySet, per_page: int = PER_PAGE) -> Page:
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))
