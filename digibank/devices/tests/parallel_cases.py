"""Staff members register devices at the same moment: every device still gets its own asset tag.

Each thread has its own database connection, as two web server workers would. `test_concurrency.py`
runs this module in a pytest process of its own, on a SQLite file or on PostgreSQL (see
DIGIBANK_TEST_DATABASE_FILE in test_settings.py): the suite's in-memory SQLite is one connection's
private database. The tests are transactional, so every thread sees the others' commits; the
serialized rollback restores the rows migrations load.
"""

from __future__ import annotations

import threading

import pytest
from django.db import connections

from digibank.core.tests.parallel import refuse_a_private_database
from digibank.devices.models import Device
from digibank.devices.tests.helpers import make_device, make_digibank

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(autouse=True)
def shared_database() -> None:
    refuse_a_private_database()


def test_asset_tags_stay_unique_when_registered_at_the_same_moment():
    digibank, _staff = make_digibank("tags")
    barrier = threading.Barrier(4)
    errors = []

    def register(number: int) -> None:
        try:
            barrier.wait(timeout=30)
            for index in range(5):
                make_device(digibank, serial=f"T{number}X{index}", with_storage=False)
        except Exception as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=register, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    tags = list(Device.objects.filter(digibank=digibank).values_list("tag_number", flat=True))
    assert sorted(tags) == list(range(1, 21))
    assert len(set(Device.objects.values_list("asset_tag", flat=True))) == 20
