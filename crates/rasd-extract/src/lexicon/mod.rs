//! Lexicons: the analyst-editable data files (lexicons/*.toml) compiled into pattern sets.
//!
//! The built-in files are embedded in the binary; users add their own files (the CLI reads
//! them and passes their text here, so this crate stays free of IO). A user entry whose
//! pattern equals an earlier one of the same table replaces it.

mod entries;
mod matcher;
mod pattern;
mod word_freq;

use serde::Deserialize;

pub use entries::{
    ActorEntry, AnaphorKind, Bearing, CasualtyCue, CasualtyKind, ModalityCue, ModalityEffect,
    ModalityScope, NumberPosition, PlaceCueKind, Trigger, TriggerRole, Weapon, WeaponClass,
};
pub use matcher::{
    Match, MultiIndex, PatternSet, Patterns, StemReading, TokenStems, longest_non_overlapping,
};
pub use pattern::{Elem, Pattern, PatternError};
pub use word_freq::WordFreq;

use crate::error::LexiconError;
use rasd_core::{Actor, SubEventType, Tag};

/// The built-in lexicon files, in load order.
pub const BUILTIN: &[(&str, &str)] = &[
    (
        "triggers.toml",
        include_str!("../../lexicons/triggers.toml"),
    ),
    ("weapons.toml", include_str!("../../lexicons/weapons.toml")),
    ("actors.toml", include_str!("../../lexicons/actors.toml")),
    (
        "casualties.toml",
        include_str!("../../lexicons/casualties.toml"),
    ),
    (
        "modality.toml",
        include_str!("../../lexicons/modality.toml"),
    ),
    ("places.toml", include_str!("../../lexicons/places.toml")),
    ("outlets.toml", include_str!("../../lexicons/outlets.toml")),
];

/// Every table a lexicon file may hold.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct LexiconFile {
    #[serde(default)]
    trigger: Vec<TriggerSpec>,
    #[serde(default)]
    weapon: Vec<WeaponSpec>,
    #[serde(default)]
    actor: Vec<ActorSpec>,
    #[serde(default)]
    casualty: Vec<CasualtySpec>,
    #[serde(default)]
    modality: Vec<ModalitySpec>,
    #[serde(default)]
    place_cue: Vec<KindSpec>,
    #[serde(default)]
    proximity: Vec<PatternsSpec>,
    #[serde(default)]
    direction: Vec<DirectionSpec>,
    #[serde(default)]
    anaphor: Vec<KindSpec>,
    #[serde(default)]
    outlet: Vec<OutletSpec>,
    #[serde(default)]
    nisba_head: Vec<PatternsSpec>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct OutletSpec {
    #[allow(dead_code)]
    name: String,
    patterns: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct TriggerSpec {
    patterns: Vec<String>,
    sub_event_type: String,
    #[serde(default)]
    role: Option<String>,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    confidence: Option<f32>,
    #[serde(default)]
    needs_actor: bool,
    #[serde(default)]
    subject_is_target: bool,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct WeaponSpec {
    patterns: Vec<String>,
    class: String,
    #[serde(default)]
    standalone: bool,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct ActorSpec {
    patterns: Vec<String>,
    actor: String,
    #[serde(default)]
    victim: bool,
    #[serde(default)]
    air_power: bool,
    #[serde(default)]
    generic: bool,
    #[serde(default)]
    nisba: bool,
    #[serde(default)]
    target_only: bool,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct CasualtySpec {
    patterns: Vec<String>,
    kind: String,
    #[serde(default)]
    position: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct ModalitySpec {
    patterns: Vec<String>,
    effect: String,
    #[serde(default)]
    scope: Option<String>,
    #[serde(default)]
    window: Option<usize>,
    #[serde(default)]
    factor: Option<f32>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct KindSpec {
    patterns: Vec<String>,
    kind: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct PatternsSpec {
    patterns: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct DirectionSpec {
    patterns: Vec<String>,
    bearing: String,
}

/// The compiled lexicon.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    pub triggers: PatternSet<Trigger>,
    pub weapons: PatternSet<Weapon>,
    pub actors: PatternSet<ActorEntry>,
    pub casualties: PatternSet<CasualtyCue>,
    pub modality: PatternSet<ModalityCue>,
    pub place_cues: PatternSet<PlaceCueKind>,
    pub proximity: PatternSet<()>,
    pub directions: PatternSet<Bearing>,
    pub anaphors: PatternSet<AnaphorKind>,
    /// Outlets and their source phrases (مصادر الميادين): never places.
    pub outlets: PatternSet<()>,
    /// Nouns a nationality adjective names an actor after (شاحنات إيرانية).
    pub nisba_heads: PatternSet<()>,
    /// How common words are in Arabic news.
    pub word_freq: WordFreq,
    /// One index over all the pattern sets (see [`Lexicon::scan`]).
    multi: MultiIndex,
}

/// The longest non-overlapping matches of every pattern set in one paragraph.
#[derive(Debug, Clone, Default)]
pub struct Scan {
    pub triggers: Vec<Match>,
    pub weapons: Vec<Match>,
    pub actors: Vec<Match>,
    pub casualties: Vec<Match>,
    pub modality: Vec<Match>,
    pub place_cues: Vec<Match>,
    pub proximity: Vec<Match>,
    pub directions: Vec<Match>,
    pub anaphors: Vec<Match>,
    pub outlets: Vec<Match>,
    pub nisba_heads: Vec<Match>,
}

/// One source file: a name for error messages and its TOML text.
pub type Source<'a> = (&'a str, &'a str);

impl Lexicon {
    /// The built-in lexicon.
    pub fn builtin() -> Result<Lexicon, LexiconError> {
        Lexicon::from_sources(BUILTIN)
    }

    /// The built-in lexicon followed by user files.
    pub fn with_user_sources(user: &[Source<'_>]) -> Result<Lexicon, LexiconError> {
        let mut all: Vec<Source<'_>> = BUILTIN.to_vec();
        all.extend_from_slice(user);
        Lexicon::from_sources(&all)
    }

    /// Compiles lexicon files, in order.
    pub fn from_sources(sources: &[Source<'_>]) -> Result<Lexicon, LexiconError> {
        let mut files = Vec::with_capacity(sources.len());
        for (name, text) in sources {
            let file: LexiconFile = toml::from_str(text).map_err(|source| LexiconError::Toml {
                file: (*name).to_owned(),
                source,
            })?;
            files.push((*name, file));
        }
        let mut lex = Lexicon {
            word_freq: WordFreq::embedded(),
            ..Lexicon::default()
        };
        for (name, spec, i) in dedup(&files, |f| &f.trigger) {
            let err = entry_err(name, "trigger", i);
            let sub: SubEventType = spec
                .sub_event_type
                .parse()
                .map_err(|e| err(format!("{e}")))?;
            let role = match spec.role.as_deref().unwrap_or("event") {
                "event" => TriggerRole::Event,
                "attack" => TriggerRole::Attack,
                "territory" => TriggerRole::Territory,
                "detention" => TriggerRole::Detention,
                "killing" => TriggerRole::Killing,
                other => return Err(err(format!("unknown role {other:?}"))),
            };
            let tags = spec
                .tags
                .iter()
                .map(|t| t.parse::<Tag>())
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| err(format!("{e}")))?;
            let confidence = unit(spec.confidence.unwrap_or(0.8))
                .ok_or_else(|| err("confidence must lie in [0, 1]".into()))?;
            let pats = compile(&spec.patterns).map_err(err)?;
            lex.triggers.push(
                pats,
                Trigger {
                    sub_event_type: sub,
                    role,
                    tags,
                    confidence,
                    needs_actor: spec.needs_actor,
                    subject_is_target: spec.subject_is_target,
                },
            );
        }
        for (name, spec, i) in dedup(&files, |f| &f.weapon) {
            let err = entry_err(name, "weapon", i);
            let class = WeaponClass::parse(&spec.class)
                .ok_or_else(|| err(format!("unknown class {:?}", spec.class)))?;
            lex.weapons.push(
                compile(&spec.patterns).map_err(err)?,
                Weapon {
                    class,
                    standalone: spec.standalone,
                },
            );
        }
        for (name, spec, i) in dedup(&files, |f| &f.actor) {
            let err = entry_err(name, "actor", i);
            let actor: Actor = spec.actor.parse().map_err(|e| err(format!("{e}")))?;
            let entry = ActorEntry {
                actor,
                victim: spec.victim,
                air_power: spec.air_power,
                generic: spec.generic,
                nisba: spec.nisba,
                target_only: spec.target_only,
            };
            lex.actors
                .push(compile(&spec.patterns).map_err(err)?, entry);
        }
        for (name, spec, i) in dedup(&files, |f| &f.casualty) {
            let err = entry_err(name, "casualty", i);
            let kind = match spec.kind.as_str() {
                "killed" => CasualtyKind::Killed,
                "injured" => CasualtyKind::Injured,
                "detained" => CasualtyKind::Detained,
                "displaced" => CasualtyKind::Displaced,
                "none" => CasualtyKind::NoCasualties,
                other => return Err(err(format!("unknown kind {other:?}"))),
            };
            let position = match spec.position.as_deref().unwrap_or("both") {
                "after" => NumberPosition::After,
                "before" => NumberPosition::Before,
                "both" => NumberPosition::Both,
                other => return Err(err(format!("unknown position {other:?}"))),
            };
            lex.casualties.push(
                compile(&spec.patterns).map_err(err)?,
                CasualtyCue { kind, position },
            );
        }
        for (name, spec, i) in dedup(&files, |f| &f.modality) {
            let err = entry_err(name, "modality", i);
            let effect = match spec.effect.as_str() {
                "not-event" => ModalityEffect::NotEvent,
                "unconfirmed" => ModalityEffect::Unconfirmed,
                "background" => ModalityEffect::Background,
                "aggregate" => ModalityEffect::Aggregate,
                other => return Err(err(format!("unknown effect {other:?}"))),
            };
            let scope = match spec.scope.as_deref().unwrap_or("next") {
                "next" => ModalityScope::Next(spec.window.unwrap_or(6)),
                "clause" => ModalityScope::Clause,
                "rest" => ModalityScope::Rest,
                "sentence" => ModalityScope::Sentence,
                other => return Err(err(format!("unknown scope {other:?}"))),
            };
            let factor = unit(spec.factor.unwrap_or(0.7))
                .ok_or_else(|| err("factor must lie in [0, 1]".into()))?;
            lex.modality.push(
                compile(&spec.patterns).map_err(err)?,
                ModalityCue {
                    effect,
                    scope,
                    factor,
                },
            );
        }
        for (name, spec, i) in dedup(&files, |f| &f.place_cue) {
            let err = entry_err(name, "place_cue", i);
            let kind = PlaceCueKind::parse(&spec.kind)
                .ok_or_else(|| err(format!("unknown kind {:?}", spec.kind)))?;
            lex.place_cues
                .push(compile(&spec.patterns).map_err(err)?, kind);
        }
        for (name, spec, i) in dedup(&files, |f| &f.proximity) {
            lex.proximity.push(
                compile(&spec.patterns).map_err(entry_err(name, "proximity", i))?,
                (),
            );
        }
        for (name, spec, i) in dedup(&files, |f| &f.direction) {
            let err = entry_err(name, "direction", i);
            let b = Bearing::parse(&spec.bearing)
                .ok_or_else(|| err(format!("unknown bearing {:?}", spec.bearing)))?;
            lex.directions
                .push(compile(&spec.patterns).map_err(err)?, b);
        }
        for (name, spec, i) in dedup(&files, |f| &f.anaphor) {
            let err = entry_err(name, "anaphor", i);
            let kind = AnaphorKind::parse(&spec.kind)
                .ok_or_else(|| err(format!("unknown kind {:?}", spec.kind)))?;
            lex.anaphors
                .push(compile(&spec.patterns).map_err(err)?, kind);
        }
        for (name, spec, i) in dedup(&files, |f| &f.outlet) {
            lex.outlets.push(
                compile(&spec.patterns).map_err(entry_err(name, "outlet", i))?,
                (),
            );
        }
        for (name, spec, i) in dedup(&files, |f| &f.nisba_head) {
            lex.nisba_heads.push(
                compile(&spec.patterns).map_err(entry_err(name, "nisba_head", i))?,
                (),
            );
        }
        lex.multi = MultiIndex::new(&lex.sets());
        Ok(lex)
    }

    /// The pattern sets in [`Scan`] order.
    fn sets(&self) -> [&dyn Patterns; 11] {
        [
            &self.triggers,
            &self.weapons,
            &self.actors,
            &self.casualties,
            &self.modality,
            &self.place_cues,
            &self.proximity,
            &self.directions,
            &self.anaphors,
            &self.outlets,
            &self.nisba_heads,
        ]
    }

    /// Matches every pattern set in one pass over a paragraph.
    pub fn scan(&self, a: &rasd_text::AnalyzedText<'_>, stems: &TokenStems<'_>) -> Scan {
        let mut all = self
            .multi
            .find_all(&self.sets(), a, stems)
            .into_iter()
            .map(longest_non_overlapping);
        let mut next = || all.next().unwrap_or_default();
        Scan {
            triggers: next(),
            weapons: next(),
            actors: next(),
            casualties: next(),
            modality: next(),
            place_cues: next(),
            proximity: next(),
            directions: next(),
            anaphors: next(),
            outlets: next(),
            nisba_heads: next(),
        }
    }
}

fn unit(x: f32) -> Option<f32> {
    (0.0..=1.0).contains(&x).then_some(x)
}

fn entry_err<'a>(
    file: &'a str,
    table: &'static str,
    entry: usize,
) -> impl Fn(String) -> LexiconError + 'a {
    move |reason| LexiconError::Entry {
        file: file.to_owned(),
        table,
        entry: entry + 1,
        reason,
    }
}

fn compile(patterns: &[String]) -> Result<Vec<Pattern>, String> {
    if patterns.is_empty() {
        return Err("no patterns".into());
    }
    patterns
        .iter()
        .map(|p| Pattern::parse(p).map_err(|e| format!("pattern {p:?}: {e}")))
        .collect()
}

/// The entries of one table over all files, with later files' patterns removed from
/// earlier entries (a user entry replaces a built-in one with the same pattern). Yields
/// (file name, entry with its surviving patterns, index of the entry in its file).
fn dedup<'f, S, F>(files: &'f [(&'f str, LexiconFile)], table: F) -> Vec<(&'f str, S, usize)>
where
    F: Fn(&'f LexiconFile) -> &'f Vec<S>,
    S: Clone + HasPatterns + 'f,
{
    // The flag marks entries emptied by a later replacement (dropped); an entry written
    // with no patterns is kept so that compiling it reports the mistake.
    let mut out: Vec<(&str, S, usize, bool)> = Vec::new();
    for (name, file) in files {
        for (i, spec) in table(file).iter().enumerate() {
            let new: Vec<String> = spec.patterns().iter().map(|p| normal(p)).collect();
            for (_, old, _, replaced) in out.iter_mut() {
                if !old.patterns_empty() {
                    old.retain_patterns(|p| !new.contains(&normal(p)));
                    *replaced |= old.patterns_empty();
                }
            }
            out.push((name, spec.clone(), i, false));
        }
    }
    out.into_iter()
        .filter(|(.., replaced)| !replaced)
        .map(|(n, s, i, _)| (n, s, i))
        .collect()
}

fn normal(p: &str) -> String {
    p.split_whitespace()
        .map(rasd_text::match_key)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Lets [`dedup`] drop replaced patterns from any spec type.
trait HasPatterns {
    fn patterns(&self) -> &[String];
    fn retain_patterns(&mut self, keep: impl FnMut(&String) -> bool);
    fn patterns_empty(&self) -> bool;
}

macro_rules! has_patterns {
    ($($t:ty),*) => {$(
        impl HasPatterns for $t {
            fn patterns(&self) -> &[String] {
                &self.patterns
            }
            fn retain_patterns(&mut self, keep: impl FnMut(&String) -> bool) {
                self.patterns.retain(keep);
            }
            fn patterns_empty(&self) -> bool {
                self.patterns.is_empty()
            }
        }
    )*};
}

has_patterns!(
    OutletSpec,
    TriggerSpec,
    WeaponSpec,
    ActorSpec,
    CasualtySpec,
    ModalitySpec,
    KindSpec,
    PatternsSpec,
    DirectionSpec
);

#[cfg(test)]
mod tests;
