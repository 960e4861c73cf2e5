//! Builds a SQLite store from articles (files or directories), as `rasd ingest --db` will:
//!
//!     cargo run -p rasd-server --release --example seed-db -- OUT.db examples/seeds [MORE…]
//!
//! Used by `tools/browser-test.sh`.

#[allow(dead_code)]
#[path = "../tests/common/fixture.rs"]
mod fixture;

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((db, inputs)) = args.split_first().filter(|(_, rest)| !rest.is_empty()) else {
        eprintln!("usage: seed-db OUT.db PATH [PATH…]");
        return ExitCode::from(1);
    };
    let inputs: Vec<PathBuf> = inputs.iter().map(PathBuf::from).collect();
    let result = rasd_store::open(db)
        .map_err(|e| e.to_string())
        .and_then(|store| fixture::load(store.as_ref(), &inputs).map_err(|e| e.to_string()));
    match result {
        Ok(out) => {
            eprintln!("{db}: {out}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("seed-db: {e}");
            ExitCode::from(1)
        }
    }
}
