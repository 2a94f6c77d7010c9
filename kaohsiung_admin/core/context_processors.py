from kaohsiung_admin.core.navigation import navigation_for


def navigation(request):
    """The header: menu sections, the user's roles, the unread notices and the search text."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_sections": [], "user_roles": [], "unread_notifications": 0}
    from kaohsiung_admin.accounts.roles import role_labels
    from kaohsiung_admin.core.notifications import unread_count

    return {
        "nav_sections": navigation_for(user),
        "user_roles": role_labels(user),
        "unread_notifications": unread_count(user),
        "search_query": request.GET.get("q", "")[:100]
        if request.resolver_match and request.resolver_match.view_name == "core:search"
        else "",
    }
