//! Shared test support: a small deterministic PRNG, where score.py and the gold files
//! are, and a batch runner for score.py.

#![allow(dead_code)]

pub mod generate;
pub mod odd;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::Value;

/// SplitMix64: deterministic, no dependency.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1) as usize) as i64
    }

    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i + 1);
            items.swap(i, j);
        }
    }
}

/// The reference scorer: `RASD_SCORE_PY`, else ../shared beside the checkout, else
/// /work/shared.
pub fn score_py() -> PathBuf {
    std::env::var_os("RASD_SCORE_PY")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            let beside =
                Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/tools/score.py");
            if beside.exists() {
                beside
            } else {
                PathBuf::from("/work/shared/tools/score.py")
            }
        })
}

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// Whether `python3` and score.py are both there; prints why a test is skipped if not.
pub fn python_available(test: &str) -> bool {
    let ok = Command::new("python3")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !ok {
        eprintln!("{test}: skipped: python3 is not available");
        return false;
    }
    if !score_py().is_file() {
        eprintln!(
            "{test}: skipped: {} is missing (set RASD_SCORE_PY)",
            score_py().display()
        );
        return false;
    }
    true
}

/// What one run of score.py printed, or why it stopped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PyOutcome {
    Printed(String),
    Raised(String),
}

/// Runs score.py's own code (`runpy.run_path(score.py, run_name="__main__")` with
/// `sys.argv` set and stdout captured) once per argument list, in one Python process.
const DRIVER: &str = r#"
import io, json, runpy, sys
score, jobs = sys.argv[1], sys.argv[2]
real = sys.stdout
with open(jobs, encoding="utf-8") as f:
    for line in f:
        args = json.loads(line)
        buf = io.StringIO()
        sys.argv = [score] + args
        sys.stdout = buf
        ok, err = True, ""
        try:
            runpy.run_path(score, run_name="__main__")
        except SystemExit as e:
            if e.code not in (None, 0):
                ok, err = False, str(e.code)
        except BaseException as e:
            ok, err = False, type(e).__name__ + ": " + str(e)
        finally:
            sys.stdout = real
        real.write(json.dumps({"ok": ok, "out": buf.getvalue(), "err": err}) + "\n")
"#;

/// Runs score.py for each argument list (paths and flags after `score.py`).
pub fn run_score_py_batch(jobs: &[Vec<String>], workdir: &Path) -> Vec<PyOutcome> {
    let jobs_path = workdir.join("jobs.jsonl");
    let text: String = jobs
        .iter()
        .map(|j| serde_json::to_string(j).expect("job") + "\n")
        .collect();
    std::fs::write(&jobs_path, text).expect("write jobs");
    let out = Command::new("python3")
        .arg("-c")
        .arg(DRIVER)
        .arg(score_py())
        .arg(&jobs_path)
        .env("PYTHONIOENCODING", "utf-8")
        .output()
        .expect("run python3");
    assert!(
        out.status.success(),
        "driver failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let outcomes: Vec<PyOutcome> = String::from_utf8(out.stdout)
        .expect("utf-8")
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).expect("driver line");
            if v["ok"].as_bool() == Some(true) {
                PyOutcome::Printed(v["out"].as_str().unwrap_or_default().to_owned())
            } else {
                PyOutcome::Raised(v["err"].as_str().unwrap_or_default().to_owned())
            }
        })
        .collect();
    assert_eq!(outcomes.len(), jobs.len(), "one outcome per job");
    outcomes
}

/// Runs `python3 score.py ARGS` as a process, as a user would.
pub fn run_score_py(args: &[String]) -> PyOutcome {
    let out = Command::new("python3")
        .arg(score_py())
        .args(args)
        .env("PYTHONIOENCODING", "utf-8")
        .output()
        .expect("run python3");
    if out.status.success() {
        PyOutcome::Printed(String::from_utf8(out.stdout).expect("utf-8 output"))
    } else {
        PyOutcome::Raised(String::from_utf8_lossy(&out.stderr).into_owned())
    }
}

/// Runs a Python snippet with score.py importable as `score`; returns its stdout.
pub fn run_python_with_score(code: &str, input: &Path) -> String {
    let dir = score_py()
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let out = Command::new("python3")
        .arg("-c")
        .arg(code)
        .arg(input)
        .env("PYTHONPATH", dir)
        .env("PYTHONIOENCODING", "utf-8")
        .output()
        .expect("run python3");
    assert!(
        out.status.success(),
        "python failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

pub fn write_jsonl(path: &Path, records: &[Value]) {
    let text: String = records
        .iter()
        .map(|r| serde_json::to_string(r).expect("json") + "\n")
        .collect();
    std::fs::write(path, text).expect("write jsonl");
}

/// The first difference between two texts, for readable failures.
pub fn first_difference(a: &str, b: &str) -> String {
    let k = a
        .char_indices()
        .zip(b.chars())
        .find(|((_, x), y)| x != y)
        .map_or(a.len().min(b.len()), |((k, _), _)| k);
    let from = a[..k].rfind('\n').map_or(0, |n| n + 1);
    format!(
        "at byte {k}:\n  rust:   {:?}\n  python: {:?}",
        a[from..].lines().next().unwrap_or(""),
        b.get(from..).and_then(|s| s.lines().next()).unwrap_or("")
    )
}
