//! rasd-gazetteer (placeholder until its issue lands).
