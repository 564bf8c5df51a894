import cProfile, pstats, time, io
import pytest

pytestmark = pytest.mark.django_db

@pytest.mark.parametrize("url", ["/pl/dobre-praktyki/", "/pl/"])
def test_prof(client, url):
    client.get(url)
    prof = cProfile.Profile()
    prof.enable()
    for _ in range(10):
        client.get(url)
    prof.disable()
    s = io.StringIO()
    st = pstats.Stats(prof, stream=s)
    st.sort_stats("cumulative").print_stats(r"/work/main/(core|home|practices|projects|libraries|search|operations|information|editorial|config)/", 60)
    print(s.getvalue())
