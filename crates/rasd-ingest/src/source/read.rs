//! Bounded reads: a whole document up to a limit, or one line up to a limit (the rest of an
//! over-long line is skipped without being stored).

use std::io::{self, BufRead, Read};

/// Reads the whole stream if it holds at most `limit` bytes. `Ok(None)` means the stream is
/// larger; nothing past `limit + 1` bytes is read.
pub(crate) fn read_limited(reader: &mut dyn Read, limit: u64) -> io::Result<Option<Vec<u8>>> {
    let mut buf = Vec::new();
    reader.take(limit.saturating_add(1)).read_to_end(&mut buf)?;
    if buf.len() as u64 > limit {
        Ok(None)
    } else {
        Ok(Some(buf))
    }
}

/// The outcome of reading one line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LineRead {
    /// End of stream, nothing read.
    Eof,
    /// A line is in the buffer (without its line ending).
    Line,
    /// The line was longer than the limit; it was skipped. `len` is its full length.
    TooLong { len: u64 },
}

/// Reads one `\n`-terminated line into `buf` (cleared first), dropping the line ending. A
/// line longer than `limit` bytes is consumed but not stored.
pub(crate) fn read_line_limited(
    reader: &mut dyn BufRead,
    buf: &mut Vec<u8>,
    limit: u64,
) -> io::Result<LineRead> {
    buf.clear();
    let mut len: u64 = 0;
    let mut any = false;
    loop {
        let chunk = match reader.fill_buf() {
            Ok(c) => c,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            break;
        }
        any = true;
        let (part, found) = match memchr::memchr(b'\n', chunk) {
            Some(i) => (&chunk[..i], Some(i)),
            None => (chunk, None),
        };
        let new_len = len + part.len() as u64;
        if new_len <= limit {
            buf.extend_from_slice(part);
        } else if len <= limit {
            // Crossed the limit: drop what was stored, keep counting.
            buf.clear();
            buf.shrink_to(64 * 1024);
        }
        len = new_len;
        let consumed = found.map_or(chunk.len(), |i| i + 1);
        reader.consume(consumed);
        if found.is_some() {
            break;
        }
    }
    if !any {
        return Ok(LineRead::Eof);
    }
    if len > limit {
        return Ok(LineRead::TooLong { len });
    }
    if buf.last() == Some(&b'\r') {
        buf.pop();
    }
    Ok(LineRead::Line)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::BufReader;

    #[test]
    fn lines_within_and_over_the_limit() {
        let data = b"short\r\nthis line is far too long\nok\n\nlast";
        // a tiny buffer so lines cross buffer boundaries
        let mut r = BufReader::with_capacity(4, &data[..]);
        let mut buf = Vec::new();
        let mut got = Vec::new();
        loop {
            match read_line_limited(&mut r, &mut buf, 10).unwrap() {
                LineRead::Eof => break,
                LineRead::Line => got.push(String::from_utf8(buf.clone()).unwrap()),
                LineRead::TooLong { len } => got.push(format!("<too long {len}>")),
            }
        }
        assert_eq!(got, ["short", "<too long 25>", "ok", "", "last"]);
    }

    #[test]
    fn whole_reads_respect_the_limit() {
        let table: [(&[u8], u64, Option<usize>); 4] = [
            (b"", 5, Some(0)),
            (b"abcde", 5, Some(5)),
            (b"abcdef", 5, None),
            (b"abc", 0, None),
        ];
        for (data, limit, want) in table {
            let got = read_limited(&mut &data[..], limit)
                .unwrap()
                .map(|v| v.len());
            assert_eq!(got, want, "{data:?} limit {limit}");
        }
    }
}
