"""A paginator for long ordered lists: a page's ids first, then its rows.

Django's Paginator reads ``queryset[offset:offset + n]`` with every join
and every column: a database steps over all the skipped rows, joining each.
Here the page's ids are read first (an ordered index gives them without
touching the table), then only those rows are read with their joins — a
"deferred join". bench/ measured page 1,000 of a 655,691-case section.
"""

from django.core.paginator import Paginator


class IdsFirstPaginator(Paginator):
    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        ids = list(self.object_list.values_list("pk", flat=True)[bottom:top])
        rows = {row.pk: row for row in self.object_list.filter(pk__in=ids).order_by()}
        return self._get_page([rows[pk] for pk in ids if pk in rows], number, self)
