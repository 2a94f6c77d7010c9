"""A refusal names its date the way the page's language writes it: 民國111年3月24日 on Chinese
pages, 24 Mar 2022 on English ones (stored timeline notes keep the Bureau's ROC form)."""

import datetime

import pytest
from django.utils import translation

from consumer_protection import services
from kaohsiung_admin.core.errors import ServiceError


@pytest.mark.parametrize(("language", "shown"), [("zh-hant", "民國111年3月24日"), ("en", "24 Mar 2022")])
def test_a_refusal_writes_its_date_in_the_page_language(language, shown):
    with translation.override(language), pytest.raises(ServiceError) as refused:
        services._not_before(datetime.date(2022, 3, 1), datetime.date(2022, 3, 24), "replied_on", "申訴日期")
    assert shown in str(refused.value.message)
