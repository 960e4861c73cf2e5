//! rasd-text: the Arabic text core.
//!
//! Pure functions only: no IO, no clock. Nothing here rewrites the original text; every
//! derived form carries an offset map back to the original's bytes, and every [`Span`]
//! returned indexes the original document.
//!
//! * [`normalize`]: the display form and the match key of a text ([`Normalized`]).
//! * [`analyze()`]: one paragraph → [`AnalyzedText`]: tokens ([`Token`]), sentences
//!   ([`Sentence`]), with absolute spans.
//! * [`clitic`]: proclitic stems ([`stems`]) and pronoun suffixes ([`strip_enclitic`]).
//! * [`number`]: counts as ACLED codes them ([`find_quantities`], [`parse_number_words`]).
//! * [`date`]: date expressions resolved against the publication date ([`find_dates`],
//!   [`find_today_weekday`]).
//!
//! ```
//! use rasd_text::{analyze, find_dates, find_quantities, DateContext};
//!
//! let text = "شددت قوات النظام، اليوم الثلاثاء، حصارها. قتل 4 عناصر يوم الجمعة الماضي.";
//! let a = analyze(text, 0);
//! let q = find_quantities(&a);
//! assert_eq!(q[0].value, 4);
//! let (wd, _) = rasd_text::find_today_weekday(&a).unwrap();
//! let ctx = DateContext { today_weekday: Some(wd), ..Default::default() };
//! let dates = find_dates(&a, &ctx);
//! assert_eq!(dates[1].raw, "يوم الجمعة الماضي");
//! assert_eq!(dates[1].date.relative_days, Some(-4));
//! ```
//!
//! [`Span`]: rasd_core::Span

pub mod analyze;
pub mod chars;
pub mod clitic;
pub mod date;
mod lexicon;
pub mod normalize;
pub mod number;
mod offset;
pub mod sentence;
pub mod token;

pub use analyze::{AnalyzedText, analyze};
pub use clitic::{
    Conj, Prep, Proclitics, Reading, Stem, all_stems, readings, stems, strip_enclitic,
    ta_marbuta_form,
};
pub use date::{
    DateContext, DateKind, DateMention, WeekdayMode, find_dates, find_today_weekday, weekday_offset,
};
pub use normalize::{Normalized, OffsetMap, display_form, is_ignorable, key_char, match_key};
pub use number::{Quantity, QuantityKind, dual_noun, find_quantities, parse_number_words};
pub use sentence::Sentence;
pub use token::{PunctKind, Token, TokenKind, integer_value, is_arabic_letter, number_value};
