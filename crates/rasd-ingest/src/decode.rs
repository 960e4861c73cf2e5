//! From bytes to text: encoding detection, decoding, and the rejection of bytes that no
//! supported encoding explains.
//!
//! Supported: UTF-8 (with or without a byte-order mark), UTF-16 LE and BE with a byte-order
//! mark, windows-1256 and ISO-8859-6. The steps:
//!
//! 1. A byte-order mark decides the encoding outright.
//! 2. NUL bytes mean binary data (BOM-less UTF-16 is not supported).
//! 3. Valid UTF-8 is UTF-8. Text that is UTF-8 but for a few broken sequences (a truncated
//!    character, a stray byte) is decoded as UTF-8 with replacement characters.
//! 4. Otherwise [`chardetng`] guesses; a guess of windows-1256 or ISO-8859-6 is taken, and
//!    for any other guess the bytes are tried as windows-1256 and kept when most of their
//!    letters come out Arabic.
//! 5. The decoded text is rejected if it holds too many replacement characters or control
//!    characters (binary data that happened to have no NUL byte).

use std::io::{self, Read};

use encoding_rs::{Encoding, ISO_8859_6, UTF_8, WINDOWS_1256};

/// Most replacement characters tolerated, per thousand characters.
const MAX_REPLACEMENT_PERMILLE: usize = 5;
/// Most control characters (other than tab, line feed, carriage return, form feed) tolerated,
/// per thousand characters.
const MAX_CONTROL_PERMILLE: usize = 10;
/// Share of letters that must be Arabic for a windows-1256 fallback to be believed, per cent.
const MIN_ARABIC_LETTER_PERCENT: usize = 60;

/// Why bytes could not be turned into text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error("empty: no text")]
    Empty,
    #[error("binary data: {count} NUL byte(s)")]
    NulBytes { count: usize },
    #[error("binary data: {permille}‰ of characters are control characters")]
    ControlChars { permille: usize },
    #[error(
        "bytes no supported encoding explains (best guess {guess}; supported: UTF-8, UTF-16 with BOM, windows-1256, ISO-8859-6)"
    )]
    UnsupportedEncoding { guess: &'static str },
    #[error("{replaced} undecodable sequence(s) as {encoding} ({permille}‰ of characters)")]
    Undecodable {
        encoding: &'static str,
        replaced: usize,
        permille: usize,
    },
}

/// Decoded text and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text, byte-order mark removed.
    pub text: String,
    pub encoding: &'static Encoding,
    /// How many replacement characters decoding introduced.
    pub replaced: usize,
}

/// Decodes a whole document or record.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let body = bytes.get(bom_len..).unwrap_or_default();
        let (text, _) = encoding.decode_without_bom_handling(body);
        return check(text.into_owned(), encoding, true);
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(DecodeError::Empty);
    }
    let nul = memchr::memchr_iter(0, bytes).count();
    if nul > 0 {
        return Err(DecodeError::NulBytes { count: nul });
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => return check(s.to_owned(), UTF_8, false),
        Err(_) if mostly_utf8(bytes) => {
            return check(String::from_utf8_lossy(bytes).into_owned(), UTF_8, true);
        }
        Err(_) => {}
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let guess = detector.guess(None, chardetng::Utf8Detection::Deny);
    if guess == WINDOWS_1256 || guess == ISO_8859_6 {
        let (text, _) = guess.decode_without_bom_handling(bytes);
        return check(text.into_owned(), guess, true);
    }
    let (text, _) = WINDOWS_1256.decode_without_bom_handling(bytes);
    if arabic_letter_percent(&text) >= MIN_ARABIC_LETTER_PERCENT {
        return check(text.into_owned(), WINDOWS_1256, true);
    }
    Err(DecodeError::UnsupportedEncoding {
        guess: guess.name(),
    })
}

/// Rejects decoded text with too many replacement or control characters.
fn check(
    text: String,
    encoding: &'static Encoding,
    count_replaced: bool,
) -> Result<Decoded, DecodeError> {
    if text.trim().is_empty() {
        return Err(DecodeError::Empty);
    }
    let mut chars = 0usize;
    let mut replaced = 0usize;
    let mut control = 0usize;
    for c in text.chars() {
        chars += 1;
        if c == '\u{FFFD}' {
            replaced += 1;
        } else if c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{0C}') {
            control += 1;
        }
    }
    let permille = |n: usize| n * 1000 / chars.max(1);
    if permille(control) > MAX_CONTROL_PERMILLE {
        return Err(DecodeError::ControlChars {
            permille: permille(control),
        });
    }
    // Replacement characters already in valid UTF-8 were written by the source; only the
    // ones decoding introduced count.
    let replaced = if count_replaced { replaced } else { 0 };
    if permille(replaced) > MAX_REPLACEMENT_PERMILLE {
        return Err(DecodeError::Undecodable {
            encoding: encoding.name(),
            replaced,
            permille: permille(replaced),
        });
    }
    Ok(Decoded {
        text,
        encoding,
        replaced,
    })
}

/// Whether invalid UTF-8 is still best read as UTF-8: it has many valid multi-byte
/// sequences and only a few broken ones.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let mut rest = bytes;
    let mut invalid = 0usize;
    let mut multibyte = 0usize;
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                multibyte += s.chars().filter(|c| !c.is_ascii()).count();
                break;
            }
            Err(e) => {
                let (good, after) = rest.split_at(e.valid_up_to());
                multibyte += std::str::from_utf8(good)
                    .map(|s| s.chars().filter(|c| !c.is_ascii()).count())
                    .unwrap_or(0);
                invalid += 1;
                let skip = e.error_len().unwrap_or(after.len());
                rest = after.get(skip..).unwrap_or_default();
            }
        }
    }
    invalid > 0 && multibyte >= 20 * invalid
}

/// The share of letters in `text` that are Arabic script, in per cent.
fn arabic_letter_percent(text: &str) -> usize {
    let mut letters = 0usize;
    let mut arabic = 0usize;
    for c in text.chars().filter(|&c| rasd_text::chars::is_letter(c)) {
        letters += 1;
        if matches!(c, '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}') {
            arabic += 1;
        }
    }
    if letters < 8 {
        0
    } else {
        arabic * 100 / letters
    }
}

/// A reader that transcodes a UTF-16 stream (after its byte-order mark) to UTF-8, so record
/// formats can read UTF-16 files line by line without loading them.
pub(crate) struct Utf8Transcoder<R> {
    inner: R,
    decoder: encoding_rs::Decoder,
    input: Vec<u8>,
    output: Vec<u8>,
    pos: usize,
    done: bool,
}

impl<R> std::fmt::Debug for Utf8Transcoder<R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Utf8Transcoder")
            .field("encoding", &self.decoder.encoding().name())
            .finish()
    }
}

impl<R: Read> Utf8Transcoder<R> {
    /// `inner` must be positioned after the byte-order mark.
    pub(crate) fn new(inner: R, encoding: &'static Encoding) -> Self {
        Utf8Transcoder {
            inner,
            decoder: encoding.new_decoder_without_bom_handling(),
            input: vec![0; 16 * 1024],
            output: Vec::with_capacity(32 * 1024),
            pos: 0,
            done: false,
        }
    }
}

impl<R: Read> Read for Utf8Transcoder<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            if self.pos < self.output.len() {
                let n = buf.len().min(self.output.len() - self.pos);
                buf[..n].copy_from_slice(&self.output[self.pos..self.pos + n]);
                self.pos += n;
                return Ok(n);
            }
            if self.done {
                return Ok(0);
            }
            let n = self.inner.read(&mut self.input)?;
            let last = n == 0;
            let cap = self.decoder.max_utf8_buffer_length(n).unwrap_or(n * 3 + 16);
            self.output.clear();
            self.output.resize(cap, 0);
            let (_, _, written, _) =
                self.decoder
                    .decode_to_utf8(&self.input[..n], &mut self.output, last);
            self.output.truncate(written);
            self.pos = 0;
            self.done = last;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use encoding_rs::{UTF_16BE, UTF_16LE};

    const ARABIC: &str =
        "قصفت قوات النظام بلدة كناكر في ريف دمشق الغربي، ما أدى إلى مقتل ثلاثة مدنيين.";

    fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
        let mut out = if big_endian {
            vec![0xFE, 0xFF]
        } else {
            vec![0xFF, 0xFE]
        };
        for u in text.encode_utf16() {
            let b = if big_endian {
                u.to_be_bytes()
            } else {
                u.to_le_bytes()
            };
            out.extend_from_slice(&b);
        }
        out
    }

    #[test]
    fn decodes_supported_encodings() {
        let mut bom8 = vec![0xEF, 0xBB, 0xBF];
        bom8.extend_from_slice(ARABIC.as_bytes());
        let (w1256, _, bad) = WINDOWS_1256.encode(ARABIC);
        assert!(!bad);
        let (iso, _, bad) = ISO_8859_6
            .encode("قصفت قوات النظام بلدة كناكر في ريف دمشق الغربي ما أدى إلى مقتل ثلاثة مدنيين");
        assert!(!bad);
        let table: Vec<(&str, Vec<u8>, &'static Encoding)> = vec![
            ("utf-8", ARABIC.as_bytes().to_vec(), UTF_8),
            ("utf-8 bom", bom8, UTF_8),
            ("utf-16le bom", utf16(ARABIC, false), UTF_16LE),
            ("utf-16be bom", utf16(ARABIC, true), UTF_16BE),
            ("windows-1256", w1256.into_owned(), WINDOWS_1256),
            ("iso-8859-6", iso.into_owned(), ISO_8859_6),
            ("ascii", b"Shelling in Daraa.\n".to_vec(), UTF_8),
        ];
        for (name, bytes, want) in table {
            let d = decode(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(d.encoding, want, "{name}");
            assert!(!d.text.starts_with('\u{FEFF}'), "{name}: BOM kept");
            assert_eq!(d.replaced, 0, "{name}");
        }
        assert_eq!(decode(ARABIC.as_bytes()).unwrap().text, ARABIC);
        assert_eq!(decode(&WINDOWS_1256.encode(ARABIC).0).unwrap().text, ARABIC);
        assert_eq!(decode(&utf16(ARABIC, true)).unwrap().text, ARABIC);
    }

    #[test]
    fn rejects_what_no_encoding_explains() {
        let mut random = Vec::new();
        let mut x: u32 = 12345;
        for _ in 0..4096 {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
            random.push((x >> 16) as u8);
        }
        let no_nul: Vec<u8> = random
            .iter()
            .map(|b| if *b == 0 { 1 } else { *b })
            .collect();
        let latin1 = encoding_rs::WINDOWS_1252
            .encode("Ça dépend où l'été se passe, déjà très âgé.")
            .0;
        type Row = (&'static str, Vec<u8>, fn(&DecodeError) -> bool);
        let table: Vec<Row> = vec![
            ("empty", vec![], |e| *e == DecodeError::Empty),
            ("blank", b" \n\t\r\n".to_vec(), |e| *e == DecodeError::Empty),
            ("bom only", vec![0xEF, 0xBB, 0xBF, b'\n'], |e| {
                *e == DecodeError::Empty
            }),
            ("nul", random.clone(), |e| {
                matches!(e, DecodeError::NulBytes { .. })
            }),
            ("controls", no_nul, |e| {
                matches!(
                    e,
                    DecodeError::ControlChars { .. } | DecodeError::UnsupportedEncoding { .. }
                )
            }),
            ("latin-1", latin1.into_owned(), |e| {
                matches!(e, DecodeError::UnsupportedEncoding { .. })
            }),
            (
                "control text",
                b"abc\x01\x02\x03\x04def\x05\x06".to_vec(),
                |e| matches!(e, DecodeError::ControlChars { .. }),
            ),
        ];
        for (name, bytes, ok) in table {
            match decode(&bytes) {
                Err(e) => assert!(ok(&e), "{name}: wrong error {e:?}"),
                Ok(d) => panic!("{name}: decoded as {}", d.encoding.name()),
            }
        }
    }

    #[test]
    fn mostly_utf8_keeps_utf8_with_a_broken_tail() {
        let mut bytes = ARABIC.repeat(3).into_bytes();
        bytes.push(0xD8); // a truncated two-byte character
        let d = decode(&bytes).unwrap();
        assert_eq!(d.encoding, UTF_8);
        assert_eq!(d.replaced, 1);
        assert!(d.text.starts_with(ARABIC));
    }

    proptest::proptest! {
        #[test]
        fn never_panics_and_keeps_valid_utf8(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..512), text in "[\\p{Arabic}a-z0-9 .،\n]{1,200}") {
            let _ = decode(&bytes);
            if !text.trim().is_empty() {
                let d = decode(text.as_bytes()).unwrap();
                proptest::prop_assert_eq!(d.encoding, UTF_8);
                proptest::prop_assert_eq!(d.text, text);
            }
        }
    }

    #[test]
    fn transcoder_streams_utf16_to_utf8() {
        let text = ARABIC.repeat(1000);
        let bytes = utf16(&text, false);
        let mut r = Utf8Transcoder::new(&bytes[2..], UTF_16LE);
        let mut out = String::new();
        r.read_to_string(&mut out).unwrap();
        assert_eq!(out, text);
    }
}
