//! Queries over the timeline, and what changed between two dates.
