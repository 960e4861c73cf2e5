//! Expanding inputs into files: directories are walked depth-first, entries sorted by name,
//! hidden entries (names starting with `.`) skipped, and only files whose extension names a
//! known format (optionally followed by `.gz`/`.zst`) taken. Files named explicitly are
//! always taken. Symbolic links to files are followed; links to directories are not (no
//! cycles).

use std::collections::VecDeque;
use std::fs;
use std::path::{Path, PathBuf};

use rasd_core::Origin;

use super::{Input, split_compression_extension};
use crate::config::Format;
use crate::error::IngestError;

/// What the walk yields.
#[derive(Debug)]
pub(crate) enum WalkItem {
    /// A file (or standard input) to read.
    File(Input),
    /// A file inside a directory that was left out (unknown extension).
    Skipped(PathBuf),
}

/// A lazy, deterministic walk over the inputs. Memory holds one sorted listing per open
/// directory level, never the whole tree.
#[derive(Debug)]
pub(crate) struct Walker {
    pending: VecDeque<Input>,
    /// Open directories, innermost last; each holds its remaining sorted entries.
    stack: Vec<std::vec::IntoIter<PathBuf>>,
    /// Take every non-hidden file in directories, whatever its extension.
    take_all: bool,
}

impl Walker {
    pub(crate) fn new(inputs: impl IntoIterator<Item = Input>, take_all: bool) -> Self {
        Walker {
            pending: inputs.into_iter().collect(),
            stack: Vec::new(),
            take_all,
        }
    }

    fn open_dir(&mut self, dir: &Path) -> Result<(), IngestError> {
        let io_err = |source| IngestError::Io {
            origin: origin_of(dir),
            source,
        };
        let mut entries = Vec::new();
        for entry in fs::read_dir(dir).map_err(io_err)? {
            let entry = entry.map_err(io_err)?;
            if is_hidden(&entry.file_name()) {
                continue;
            }
            entries.push(entry.path());
        }
        entries.sort();
        self.stack.push(entries.into_iter());
        Ok(())
    }
}

impl Iterator for Walker {
    type Item = Result<WalkItem, IngestError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(top) = self.stack.last_mut() {
                let Some(path) = top.next() else {
                    self.stack.pop();
                    continue;
                };
                let meta = match fs::symlink_metadata(&path) {
                    Ok(m) => m,
                    Err(source) => {
                        return Some(Err(IngestError::Io {
                            origin: origin_of(&path),
                            source,
                        }));
                    }
                };
                if meta.is_dir() {
                    if let Err(e) = self.open_dir(&path) {
                        return Some(Err(e));
                    }
                    continue;
                }
                let is_file = meta.is_file() || (meta.file_type().is_symlink() && path.is_file());
                if !is_file {
                    continue;
                }
                if self.take_all || has_known_extension(&path) {
                    return Some(Ok(WalkItem::File(Input::Path(path))));
                }
                return Some(Ok(WalkItem::Skipped(path)));
            }
            let input = self.pending.pop_front()?;
            match &input {
                Input::Path(p) if p.is_dir() => {
                    if let Err(e) = self.open_dir(p) {
                        return Some(Err(e));
                    }
                }
                _ => return Some(Ok(WalkItem::File(input))),
            }
        }
    }
}

pub(crate) fn origin_of(path: &Path) -> Origin {
    Origin {
        path: path.display().to_string(),
        line: None,
    }
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_string_lossy().starts_with('.')
}

fn has_known_extension(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    let (stem, _) = split_compression_extension(&name);
    Path::new(stem)
        .extension()
        .and_then(|e| e.to_str())
        .and_then(Format::from_extension)
        .is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_sorted_recursive_skipping_hidden_and_unknown() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for f in [
            "b.txt",
            "a.jsonl.gz",
            ".hidden.txt",
            "notes.md",
            "sub/c.html",
            "sub/d.csv.zst",
        ] {
            let p = root.join(f);
            fs::create_dir_all(p.parent().unwrap()).unwrap();
            fs::write(p, "x").unwrap();
        }
        fs::create_dir_all(root.join(".git")).unwrap();
        fs::write(root.join(".git/e.txt"), "x").unwrap();
        let items: Vec<String> = Walker::new([Input::Path(root.to_path_buf())], false)
            .map(|r| match r.unwrap() {
                WalkItem::File(Input::Path(p)) => {
                    p.strip_prefix(root).unwrap().display().to_string()
                }
                WalkItem::File(Input::Stdin) => "-".into(),
                WalkItem::Skipped(p) => format!("skip {}", p.strip_prefix(root).unwrap().display()),
            })
            .collect();
        assert_eq!(
            items,
            [
                "a.jsonl.gz",
                "b.txt",
                "skip notes.md",
                "sub/c.html",
                "sub/d.csv.zst"
            ]
        );
    }

    #[test]
    fn explicit_files_and_stdin_pass_through_in_order() {
        let items: Vec<_> = Walker::new(
            [Input::Stdin, Input::Path("/nonexistent/x.bin".into())],
            false,
        )
        .map(|r| match r.unwrap() {
            WalkItem::File(i) => i,
            WalkItem::Skipped(_) => panic!("skipped"),
        })
        .collect();
        assert_eq!(
            items,
            [Input::Stdin, Input::Path("/nonexistent/x.bin".into())]
        );
    }
}
