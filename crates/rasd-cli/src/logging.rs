//! Log output on stderr, its level set by `-v`/`-q` (or `RUST_LOG`).

use tracing_subscriber::EnvFilter;

/// Installs the subscriber: warnings by default, `-v` info, `-vv` debug, `-vvv` trace, `-q`
/// errors only, `-qq` nothing. `RUST_LOG`, when set, wins.
pub fn init(verbose: u8, quiet: u8) {
    let level = match (verbose, quiet) {
        (_, q) if q >= 2 => "off",
        (_, 1) => "error",
        (0, _) => "warn",
        (1, _) => "info",
        (2, _) => "debug",
        _ => "trace",
    };
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(level));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_target(false)
        .try_init();
}
