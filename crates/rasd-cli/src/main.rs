//! The `rasd` binary.

fn main() {}
