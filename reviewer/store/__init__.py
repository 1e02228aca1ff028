"""The review record: articles, issues and decisions, edits and their scores, in SQLite."""

from reviewer.store.connection import StoreError
from reviewer.store.identity import content_hash
from reviewer.store.records import (
    Annotation,
    DecisionRecord,
    DecisionState,
    EditConflict,
    EditRecord,
    ReviewedSegment,
    SegmentRecord,
)
from reviewer.store.review import Review
from reviewer.store.schema import SCHEMA_VERSION
from reviewer.store.store import ReviewStore

__all__ = [
    "SCHEMA_VERSION",
    "Annotation",
    "DecisionRecord",
    "DecisionState",
    "EditConflict",
    "EditRecord",
    "Review",
    "ReviewStore",
    "ReviewedSegment",
    "SegmentRecord",
    "StoreError",
    "content_hash",
]
