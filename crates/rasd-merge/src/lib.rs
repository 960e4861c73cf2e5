//! rasd-merge (placeholder until its issue lands).
