from kaohsiung_admin.core.navigation import navigation_for


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_sections": [], "user_roles": []}
    from kaohsiung_admin.accounts.roles import role_labels

    return {"nav_sections": navigation_for(user), "user_roles": role_labels(user)}
