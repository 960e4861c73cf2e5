//! One module per command. `ingest` is a pipeline of a document source and sinks, so later
//! steps (extraction, a database) plug in as further sinks.

pub mod ingest;
pub mod normalize;
pub mod eval;
pub mod extract;
pub mod input;
pub mod setup;
pub mod serve;
