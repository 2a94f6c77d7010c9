from django.conf import settings
from rest_framework import pagination

from kaohsiung_admin.core.paginator import EstimatingPaginator


class PageNumberPagination(pagination.PageNumberPagination):
    """`?page=N&page_size=M`, page_size capped.

    The total is core.paginator's: estimated on a huge unfiltered table, else counted up to
    `LIST_COUNT_CAP` (10,000). `count_exact` says whether `count` is exact; when it is not,
    `count` is the cap ("10,000+") or the planner's estimate, and `next` is set whenever a next
    page has rows (every page stays reachable)."""

    django_paginator_class = EstimatingPaginator
    page_size_query_param = "page_size"

    @property
    def max_page_size(self):
        return settings.API_MAX_PAGE_SIZE

    def get_paginated_response(self, data):
        from rest_framework.response import Response

        paginator = self.page.paginator
        return Response(
            {
                "count": int(paginator.count),
                "count_exact": paginator.count_exact,
                "next": self.get_next_link(),
                "previous": self.get_previous_link(),
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema):
        response = super().get_paginated_response_schema(schema)
        response["properties"]["count_exact"] = {
            "type": "boolean",
            "description": "false: count is a lower bound (the cap, shown as 10,000+) or the planner's estimate",
        }
        response["required"] = [*response["required"], "count_exact"]
        return response
