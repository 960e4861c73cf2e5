//! Counts in Arabic news text: digits, number words, duals, vague words, ranges and bounds,
//! read as ACLED codes them.
//!
//! | text | value | low | high | qualifier |
//! |---|---|---|---|---|
//! | `قتل 4 عناصر`, `ثلاثة مدنيين`, `3 آلاف` | 4, 3, 3000 | same | – | – |
//! | `عنصرين`, `امرأتين` (dual of a listed noun) | 2 | 2 | – | – |
//! | `عدة`، `عدد من`، `بضعة`، `بعض` / `عشرات` / `مئات` / `آلاف` | 3 / 12 / 100 / 1000 | same | – | Vague |
//! | `بين 20 و25`، `من 20 إلى 25`، `20-25` | 20 | 20 | 25 | Range |
//! | `أكثر من 15`، `ما لا يقل عن 15`، `15 على الأقل` | 15 | 15 | – | LowerBound |
//! | `حوالي 15`، `نحو`، `قرابة`، `ما يقارب` | 15 | 15 | – | Approximate |
//!
//! Numbers that are not counts are skipped: times (`01:49`, `الساعة 8`), dates
//! (`25/12/2020`, `5 كانون الأول`, `عام 2018`), percentages, and ordinals (`الثالث`).
//! A quantity is still only a number: whether it counts people, and which people, is for
//! the caller to decide from the words around it (`tokens.end` is the next token).

mod dual;
mod words;

use std::ops::Range;
use std::sync::LazyLock;

use rasd_core::{Qualifier, Span};

pub use dual::dual_noun;
pub use words::parse_number_words;

use crate::analyze::AnalyzedText;
use crate::clitic;
use crate::date::lexicon as datelex;
use crate::lexicon::{self, Map, Set};
use crate::token::{PunctKind, TokenKind, integer_value, number_value};
use words::NumWord;

/// A count read from the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quantity {
    /// The figure ACLED would code: the low end of a range, the bound of `أكثر من`, the
    /// conventional figure of a vague word.
    pub value: u32,
    pub low: u32,
    /// The high end of a range.
    pub high: Option<u32>,
    pub qualifier: Option<Qualifier>,
    /// Absolute span of the expression (qualifier words included, proclitics of the
    /// first word excluded).
    pub span: Span,
    /// The tokens of the expression.
    pub tokens: Range<usize>,
    pub kind: QuantityKind,
}

impl Quantity {
    /// The token that should name what is counted: the dual noun itself (`امرأتين`), or
    /// the token after the expression (`4 عناصر`, `عشرات العناصر`, `عدد من أبناء`). It
    /// may be past the end of the tokens, and it is only a candidate.
    pub fn counted_token(&self) -> usize {
        match self.kind {
            QuantityKind::Dual => self.tokens.start,
            _ => self.tokens.end,
        }
    }
}

/// How a quantity is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum QuantityKind {
    /// Digits: `4`, `18000`, `3 آلاف`.
    Digits,
    /// Number words: `ثلاثة`, `خمسة وعشرون`.
    Words,
    /// A vague word: `عدة`, `عشرات`, `مئات`.
    Vague,
    /// The dual of a countable noun: `عنصرين`, `امرأتين` (the noun is in the span).
    Dual,
}

/// All quantities of an analysed text, in order, not overlapping.
pub fn find_quantities(a: &AnalyzedText<'_>) -> Vec<Quantity> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < a.tokens.len() {
        if !could_start(a, i) {
            i += 1;
            continue;
        }
        match quantity_at(a, i) {
            Some(q) => {
                i = q.tokens.end.max(i + 1);
                out.push(q);
            }
            None => i += 1,
        }
    }
    out
}

use QuantityKind as CoreKind;

/// A bare count: tokens `[start, end)`, starting at absolute byte `pos`.
#[derive(Debug, Clone, Copy)]
struct Core {
    value: u32,
    end: usize,
    pos: usize,
    kind: CoreKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Prefix {
    Lower,
    Approx,
    /// بين X و Y
    Between,
    /// من X إلى Y
    From,
}

/// Qualifier phrases by their first word: (the following words, the prefix), longest
/// first.
/// The words after a phrase's first word, and the phrase's meaning.
type Phrases = Vec<(Vec<String>, Prefix)>;

/// The keys a word may have (after clitics) to start a quantity: number words, vague
/// words, qualifier phrases, dual nouns.
static STARTERS: LazyLock<Set> = LazyLock::new(|| {
    let mut s = Set::default();
    s.extend(words::keys().map(str::to_owned));
    s.extend(dual::keys().map(str::to_owned));
    s.extend(VAGUE.keys().cloned());
    s.extend(PREFIXES.keys().cloned());
    s
});

/// Whether token `i` may start a quantity: one look-up per clitic reading, so that the
/// finders below only run on the few words that can.
fn could_start(a: &AnalyzedText<'_>, i: usize) -> bool {
    let Some(t) = a.tokens.get(i) else {
        return false;
    };
    match t.kind {
        TokenKind::Number => true,
        TokenKind::Word => clitic::readings(a.key(t)).any(|r| STARTERS.contains(r.key)),
        _ => false,
    }
}

static PREFIXES: LazyLock<Map<Phrases>> = LazyLock::new(|| {
    let mut m: Map<Phrases> = Map::default();
    for (phrase, prefix) in [
        ("أكثر من", Prefix::Lower),
        ("ما لا يقل عن", Prefix::Lower),
        ("لا يقل عن", Prefix::Lower),
        ("ما لا تقل عن", Prefix::Lower),
        ("لا تقل عن", Prefix::Lower),
        ("ما يزيد عن", Prefix::Lower),
        ("ما يزيد على", Prefix::Lower),
        ("يزيد عن", Prefix::Lower),
        ("يزيد على", Prefix::Lower),
        ("ما يزيد", Prefix::Lower),
        ("أزيد من", Prefix::Lower),
        ("ما يفوق", Prefix::Lower),
        ("يفوق", Prefix::Lower),
        ("ما يربو على", Prefix::Lower),
        ("يربو على", Prefix::Lower),
        ("ما يتجاوز", Prefix::Lower),
        ("يتجاوز", Prefix::Lower),
        ("حوالي", Prefix::Approx),
        ("حوالى", Prefix::Approx),
        ("نحو", Prefix::Approx),
        ("قرابة", Prefix::Approx),
        ("ما يقارب", Prefix::Approx),
        ("يقارب", Prefix::Approx),
        ("ما يقرب من", Prefix::Approx),
        ("زهاء", Prefix::Approx),
        ("ما يناهز", Prefix::Approx),
        ("يناهز", Prefix::Approx),
        ("تقريبا", Prefix::Approx),
        ("ما بين", Prefix::Between),
        ("بين", Prefix::Between),
        ("من", Prefix::From),
    ] {
        let mut words = phrase.split(' ').map(crate::match_key);
        let first = words.next().unwrap_or_default();
        m.entry(first).or_default().push((words.collect(), prefix));
    }
    for v in m.values_mut() {
        v.sort_by_key(|(rest, _)| std::cmp::Reverse(rest.len()));
    }
    m
});

/// Vague words: (value, the next word they need, the value with `الآلاف` after them).
/// A vague word's figure, the word it needs after it (`عدد من`), and its figure before
/// `الآلاف` (`عشرات الآلاف`).
#[derive(Debug, Clone, Copy)]
struct Vague {
    value: u32,
    needs: Option<&'static str>,
    thousands: Option<u32>,
}

static VAGUE: LazyLock<Map<Vague>> = LazyLock::new(|| {
    lexicon::table(&[
        (
            "عدة",
            Vague {
                value: 3,
                needs: None,
                thousands: None,
            },
        ),
        (
            "عدد",
            Vague {
                value: 3,
                needs: Some("من"),
                thousands: None,
            },
        ),
        (
            "عددا",
            Vague {
                value: 3,
                needs: Some("من"),
                thousands: None,
            },
        ),
        (
            "بضعة",
            Vague {
                value: 3,
                needs: None,
                thousands: None,
            },
        ),
        (
            "بضع",
            Vague {
                value: 3,
                needs: None,
                thousands: None,
            },
        ),
        (
            "بعض",
            Vague {
                value: 3,
                needs: None,
                thousands: None,
            },
        ),
        (
            "العديد",
            Vague {
                value: 3,
                needs: Some("من"),
                thousands: None,
            },
        ),
        (
            "عديد",
            Vague {
                value: 3,
                needs: Some("من"),
                thousands: None,
            },
        ),
        (
            "عشرات",
            Vague {
                value: 12,
                needs: None,
                thousands: Some(10_000),
            },
        ),
        (
            "مئات",
            Vague {
                value: 100,
                needs: None,
                thousands: Some(100_000),
            },
        ),
        (
            "آلاف",
            Vague {
                value: 1000,
                needs: None,
                thousands: None,
            },
        ),
        (
            "ملايين",
            Vague {
                value: 1_000_000,
                needs: None,
                thousands: None,
            },
        ),
    ])
});

/// Ordinals before `عشر` (`التاسع عشر` is "nineteenth", not ten).
static ORDINALS: LazyLock<Set> = LazyLock::new(|| {
    lexicon::set(&[
        "الحادي",
        "الحادية",
        "حادي",
        "الثاني",
        "الثانية",
        "ثاني",
        "الثالث",
        "الثالثة",
        "ثالث",
        "الرابع",
        "الرابعة",
        "رابع",
        "الخامس",
        "الخامسة",
        "خامس",
        "السادس",
        "السادسة",
        "سادس",
        "السابع",
        "السابعة",
        "سابع",
        "الثامن",
        "الثامنة",
        "ثامن",
        "التاسع",
        "التاسعة",
        "تاسع",
    ])
});

/// Words before a year (`في 2019`, `منذ 2011`, `صيف 2018`).
static BEFORE_YEAR: LazyLock<Set> = LazyLock::new(|| {
    lexicon::set(&[
        "في",
        "منذ",
        "حتى",
        "مطلع",
        "أواخر",
        "أوائل",
        "نهاية",
        "بداية",
        "منتصف",
        "صيف",
        "شتاء",
        "ربيع",
        "خريف",
        "قبل",
        "بعد",
        "خلال",
        "عامي",
        "وفي",
    ])
});

fn quantity_at(a: &AnalyzedText<'_>, i: usize) -> Option<Quantity> {
    if let Some((prefix, j, pos)) = prefix_at(a, i)
        && let Some(q) = with_prefix(a, i, prefix, j, pos)
    {
        return Some(q);
    }
    let c = core(a, i)?;
    if matches!(c.kind, CoreKind::Digits | CoreKind::Words)
        && let Some(q) = range_suffix(a, &c, c.pos, i)
    {
        return Some(q);
    }
    let qualifier = match c.kind {
        CoreKind::Vague => Some(Qualifier::Vague),
        CoreKind::Dual => None,
        _ => post_qualifier(a, c.end),
    };
    Some(build(a, c.pos, i, &c, c.value, None, qualifier))
}

fn build(
    a: &AnalyzedText<'_>,
    pos: usize,
    start: usize,
    last: &Core,
    low: u32,
    high: Option<u32>,
    qualifier: Option<Qualifier>,
) -> Quantity {
    let end = a
        .tokens
        .get(last.end.saturating_sub(1))
        .map_or(pos, |t| t.span.end);
    Quantity {
        value: low,
        low,
        high,
        qualifier,
        span: Span::new(pos, end.max(pos)),
        tokens: start..last.end,
        kind: last.kind,
    }
}

fn with_prefix(
    a: &AnalyzedText<'_>,
    i: usize,
    prefix: Prefix,
    j: usize,
    pos: usize,
) -> Option<Quantity> {
    let x = core(a, j)?;
    match prefix {
        Prefix::Lower | Prefix::Approx => {
            if x.kind == CoreKind::Dual {
                return None;
            }
            if matches!(x.kind, CoreKind::Digits | CoreKind::Words)
                && let Some(q) = range_suffix(a, &x, pos, i)
            {
                return Some(q);
            }
            let q = match (x.kind, prefix) {
                (CoreKind::Vague, _) => Qualifier::Vague,
                (_, Prefix::Lower) => Qualifier::LowerBound,
                _ => Qualifier::Approximate,
            };
            Some(build(a, pos, i, &x, x.value, None, Some(q)))
        }
        Prefix::Between => {
            if !matches!(x.kind, CoreKind::Digits | CoreKind::Words) {
                return None;
            }
            let y = if a.key_at(x.end) == "و" {
                core(a, x.end + 1)?
            } else if a.key_at(x.end).starts_with('و') {
                core(a, x.end)?
            } else {
                return None;
            };
            range(a, pos, i, &x, &y)
        }
        Prefix::From => {
            if !matches!(x.kind, CoreKind::Digits | CoreKind::Words) {
                return None;
            }
            if !matches!(a.key_at(x.end), "الي" | "حتي") {
                return None;
            }
            let y = core(a, x.end + 1)?;
            range(a, pos, i, &x, &y)
        }
    }
}

fn range(a: &AnalyzedText<'_>, pos: usize, i: usize, x: &Core, y: &Core) -> Option<Quantity> {
    (matches!(y.kind, CoreKind::Digits | CoreKind::Words) && y.value > x.value)
        .then(|| build(a, pos, i, y, x.value, Some(y.value), Some(Qualifier::Range)))
}

/// `20-25`, `20 إلى 25`, `ثلاثة أو أربعة` after the core `x`.
fn range_suffix(a: &AnalyzedText<'_>, x: &Core, pos: usize, i: usize) -> Option<Quantity> {
    let j = x.end;
    let t = a.tokens.get(j)?;
    let joined = match t.kind {
        TokenKind::Punct(PunctKind::Hyphen | PunctKind::Dash) => true,
        TokenKind::Word => matches!(a.key(t), "الي" | "حتي" | "او"),
        _ => false,
    };
    if !joined {
        return None;
    }
    let y = core(a, j + 1)?;
    range(a, pos, i, x, &y)
}

/// `على الأقل` or `تقريبا` shortly after a count.
fn post_qualifier(a: &AnalyzedText<'_>, from: usize) -> Option<Qualifier> {
    let sentence = a.tokens.get(from.checked_sub(1)?)?.sentence;
    for k in from..(from + 5).min(a.tokens.len()) {
        let t = &a.tokens[k];
        if t.sentence != sentence || t.is_number() {
            return None;
        }
        if let TokenKind::Punct(p) = t.kind
            && (p.ends_sentence() || p == PunctKind::Comma)
        {
            return None;
        }
        match a.key(t) {
            "علي" if a.key_at(k + 1) == "الاقل" => return Some(Qualifier::LowerBound),
            "تقريبا" => return Some(Qualifier::Approximate),
            _ => {}
        }
    }
    None
}

/// A qualifier phrase at `i`: the prefix, the token after it, and the absolute start of
/// the phrase (after the first word's proclitics: `لقرابة` starts at `قرابة`).
fn prefix_at(a: &AnalyzedText<'_>, i: usize) -> Option<(Prefix, usize, usize)> {
    let t = a.tokens.get(i)?;
    if t.kind != TokenKind::Word {
        return None;
    }
    for r in clitic::readings(a.key(t)) {
        if r.stripped.article {
            continue;
        }
        let Some(phrases) = PREFIXES.get(r.key) else {
            continue;
        };
        for (rest, prefix) in phrases {
            let rest_ok = rest.iter().enumerate().all(|(k, w)| {
                a.tokens
                    .get(i + 1 + k)
                    .is_some_and(|t| t.kind == TokenKind::Word && a.key(t) == w)
            });
            if rest_ok {
                let pos = a.key_span(t.key.start + r.prefix_len, t.key.end).start;
                return Some((*prefix, i + 1 + rest.len(), pos));
            }
        }
    }
    None
}

fn core(a: &AnalyzedText<'_>, i: usize) -> Option<Core> {
    let t = a.tokens.get(i)?;
    match t.kind {
        TokenKind::Number => digits_core(a, i),
        TokenKind::Word => word_core(a, i),
        _ => None,
    }
}

fn digits_core(a: &AnalyzedText<'_>, i: usize) -> Option<Core> {
    let t = &a.tokens[i];
    let key = a.key(t);
    if !is_count_number(a, i) {
        return None;
    }
    let pos = t.span.start;
    // 3 آلاف، 20 ألف، 1.5 مليون
    if let Some(next) = a.tokens.get(i + 1)
        && next.kind == TokenKind::Word
        && let Some((NumWord::Scale { base, count: 0 | 1 }, 0)) = words::lookup_word(a.key(next))
    {
        let v = number_value(key)? * base as f64;
        if v >= 1.0 && v <= f64::from(u32::MAX) {
            return Some(Core {
                value: v as u32,
                end: i + 2,
                pos,
                kind: CoreKind::Digits,
            });
        }
    }
    let value = integer_value(key)?;
    Some(Core {
        value,
        end: i + 1,
        pos,
        kind: CoreKind::Digits,
    })
}

fn word_core(a: &AnalyzedText<'_>, i: usize) -> Option<Core> {
    let t = &a.tokens[i];
    let key = a.key(t);
    if let Some((_, prefix)) = words::lookup_word(key)
        && let Some(c) = words_core(a, i, prefix)
    {
        return Some(c);
    }
    if let Some(c) = vague_core(a, i) {
        return Some(c);
    }
    let prefix = dual_noun(key)?;
    let pos = a.key_span(t.key.start + prefix, t.key.end).start;
    // عنصرين اثنين
    let two = a.tokens.get(i + 1).is_some_and(|n| {
        n.kind == TokenKind::Word
            && matches!(words::lookup_word(a.key(n)), Some((NumWord::Unit(2), 0)))
    });
    let end = if two { i + 2 } else { i + 1 };
    Some(Core {
        value: 2,
        end,
        pos,
        kind: CoreKind::Dual,
    })
}

/// A number in words starting at token `i`, whose first word has `prefix` bytes of
/// proclitics.
fn words_core(a: &AnalyzedText<'_>, i: usize, prefix: usize) -> Option<Core> {
    let t = &a.tokens[i];
    let key = a.key(t);
    // إحدى is spelt with ى; احدي is a name (بهروز واحدي).
    if key.get(prefix..) == Some("احدي")
        && !a
            .norm
            .display
            .get(t.key.clone())
            .is_some_and(|d| d.ends_with('ى'))
    {
        return None;
    }
    // التاسع عشر: an ordinal.
    if matches!(key, "عشر" | "عشره")
        && i.checked_sub(1)
            .is_some_and(|p| ORDINALS.contains(a.key_at(p)))
    {
        return None;
    }
    // في المئة، بالمئة: per cent.
    if clitic::readings(key).any(|s| matches!(s.key, "الميه" | "المايه")) {
        return None;
    }
    let mut keys: [&str; 8] = [""; 8];
    let mut len = 0;
    for (slot, t) in keys.iter_mut().zip(&a.tokens[i..]) {
        if t.kind != TokenKind::Word {
            break;
        }
        *slot = a.key(t);
        len += 1;
    }
    let (value, used) = parse_number_words(&keys[..len])?;
    let pos = a.key_span(t.key.start + prefix, t.key.end).start;
    Some(Core {
        value,
        end: i + used,
        pos,
        kind: CoreKind::Words,
    })
}

fn vague_core(a: &AnalyzedText<'_>, i: usize) -> Option<Core> {
    let t = &a.tokens[i];
    for s in clitic::readings(a.key(t)) {
        let Some(&Vague {
            value,
            needs,
            thousands,
        }) = VAGUE.get(s.key)
        else {
            continue;
        };
        if s.stripped.article && matches!(s.key, "بعض" | "عده" | "بضعه" | "بضع") {
            continue;
        }
        let pos = a.key_span(t.key.start + s.prefix_len, t.key.end).start;
        let mut end = i + 1;
        let mut value = value;
        if let Some(w) = needs {
            if a.key_at(i + 1) != w {
                return None;
            }
            end = i + 2;
        } else if let Some(th) = thousands
            && matches!(a.key_at(i + 1), "الالاف" | "الاف")
        {
            value = th;
            end = i + 2;
        }
        return Some(Core {
            value,
            end,
            pos,
            kind: CoreKind::Vague,
        });
    }
    None
}

/// Whether the number token at `i` can be a count (not a time, date, year, percentage or
/// reference number).
fn is_count_number(a: &AnalyzedText<'_>, i: usize) -> bool {
    let kind = |j: Option<usize>| j.and_then(|j| a.tokens.get(j)).map(|t| t.kind);
    let prev = |k: usize| i.checked_sub(k);
    let next = |k: usize| Some(i + k);
    let punct = |j: Option<usize>, p: PunctKind| kind(j) == Some(TokenKind::Punct(p));
    let number = |j: Option<usize>| kind(j) == Some(TokenKind::Number);
    // times and numeric dates: 01:49, 25/12/2020, 2020-12-25
    for p in [PunctKind::Colon, PunctKind::Slash] {
        if (punct(next(1), p) && number(next(2))) || (punct(prev(1), p) && number(prev(2))) {
            return false;
        }
    }
    let hy = |j| punct(j, PunctKind::Hyphen);
    if (hy(next(1)) && number(next(2)) && hy(next(3)) && number(next(4)))
        || (hy(prev(1)) && number(prev(2)) && (hy(next(1)) || hy(prev(3))))
    {
        return false;
    }
    let key_at = |j: Option<usize>| j.map_or("", |j| a.key_at(j));
    // percentages
    if matches!(key_at(next(1)), "%" | "٪" | "بالميه" | "بالمايه")
        || (key_at(next(1)) == "في" && matches!(key_at(next(2)), "الميه" | "المايه"))
    {
        return false;
    }
    // الساعة 8، الساعة الـ 8، رقم 5
    let p1 = key_at(prev(1));
    let p2 = key_at(prev(2));
    if matches!(p1, "الساعه" | "رقم" | "الرقم") || (p1 == "ال" && p2 == "الساعه")
    {
        return false;
    }
    // a day of the month: 5 كانون الأول, 5 من كانون الأول
    let month_at = |j: usize| datelex::month_name(a, j).is_some();
    if month_at(i + 1) || (key_at(next(1)) == "من" && month_at(i + 2)) {
        return false;
    }
    let month_word = |k: &str| matches!(k, "الشهر" | "شهر");
    if month_word(key_at(next(1))) || (key_at(next(1)) == "من" && month_word(key_at(next(2)))) {
        return false;
    }
    // years
    let value = integer_value(a.key_at(i)).unwrap_or(0);
    if datelex::is_year(value) {
        let after_month = (1..=4).any(|k| {
            prev(k)
                .and_then(|j| datelex::month_name(a, j))
                .is_some_and(|m| m.end == i)
        });
        if after_month
            || datelex::is_year_word(p1)
            || BEFORE_YEAR.contains(p1)
            || datelex::continues_years(a, i)
            || matches!(key_at(next(1)), "م" | "ه")
        {
            return false;
        }
    }
    true
}

#[cfg(test)]
mod tests;
