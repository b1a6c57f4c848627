"""The crawler's HTML reading: forms are submitted the way a browser would submit them."""

from __future__ import annotations

from tests.crawler import local_path, parse

PAGE = """<html><body>
<a href="/hubs/">Hubs</a> <a href="mailto:a@b.example">Mail</a> <a href="https://elsewhere.example/">x</a>
<a href="#main">Skip</a> <a href="edit/?tab=2#top">Edit</a>
<form method="post" action="save/">
  <input type="hidden" name="csrfmiddlewaretoken" value="t">
  <input name="first_name" id="id_first_name" value="Marie &amp; co">
  <input type="number" name="birth_year" value="1950">
  <input type="password" name="secret">
  <input type="checkbox" name="step_free" checked> <input type="checkbox" name="quiet" value="1">
  <input type="radio" name="lang" value="nl"> <input type="radio" name="lang" value="fr" checked>
  <select name="kind"><option value="a">A</option><option value="b" selected>B</option></select>
  <select name="empty_pick"><option value="">---</option><option value="x">X</option></select>
  <textarea name="notes">
Line one</textarea>
  <button type="submit" name="action" value="save">Save</button>
</form>
<form method="post" action="/accounts/logout/"><button type="submit">Log out</button></form>
<form role="search"><input type="search" name="q"></form>
</body></html>"""


def test_it_reads_links_and_forms_as_a_browser_would():
    page = parse("/staff/mechelen/people/2/", PAGE)
    save, logout, search = page.forms
    assert (save.method, save.action, save.index) == ("post", "/staff/mechelen/people/2/save/", 0)
    assert save.data() == {
        "csrfmiddlewaretoken": ["t"],
        "first_name": ["Marie & co"],
        "birth_year": ["1950"],
        "secret": [""],
        "step_free": ["on"],
        "lang": ["fr"],
        "kind": ["b"],
        "empty_pick": [""],
        "notes": ["Line one"],
        "action": ["save"],
    }
    assert [f.name for f in save.text_fields] == ["first_name", "birth_year", "secret", "notes"]
    assert save.text_fields[0].element_id == "id_first_name"
    assert logout.text_fields == [] and logout.action_path == "/accounts/logout/"
    assert (search.method, search.action) == ("get", "/staff/mechelen/people/2/")
    assert [f.name for f in search.text_fields] == ["q"]


def test_it_keeps_only_links_of_this_site():
    base = "/staff/mechelen/people/2/"
    page = parse(base, PAGE)
    paths = [local_path(href, base) for href in page.links]
    assert paths == ["/hubs/", None, None, base, "/staff/mechelen/people/2/edit/?tab=2"]
