import pytest


@pytest.mark.django_db
class TestAdminLanguage:
    @pytest.mark.parametrize(
        ("accept_language", "lang", "sign_in"),
        [
            ("pl-PL,pl;q=0.9", "pl", "Zaloguj się"),
            ("ru", "ru", "Войти"),
            ("fi", "fi", "Kirjaudu sisään"),
            ("en-GB", "en", "Sign in"),
        ],
    )
    def test_login_page_speaks_the_browser_language(
        self, client, accept_language, lang, sign_in
    ):
        response = client.get(
            "/admin/login/", headers={"accept-language": accept_language}
        )
        assert response.status_code == 200
        html = response.content.decode()
        assert f'lang="{lang}"' in html
        assert sign_in in html
