//! rasd-extract (placeholder until its issue lands).
