//! `rasd serve`: the JSON API and the web app over an event database.

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, Result, bail};
use clap::Args;
use rasd_server::{AppState, RouterOptions, StateOptions, TokenSource};

use crate::Outcome;

/// Arguments of `rasd serve`.
#[derive(Debug, Args)]
#[command(
    after_help = "Reads are open to anyone who can reach the address; writes (reviews) \
need `Authorization: Bearer TOKEN`. Without --token or RASD_TOKEN, a token is generated at \
first start, saved next to the database (DB.token, mode 0600) and printed once.\n\n\
The web app is at http://BIND:PORT/, the API under /api/, its description at /openapi.json."
)]
pub struct ServeArgs {
    /// The database: a SQLite file or a postgres:// URL.
    #[arg(
        long,
        env = "RASD_DB",
        default_value = "rasd.db",
        value_name = "PATH|URL"
    )]
    pub db: String,
    /// Address to listen on (127.0.0.1: this machine only).
    #[arg(long, default_value = "127.0.0.1", value_name = "IP")]
    pub bind: IpAddr,
    #[arg(long, default_value_t = rasd_server::DEFAULT_PORT)]
    pub port: u16,
    /// The bearer token for writes (at least 16 characters).
    #[arg(long, env = "RASD_TOKEN", hide_env_values = true, value_name = "TOKEN")]
    pub token: Option<String>,
    /// Where the generated token is kept (default: DB.token next to a SQLite file,
    /// ./rasd-server.token for PostgreSQL).
    #[arg(long, value_name = "FILE")]
    pub token_file: Option<PathBuf>,
    /// Allow pages from this origin to call the API (repeatable; none by default).
    #[arg(long = "cors-origin", value_name = "ORIGIN")]
    pub cors_origins: Vec<String>,
    /// Longest time a request may take (seconds).
    #[arg(long, default_value_t = 30, value_name = "SECS")]
    pub timeout: u64,
    /// Store calls running at once (more wait without holding a thread).
    #[arg(long, default_value_t = 8, value_name = "N")]
    pub store_concurrency: usize,
    /// Read connections of the database pool.
    #[arg(long, default_value_t = 8, value_name = "N")]
    pub read_connections: usize,
    /// Development: serve the web app's files from this directory (e.g.
    /// crates/rasd-server/web) instead of the copies built into the binary.
    #[arg(long, value_name = "DIR", hide = true)]
    pub web_dir: Option<PathBuf>,
}

pub fn run(args: ServeArgs) -> Result<Outcome> {
    let is_pg = args.db.starts_with("postgres://") || args.db.starts_with("postgresql://");
    if !is_pg {
        let path = args.db.strip_prefix("sqlite://").unwrap_or(&args.db);
        if !std::path::Path::new(path).exists() {
            bail!("no database at {path} (create one with `rasd ingest --db {path} …`)");
        }
    }
    let opts = rasd_store::OpenOptions {
        read_connections: args.read_connections.max(1),
        ..rasd_store::OpenOptions::default()
    };
    let store: Arc<dyn rasd_store::Store> = Arc::from(
        rasd_store::open_with(&args.db, &opts)
            .with_context(|| format!("opening the database {}", args.db))?,
    );
    let token_file = args
        .token_file
        .clone()
        .unwrap_or_else(|| rasd_server::default_token_file(&args.db));
    let (token, source) = rasd_server::resolve_token(args.token.as_deref(), &token_file)
        .context("setting up the write token")?;
    match &source {
        TokenSource::Generated(path) => eprintln!(
            "rasd serve: generated a write token (saved in {}, mode 0600; shown only now):\n{}",
            path.display(),
            token.expose()
        ),
        TokenSource::File(path) => {
            eprintln!("rasd serve: write token from {}", path.display())
        }
        TokenSource::Given => {}
    }
    let gazetteer = rasd_gazetteer::Gazetteer::embedded().context("loading the gazetteer")?;
    let state = AppState::new(
        store,
        gazetteer,
        token,
        StateOptions {
            store_concurrency: args.store_concurrency.max(1),
            ..StateOptions::default()
        },
    );
    let app = rasd_server::router(
        state,
        &RouterOptions {
            request_timeout: Duration::from_secs(args.timeout.max(1)),
            cors_origins: args.cors_origins.clone(),
            web_dir: args.web_dir.clone(),
        },
    )?;
    let addr = SocketAddr::new(args.bind, args.port);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    runtime.block_on(rasd_server::serve(
        app,
        addr,
        |a| {
            eprintln!(
                "rasd serve: listening on http://{a}/ (database {})",
                args.db
            )
        },
        shutdown_signal(),
    ))?;
    eprintln!("rasd serve: stopped");
    Ok(Outcome::Success)
}

/// Ctrl-C, or SIGTERM on Unix.
async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(e) = tokio::signal::ctrl_c().await {
            tracing::warn!(error = %e, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(e) => {
                tracing::warn!(error = %e, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
}
