//! Inputs and their bytes: files, directories and standard input; gzip and zstd streams
//! recognised by their magic bytes and decompressed on the fly; reads bounded by the size
//! limit so that one huge document or line never fills memory.

mod read;
mod walk;

use std::fmt;
use std::fs::File;
use std::io::{self, BufRead, BufReader};
use std::path::{Path, PathBuf};

pub(crate) use read::{LineRead, read_limited, read_line_limited};
pub(crate) use walk::{WalkItem, Walker};

/// One input as named by the caller.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Input {
    /// Standard input (`-` on the command line).
    Stdin,
    /// A file or a directory.
    Path(PathBuf),
}

impl Input {
    /// The path as shown in origins and messages (`-` for standard input).
    pub fn display_path(&self) -> String {
        match self {
            Input::Stdin => "-".to_owned(),
            Input::Path(p) => p.display().to_string(),
        }
    }

    /// The file name (not the path): what a single-document file's id is.
    pub fn file_name(&self) -> String {
        match self {
            Input::Stdin => "stdin".to_owned(),
            Input::Path(p) => p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| p.display().to_string()),
        }
    }
}

impl fmt::Display for Input {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.display_path())
    }
}

impl From<&str> for Input {
    fn from(s: &str) -> Self {
        if s == "-" {
            Input::Stdin
        } else {
            Input::Path(PathBuf::from(s))
        }
    }
}

impl From<PathBuf> for Input {
    fn from(p: PathBuf) -> Self {
        if p.as_os_str() == "-" {
            Input::Stdin
        } else {
            Input::Path(p)
        }
    }
}

impl From<&Path> for Input {
    fn from(p: &Path) -> Self {
        Input::from(p.to_path_buf())
    }
}

/// A compression layer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compression {
    None,
    Gzip,
    Zstd,
}

impl Compression {
    /// The compression the first bytes of a stream announce.
    pub fn sniff(head: &[u8]) -> Compression {
        if head.starts_with(&[0x1F, 0x8B]) {
            Compression::Gzip
        } else if head.starts_with(&[0x28, 0xB5, 0x2F, 0xFD]) {
            Compression::Zstd
        } else {
            Compression::None
        }
    }
}

/// Splits a compression extension off a file name: `a.jsonl.gz` → (`a.jsonl`, `gz`).
pub(crate) fn split_compression_extension(name: &str) -> (&str, Option<&str>) {
    for ext in [".gz", ".gzip", ".zst", ".zstd"] {
        let cut = name.len().saturating_sub(ext.len());
        if name.len() > ext.len()
            && name.is_char_boundary(cut)
            && name[cut..].eq_ignore_ascii_case(ext)
        {
            return (&name[..cut], Some(&ext[1..]));
        }
    }
    (name, None)
}

/// An open input: a buffered reader over the decompressed bytes.
pub(crate) struct Opened {
    pub(crate) reader: Box<dyn BufRead + Send>,
    pub(crate) compression: Compression,
    /// The size on disk of an uncompressed file, when known.
    pub(crate) plain_size: Option<u64>,
}

impl fmt::Debug for Opened {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Opened")
            .field("compression", &self.compression)
            .field("plain_size", &self.plain_size)
            .finish()
    }
}

const BUF_SIZE: usize = 64 * 1024;

/// Opens an input and puts a decompressor in front of it if its first bytes ask for one.
pub(crate) fn open(input: &Input) -> io::Result<Opened> {
    let (mut raw, size): (Box<dyn BufRead + Send>, Option<u64>) = match input {
        Input::Stdin => (
            Box::new(BufReader::with_capacity(BUF_SIZE, io::stdin())),
            None,
        ),
        Input::Path(p) => {
            let f = File::open(p)?;
            let size = f.metadata().ok().map(|m| m.len());
            (Box::new(BufReader::with_capacity(BUF_SIZE, f)), size)
        }
    };
    let compression = Compression::sniff(raw.fill_buf()?);
    let reader: Box<dyn BufRead + Send> = match compression {
        Compression::None => raw,
        Compression::Gzip => Box::new(BufReader::with_capacity(
            BUF_SIZE,
            flate2::bufread::MultiGzDecoder::new(raw),
        )),
        Compression::Zstd => Box::new(BufReader::with_capacity(
            BUF_SIZE,
            zstd::stream::read::Decoder::with_buffer(raw)?,
        )),
    };
    let plain_size = if compression == Compression::None {
        size
    } else {
        None
    };
    Ok(Opened {
        reader,
        compression,
        plain_size,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Read, Write};

    #[test]
    fn compression_extension_split() {
        let table = [
            ("a.jsonl.gz", ("a.jsonl", Some("gz"))),
            ("a.txt.ZST", ("a.txt", Some("zst"))),
            ("a.txt", ("a.txt", None)),
            (".gz", (".gz", None)),
            ("قصف.txt.zstd", ("قصف.txt", Some("zstd"))),
        ];
        for (name, want) in table {
            assert_eq!(split_compression_extension(name), want, "{name}");
        }
    }

    #[test]
    fn opens_plain_gzip_and_zstd_by_magic() {
        let dir = tempfile::tempdir().unwrap();
        let text = "قصف على درعا\n".repeat(100);
        let plain = dir.path().join("a.txt");
        std::fs::write(&plain, &text).unwrap();
        let gz = dir.path().join("a.bin");
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        enc.write_all(text.as_bytes()).unwrap();
        std::fs::write(&gz, enc.finish().unwrap()).unwrap();
        let zst = dir.path().join("a.zst");
        std::fs::write(&zst, zstd::encode_all(text.as_bytes(), 3).unwrap()).unwrap();
        for (path, want) in [
            (plain, Compression::None),
            (gz, Compression::Gzip),
            (zst, Compression::Zstd),
        ] {
            let mut o = open(&Input::Path(path.clone())).unwrap();
            assert_eq!(o.compression, want, "{}", path.display());
            let mut s = String::new();
            o.reader.read_to_string(&mut s).unwrap();
            assert_eq!(s, text);
        }
    }
}
