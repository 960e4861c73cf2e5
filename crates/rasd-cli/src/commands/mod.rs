//! One module per command. `ingest` stores documents and their events through the pipeline
//! of [`pipeline`] (or, with `--json`/`--no-store`, only cleans them); `events`, `search`
//! and `changes` read the database.

pub mod db;
pub mod eval;
pub mod events;
pub mod extract;
pub mod ingest;
pub mod input;
pub mod normalize;
pub mod pipeline;
pub mod search;
pub mod serve;
pub mod setup;
