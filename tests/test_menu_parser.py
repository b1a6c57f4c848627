"""The crawler's menu check, on small pages: it must catch a menu marking two items, and a page
of the main menu that does not mark its own item."""

from tests.crawler import Page, menu_problems


def page(url: str, menu: str, sub: str = "") -> Page:
    html = f'<nav class="site-nav"><ul>{menu}</ul></nav><main>{sub}</main>'
    return Page(url=url, url_name="x", status=200, html=html, forms=[])


CURRENT = ' aria-current="page"'


def test_a_menu_marking_one_item_for_its_own_page_is_fine():
    menu = f'<li><a href="/a/"{CURRENT}>A</a></li><li><a href="/b/">B</a></li>'
    assert menu_problems([page("/a/", menu)]) == []


def test_two_marked_items_are_a_problem():
    menu = f'<li><a href="/a/"{CURRENT}>A</a></li><li><a href="/b/"{CURRENT}>B</a></li>'
    assert menu_problems([page("/a/", menu)]) == [
        "/a/ (x): the site-nav marks 2 items: ['/a/', '/b/']"
    ]


def test_a_page_in_the_menu_must_mark_its_item():
    menu = f'<li><a href="/a/">A</a></li><li><a href="/b/"{CURRENT}>B</a></li>'
    assert menu_problems([page("/a/?page=2", menu)]) == [
        "/a/?page=2 (x) is in the main menu but not marked as the current page"
    ]


def test_a_sub_menu_is_checked_for_two_marked_items_too():
    sub = f'<nav class="sub-nav"><a href="/c/"{CURRENT}>C</a><a href="/d/"{CURRENT}>D</a></nav>'
    problems = menu_problems([page("/c/", "", sub)])
    assert problems == ["/c/ (x): the sub-nav marks 2 items: ['/c/', '/d/']"]


def test_other_navigation_such_as_pages_of_a_list_is_left_alone():
    links = f'<a href="/a/?page=1"{CURRENT}>1</a><a href="/a/?page=2"{CURRENT}>2</a>'
    pager = f'<nav aria-label="Pages">{links}</nav>'
    assert menu_problems([page("/a/", "", pager)]) == []
