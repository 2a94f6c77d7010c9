import pytest
from django.core.exceptions import ValidationError

from kaohsiung_admin.core import personal_data as pd
from kaohsiung_admin.core.models import PersonalDataAccess


@pytest.mark.parametrize("value", ["A123456789", "F131104093", "A800000014", "a123456789"])
def test_valid_national_ids(value):
    assert pd.is_valid_national_id(value)


@pytest.mark.parametrize("value", ["A123456788", "A323456789", "123456789", "AB23456789", "", None, "A12345678"])
def test_invalid_national_ids(value):
    assert not pd.is_valid_national_id(value)
    with pytest.raises(ValidationError):
        pd.validate_national_id(value)


def test_masks_hide_at_least_four_characters():
    assert pd.mask_national_id("E123456789") == "E12****789"
    assert pd.mask_phone("0912345678") == "0912***678"
    assert pd.mask_phone("07-3368333") == "07****333"
    assert pd.mask_address("高雄市苓雅區四維三路2號") == "高雄市苓雅區****"
    assert pd.mask_national_id("") == ""


@pytest.mark.parametrize(
    "value", ["0912345678", "07-3368333", "0223456789", "07-3368333#123", "0912-345-678", "0912 345 678", "07 336 8333"]
)
def test_phone_formats(value):
    pd.validate_phone(value)


@pytest.mark.parametrize("value", ["12345", "0912-abc", "+886912345678x", "0912-345-67", "--", "0012345678"])
def test_bad_phone_formats(value):
    with pytest.raises(ValidationError):
        pd.validate_phone(value)


def test_full_view_is_logged(officer):
    entry = pd.log_full_view(user=officer, record=officer, fields=["national_id"], reason="回電")
    assert PersonalDataAccess.objects.get() == entry
    assert entry.object_id == str(officer.pk) and entry.fields == "national_id"
