"""Signing in with two factors, as a user meets it: set up an authenticator app, enter its
codes, fall back on single-use backup codes, and an administrator's reset."""

import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import ChangeLogEntry
from accounts.roles import Role
from accounts.services.two_factor import backup_codes_replace, second_factor_verify, two_factor_reset
from portal.demo.users import create_demo_users, demo_sign_ins, demo_totp_secret, sign_in_lines
from tests.factories.access import user_with_role
from tests.factories.two_factor import authenticator_for, code_now

pytestmark = [pytest.mark.django_db, pytest.mark.password_only]


def _password_step(client: Client, user, password: str, next_url: str = "/") -> str:
    response = client.post(
        reverse("login") + f"?next={next_url}", {"username": user.email, "password": password}, follow=True
    )
    assert response.status_code == 200
    return response.redirect_chain[-1][0]


def test_first_sign_in_sets_up_an_authenticator_and_shows_ten_backup_codes(client, password, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    user = user_with_role(Role.DSL)
    where = _password_step(client, user, password, "/notifications/")
    assert where.startswith(reverse("two_factor:set_up"))
    page = client.get(where).content.decode()
    assert '<svg width="' in page
    assert 'class="portal-qr"' in page
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    secret = re.search(r'id="authenticator-key">([A-Z2-7 ]+)<', page).group(1)
    assert secret.replace(" ", "")
    assert len(secret.replace(" ", "")) == 32
    assert client.get(where).content.decode().count(secret) == 1, "the key stays the same on reload"

    wrong = client.post(where, {"code": "000000" if code_now(device) != "000000" else "111111"})
    assert "Enter a correct code" in wrong.content.decode()

    done = client.post(where, {"code": code_now(device), "next": "/notifications/"})
    html = done.content.decode()
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", html)
    assert len(codes) == 10 == StaticToken.objects.filter(device__user=user).count()
    assert 'href="/notifications/"' in html
    assert client.get("/notifications/").status_code == 200
    assert ChangeLogEntry.objects.filter(object_repr__contains="Authenticator app").exists()


def test_a_code_signs_in_once_and_sessions_get_a_new_key(client, password):
    user = user_with_role(Role.TASKFORCE)
    device = authenticator_for(user)
    where = _password_step(client, user, password)
    assert where.startswith(reverse("two_factor:verify"))
    before = client.session.session_key
    code = code_now(device)
    response = client.post(where, {"code": code})
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client.session.session_key != before
    assert client.get("/").status_code == 200

    again = Client()
    where = _password_step(again, user, password)
    refused = again.post(where, {"code": code})
    assert refused.status_code == 200, "a code used once is refused the second time"
    assert "Enter a correct code" in refused.content.decode()


def test_backup_codes_each_work_once(client, password, settings):
    settings.OTP_STATIC_THROTTLE_FACTOR = 0
    user = user_with_role(Role.IG_OFFICER)
    authenticator_for(user)
    from accounts.services.two_factor import backup_codes_replace

    codes = backup_codes_replace(user=user)
    where = _password_step(client, user, password)
    response = client.post(where, {"code": codes[0].upper()}, follow=True)
    assert response.status_code == 200
    assert "You used a backup code. You have 9 left." in response.content.decode()

    again = Client()
    where = _password_step(again, user, password)
    assert again.post(where, {"code": codes[0]}).status_code == 200
    assert again.post(where, {"code": codes[1]}).status_code == 302


def test_after_wrong_codes_even_the_right_one_waits(client, password):
    """django-otp's throttle: each failure doubles the wait before the next attempt counts."""
    user = user_with_role(Role.DSL)
    device = authenticator_for(user)
    where = _password_step(client, user, password)
    for _ in range(3):
        client.post(where, {"code": "12345"})
    assert client.post(where, {"code": code_now(device)}).status_code == 200
    device.refresh_from_db()
    assert device.throttling_failure_count >= 1


def test_making_new_backup_codes_needs_a_current_authenticator_code_and_stops_the_old_ones(
    client, password, settings
):
    settings.OTP_STATIC_THROTTLE_FACTOR = settings.OTP_TOTP_THROTTLE_FACTOR = 0
    user = user_with_role(Role.DATA_OFFICER)
    device = authenticator_for(user)
    from accounts.services.two_factor import backup_codes_replace

    old = backup_codes_replace(user=user)
    client.post(_password_step(client, user, password), {"code": code_now(device)})
    page = reverse("two_factor:backup_codes")
    assert "You have 10 unused backup codes" in client.get(page).content.decode()
    for refused in ("", old[0], "000000" if code_now(device, steps_ahead=1) != "000000" else "111111"):
        response = client.post(page, {"code": refused})
        assert response.status_code == 200
        assert "<code>" not in response.content.decode(), f"no new codes for {refused!r}"
    new = re.findall(
        r"<code>([a-z2-7]{8})</code>",
        client.post(page, {"code": code_now(device, steps_ahead=1)}).content.decode(),
    )
    assert len(new) == 10
    assert StaticToken.objects.filter(device__user=user).count() == 10
    assert not StaticToken.objects.filter(token__in=old).exists()


def test_backup_codes_are_kept_only_as_keyed_hashes_and_survive_a_key_rotation(client, password, settings):
    """A copy of the database does not give anyone a way past the second step; a new
    SECRET_KEY (with the old one in SECRET_KEY_FALLBACKS) does not lock people out."""
    settings.OTP_STATIC_THROTTLE_FACTOR = 0
    user = user_with_role(Role.DSL)
    authenticator_for(user)
    from accounts.services.two_factor import backup_codes_replace

    codes = backup_codes_replace(user=user)
    stored = set(StaticToken.objects.filter(device__user=user).values_list("token", flat=True))
    assert len(stored) == 10
    assert not stored & set(codes)
    assert not any(code in token for token in stored for code in codes)
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "a-rotated-secret-key-" + "x" * 40
    where = _password_step(client, user, password)
    assert client.post(where, {"code": codes[3]}).status_code == 302


def test_the_second_step_never_redirects_off_site(client, password):
    user = user_with_role(Role.DSL)
    device = authenticator_for(user)
    _password_step(client, user, password)
    response = client.post(
        reverse("two_factor:verify"), {"code": code_now(device), "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"


@pytest.mark.parametrize("target", ["x", "-1", "99999999999999999999", "two_factor:set_up"])
def test_a_next_that_is_not_a_page_sends_a_signed_in_user_home(client, password, target):
    """Django's redirect looks a value without a slash up as a URL name: "x" was a
    NoReverseMatch, a server error, for a user who had already given both factors."""
    user = user_with_role(Role.DSL)
    device = authenticator_for(user)
    where = _password_step(client, user, password)
    assert client.post(where, {"code": code_now(device)}).status_code == 302
    response = client.get(reverse("two_factor:verify"), {"next": target})
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_hostile_codes_are_a_form_error_not_a_crash(client, password):
    user = user_with_role(Role.DSL)
    authenticator_for(user)
    where = _password_step(client, user, password)
    for code in ("9" * 5000, "-1", "' OR 1=1 --"):
        response = client.post(where, {"code": code})
        assert response.status_code == 200, code
        assert "govuk-error-summary" in response.content.decode()
    # A NUL byte is refused for every page by portal/input_guard.py, with a clear 400.
    assert client.post(where, {"code": "\x00123456"}).status_code == 400


def test_the_django_admin_needs_the_second_factor(client, password):
    admin = user_with_role(Role.ADMINISTRATOR)
    device = authenticator_for(admin)
    _password_step(client, admin, password)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("two_factor:verify"))
    client.post(reverse("two_factor:verify"), {"code": code_now(device)})
    assert client.get(reverse("admin:index")).status_code == 200


def test_an_administrator_resets_a_lost_authenticator_and_it_is_logged(
    password, django_capture_on_commit_callbacks
):
    admin = user_with_role(Role.ADMINISTRATOR)
    user = user_with_role(Role.HEAD_TEACHER)
    device = authenticator_for(user)
    signed_in = Client()
    signed_in.post(_password_step(signed_in, user, password), {"code": code_now(device)})
    assert signed_in.get("/").status_code == 200

    admin_device = authenticator_for(admin)
    admin_client = Client()
    admin_client.post(_password_step(admin_client, admin, password), {"code": code_now(admin_device)})
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("admin:accounts_user_changelist"),
            {"action": "reset_two_factor", "_selected_action": [user.pk]},
        )
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert signed_in.get("/").status_code == 302, "their session ended"
    entry = ChangeLogEntry.objects.filter(actor=admin, action=ChangeLogEntry.Action.DELETE).get()
    assert "Authenticator app" in entry.object_repr

    fresh = Client()
    assert _password_step(fresh, user, password).startswith(reverse("two_factor:set_up"))


def test_a_reset_by_the_service_leaves_other_users_alone():
    user, other = user_with_role(Role.DSL), user_with_role(Role.DSL)
    authenticator_for(user), authenticator_for(other)
    two_factor_reset(by=user_with_role(Role.ADMINISTRATOR), user=user)
    assert list(TOTPDevice.objects.values_list("user", flat=True)) == [other.pk]


def test_api_paths_treat_a_password_only_session_as_no_session(rf, password):
    from accounts.middleware.two_factor import RequireTwoFactorMiddleware

    user = user_with_role(Role.DSL)
    request = rf.get("/api/v1/young-people/")
    request.user = user
    user.is_verified = lambda: False
    seen = {}

    def view(request):
        seen["user"] = request.user
        return None

    RequireTwoFactorMiddleware(view)(request)
    assert isinstance(seen["user"], AnonymousUser)


def test_demo_users_have_a_known_authenticator_and_demo_code_prints_its_code(client, capsys):
    users = create_demo_users()
    dsl = users[Role.DSL]
    lines = "\n".join(sign_in_lines(demo_sign_ins()))
    assert demo_totp_secret(dsl.email) in lines
    assert "demo_code" in lines
    call_command("demo_code", dsl.email)
    code = capsys.readouterr().out.strip()
    assert re.fullmatch(r"\d{6}", code)
    where = _password_step(client, dsl, "demo-password-2026")
    assert client.post(where, {"code": code}).status_code == 302
    assert client.get("/").status_code == 200


@pytest.mark.parametrize("which", ["authenticator", "backup code"])
def test_the_second_step_locks_the_devices_so_a_code_cannot_pass_twice_at_once(which):
    """Two requests racing with one code (the person, and whoever watched them type it)
    both passed when each read the device before the other had used the code up."""
    user = user_with_role(Role.DSL)
    device = authenticator_for(user)
    code = code_now(device) if which == "authenticator" else backup_codes_replace(user=user)[0]
    with transaction.atomic(), CaptureQueriesContext(connection) as queries:
        assert second_factor_verify(user=user, code=code) is not None
    listing = re.compile(r'FROM "otp_(totp_totp|static_static)device" WHERE \(?"[a-z_]+"\."user_id" =')
    device_reads = [q["sql"] for q in queries.captured_queries if listing.search(q["sql"])]
    assert device_reads
    assert all("FOR UPDATE" in sql for sql in device_reads)
