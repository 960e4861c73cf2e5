//! A load test of the events API: CLIENTS concurrent keep-alive connections for SECONDS
//! seconds after a 3-second warm-up; prints p50/p90/p99/max latency per kind of request.
//!
//!     cargo run -p rasd-server --release --example loadtest -- http://127.0.0.1:8077 [CLIENTS] [SECONDS] [RATE]
//!
//! Without RATE (or 0) the test is closed-loop: each client sends its next request as soon
//! as the previous answer is read, which measures the server's saturation throughput (and
//! latency is then CLIENTS / throughput). With RATE, the clients together send RATE
//! requests per second on a fixed schedule (open loop), and latency is measured from each
//! request's scheduled time, so queueing behind a slow answer counts (no coordinated
//! omission).
//!
//! The mix (seeded, the same every run): one of the first 20 pages, newest first (40 %);
//! filtered by event type (15 %), by governorate (10 %), by date range (10 %), by actor
//! (5 %), by map box (5 %); event details by random id (15 %). See tools/loadtest/.

use std::sync::Arc;
use std::time::{Duration, Instant};

use rasd_merge::synthetic::Rng;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

type Error = Box<dyn std::error::Error + Send + Sync>;

const KINDS: [&str; 7] = ["list", "type", "admin1", "dates", "actor", "bbox", "detail"];

#[tokio::main]
async fn main() -> Result<(), Error> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let base = args
        .first()
        .ok_or("usage: loadtest URL [CLIENTS] [SECONDS] [RATE]")?;
    let clients: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(100);
    let seconds: u64 = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(30);
    let rate: f64 = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(0.0);
    let host = base
        .strip_prefix("http://")
        .ok_or("only http:// URLs")?
        .trim_end_matches('/')
        .to_owned();

    // What the database holds: totals, governorates, some event ids.
    let mut conn = Conn::connect(&host).await?;
    let (_, totals) = conn.get("/api/events?limit=1").await?;
    let totals: serde_json::Value = serde_json::from_slice(&totals)?;
    let total = totals["total"].as_u64().unwrap_or(0);
    let (_, stats) = conn.get("/api/stats").await?;
    let stats: serde_json::Value = serde_json::from_slice(&stats)?;
    let admin1: Vec<String> = stats["per_admin1"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|p| p[0].as_str().map(str::to_owned))
        .filter(|s| !s.is_empty())
        .collect();
    let mut ids = Vec::new();
    for offset in [0, 20_000, 50_000, 90_000] {
        let (_, page) = conn
            .get(&format!("/api/events?limit=250&offset={offset}"))
            .await?;
        let page: serde_json::Value = serde_json::from_slice(&page)?;
        ids.extend(
            page["items"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|e| e["id"].as_str().map(str::to_owned)),
        );
    }
    let mode = if rate > 0.0 {
        format!("open loop at {rate} requests/s")
    } else {
        "closed loop".to_owned()
    };
    println!(
        "{total} events, {} governorates, {} sample ids; {clients} clients, {mode}, {seconds} s (+3 s warm-up)",
        admin1.len(),
        ids.len()
    );
    if total == 0 || ids.is_empty() {
        return Err("the database is empty".into());
    }
    let shared = Arc::new((admin1, ids, total));
    let start = Instant::now();
    let warm = start + Duration::from_secs(3);
    let end = warm + Duration::from_secs(seconds);
    let mut tasks = Vec::new();
    for c in 0..clients {
        let host = host.clone();
        let shared = Arc::clone(&shared);
        tasks.push(tokio::spawn(async move {
            let mut rng = Rng::new(1000 + c as u64);
            let mut lat: Vec<Vec<u32>> = vec![Vec::new(); KINDS.len()];
            let mut errors = 0u64;
            let mut conn = Conn::connect(&host).await?;
            let mut k: u64 = 0;
            while Instant::now() < end {
                let (kind, path) = request(&mut rng, &shared.0, &shared.1, shared.2);
                // Open loop: client c sends its k-th request at (k * clients + c) / rate.
                let t = if rate > 0.0 {
                    let at = start
                        + Duration::from_secs_f64((k * clients as u64 + c as u64) as f64 / rate);
                    k += 1;
                    if at >= end {
                        break;
                    }
                    tokio::time::sleep_until(at.into()).await;
                    at
                } else {
                    Instant::now()
                };
                match conn.get(&path).await {
                    Ok((200, _)) => {}
                    Ok((status, body)) => {
                        errors += 1;
                        if errors < 3 {
                            eprintln!("{status} {path}: {}", String::from_utf8_lossy(&body));
                        }
                    }
                    Err(e) => {
                        errors += 1;
                        eprintln!("{path}: {e}");
                        conn = Conn::connect(&host).await?;
                    }
                }
                if t >= warm {
                    lat[kind].push(u32::try_from(t.elapsed().as_micros()).unwrap_or(u32::MAX));
                }
            }
            Ok::<_, Error>((lat, errors))
        }));
    }
    let mut all: Vec<Vec<u32>> = vec![Vec::new(); KINDS.len()];
    let mut errors = 0;
    for t in tasks {
        let (lat, e) = t.await??;
        errors += e;
        for (k, v) in lat.into_iter().enumerate() {
            all[k].extend(v);
        }
    }
    let mut every: Vec<u32> = all.iter().flatten().copied().collect();
    println!(
        "{:<8} {:>8} {:>9} {:>9} {:>9} {:>9}",
        "kind", "requests", "p50 ms", "p90 ms", "p99 ms", "max ms"
    );
    for (k, v) in all.iter_mut().enumerate() {
        report(KINDS[k], v);
    }
    report("all", &mut every);
    println!(
        "throughput {:.0} requests/s, {errors} errors",
        every.len() as f64 / seconds as f64
    );
    if let Some(p99) = p99_ms(&every) {
        println!(
            "p99 {p99:.1} ms: {}",
            if p99 < 50.0 {
                "under the 50 ms target"
            } else {
                "over the 50 ms target"
            }
        );
    }
    Ok(())
}

fn report(name: &str, v: &mut [u32]) {
    if v.is_empty() {
        return;
    }
    v.sort_unstable();
    let q = |p: f64| f64::from(v[((v.len() - 1) as f64 * p).round() as usize]) / 1000.0;
    println!(
        "{name:<8} {:>8} {:>9.2} {:>9.2} {:>9.2} {:>9.2}",
        v.len(),
        q(0.5),
        q(0.9),
        q(0.99),
        q(1.0)
    );
}

fn p99_ms(sorted: &[u32]) -> Option<f64> {
    (!sorted.is_empty())
        .then(|| f64::from(sorted[((sorted.len() - 1) as f64 * 0.99).round() as usize]) / 1000.0)
}

/// The next request of the mix: (kind, path).
fn request(rng: &mut Rng, admin1: &[String], ids: &[String], total: u64) -> (usize, String) {
    // The first 20 pages of 100 (what people page through; bulk readers use the feed).
    let offset = 100 * rng.below(20).min(total / 100);
    let types = [
        "Battles",
        "Explosions%2FRemote%20violence",
        "Violence%20against%20civilians",
        "Protests",
        "Strategic%20developments",
    ];
    let actors = ["regime", "isis", "rebels", "sdf", "russia"];
    match rng.below(100) {
        0..40 => (0, format!("/api/events?limit=100&offset={offset}")),
        40..55 => (
            1,
            format!(
                "/api/events?limit=100&type={}&offset={}",
                types[rng.below(5) as usize],
                offset / 4
            ),
        ),
        55..65 if !admin1.is_empty() => {
            let a = &admin1[rng.below(admin1.len() as u64) as usize];
            (2, format!("/api/events?limit=100&admin1={}", urlencode(a)))
        }
        55..75 => {
            let y = 2012 + rng.below(13);
            let m = 1 + rng.below(12);
            (
                3,
                format!("/api/events?limit=100&since={y}-{m:02}-01&until={y}-{m:02}-28"),
            )
        }
        75..80 => (
            4,
            format!(
                "/api/events?limit=100&actor={}",
                actors[rng.below(5) as usize]
            ),
        ),
        80..85 => {
            let lat = 32.5 + rng.below(40) as f64 / 10.0;
            let lon = 35.8 + rng.below(60) as f64 / 10.0;
            (
                5,
                format!(
                    "/api/events?limit=100&bbox={lon},{lat},{},{}",
                    lon + 0.5,
                    lat + 0.5
                ),
            )
        }
        _ => (
            6,
            format!("/api/events/{}", ids[rng.below(ids.len() as u64) as usize]),
        ),
    }
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// A keep-alive HTTP/1.1 connection (responses must carry Content-Length).
struct Conn {
    host: String,
    stream: BufReader<TcpStream>,
}

impl Conn {
    async fn connect(host: &str) -> Result<Self, Error> {
        let s = TcpStream::connect(host).await?;
        s.set_nodelay(true)?;
        Ok(Conn {
            host: host.to_owned(),
            stream: BufReader::new(s),
        })
    }

    async fn get(&mut self, path: &str) -> Result<(u16, Vec<u8>), Error> {
        let req = format!(
            "GET {path} HTTP/1.1\r\nHost: {}\r\nAccept: application/json\r\n\r\n",
            self.host
        );
        self.stream.get_mut().write_all(req.as_bytes()).await?;
        let mut line = String::new();
        self.stream.read_line(&mut line).await?;
        let status: u16 = line
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| format!("bad status line {line:?}"))?;
        let mut len = None;
        loop {
            line.clear();
            if self.stream.read_line(&mut line).await? == 0 {
                return Err("connection closed".into());
            }
            let l = line.trim_end();
            if l.is_empty() {
                break;
            }
            if let Some((k, v)) = l.split_once(':')
                && k.eq_ignore_ascii_case("content-length")
            {
                len = v.trim().parse::<usize>().ok();
            }
        }
        let len = len.ok_or("response without Content-Length")?;
        let mut body = vec![0; len];
        self.stream.read_exact(&mut body).await?;
        Ok((status, body))
    }
}
