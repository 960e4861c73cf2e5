//! Tokens of the match key: Arabic words, Latin words, numbers, punctuation, line breaks.
//!
//! Tokenising runs on the match key (harakat and tatweel already gone, digits already
//! ASCII), so `مقـــتلُ` is one word and `٥٬٠٠٠` is one number. Each token keeps its byte
//! range in the key and its span in the original text.

use std::ops::Range;

use rasd_core::Span;
use unicode_normalization::char::is_combining_mark;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// A run of Arabic letters.
    Word,
    /// A run of letters of another script (Latin in practice), with any digits that follow
    /// a letter (`F16`, `covid19`).
    Latin,
    /// Digits (either script; ASCII in the key) with thousands separators or a decimal
    /// point: `1,000`, `3.5`, `18000`. See [`number_value`].
    Number,
    /// Punctuation, quotes, brackets, dashes, and line breaks.
    Punct(PunctKind),
    /// Anything else that is not white space: symbols, emoji, `%`, `+`.
    Other,
}

/// The punctuation marks the tokenizer tells apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PunctKind {
    /// `،` `,`
    Comma,
    /// `؛` `;`
    Semicolon,
    /// `؟` `?`
    Question,
    /// `.`
    Period,
    /// `!`
    Exclamation,
    /// `…`
    Ellipsis,
    /// `:`
    Colon,
    /// A quote that does not say which way it faces: `"` `'`.
    Quote,
    /// `«` `“` `‘` `„` `‹`
    OpenQuote,
    /// `»` `”` `’` `›`
    CloseQuote,
    /// `(` `[` `{`
    OpenBracket,
    /// `)` `]` `}`
    CloseBracket,
    /// `-` `‐` `‑`
    Hyphen,
    /// `–` `—` `―` `−`
    Dash,
    /// `/` `\`
    Slash,
    /// A line break: `\n`, `\r\n`, `\r`, U+2028, U+2029, U+0085.
    Newline,
}

impl PunctKind {
    /// Marks that end a sentence (line breaks aside).
    pub const fn ends_sentence(self) -> bool {
        matches!(
            self,
            PunctKind::Period
                | PunctKind::Exclamation
                | PunctKind::Question
                | PunctKind::Semicolon
                | PunctKind::Ellipsis
        )
    }
}

/// One token of an analysed text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Byte range in the match key ([`crate::Normalized::key`]).
    pub key: Range<usize>,
    /// Absolute byte span in the original document.
    pub span: Span,
    pub kind: TokenKind,
    /// Index of the sentence the token belongs to.
    pub sentence: usize,
}

impl Token {
    pub fn is_word(&self) -> bool {
        self.kind == TokenKind::Word
    }

    pub fn is_number(&self) -> bool {
        self.kind == TokenKind::Number
    }

    pub fn is_punct(&self, p: PunctKind) -> bool {
        self.kind == TokenKind::Punct(p)
    }

    pub fn is_newline(&self) -> bool {
        self.is_punct(PunctKind::Newline)
    }
}

/// Whether `c` (a match-key character) is an Arabic letter.
pub const fn is_arabic_letter(c: char) -> bool {
    matches!(c,
        '\u{0621}'..='\u{063A}'
        | '\u{0641}'..='\u{064A}'
        | '\u{066E}'..='\u{066F}'
        | '\u{0671}'..='\u{06D3}'
        | '\u{06D5}'
        | '\u{06EE}'..='\u{06EF}'
        | '\u{06FA}'..='\u{06FC}'
        | '\u{06FF}'
        | '\u{0750}'..='\u{077F}'
        | '\u{08A0}'..='\u{08C9}'
    )
}

fn punct_kind(c: char) -> Option<PunctKind> {
    Some(match c {
        '،' | ',' | '\u{066C}' => PunctKind::Comma,
        '؛' | ';' => PunctKind::Semicolon,
        '؟' | '?' => PunctKind::Question,
        '.' | '\u{06D4}' => PunctKind::Period,
        '!' => PunctKind::Exclamation,
        '…' => PunctKind::Ellipsis,
        ':' => PunctKind::Colon,
        '"' | '\'' => PunctKind::Quote,
        '«' | '“' | '‘' | '„' | '‹' => PunctKind::OpenQuote,
        '»' | '”' | '’' | '›' => PunctKind::CloseQuote,
        '(' | '[' | '{' => PunctKind::OpenBracket,
        ')' | ']' | '}' => PunctKind::CloseBracket,
        '-' | '\u{2010}' | '\u{2011}' => PunctKind::Hyphen,
        '–' | '—' | '―' | '−' => PunctKind::Dash,
        '/' | '\\' => PunctKind::Slash,
        _ => return None,
    })
}

fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{2028}' | '\u{2029}' | '\u{0085}' | '\u{000B}' | '\u{000C}'
    )
}

/// Splits a match key into tokens; `to_span` maps a key byte range to an absolute span of
/// the original. Sentence indices are left at 0 (see [`crate::sentence`]). Tokens never
/// overlap in the original: pieces of one original character form one token.
pub(crate) fn tokenize(key: &str, to_span: impl Fn(usize, usize) -> Span) -> Vec<Token> {
    let bytes = key.as_bytes();
    let mut tokens = Vec::with_capacity(key.len() / 7 + 4);
    let push = |start: usize, end: usize, kind: TokenKind, tokens: &mut Vec<Token>| {
        let span = to_span(start, end);
        // Tokens cut from one original character (`…` → `...`, `½` → `1⁄2`, `ﷺ` → four
        // words) are one token.
        if let Some(last) = tokens.last_mut()
            && span.start < last.span.end
        {
            last.key.end = end;
            last.span.end = last.span.end.max(span.end);
            return;
        }
        tokens.push(Token {
            key: start..end,
            span,
            kind,
            sentence: 0,
        });
    };
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        // ASCII fast paths.
        if b < 0x80 {
            match b {
                b' ' | b'\t' => i += 1,
                b'0'..=b'9' => {
                    let end = scan_number(bytes, i);
                    push(i, end, TokenKind::Number, &mut tokens);
                    i = end;
                }
                b'a'..=b'z' | b'A'..=b'Z' => {
                    let end = scan_latin(key, i);
                    push(i, end, TokenKind::Latin, &mut tokens);
                    i = end;
                }
                b'\r' => {
                    let end = if bytes.get(i + 1) == Some(&b'\n') {
                        i + 2
                    } else {
                        i + 1
                    };
                    push(i, end, TokenKind::Punct(PunctKind::Newline), &mut tokens);
                    i = end;
                }
                _ => {
                    let c = char::from(b);
                    if is_line_break(c) {
                        push(i, i + 1, TokenKind::Punct(PunctKind::Newline), &mut tokens);
                    } else if let Some(p) = punct_kind(c) {
                        push(i, i + 1, TokenKind::Punct(p), &mut tokens);
                    } else if !c.is_whitespace() {
                        push(i, i + 1, TokenKind::Other, &mut tokens);
                    }
                    i += 1;
                }
            }
            continue;
        }
        // Fast path: a word starting with a letter of the Arabic block.
        if (0xD8..=0xDB).contains(&b)
            && i + 1 < bytes.len()
            && ARABIC_LETTER[usize::from(b & 0x03) << 6 | usize::from(bytes[i + 1] & 0x3F)]
        {
            let end = scan_arabic(key, i + 2);
            push(i, end, TokenKind::Word, &mut tokens);
            i = end;
            continue;
        }
        let Some(c) = key.get(i..).and_then(|r| r.chars().next()) else {
            break;
        };
        let len = c.len_utf8();
        if is_arabic_letter(c) {
            let end = scan_arabic(key, i + len);
            push(i, end, TokenKind::Word, &mut tokens);
            i = end;
        } else if is_line_break(c) {
            push(
                i,
                i + len,
                TokenKind::Punct(PunctKind::Newline),
                &mut tokens,
            );
            i += len;
        } else if let Some(p) = punct_kind(c) {
            push(i, i + len, TokenKind::Punct(p), &mut tokens);
            i += len;
        } else if c.is_whitespace() {
            i += len;
        } else if c.is_alphabetic() {
            let end = scan_latin(key, i);
            push(i, end, TokenKind::Latin, &mut tokens);
            i = end;
        } else {
            // A stray combining mark joins the token before it when adjacent.
            if is_combining_mark(c)
                && let Some(last) = tokens.last_mut()
                && last.key.end == i
                && matches!(last.kind, TokenKind::Word | TokenKind::Latin)
            {
                last.key.end = i + len;
                last.span = to_span(last.key.start, i + len);
            } else {
                push(i, i + len, TokenKind::Other, &mut tokens);
            }
            i += len;
        }
    }
    tokens
}

/// Whether each character U+0600..U+06FF is an Arabic letter.
static ARABIC_LETTER: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 256 {
        t[i] = match char::from_u32(0x0600 + i as u32) {
            Some(c) => is_arabic_letter(c),
            None => false,
        };
        i += 1;
    }
    t
};

/// End of the Arabic word continuing at `i`.
fn scan_arabic(key: &str, mut i: usize) -> usize {
    let bytes = key.as_bytes();
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            break;
        }
        // Fast path: letters of the Arabic block.
        if (0xD8..=0xDB).contains(&b)
            && i + 1 < bytes.len()
            && ARABIC_LETTER[usize::from(b & 0x03) << 6 | usize::from(bytes[i + 1] & 0x3F)]
        {
            i += 2;
            continue;
        }
        match key.get(i..).and_then(|r| r.chars().next()) {
            Some(c) if is_arabic_letter(c) || is_combining_mark(c) => i += c.len_utf8(),
            _ => break,
        }
    }
    i
}

/// End of the Latin word starting at `i`: letters (any non-Arabic script), combining
/// marks, and digits after the first letter.
fn scan_latin(key: &str, mut i: usize) -> usize {
    let mut first = true;
    while let Some(c) = key.get(i..).and_then(|r| r.chars().next()) {
        let ok = if c.is_ascii() {
            c.is_ascii_alphabetic() || (!first && c.is_ascii_digit())
        } else {
            !is_arabic_letter(c)
                && (c.is_alphabetic() || (!first && is_combining_mark(c)))
                && punct_kind(c).is_none()
        };
        if !ok {
            break;
        }
        first = false;
        i += c.len_utf8();
    }
    i
}

/// End of the number starting at `i` (an ASCII digit). A `,` joins when exactly three
/// digits follow it (`1,000`); a `.` joins when a digit follows it (`3.5`, `1.000.000`).
fn scan_number(bytes: &[u8], mut i: usize) -> usize {
    let digits = |mut j: usize| {
        while j < bytes.len() && bytes[j].is_ascii_digit() {
            j += 1;
        }
        j
    };
    i = digits(i);
    loop {
        match bytes.get(i) {
            Some(b',') => {
                let e = digits(i + 1);
                if e == i + 4 {
                    i = e;
                } else {
                    return i;
                }
            }
            Some(b'.') if bytes.get(i + 1).is_some_and(u8::is_ascii_digit) => i = digits(i + 1),
            _ => return i,
        }
    }
}

/// The value of a number token's key: `1,000` → 1000, `3.5` → 3.5, `1.000.000` → 1e6
/// (several dots with groups of three are thousands separators). `None` if `key` is not a
/// number.
pub fn number_value(key: &str) -> Option<f64> {
    if key.is_empty() || !key.bytes().next().is_some_and(|b| b.is_ascii_digit()) {
        return None;
    }
    let dots = key.bytes().filter(|&b| b == b'.').count();
    let cleaned: String = if dots > 1 {
        // 1.000.000: every group after a dot must be three digits.
        let groups_ok = key.split('.').skip(1).all(|g| g.len() == 3);
        if !groups_ok {
            return None;
        }
        key.chars().filter(|c| c.is_ascii_digit()).collect()
    } else {
        key.chars().filter(|&c| c != ',').collect()
    };
    cleaned.parse::<f64>().ok()
}

/// The value of a whole number token (`1,000` → 1000); `None` for a fraction, for a value
/// that does not fit in a `u32`, or for a non-number.
pub fn integer_value(key: &str) -> Option<u32> {
    let v = number_value(key)?;
    if v.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&v) {
        Some(v as u32)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Normalized;

    fn toks(s: &str) -> Vec<(String, TokenKind)> {
        let n = Normalized::new(s);
        tokenize(&n.key, |a, b| {
            let (x, y) = n.key_to_original(a, b);
            Span::new(x, y)
        })
        .into_iter()
        .map(|t| (n.key[t.key.clone()].to_string(), t.kind))
        .collect()
    }

    #[test]
    fn token_table() {
        use PunctKind as P;
        use TokenKind as K;
        let w = |s: &str| (s.to_string(), K::Word);
        let num = |s: &str| (s.to_string(), K::Number);
        let p = |s: &str, k: P| (s.to_string(), K::Punct(k));
        let table: Vec<(&str, Vec<(String, TokenKind)>)> = vec![
            ("قتل 4 عناصر", vec![w("قتل"), num("4"), w("عناصر")]),
            (
                "قُتِلَ ١٢ مدنياً.",
                vec![w("قتل"), num("12"), w("مدنيا"), p(".", P::Period)],
            ),
            (
                "ما يقارب 18000 نسمة",
                vec![w("ما"), w("يقارب"), num("18000"), w("نسمه")],
            ),
            (
                "1,000 و3.5 و٢٬٥٠٠",
                vec![num("1,000"), w("و"), num("3.5"), w("و"), num("2,500")],
            ),
            ("5, 6", vec![num("5"), p(",", P::Comma), num("6")]),
            ("وفي الـ 5 من", vec![w("وفي"), w("ال"), num("5"), w("من")]),
            (
                "لـ«القدس العربي»،",
                vec![
                    w("ل"),
                    p("«", P::OpenQuote),
                    w("القدس"),
                    w("العربي"),
                    p("»", P::CloseQuote),
                    p("،", P::Comma),
                ],
            ),
            (
                "ليلة السبت/الأحد",
                vec![w("ليله"), w("السبت"), p("/", P::Slash), w("الاحد")],
            ),
            ("إنخل – جاسم", vec![w("انخل"), p("–", P::Dash), w("جاسم")]),
            ("20-25", vec![num("20"), p("-", P::Hyphen), num("25")]),
            (
                "F16 ISIS",
                vec![("f16".into(), K::Latin), ("isis".into(), K::Latin)],
            ),
            (
                "أ\nب\r\nج",
                vec![
                    w("ا"),
                    p("\n", P::Newline),
                    w("ب"),
                    p("\r\n", P::Newline),
                    w("ج"),
                ],
            ),
            (
                "50% 💡",
                vec![num("50"), ("%".into(), K::Other), ("💡".into(), K::Other)],
            ),
            (
                "الساعة 01:49",
                vec![w("الساعه"), num("01"), p(":", P::Colon), num("49")],
            ),
            ("اليوم (الاثنين)؟", {
                vec![
                    w("اليوم"),
                    p("(", P::OpenBracket),
                    w("الاثنين"),
                    p(")", P::CloseBracket),
                    p("؟", P::Question),
                ]
            }),
        ];
        for (input, expected) in table {
            assert_eq!(toks(input), expected, "tokens of {input:?}");
        }
    }

    #[test]
    fn number_values() {
        let table = [
            ("18000", Some(18000.0)),
            ("1,000", Some(1000.0)),
            ("3.5", Some(3.5)),
            ("1.000.000", Some(1_000_000.0)),
            ("1.00.0", None),
            ("x", None),
        ];
        for (k, v) in table {
            assert_eq!(number_value(k), v, "{k}");
        }
        assert_eq!(integer_value("2,500"), Some(2500));
        assert_eq!(integer_value("2.5"), None);
        assert_eq!(integer_value("99999999999"), None);
    }
}
