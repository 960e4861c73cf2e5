//! Plain text: the whole file is one document. Its first line is also its title when it is
//! short (3 to 30 words, at most 200 characters), does not end like a sentence, and body
//! text follows. A one- or two-word first line (a section label such as `سوريا`) is passed
//! over for the second line under the same rule. The title stays part of `text`.

use rasd_core::Origin;

use super::RawDocument;
use crate::clean::{count_words, split_paragraphs};
use crate::decode::Decoded;

const MIN_TITLE_WORDS: usize = 3;
const MAX_TITLE_WORDS: usize = 30;
const MAX_TITLE_CHARS: usize = 200;
const MAX_LABEL_WORDS: usize = 2;

/// A plain-text document.
pub fn parse(decoded: Decoded, id: String, origin: Origin) -> RawDocument {
    let title = title_of(&decoded.text);
    let mut doc = RawDocument::new(id, origin, decoded.text, decoded.encoding.name());
    doc.title_in_text = title.is_some();
    doc.title = title;
    doc
}

/// The title a plain text starts with, if any (see the module documentation).
pub fn title_of(text: &str) -> Option<String> {
    let lines: Vec<&str> = split_paragraphs(text)
        .iter()
        .take(3)
        .filter_map(|s| s.slice(text))
        .collect();
    match lines.as_slice() {
        [first, _body, ..] if is_title(first) => Some((*first).to_owned()),
        [label, second, _body, ..] if is_label(label) && is_title(second) => {
            Some((*second).to_owned())
        }
        _ => None,
    }
}

fn is_title(line: &str) -> bool {
    let words = count_words(line);
    (MIN_TITLE_WORDS..=MAX_TITLE_WORDS).contains(&words)
        && line.chars().count() <= MAX_TITLE_CHARS
        && !ends_with_full_stop(line)
}

fn is_label(line: &str) -> bool {
    let words = count_words(line);
    (1..=MAX_LABEL_WORDS).contains(&words) && !ends_with_full_stop(line)
}

/// A single full stop ends a sentence; an ellipsis (`..`, `...`, `…`) or a question mark
/// may end a headline.
fn ends_with_full_stop(line: &str) -> bool {
    let t = line.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '"' | '»' | '”'));
    t.ends_with('.') && !t.ends_with("..")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_table() {
        let table = [
            (
                "نظام الأسد يتهم أبناء بلدة كناكر\nيتواصل التوتر الأمني في البلدة.",
                Some("نظام الأسد يتهم أبناء بلدة كناكر"),
            ),
            (
                "سوريا\n\nاستمرار التوتر في جاسم شمال درعا.. وأنباء عن اتفاق\n\nكشفت مصادر محلية.",
                Some("استمرار التوتر في جاسم شمال درعا.. وأنباء عن اتفاق"),
            ),
            (
                "رغم تنفيذ المطالب.. ميليشيا أسد تحاول اقتحام طفس\n\nعاد التصعيد.",
                Some("رغم تنفيذ المطالب.. ميليشيا أسد تحاول اقتحام طفس"),
            ),
            (
                "موقف المعارضة السورية من الاتفاق؟\nقال المعارض.",
                Some("موقف المعارضة السورية من الاتفاق؟"),
            ),
            (
                "شددت قوات النظام السوري حصارها على البلدة.\nوقالت مصادر.",
                None,
            ),
            ("عنوان بلا نص بعده", None),
            ("سوريا\nدرعا\nنص", None),
            (&*format!("{}\nنص", "كلمة ".repeat(40)), None),
        ];
        for (text, want) in table {
            assert_eq!(title_of(text).as_deref(), want, "{text}");
        }
    }
}
