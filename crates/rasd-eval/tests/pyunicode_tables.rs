//! The embedded Unicode tables (src/pyunicode/tables.rs) are what
//! tools/gen_pyunicode.py writes with the python3 on PATH, when that is the Python
//! version they were taken from. Skipped (with a message) otherwise.

use std::path::Path;
use std::process::Command;

#[test]
fn embedded_tables_are_this_pythons() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let Ok(version) = Command::new("python3")
        .args(["-c", "import sys; print(sys.version.split()[0])"])
        .output()
    else {
        eprintln!("embedded_tables_are_this_pythons: skipped: python3 is not available");
        return;
    };
    let version = String::from_utf8_lossy(&version.stdout).trim().to_owned();
    let minor = |v: &str| v.split('.').take(2).collect::<Vec<_>>().join(".");
    if minor(&version) != minor(rasd_eval::PYTHON_UNICODE_VERSION) {
        eprintln!(
            "embedded_tables_are_this_pythons: skipped: python3 is {version}, the tables \
             are from {}",
            rasd_eval::PYTHON_UNICODE_VERSION
        );
        return;
    }
    let out = Command::new("python3")
        .arg(root.join("tools/gen_pyunicode.py"))
        .output()
        .expect("run the generator");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let fresh = String::from_utf8(out.stdout).expect("utf-8");
    let embedded =
        std::fs::read_to_string(root.join("src/pyunicode/tables.rs")).expect("read tables");
    // Only the patch version in the header may differ.
    let body = |s: &str| -> String {
        s.lines()
            .filter(|l| !l.contains("PYTHON_VERSION") && !l.contains("@generated"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert!(
        body(&fresh) == body(&embedded),
        "regenerate: python3 tools/gen_pyunicode.py > src/pyunicode/tables.rs"
    );
}
