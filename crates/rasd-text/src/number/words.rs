//! Cardinal number words: `ثلاثة`, `اثنا عشر`, `خمسة وعشرون`, `ثلاثمئة`, `ثلاثة آلاف`.
//!
//! Gender and case forms (`اثنان/اثنين/اثنتان/اثنتين`, `عشرون/عشرين`), hamza and alef
//! spellings (`مئة/مائة`), the article (`الثمانية`), and a leading proclitic (`بثلاثة`,
//! `وعشرون`) are accepted. Ordinals (`الثالث`, `الثانية`) are not cardinals and are not
//! read. `الاثنين` and `الأحد` with the article are weekdays, not numbers.

use std::sync::LazyLock;

use crate::clitic;
use crate::lexicon::{self, Map};

/// A number word's role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum NumWord {
    /// 1 to 10 (`عشر`/`عشرة` is 10, and the teen marker after a unit).
    Unit(u32),
    /// 20 to 90.
    Ten(u32),
    /// 100 to 900 in one word (`مئة`, `مئتان`, `ثلاثمئة`).
    Hundred(u32),
    /// A scale word: `ألف` (count 1), `ألفان` (count 2), `آلاف` (plural: count 0).
    Scale { base: u64, count: u32 },
}

const THOUSAND: u64 = 1_000;
const MILLION: u64 = 1_000_000;
const BILLION: u64 = 1_000_000_000;

static WORDS: LazyLock<Map<NumWord>> = LazyLock::new(build);

fn build() -> Map<NumWord> {
    use NumWord::*;
    let mut m = lexicon::grouped(&[
        (Unit(1), &["واحد", "واحدة", "واحدا", "أحد", "إحدى"][..]),
        (
            Unit(2),
            &[
                "اثنان",
                "اثنين",
                "اثنتان",
                "اثنتين",
                "اثنا",
                "اثني",
                "اثنتا",
                "اثنتي",
                "ثنتين",
            ],
        ),
        (Unit(3), &["ثلاثة", "ثلاث"]),
        (Unit(4), &["أربعة", "أربع"]),
        (Unit(5), &["خمسة", "خمس"]),
        (Unit(6), &["ستة", "ست"]),
        (Unit(7), &["سبعة", "سبع"]),
        (Unit(8), &["ثمانية", "ثماني", "ثمان"]),
        (Unit(9), &["تسعة", "تسع"]),
        (Unit(10), &["عشرة", "عشر"]),
        (Ten(20), &["عشرون", "عشرين"]),
        (Ten(30), &["ثلاثون", "ثلاثين"]),
        (Ten(40), &["أربعون", "أربعين"]),
        (Ten(50), &["خمسون", "خمسين"]),
        (Ten(60), &["ستون", "ستين"]),
        (Ten(70), &["سبعون", "سبعين"]),
        (Ten(80), &["ثمانون", "ثمانين"]),
        (Ten(90), &["تسعون", "تسعين"]),
        (Hundred(100), &["مئة", "مائة"]),
        (
            Hundred(200),
            &[
                "مئتان",
                "مئتين",
                "مائتان",
                "مائتين",
                "مئتا",
                "مئتي",
                "مائتا",
                "مائتي",
            ],
        ),
        (
            Scale {
                base: THOUSAND,
                count: 1,
            },
            &["ألف", "ألفا"],
        ),
        (
            Scale {
                base: THOUSAND,
                count: 2,
            },
            &["ألفان", "ألفين"],
        ),
        (
            Scale {
                base: THOUSAND,
                count: 0,
            },
            &["آلاف", "الآف"],
        ),
        (
            Scale {
                base: MILLION,
                count: 1,
            },
            &["مليون", "مليونا"],
        ),
        (
            Scale {
                base: MILLION,
                count: 2,
            },
            &["مليونان", "مليونين"],
        ),
        (
            Scale {
                base: MILLION,
                count: 0,
            },
            &["ملايين"],
        ),
        (
            Scale {
                base: BILLION,
                count: 1,
            },
            &["مليار", "مليارا"],
        ),
        (
            Scale {
                base: BILLION,
                count: 2,
            },
            &["ملياران", "مليارين"],
        ),
        (
            Scale {
                base: BILLION,
                count: 0,
            },
            &["مليارات"],
        ),
    ]);
    let units: [(u32, &[&str]); 7] = [
        (3, &["ثلاث", "ثلاثة"]),
        (4, &["أربع"]),
        (5, &["خمس"]),
        (6, &["ست"]),
        (7, &["سبع"]),
        (8, &["ثمان", "ثماني"]),
        (9, &["تسع"]),
    ];
    for (u, forms) in units {
        for f in forms {
            for h in ["مئة", "مائة"] {
                m.insert(crate::match_key(&format!("{f}{h}")), Hundred(u * 100));
            }
        }
    }
    m
}

/// How the proclitics of a number word may look.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Clitics {
    /// Anything (the first word of a number: `بثلاثة`, `والعشرين`).
    Any,
    /// A conjunction و is required (the second part of `خمسة وعشرون`); the article is
    /// allowed.
    Conj,
    /// None (`عشر` in `ثلاثة عشر`, `آلاف` in `ثلاثة آلاف`).
    Bare,
}

/// Looks up one word; returns the word's role and the byte length of its proclitics.
/// Every number word's key (for the quick filter of [`super::could_start`]).
pub(crate) fn keys() -> impl Iterator<Item = &'static str> {
    WORDS.keys().map(String::as_str)
}

pub(crate) fn lookup_word(key: &str) -> Option<(NumWord, usize)> {
    lookup(key, Clitics::Any)
}

fn lookup(key: &str, clitics: Clitics) -> Option<(NumWord, usize)> {
    if clitics == Clitics::Bare {
        return WORDS.get(key).map(|&w| (w, 0));
    }
    for s in clitic::readings(key) {
        let allowed = match clitics {
            Clitics::Any => true,
            Clitics::Conj => s.stripped.conj == Some(clitic::Conj::Wa) && s.stripped.prep.is_none(),
            Clitics::Bare => false,
        };
        if !allowed {
            continue;
        }
        let Some(&w) = WORDS.get(s.key) else { continue };
        // الاثنين، الأحد: weekdays.
        if s.stripped.article && matches!(s.key, "اثنين" | "احد") {
            return None;
        }
        return Some((w, s.prefix_len));
    }
    None
}

struct Parser<'k, 's> {
    keys: &'k [&'s str],
    i: usize,
}

impl Parser<'_, '_> {
    /// The next word, with the proclitics `clitics` allows; a separate `و` token counts as
    /// the conjunction.
    fn word(&mut self, clitics: Clitics) -> Option<NumWord> {
        let k = *self.keys.get(self.i)?;
        if clitics == Clitics::Conj && k == "و" {
            let (w, _) = lookup(self.keys.get(self.i + 1)?, Clitics::Bare)?;
            self.i += 2;
            return Some(w);
        }
        let (w, _) = lookup(k, clitics)?;
        self.i += 1;
        Some(w)
    }

    /// Runs `f`, restoring the position when it fails.
    fn attempt<T>(&mut self, f: impl FnOnce(&mut Self) -> Option<T>) -> Option<T> {
        let save = self.i;
        let r = f(self);
        if r.is_none() {
            self.i = save;
        }
        r
    }

    /// A whole number: terms of decreasing scale joined by و.
    fn number(&mut self) -> Option<u64> {
        let mut total = 0u64;
        let mut last_scale = u64::MAX;
        let mut first = true;
        loop {
            let clitics = if first { Clitics::Any } else { Clitics::Conj };
            let Some((v, scale)) = self.attempt(|p| {
                let (v, scale) = p.term(clitics)?;
                (scale < last_scale).then_some((v, scale))
            }) else {
                break;
            };
            total = total.checked_add(v.checked_mul(scale)?)?;
            last_scale = scale;
            first = false;
            if scale == 1 {
                break;
            }
        }
        (!first).then_some(total)
    }

    /// One term: a number below 1000 with an optional scale word, or a scale word alone
    /// (`ألف`, `ألفان`, `مليون`). Returns (count, scale).
    fn term(&mut self, clitics: Clitics) -> Option<(u64, u64)> {
        if let Some((base, count)) = self.attempt(|p| match p.word(clitics)? {
            NumWord::Scale { base, count } if count > 0 => Some((base, count)),
            _ => None,
        }) {
            return Some((u64::from(count), base));
        }
        let v = self.below_1000(clitics)?;
        let scale = self
            .attempt(|p| match p.word(Clitics::Bare)? {
                NumWord::Scale { base, count: 0 | 1 } => Some(base),
                _ => None,
            })
            .unwrap_or(1);
        Some((v, scale))
    }

    fn below_1000(&mut self, clitics: Clitics) -> Option<u64> {
        self.attempt(|p| match p.word(clitics)? {
            NumWord::Hundred(h) => {
                let rest = p.attempt(|p| p.below_100(Clitics::Conj)).unwrap_or(0);
                Some(u64::from(h) + rest)
            }
            NumWord::Unit(u) if (3..=9).contains(&u) => {
                let hundreds = p.attempt(|p| match p.word(Clitics::Bare)? {
                    NumWord::Hundred(100) => Some(()),
                    _ => None,
                });
                if hundreds.is_some() {
                    let rest = p.attempt(|p| p.below_100(Clitics::Conj)).unwrap_or(0);
                    Some(u64::from(u) * 100 + rest)
                } else {
                    Some(p.after_unit(u))
                }
            }
            NumWord::Unit(u) => Some(p.after_unit(u)),
            NumWord::Ten(t) => Some(u64::from(t)),
            NumWord::Scale { .. } => None,
        })
    }

    fn below_100(&mut self, clitics: Clitics) -> Option<u64> {
        self.attempt(|p| match p.word(clitics)? {
            NumWord::Unit(u) => Some(p.after_unit(u)),
            NumWord::Ten(t) => Some(u64::from(t)),
            _ => None,
        })
    }

    /// A unit, possibly the start of a teen (`ثلاثة عشر`) or of a compound with a ten
    /// (`خمسة وعشرون`).
    fn after_unit(&mut self, u: u32) -> u64 {
        if u < 10 {
            if self
                .attempt(|p| (p.word(Clitics::Bare)? == NumWord::Unit(10)).then_some(()))
                .is_some()
            {
                return u64::from(10 + u);
            }
            if let Some(t) = self.attempt(|p| match p.word(Clitics::Conj)? {
                NumWord::Ten(t) => Some(t),
                _ => None,
            }) {
                return u64::from(u + t);
            }
        }
        u64::from(u)
    }
}

/// Reads a cardinal number written in words from the start of `keys` (the match keys of
/// consecutive tokens; a separate `و` token may appear between parts). Returns the value
/// and the number of keys used, or `None` if `keys` does not start with a number word.
///
/// `["خمسة", "وعشرون", "قتيلا"]` → `(25, 2)`; `["ثلاثة", "آلاف"]` → `(3000, 2)`;
/// `["آلاف"]` → `None` (a vague plural, see [`crate::find_quantities`]).
pub fn parse_number_words(keys: &[&str]) -> Option<(u32, usize)> {
    let mut p = Parser { keys, i: 0 };
    let v = p.number()?;
    Some((u32::try_from(v).ok()?, p.i))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::match_key;

    fn parse(s: &str) -> Option<(u32, usize)> {
        let keys: Vec<String> = s.split_whitespace().map(match_key).collect();
        let refs: Vec<&str> = keys.iter().map(String::as_str).collect();
        parse_number_words(&refs)
    }

    #[test]
    fn number_words_table() {
        let table = [
            ("واحد", Some((1, 1))),
            ("واحدة", Some((1, 1))),
            ("أحد الشبان", Some((1, 1))),
            ("اثنان", Some((2, 1))),
            ("اثنين آخرين", Some((2, 1))),
            ("اثنتين", Some((2, 1))),
            ("ثلاثة مدنيين", Some((3, 1))),
            ("ثلاث غارات", Some((3, 1))),
            ("أربعة عناصر", Some((4, 1))),
            ("ستة أشهر", Some((6, 1))),
            ("ثماني سنوات", Some((8, 1))),
            ("عشرة شبان", Some((10, 1))),
            ("أحد عشر", Some((11, 2))),
            ("إحدى عشرة", Some((11, 2))),
            ("اثنا عشر", Some((12, 2))),
            ("اثني عشر", Some((12, 2))),
            ("ثلاثة عشر", Some((13, 2))),
            ("تسعة عشر", Some((19, 2))),
            ("عشرون", Some((20, 1))),
            ("تسعين", Some((90, 1))),
            ("خمسة وعشرون", Some((25, 2))),
            ("خمسة و عشرون", Some((25, 3))),
            ("واحد وثلاثين", Some((31, 2))),
            ("مئة", Some((100, 1))),
            ("مائة", Some((100, 1))),
            ("مئتان", Some((200, 1))),
            ("مئتين", Some((200, 1))),
            ("ثلاثمئة", Some((300, 1))),
            ("خمسمائة", Some((500, 1))),
            ("ثلاث مئة", Some((300, 2))),
            ("مئة وخمسون", Some((150, 2))),
            ("مئة وخمسة وعشرون", Some((125, 3))),
            ("مئة وخمسة عشر", Some((115, 3))),
            ("ألف", Some((1000, 1))),
            ("ألفان", Some((2000, 1))),
            ("ألفين", Some((2000, 1))),
            ("ثلاثة آلاف", Some((3000, 2))),
            ("عشرة آلاف", Some((10000, 2))),
            ("أحد عشر ألفا", Some((11000, 3))),
            ("خمسة وعشرين ألف", Some((25000, 3))),
            ("مئة ألف", Some((100000, 2))),
            ("ألف ومئتان وخمسون", Some((1250, 3))),
            ("ثلاثة آلاف وخمسمئة", Some((3500, 3))),
            ("مليون", Some((1_000_000, 1))),
            ("مليونان", Some((2_000_000, 1))),
            ("ثلاثة ملايين", Some((3_000_000, 2))),
            ("بثلاثة صواريخ", Some((3, 1))),
            ("وعشرون", Some((20, 1))),
            ("الثمانية قتلى", Some((8, 1))),
            ("العشرين جريحا", Some((20, 1))),
            ("ثلاثة وخمسة", Some((3, 1))),
            ("آلاف", None),
            ("ملايين", None),
            ("الثالث", None),
            ("الثانية", None),
            ("الاثنين", None),
            ("الأحد", None),
            ("يوم الأحد", None),
            ("عشرات", None),
            ("", None),
            ("خمسة مليار", None),
        ];
        for (input, expected) in table {
            assert_eq!(parse(input), expected, "{input}");
        }
    }
}
