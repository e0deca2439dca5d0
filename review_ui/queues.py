"""Which Gradio queue an event joins.

Events of different listeners run concurrently, so the list reload that opening a tab starts could
answer after the search typed a second later and put the unfiltered list back. A tab's list updates
share one queue (concurrency limit 1), so they answer in the order they were asked.
"""
from __future__ import annotations


def tab_queue(tab_id: str) -> str:
    return f"ap-list-{tab_id}"
