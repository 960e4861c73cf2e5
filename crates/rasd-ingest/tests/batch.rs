//! A mixed batch: good and bad files side by side. Every good document or record comes out,
//! every bad one is reported with its reason and file[:line], and the batch goes on.

#![allow(clippy::unwrap_used)] // tests: a failed unwrap is a failed test

use std::io::Write;
use std::path::{Path, PathBuf};

use rasd_core::Document;
use rasd_ingest::{IngestConfig, IngestError, Ingestor, Input, RejectReason};

fn seed(name: &str) -> String {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples/seeds")
        .join(name);
    std::fs::read_to_string(p).unwrap()
}

const SEED_000: &str = "000_e24931adec30f976.txt";
const SEED_001: &str = "001_ee78328fd94bfc4f.txt";
const SEED_003: &str = "003_af73a84b27fc74b5.txt";
const SEED_004: &str = "004_03e1891f34e8350d.txt";

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

fn utf16le_with_bom(text: &str) -> Vec<u8> {
    let mut out = vec![0xFF, 0xFE];
    for u in text.encode_utf16() {
        out.extend_from_slice(&u.to_le_bytes());
    }
    out
}

/// Builds the mixed directory; returns it.
fn mixed_dir(dir: &Path) {
    let mut garbage = Vec::new();
    let mut x: u32 = 7;
    for _ in 0..2048 {
        x = x.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
        garbage.push((x >> 24) as u8);
    }
    std::fs::write(dir.join("garbage.txt"), garbage).unwrap();
    std::fs::write(dir.join("empty.txt"), b"").unwrap();
    let text = seed(SEED_004);
    let (w1256, _, unmappable) = encoding_rs::WINDOWS_1256.encode(&text);
    assert!(
        !unmappable,
        "the seed must be representable in windows-1256"
    );
    std::fs::write(dir.join("seed_1256.txt"), w1256).unwrap();
    std::fs::write(
        dir.join("seed_utf16.txt"),
        utf16le_with_bom(&seed(SEED_000)),
    )
    .unwrap();
    std::fs::write(dir.join("seed.txt.gz"), gzip(seed(SEED_003).as_bytes())).unwrap();
    std::fs::write(
        dir.join("seed.txt.zst"),
        zstd::encode_all(seed(SEED_001).as_bytes(), 3).unwrap(),
    )
    .unwrap();
    let jsonl = concat!(
        r#"{"id": "r1", "outlet": "okaz", "collected": "2015-08-03T21:19:33", "title": "قصف", "text": "قصفت طائرات حربية بلدة في ريف إدلب الجنوبي.", "lang": "ar"}"#,
        "\n",
        r#"{"id": "r2", "text": "سطر مكسور"#,
        "\n",
        r#"{"id": "r3", "published": "2024-08-11T08:04:31+03:00", "text": "اشتباكات في ريف حلب الشمالي بين فصائل المعارضة."}"#,
        "\n"
    );
    std::fs::write(dir.join("records.jsonl"), jsonl).unwrap();
    std::fs::write(dir.join(".hidden.txt"), "مخفي").unwrap();
    std::fs::write(dir.join("notes.md"), "# not ingested").unwrap();
}

fn clean_seed(name: &str) -> Document {
    let ingestor = Ingestor::new(IngestConfig::default()).unwrap();
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples/seeds")
        .join(name);
    ingestor
        .documents([Input::Path(p)])
        .next()
        .unwrap()
        .unwrap()
}

#[test]
fn good_records_pass_and_bad_ones_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    mixed_dir(dir.path());
    let ingestor = Ingestor::new(IngestConfig::default()).unwrap();
    let mut docs = ingestor.documents([Input::Path(dir.path().to_path_buf())]);
    let results: Vec<Result<Document, IngestError>> = docs.by_ref().collect();
    let shown: Vec<String> = results
        .iter()
        .map(|r| match r {
            Ok(d) => format!("ok {} ({})", d.id, d.encoding),
            Err(e) => {
                let o = e.origin().unwrap();
                let name = Path::new(&o.path)
                    .file_name()
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                match o.line {
                    Some(l) => format!("rejected {name}:{l} {}", e.reason()),
                    None => format!("rejected {name} {}", e.reason()),
                }
            }
        })
        .collect();
    assert_eq!(
        shown,
        [
            "rejected empty.txt empty",
            "rejected garbage.txt binary",
            "ok r1 (UTF-8)",
            "rejected records.jsonl:2 bad_json",
            "ok r3 (UTF-8)",
            "ok seed.txt.gz (UTF-8)",
            "ok seed.txt.zst (UTF-8)",
            "ok seed_1256.txt (windows-1256)",
            "ok seed_utf16.txt (UTF-16LE)",
        ]
    );
    let s = docs.summary();
    assert_eq!(
        (s.files, s.files_skipped, s.documents_read, s.documents_kept),
        (7, 1, 9, 6)
    );
    assert_eq!(s.rejected[&RejectReason::Empty], 1);
    assert_eq!(s.rejected[&RejectReason::Binary], 1);
    assert_eq!(s.rejected[&RejectReason::BadJson], 1);

    // messages name the file and the reason
    let messages: Vec<String> = results
        .iter()
        .filter_map(|r| r.as_ref().err())
        .map(ToString::to_string)
        .collect();
    assert!(
        messages[0].ends_with("empty.txt: empty: no text"),
        "{}",
        messages[0]
    );
    assert!(
        messages[1].contains("garbage.txt: binary data"),
        "{}",
        messages[1]
    );
    assert!(
        messages[2].contains("records.jsonl:2: not valid JSON"),
        "{}",
        messages[2]
    );

    // decoded copies equal the UTF-8 seeds, and clean the same
    let by_id = |id: &str| {
        results
            .iter()
            .flatten()
            .find(|d| d.id.as_str() == id)
            .unwrap()
    };
    for (id, seed_name) in [
        ("seed_1256.txt", SEED_004),
        ("seed_utf16.txt", SEED_000),
        ("seed.txt.gz", SEED_003),
        ("seed.txt.zst", SEED_001),
    ] {
        let got = by_id(id);
        let want = clean_seed(seed_name);
        assert_eq!(
            got.text,
            seed(seed_name),
            "{id}: text differs from the UTF-8 seed"
        );
        assert_eq!(got.kept, want.kept, "{id}");
        assert_eq!(got.content_hash, want.content_hash, "{id}");
    }
    let r1 = by_id("r1");
    assert_eq!(r1.origin.line, Some(1));
    assert_eq!(r1.outlet.as_deref(), Some("okaz"));
    assert_eq!(r1.metadata["lang"], "ar");
    assert_eq!(by_id("r3").origin.line, Some(3));
}

#[test]
fn size_limit_applies_per_record_not_per_stream() {
    let dir = tempfile::tempdir().unwrap();
    let mut jsonl = String::new();
    for i in 0..500 {
        jsonl.push_str(&format!(
            "{{\"id\": \"n{i}\", \"text\": \"قصف مدفعي على بلدة رقم {i} في ريف درعا الغربي.\"}}\n"
        ));
    }
    assert!(jsonl.len() > 20_000);
    std::fs::write(dir.path().join("many.jsonl.gz"), gzip(jsonl.as_bytes())).unwrap();
    let big_text = "قصف مدفعي على بلدة في ريف درعا.\n".repeat(200);
    std::fs::write(dir.path().join("big.txt.gz"), gzip(big_text.as_bytes())).unwrap();
    std::fs::write(dir.path().join("big.txt"), &big_text).unwrap();
    let config = IngestConfig {
        max_document_bytes: 1000,
        ..IngestConfig::default()
    };
    let ingestor = Ingestor::new(config).unwrap();
    let mut docs = ingestor.documents([Input::Path(dir.path().to_path_buf())]);
    let results: Vec<_> = docs.by_ref().collect();
    let errors: Vec<String> = results
        .iter()
        .filter_map(|r| r.as_ref().err())
        .map(ToString::to_string)
        .collect();
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(errors[0].ends_with(&format!(
        "big.txt: too large: {} bytes exceeds the limit of 1000 bytes",
        big_text.len()
    )));
    assert!(
        errors[1].ends_with("big.txt.gz: too large: the content exceeds the limit of 1000 bytes")
    );
    assert_eq!(docs.summary().documents_kept, 500);
}

#[test]
fn csv_files_are_read_record_by_record() {
    let dir = tempfile::tempdir().unwrap();
    let csv = "id,outlet,published,title,text\n\
               c1,enab,2024-01-02,عنوان,\"قصف على درعا.\nوقتل مدنيان.\"\n\
               c2,enab,2024-01-03,عنوان,\n";
    std::fs::write(dir.path().join("a.csv"), csv).unwrap();
    let ingestor = Ingestor::new(IngestConfig::default()).unwrap();
    let results: Vec<_> = ingestor
        .documents([Input::Path(dir.path().join("a.csv"))])
        .collect();
    let d = results[0].as_ref().unwrap();
    assert_eq!(d.id.as_str(), "c1");
    assert_eq!(d.published.unwrap().to_string(), "2024-01-02");
    assert_eq!(d.kept.len(), 2);
    let e = results[1].as_ref().unwrap_err();
    assert!(
        e.to_string().ends_with("a.csv:4: record has no text"),
        "{e}"
    );
}

#[test]
fn missing_inputs_are_reported_and_the_batch_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("ok.txt"), "قصف على درعا.").unwrap();
    let ingestor = Ingestor::new(IngestConfig::default()).unwrap();
    let results: Vec<_> = ingestor
        .documents([
            Input::Path(dir.path().join("missing.txt")),
            Input::Path(dir.path().join("ok.txt")),
        ])
        .collect();
    let e = results[0].as_ref().unwrap_err();
    assert_eq!(e.reason(), RejectReason::Io);
    assert!(e.to_string().contains("missing.txt: cannot read"), "{e}");
    assert_eq!(results[1].as_ref().unwrap().id.as_str(), "ok.txt");
}
