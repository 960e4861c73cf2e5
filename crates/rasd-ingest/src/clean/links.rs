//! Lines that point elsewhere: mostly URLs, e-mail addresses, hashtags or handles, or a
//! "see also: headline" pointer to another article.

use std::sync::Arc;

use rasd_core::RemovalReason;

use super::{CleanContext, MAX_UI_WORDS, Paragraph, Stage, UiPhrases};

/// Most words besides the links a link line may have (`لمراسلة الكاتب: a@b.com`).
const MAX_OTHER_WORDS: usize = 3;

/// Removes link lines (see the module documentation).
#[derive(Debug, Clone)]
pub struct LinkLineStage {
    phrases: Arc<UiPhrases>,
}

impl LinkLineStage {
    pub fn new(phrases: Arc<UiPhrases>) -> Self {
        LinkLineStage { phrases }
    }
}

impl Stage for LinkLineStage {
    fn name(&self) -> &'static str {
        "link_line"
    }

    fn apply(&self, _ctx: &CleanContext, paragraphs: &mut [Paragraph<'_>]) {
        for p in paragraphs
            .iter_mut()
            .filter(|p| p.is_kept() && p.words <= MAX_UI_WORDS)
        {
            if is_mostly_links(p.text) || self.phrases.is_link_intro(&p.words_key) {
                p.verdict = Some(RemovalReason::LinkLine);
            }
        }
    }
}

/// Whether a token is a URL, an e-mail address, a hashtag or a handle.
pub(crate) fn is_link_token(token: &str) -> bool {
    let t = token.trim_matches(|c: char| {
        matches!(
            c,
            '(' | ')' | '[' | ']' | '<' | '>' | '"' | '\'' | ',' | '،' | ':' | '«' | '»'
        )
    });
    let lower = t.to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("www.") {
        return true;
    }
    if let Some((user, host)) = t.split_once('@')
        && !user.is_empty()
        && host.contains('.')
        && !host.ends_with('.')
    {
        return true;
    }
    if (t.starts_with('#') || t.starts_with('@'))
        && t.chars().skip(1).any(super::is_letter_or_digit)
    {
        return true;
    }
    let domain_like = [
        ".com", ".net", ".org", ".sy", ".sa", ".info", ".io", ".html", ".php",
    ];
    t.is_ascii()
        && t.contains('.')
        && domain_like.iter().any(|d| lower.ends_with(d))
        && !t.contains("..")
}

/// Whether a line holds a link and at most [`MAX_OTHER_WORDS`] other words.
fn is_mostly_links(text: &str) -> bool {
    let mut links = 0;
    let mut other = 0;
    for token in text.split_whitespace() {
        if is_link_token(token) {
            links += 1;
        } else if token.chars().any(super::is_letter_or_digit) {
            other += 1;
        }
    }
    links > 0 && other <= MAX_OTHER_WORDS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn link_token_table() {
        let table = [
            ("https://example.com/a", true),
            ("(www.orient-news.net)", true),
            ("turki@alriyadh.net", true),
            ("#سوريا", true),
            ("@SyriaCivilDef", true),
            ("aawsat.com", true),
            ("#", false),
            ("دمشق", false),
            ("3.5", false),
            ("a@b", false),
            ("...", false),
        ];
        for (t, want) in table {
            assert_eq!(is_link_token(t), want, "{t}");
        }
    }

    #[test]
    fn mostly_links_table() {
        let table = [
            ("لمراسلة الكاتب: turki@alriyadh.net", true),
            ("https://t.co/abc", true),
            ("#ثمانٍ_وأربعون_قانوناً_للقوة", true),
            ("للمزيد زوروا موقعنا www.example.com", true),
            (
                "وقال المرصد السوري لحقوق الإنسان في بيان على موقعه www.syriahr.com إن القصف أدى لمقتل خمسة",
                false,
            ),
            ("قصف على درعا", false),
        ];
        for (t, want) in table {
            assert_eq!(is_mostly_links(t), want, "{t}");
        }
    }
}
