"""Password reset by e-mail (issue 9, point 4): links on SITE_URL, the same answer for every
address, limits per e-mail address and per client address, and a link that sets a new password."""

import re

from django.core import mail
from django.test import Client, override_settings

from digibank.testing import PASSWORD, make_user

RESET = "/accounts/password/reset/"
LINK = re.compile(r"(https?://[^/\s]+)(/accounts/password/reset/[^/\s]+/[^/\s]+/)")


def browser(address="192.0.2.10", **headers):
    return Client(headers={"accept-language": "en", **headers}, REMOTE_ADDR=address)


def ask(client, email):
    return client.post(RESET, {"email": email})


@override_settings(
    SITE_URL="https://digibank.example", ALLOWED_HOSTS=["testserver", "evil.example"]
)
def test_the_mail_links_to_site_url_even_with_a_forged_host(db):
    make_user("anna")
    response = ask(browser(host="evil.example"), "anna@digibank.example")
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    origin, _path = LINK.search(mail.outbox[0].body).groups()
    assert origin == "https://digibank.example"
    assert "evil.example" not in mail.outbox[0].body


def test_an_unknown_address_gets_the_same_answer_and_no_mail(db):
    make_user("anna")
    known = ask(browser(), "anna@digibank.example")
    unknown = ask(browser(), "nobody@digibank.example")
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    assert len(mail.outbox) == 1
    assert page(known["Location"]) == page(unknown["Location"])


def page(url):
    """The page without its per-request tokens (CSRF)."""
    content = browser().get(url).content.decode()
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", content)


def test_at_most_three_mails_an_hour_for_one_address(db):
    make_user("anna")
    for number in range(5):
        response = ask(browser(f"192.0.2.{number + 1}"), "Anna@digibank.example")
        assert response.status_code == 302
    assert len(mail.outbox) == 3


def test_at_most_ten_requests_an_hour_from_one_client(db):
    for number in range(10):
        ask(browser("203.0.113.5"), f"someone-{number}@digibank.example")
    make_user("anna")
    assert ask(browser("203.0.113.5"), "anna@digibank.example").status_code == 302
    assert mail.outbox == []
    ask(browser("198.51.100.7"), "anna@digibank.example")
    assert len(mail.outbox) == 1


def test_the_link_sets_a_new_password(db):
    user = make_user("anna")
    ask(browser(), "anna@digibank.example")
    _origin, path = LINK.search(mail.outbox[0].body).groups()
    client = browser()
    form_page = client.get(path, follow=True)
    assert form_page.status_code == 200
    new = "purple elephant dances 42"
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": new, "new_password2": new},
    )
    assert done.status_code == 302
    user.refresh_from_db()
    assert user.check_password(new) and not user.check_password(PASSWORD)
    assert "does not work any more" in client.get(path, follow=True).content.decode()


def test_the_log_in_page_links_to_the_reset_page(db):
    assert f'href="{RESET}"' in browser().get("/accounts/login/").content.decode()
