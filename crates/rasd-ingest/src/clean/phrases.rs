//! The list of known interface phrases: built in from `data/ui_phrases.txt`, optionally
//! extended by a user file in the same format.
//!
//! Phrases are compared by [`words_key`]: the match key (harakat and tatweel dropped, letter
//! variants folded, ASCII lower-cased) reduced to letters and single spaces, so `التعليقات (0)`,
//! `💡 أهم المواضيع` and `Share this:` compare as `التعليقات`, `اهم المواضيع`, `share this`.

use std::collections::HashSet;
use std::path::Path;

use crate::error::IngestError;

const BUILTIN: &str = include_str!("../../data/ui_phrases.txt");

/// A line's letters-only key (see the module documentation).
pub fn words_key(text: &str) -> String {
    let key = rasd_text::match_key(text);
    let mut out = String::with_capacity(key.len());
    let mut space = false;
    for c in key.chars() {
        if super::is_letter(c) {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        } else {
            space = true;
        }
    }
    out
}

/// Known interface phrases by kind.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UiPhrases {
    /// `[line]`: a whole line that is interface text.
    lines: HashSet<String>,
    /// `[prefix]`: a line starting with these words is interface text.
    prefixes: Vec<String>,
    /// `[link]`: a line starting with these words points to another article.
    links: Vec<String>,
    /// `[heading]`: a whole line that opens a widget block (most read, related, tags).
    headings: HashSet<String>,
    /// `[word]`: words of buttons and menus; a short line made only of them is interface.
    words: HashSet<String>,
}

/// The sections of the phrase file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Section {
    Line,
    Prefix,
    Link,
    Heading,
    Word,
    Unknown,
}

impl UiPhrases {
    /// The built-in list.
    pub fn builtin() -> Self {
        UiPhrases::parse(BUILTIN)
    }

    /// The built-in list plus, if given, a user file.
    pub fn load(user_file: Option<&Path>) -> Result<Self, IngestError> {
        let mut phrases = UiPhrases::builtin();
        if let Some(path) = user_file {
            let text = std::fs::read_to_string(path).map_err(|source| IngestError::PhraseFile {
                path: path.to_path_buf(),
                source,
            })?;
            phrases.extend(UiPhrases::parse(&text));
        }
        Ok(phrases)
    }

    /// Parses the phrase-file format: `#` comments, blank lines, `[line]`, `[prefix]`,
    /// `[link]`, `[heading]` and `[word]` section headers, one phrase per line. Lines before
    /// any header are `[line]` phrases; lines under an unknown header are ignored.
    pub fn parse(text: &str) -> Self {
        let mut out = UiPhrases::default();
        let mut section = Section::Line;
        for raw in text.lines() {
            let line = raw.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if line.starts_with('[') && line.ends_with(']') {
                section = match &line[1..line.len() - 1] {
                    "line" => Section::Line,
                    "prefix" => Section::Prefix,
                    "link" => Section::Link,
                    "heading" => Section::Heading,
                    "word" => Section::Word,
                    other => {
                        tracing::warn!(section = other, "unknown section in UI phrase list");
                        Section::Unknown
                    }
                };
                continue;
            }
            let key = words_key(line);
            if key.is_empty() {
                continue;
            }
            match section {
                Section::Line => {
                    out.lines.insert(key);
                }
                Section::Prefix => out.prefixes.push(key),
                Section::Link => out.links.push(key),
                Section::Heading => {
                    out.headings.insert(key);
                }
                Section::Word => out.words.extend(key.split(' ').map(str::to_owned)),
                Section::Unknown => {}
            }
        }
        out
    }

    /// Adds another list's phrases.
    pub fn extend(&mut self, other: UiPhrases) {
        self.lines.extend(other.lines);
        self.prefixes.extend(other.prefixes);
        self.links.extend(other.links);
        self.headings.extend(other.headings);
        self.words.extend(other.words);
    }

    /// How many phrases and words the list holds.
    pub fn len(&self) -> usize {
        self.lines.len()
            + self.prefixes.len()
            + self.links.len()
            + self.headings.len()
            + self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Whether the line (by its [`words_key`]) is interface text: a known line or heading, a
    /// known prefix, or only button words (at most eight).
    pub fn is_ui(&self, key: &str) -> bool {
        if key.is_empty() {
            return false;
        }
        self.lines.contains(key)
            || self.headings.contains(key)
            || self.prefixes.iter().any(|p| starts_with_words(key, p))
            || self.only_ui_words(key)
    }

    /// Whether the line is a widget heading.
    pub fn is_heading(&self, key: &str) -> bool {
        self.headings.contains(key)
    }

    /// Whether the line starts like a pointer to another article (`شاهد أيضاً: …`).
    pub fn is_link_intro(&self, key: &str) -> bool {
        self.links.iter().any(|p| starts_with_words(key, p))
    }

    fn only_ui_words(&self, key: &str) -> bool {
        let mut n = 0;
        for w in key.split(' ') {
            if !self.words.contains(w) {
                return false;
            }
            n += 1;
        }
        (1..=8).contains(&n)
    }
}

/// Whether `key` starts with the words of `prefix` (a whole-word prefix).
fn starts_with_words(key: &str, prefix: &str) -> bool {
    key.strip_prefix(prefix)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_key_table() {
        let table = [
            ("التعليقات (0)", "التعليقات"),
            ("💡 أهم المواضيع", "اهم المواضيع"),
            ("اترك تعليقاً", "اترك تعليقا"),
            ("Share this:", "share this"),
            ("  شاهد أيضاً : زيادة التوتر", "شاهد ايضا زياده التوتر"),
            ("0", ""),
            ("// انتهى //", "انتهي"),
        ];
        for (text, want) in table {
            assert_eq!(words_key(text), want, "{text}");
        }
    }

    #[test]
    fn builtin_list_matches_by_kind() {
        let p = UiPhrases::builtin();
        assert!(p.len() > 50);
        let table = [
            ("اترك تعليقاً", true, false, false),
            (
                "لن يتم نشر عنوان بريدك الإلكتروني. الحقول الإلزامية مشار إليها بـ *",
                true,
                false,
                false,
            ),
            (
                "هذا الموقع يستخدم Akismet للحدّ من التعليقات المزعجة",
                true,
                false,
                false,
            ),
            ("التعليقات (0)", true, false, false),
            ("الأكثر قراءة", true, true, false),
            ("زر الذهاب إلى الأعلى", true, false, false),
            ("Next Previous", true, false, false),
            ("Share Tweet Print", true, false, false),
            ("شاهد أيضاً : زيادة التوتر في دير الزور", false, false, true),
            ("قصفت قوات النظام بلدة كناكر", false, false, false),
            ("أهم", false, false, false),
            ("القدس العربي", false, false, false),
        ];
        for (line, ui, heading, link) in table {
            let k = words_key(line);
            assert_eq!(p.is_ui(&k), ui, "is_ui {line}");
            assert_eq!(p.is_heading(&k), heading, "is_heading {line}");
            assert_eq!(p.is_link_intro(&k), link, "is_link_intro {line}");
        }
    }

    #[test]
    fn user_file_extends_the_list() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("extra.txt");
        std::fs::write(
            &f,
            "# mine\n[line]\nتابعونا على تلغرام\n[bogus]\nignored line\n",
        )
        .unwrap();
        let p = UiPhrases::load(Some(&f)).unwrap();
        assert!(p.is_ui(&words_key("تابعونا على تلغرام")));
        assert!(!p.is_ui(&words_key("ignored line")));
        assert!(UiPhrases::load(Some(&dir.path().join("missing.txt"))).is_err());
    }
}
