from django.conf import settings
from rest_framework import pagination

from kaohsiung_admin.core.paginator import EstimatingPaginator


class PageNumberPagination(pagination.PageNumberPagination):
    """`?page=N&page_size=M`, page_size capped; counts estimated on huge unfiltered tables."""

    django_paginator_class = EstimatingPaginator
    page_size_query_param = "page_size"

    @property
    def max_page_size(self):
        return settings.API_MAX_PAGE_SIZE
