//! Splitting a text into paragraphs: one per line, trimmed of surrounding whitespace and
//! invisible format characters; blank lines are separators, not paragraphs.

use rasd_core::Span;

/// Line breaks: LF, CR, vertical tab, form feed, NEL, line and paragraph separators.
fn is_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// Characters trimmed from paragraph ends: whitespace (including no-break spaces) and
/// invisible format characters (zero-width spaces, bidi marks, BOM).
fn is_trimmable(c: char) -> bool {
    c.is_whitespace()
        || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

/// The paragraphs of `text` as byte spans: ordered, non-overlapping, non-empty, on character
/// boundaries.
pub fn split_paragraphs(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if is_break(c) {
            push_trimmed(text, start, i, &mut out);
            start = i + c.len_utf8();
        }
    }
    push_trimmed(text, start, text.len(), &mut out);
    out
}

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let Some(line) = text.get(start..end) else {
        return;
    };
    let lead = line.len() - line.trim_start_matches(is_trimmable).len();
    let trail = line.len() - line.trim_end_matches(is_trimmable).len();
    if lead + trail < line.len() {
        out.push(Span::new(start + lead, end - trail));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_table() {
        let table: [(&str, &[&str]); 8] = [
            ("", &[]),
            ("\n\n \n", &[]),
            ("أ\nب", &["أ", "ب"]),
            ("  أ  \r\n\r\nب\n", &["أ", "ب"]),
            ("a\u{2029}b\u{2028}c", &["a", "b", "c"]),
            ("\u{00A0}\n\u{200F}قصف\u{200E}\n", &["قصف"]),
            ("\u{FEFF}title\n\nbody", &["title", "body"]),
            ("one line", &["one line"]),
        ];
        for (text, want) in table {
            let got: Vec<&str> = split_paragraphs(text)
                .iter()
                .map(|s| s.slice(text).unwrap())
                .collect();
            assert_eq!(got, want, "{text:?}");
        }
    }
}
