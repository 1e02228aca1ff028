"""The review record: articles, issues and decisions, edits and their scores, and who
is working on what; in SQLite, or on a PostgreSQL server."""

from reviewer.store.claims import CLAIM_TTL
from reviewer.store.connection import StoreError
from reviewer.store.identity import content_hash
from reviewer.store.location import ServerUrl, parse_location
from reviewer.store.records import (
    Annotation,
    Claim,
    ClaimConflict,
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
    "CLAIM_TTL",
    "SCHEMA_VERSION",
    "Annotation",
    "Claim",
    "ClaimConflict",
    "DecisionRecord",
    "DecisionState",
    "EditConflict",
    "EditRecord",
    "Review",
    "ReviewStore",
    "ReviewedSegment",
    "SegmentRecord",
    "ServerUrl",
    "StoreError",
    "content_hash",
    "parse_location",
]
