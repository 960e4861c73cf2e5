//! The `rasd` binary, run as a user would.

#![allow(clippy::unwrap_used)] // tests: a failed unwrap is a failed test

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use rasd_core::Document;

fn rasd() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_rasd"));
    c.env_remove("RUST_LOG");
    c
}

fn seeds() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/seeds")
}

fn run_with_stdin(mut cmd: Command, stdin: &[u8]) -> Output {
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    child.wait_with_output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

fn documents(o: &Output) -> Vec<Document> {
    stdout(o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn ingest_seeds_prints_a_summary_and_exits_0() {
    let o = rasd()
        .args(["ingest", "--no-store"])
        .arg(seeds())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("documents: 5 read, 5 cleaned, 0 rejected"),
        "{out}"
    );
    assert!(out.contains("repeated_paragraph 2"), "{out}");
}

#[test]
fn ingest_json_emits_one_document_per_line() {
    let o = rasd()
        .args(["ingest", "--json"])
        .arg(seeds())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let docs = documents(&o);
    assert_eq!(docs.len(), 5);
    for d in &docs {
        let kept = d.cleaned_text();
        assert!(
            !kept.contains("اترك تعليقاً") && !kept.contains("الأكثر قراءة"),
            "{}",
            d.id
        );
        for (span, p) in d.kept_paragraphs() {
            assert_eq!(&d.text[span.start..span.end], p);
        }
    }
    // the summary went to stderr, so stdout is pure JSON Lines
    assert!(stderr(&o).contains("5 cleaned"));
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

fn mixed_dir(dir: &Path) {
    let seed = std::fs::read_to_string(seeds().join("002_e0d5436aaee0fdc5.txt")).unwrap();
    let (w, _, bad) = encoding_rs::WINDOWS_1256.encode(&seed);
    assert!(!bad);
    std::fs::write(dir.join("a_1256.txt"), &w).unwrap();
    let mut utf16 = vec![0xFE, 0xFF];
    for u in seed.encode_utf16() {
        utf16.extend_from_slice(&u.to_be_bytes());
    }
    std::fs::write(dir.join("b_utf16.txt"), utf16).unwrap();
    std::fs::write(dir.join("c.txt.gz"), gzip(seed.as_bytes())).unwrap();
    std::fs::write(
        dir.join("d.txt.zst"),
        zstd::encode_all(seed.as_bytes(), 3).unwrap(),
    )
    .unwrap();
    std::fs::write(dir.join("e_empty.txt"), b"").unwrap();
    std::fs::write(
        dir.join("f_binary.txt"),
        [0u8, 159, 146, 150, 0, 1, 2, 3, 0xFF, 0xFE, 0].repeat(50),
    )
    .unwrap();
    std::fs::write(
        dir.join("g.jsonl"),
        "{\"id\":\"j1\",\"text\":\"قصف على درعا.\"}\nnot json\n{\"id\":\"j3\",\"text\":\"\"}\n{\"id\":\"j4\",\"text\":\"غارات على إدلب.\"}\n",
    )
    .unwrap();
}

#[test]
fn a_mixed_batch_reports_rejections_and_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    mixed_dir(dir.path());
    let o = rasd()
        .args(["ingest", "--json"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let docs = documents(&o);
    let ids: Vec<&str> = docs.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "a_1256.txt",
            "b_utf16.txt",
            "c.txt.gz",
            "d.txt.zst",
            "j1",
            "j4"
        ]
    );
    let err = stderr(&o);
    let d = dir.path().display();
    for line in [
        format!("rejected: {d}/e_empty.txt: empty: no text"),
        format!("rejected: {d}/f_binary.txt: binary data: "),
        format!("rejected: {d}/g.jsonl:2: not valid JSON: "),
        format!("rejected: {d}/g.jsonl:3: record has no text"),
    ] {
        assert!(err.contains(&line), "missing {line:?} in:\n{err}");
    }
    assert!(
        err.contains("documents: 10 read, 6 cleaned, 4 rejected"),
        "{err}"
    );
    // every decoded copy is the same text as the UTF-8 seed
    let seed = std::fs::read_to_string(seeds().join("002_e0d5436aaee0fdc5.txt")).unwrap();
    for doc in &docs[..4] {
        assert_eq!(doc.text, seed, "{}", doc.id);
        assert_eq!(doc.content_hash, docs[0].content_hash);
    }
    assert_eq!(docs[0].encoding, "windows-1256");
    assert_eq!(docs[1].encoding, "UTF-16BE");
}

#[test]
fn stdin_is_sniffed_or_taken_as_the_given_format() {
    let jsonl = "{\"id\":\"s1\",\"text\":\"قصف على درعا.\"}\n";
    let mut cmd = rasd();
    cmd.args(["ingest", "--json", "-"]);
    let o = run_with_stdin(cmd, jsonl.as_bytes());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let docs = documents(&o);
    assert_eq!(
        (docs[0].id.as_str(), docs[0].origin.path.as_str()),
        ("s1", "-")
    );

    let mut cmd = rasd();
    cmd.args(["ingest", "--json", "--format", "txt", "-"]);
    let o = run_with_stdin(cmd, &gzip(jsonl.as_bytes()));
    let docs = documents(&o);
    assert_eq!(docs[0].id.as_str(), "stdin");
    assert_eq!(
        docs[0].text, jsonl,
        "gzip on stdin is decompressed; txt keeps the line as text"
    );
}

#[test]
fn size_limit_and_fatal_errors() {
    let o = rasd()
        .args(["ingest", "--no-store", "--max-size", "1K"])
        .arg(seeds())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("too large: 3748 bytes exceeds the limit of 1024 bytes"),
        "{}",
        stderr(&o)
    );

    // usage errors and an unreadable phrase file are fatal: 1
    let o = rasd().args(["ingest"]).output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    let o = rasd()
        .args(["ingest", "--format", "pdf", "x"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let o = rasd()
        .args([
            "ingest",
            "--no-store",
            "--ui-phrases",
            "/nonexistent/phrases.txt",
        ])
        .arg(seeds())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("cannot read the UI phrase file"),
        "{}",
        stderr(&o)
    );

    // a missing input is a rejection, not a fatal error
    let o = rasd()
        .args(["ingest", "--no-store", "/nonexistent/file.txt"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("rejected: /nonexistent/file.txt: cannot read"));
}

#[test]
fn user_phrase_file_extends_the_built_in_list() {
    let dir = tempfile::tempdir().unwrap();
    let phrases = dir.path().join("phrases.txt");
    std::fs::write(&phrases, "[line]\nالقدس العربي\n").unwrap();
    let seed = seeds().join("002_e0d5436aaee0fdc5.txt");
    let o = rasd()
        .args(["ingest", "--json", "--ui-phrases"])
        .arg(&phrases)
        .arg(&seed)
        .output()
        .unwrap();
    let doc = &documents(&o)[0];
    let signoff = doc
        .removed
        .iter()
        .find(|r| &doc.text[r.span.start..r.span.end] == "القدس العربي")
        .unwrap();
    // with the user phrase it is a UI phrase, not trailing boilerplate
    assert_eq!(signoff.reason, rasd_core::RemovalReason::UiPhrase);
}

#[test]
fn help_everywhere() {
    for args in [
        &["--help"][..],
        &["ingest", "--help"],
        &["normalize", "--help"],
    ] {
        let o = rasd().args(args).output().unwrap();
        assert_eq!(o.status.code(), Some(0), "{args:?}");
        assert!(stdout(&o).contains("Usage"), "{args:?}");
    }
    let o = rasd().args(["ingest", "--help"]).output().unwrap();
    assert!(stdout(&o).contains("Exit status"));
}

#[test]
fn normalize_prints_display_and_key() {
    let o = rasd()
        .args(["normalize", "--text", "مُسْتَشْفَى إدلب ٣"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        stdout(&o),
        "display: مستشفى إدلب 3\nkey:     مستشفي ادلب 3\n"
    );
    let mut cmd = rasd();
    cmd.args(["normalize", "--json"]);
    let o = run_with_stdin(cmd, "القنيطرة\nأعزاز\n".as_bytes());
    let lines: Vec<serde_json::Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["key"], "القنيطره");
    assert_eq!(lines[1]["key"], "اعزاز");
}
