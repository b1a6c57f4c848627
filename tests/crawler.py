"""A small same-site crawler on Django's test client, shared by the crawl and bad-input tests.

It follows every `<a href>` of the site (GET only), at most `per_name` URLs per resolved URL name,
and records what each page answered, the links that lead nowhere, and the forms on each page.
HTML is read with the standard library's `html.parser`.
"""

from __future__ import annotations

import hashlib
from collections import Counter, deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

from django.test import Client
from django.urls import Resolver404, resolve, reverse

ORIGIN = "http://testserver"
SKIPPED_PREFIXES = ("/api/", "/static/", "/media/")
TEXT_INPUT_TYPES = frozenset(
    {"text", "search", "email", "tel", "url", "number", "password", "date", "time"}
)


@dataclass
class Field:
    """One control of a form, as the browser would send it."""

    tag: str  # input, textarea or select
    name: str
    type: str
    value: str
    element_id: str = ""
    checked: bool = False
    options: list[tuple[str, bool]] = field(default_factory=list)  # (value, selected) of a select

    @property
    def is_text(self) -> bool:
        return self.tag == "textarea" or (self.tag == "input" and self.type in TEXT_INPUT_TYPES)

    def submitted_value(self) -> str | None:
        """What the browser sends for this control untouched; None when it sends nothing."""
        if self.tag == "select":
            chosen = [value for value, selected in self.options if selected]
            if chosen:
                return chosen[0]
            return self.options[0][0] if self.options else None
        if self.type in {"checkbox", "radio"}:
            return self.value or "on" if self.checked else None
        if self.type in {"submit", "button", "reset", "image", "file"}:
            return None
        return self.value


@dataclass
class Form:
    page_url: str
    action: str
    method: str
    index: int  # position among the page's <form> elements
    fields: list[Field] = field(default_factory=list)
    buttons: list[tuple[str, str]] = field(default_factory=list)  # named submit buttons

    @property
    def text_fields(self) -> list[Field]:
        return [f for f in self.fields if f.is_text]

    @property
    def action_path(self) -> str:
        return urlsplit(self.action).path

    def data(self) -> dict[str, list[str]]:
        """The form's current values, as a browser submits it with its first button."""
        data: dict[str, list[str]] = {}
        for control in self.fields:
            value = control.submitted_value()
            if value is not None and control.name:
                data.setdefault(control.name, []).append(value)
        if self.buttons:
            name, value = self.buttons[0]
            data.setdefault(name, []).append(value)
        return data


class PageParser(HTMLParser):
    """Collects the links and the forms of one HTML page."""

    def __init__(self, page_url: str) -> None:
        super().__init__(convert_charrefs=True)
        self.page_url = page_url
        self.links: list[str] = []
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._textarea: Field | None = None
        self._select: Field | None = None
        self._option: list | None = None  # [value or None, selected, text]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = {name: value or "" for name, value in attrs}
        if tag == "a" and "href" in attr:
            self.links.append(attr["href"])
        elif tag == "form":
            self._form = Form(
                page_url=self.page_url,
                action=urljoin(self.page_url, attr.get("action") or self.page_url),
                method=(attr.get("method") or "get").lower(),
                index=len(self.forms),
            )
            self.forms.append(self._form)
        elif self._form is None:
            return
        elif tag == "input":
            kind = (attr.get("type") or "text").lower()
            if kind == "submit" or kind == "image":
                if attr.get("name"):
                    self._form.buttons.append((attr["name"], attr.get("value", "")))
                return
            self._form.fields.append(
                Field(
                    tag="input",
                    name=attr.get("name", ""),
                    type=kind,
                    value=attr.get("value", ""),
                    element_id=attr.get("id", ""),
                    checked="checked" in attr,
                )
            )
        elif tag == "button":
            if (attr.get("type") or "submit").lower() == "submit" and attr.get("name"):
                self._form.buttons.append((attr["name"], attr.get("value", "")))
        elif tag == "textarea":
            self._textarea = Field(
                tag="textarea",
                name=attr.get("name", ""),
                type="textarea",
                value="",
                element_id=attr.get("id", ""),
            )
            self._form.fields.append(self._textarea)
        elif tag == "select":
            self._select = Field(
                tag="select",
                name=attr.get("name", ""),
                type="select-multiple" if "multiple" in attr else "select",
                value="",
                element_id=attr.get("id", ""),
            )
            self._form.fields.append(self._select)
        elif tag == "option" and self._select is not None:
            self._option = [attr.get("value"), "selected" in attr, ""]

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._textarea.value += data
        if self._option is not None:
            self._option[2] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "textarea" and self._textarea is not None:
            # The browser drops the one newline that may follow <textarea>.
            if self._textarea.value.startswith("\n"):
                self._textarea.value = self._textarea.value[1:]
            self._textarea = None
        elif tag == "option" and self._option is not None and self._select is not None:
            value, selected, text = self._option
            self._select.options.append((text.strip() if value is None else value, selected))
            self._option = None
        elif tag == "select":
            self._select = None


class StructureParser(HTMLParser):
    """The shape of a page's <main>: its elements and their attribute names, classes and roles,
    without text or attribute values that change with the data (ids, links, values)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.shape: list[tuple] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = dict(attrs)
        if tag == "main":
            self.depth += 1
        if self.depth:
            names = tuple(sorted(attr))
            self.shape.append((tag, names, attr.get("class"), attr.get("role"), attr.get("type")))

    def handle_endtag(self, tag: str) -> None:
        if tag == "main" and self.depth:
            self.depth -= 1


def structure_of(html: str) -> str:
    """A fingerprint of the shape of the page's main content, the same in every process."""
    parser = StructureParser()
    parser.feed(html)
    parser.close()
    return hashlib.sha256(repr(parser.shape).encode()).hexdigest()[:16]


def parse(page_url: str, html: str) -> PageParser:
    parser = PageParser(page_url)
    parser.feed(html)
    parser.close()
    return parser


@dataclass
class Page:
    url: str
    url_name: str
    status: int
    html: str
    forms: list[Form]


@dataclass
class CrawlResult:
    pages: list[Page] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    visited: list[tuple[str, int]] = field(default_factory=list)

    def first_per_name(self) -> dict[str, str]:
        """One URL of each URL name that answered with a page (200)."""
        chosen: dict[str, str] = {}
        for page in self.pages:
            chosen.setdefault(page.url_name, page.url)
        return chosen

    def first_per_name_and_shape(self) -> dict[tuple[str, str], str]:
        """The first URL of each URL name, keyed by its name and the shape of its main content:
        the same page showing other elements to another user (a table without links, an extra
        button) has another shape."""
        chosen: dict[str, Page] = {}
        for page in self.pages:
            chosen.setdefault(page.url_name, page)
        return {(name, structure_of(page.html)): page.url for name, page in chosen.items()}


def local_path(url: str, base: str) -> str | None:
    """The same-site path (with query string, without fragment) of a link, else None."""
    absolute, _fragment = urldefrag(urljoin(ORIGIN + base, url))
    parts = urlsplit(absolute)
    if parts.scheme not in {"http", "https"} or parts.netloc != urlsplit(ORIGIN).netloc:
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def url_name_of(path: str) -> str | None:
    try:
        return resolve(urlsplit(path).path).view_name
    except Resolver404:
        return None


def crawl(client: Client, start: list[str], *, per_name: int = 2) -> CrawlResult:
    """Follow every same-site link from `start` as the client's user; GET only."""
    skipped_paths = {reverse("logout"), reverse("set_language")}
    result = CrawlResult()
    queue: deque[tuple[str, str | None]] = deque((url, None) for url in start)
    seen: set[str] = set()
    per_name_count: Counter[str] = Counter()
    while queue:
        url, found_on = queue.popleft()
        if url in seen:
            continue
        seen.add(url)
        path = urlsplit(url).path
        if path.startswith(SKIPPED_PREFIXES) or path in skipped_paths:
            continue
        name = url_name_of(url) or "(no URL name)"
        if per_name_count[name] >= per_name:
            continue
        per_name_count[name] += 1
        response = client.get(url)
        status = response.status_code
        result.visited.append((url, status))
        origin = f" (linked from {found_on})" if found_on else ""
        if status >= 500:
            result.problems.append(f"{url} answered {status}{origin}")
            continue
        if status >= 400:
            if found_on:
                result.problems.append(f"broken link: {url} answered {status}{origin}")
            continue
        if status in {301, 302, 303, 307, 308}:
            target = local_path(response["Location"], url)
            if target:
                queue.append((target, found_on or url))
            continue
        if "text/html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        page = parse(url, html)
        result.pages.append(
            Page(url=url, url_name=name, status=status, html=html, forms=page.forms)
        )
        for href in page.links:
            target = local_path(href, url)
            if target and target not in seen:
                queue.append((target, url))
    return result


NOT_FORMS_TO_FILL = {"logout", "set_language"}


def forms_to_fill(pages: list[Page]) -> list[Form]:
    """One of each kind of POST form that has text fields to fill, from the crawled pages.

    Forms with buttons only (log out, language switch, confirmations of an action) are left out.
    A kind is the URL name of the form's action plus the names of its fields.
    """
    found: dict[tuple, Form] = {}
    for page in pages:
        for form in page.forms:
            if form.method != "post" or form.action_path.startswith(SKIPPED_PREFIXES):
                continue
            action_name = url_name_of(form.action_path)
            if action_name in NOT_FORMS_TO_FILL or not form.text_fields:
                continue
            key = (action_name, tuple(sorted(f.name for f in form.fields)))
            found.setdefault(key, form)
    return list(found.values())


def start_urls(identity: str) -> list[str]:
    """Where a crawl starts: the home page, or for staff their home and their account pages
    (which no page links to when the user works in a single digibank)."""
    if identity == "anonymous":
        return [reverse("portal:home")]
    return [reverse("portal:staff_home"), reverse("password_change"), reverse("portal:api_tokens")]


class MenuParser(HTMLParser):
    """The links of the menus: the main menu (`<nav class="site-nav">`) and the menus within a
    part of the site (`<nav class="sub-nav">`), each link's path and whether it says it is the
    current page."""

    MENUS = frozenset({"site-nav", "sub-nav"})

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0  # how deep inside a menu's <nav>; 0 outside any
        self.menus: dict[str, list[tuple[str, bool]]] = {}  # class → (path, aria-current)
        self._menu = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = dict(attrs)
        if tag == "nav":
            kind = sorted(self.MENUS.intersection((attr.get("class") or "").split()))
            if self.depth:
                self.depth += 1
            elif kind:
                self.depth = 1
                self._menu = kind[0]
                self.menus.setdefault(self._menu, [])
        elif tag == "a" and self.depth:
            path = urlsplit(attr.get("href") or "").path
            self.menus[self._menu].append((path, attr.get("aria-current") == "page"))

    def handle_endtag(self, tag: str) -> None:
        if tag == "nav" and self.depth:
            self.depth -= 1


def menu_problems(pages: list[Page]) -> list[str]:
    """Where a menu misleads: more than one item marked as the current page, or the page an item
    of the main menu leads to not marking that item (the menu is the only 'you are here' a page
    has)."""
    problems = []
    for page in pages:
        parser = MenuParser()
        parser.feed(page.html)
        where = f"{page.url} ({page.url_name})"
        for kind, links in parser.menus.items():
            current = [path for path, is_current in links if is_current]
            if len(current) > 1:
                problems.append(f"{where}: the {kind} marks {len(current)} items: {current}")
        here = urlsplit(page.url).path
        main = parser.menus.get("site-nav", [])
        if any(path == here for path, _ in main) and (here, True) not in main:
            problems.append(f"{where} is in the main menu but not marked as the current page")
    return problems
