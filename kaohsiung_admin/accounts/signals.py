from django.contrib.auth.models import Group
from django.db.models.signals import post_save

from kaohsiung_admin.accounts.roles import STAFF


def add_new_staff_to_staff_role(sender, instance, created, raw=False, **kwargs):
    """Every member of staff may book a hall or a car: new users join the 職員 role."""
    if created and not raw and not instance.is_api_client:
        group = Group.objects.filter(name=STAFF).first()
        if group is not None:
            instance.groups.add(group)


def connect(user_model):
    post_save.connect(add_new_staff_to_staff_role, sender=user_model, dispatch_uid="accounts.staff_role")
