//! Document-level place resolution: every place mention gets a gazetteer place (or an
//! unresolved location with the best admin context around it), using the admin units named
//! next to it, the places resolved before it, and the article's dominant governorate.

use std::collections::HashMap;

use rasd_core::{GeoPrecision, Location};
use rasd_gazetteer::{AdminContext, Gazetteer, PlaceContext, PlaceCue, PlaceIdx, PlaceLevel};
use rasd_text::AnalyzedText;

use crate::lexicon::PlaceCueKind;
use crate::recognize::{Mentions, PlaceMention};

/// A place mention after resolution.
#[derive(Debug, Clone)]
pub struct ResolvedPlace {
    pub location: Location,
    /// Other names the location is known by (gazetteer name, parent city, the governorate
    /// of a countryside phrase).
    pub names: Vec<String>,
    pub place: Option<PlaceIdx>,
    pub level: Option<PlaceLevel>,
    /// Identifies the place for merging: the place id (a neighbourhood's city), the context
    /// unit of an unresolved name, or the name's key.
    pub merge_key: String,
    /// An admin phrase that only qualifies the place named before it
    /// (كناكر **بريف دمشق**، عدوان **غرب درعا**).
    pub context_only: bool,
    /// A town, village, neighbourhood or camp: what البلدة / المدينة can refer back to.
    pub settlement: bool,
    /// The end of the name including a trailing compass word (ريف حلب **الشرقي**).
    pub end: usize,
    /// A city with its governorate's name (درعا، حلب): often the governorate is meant.
    pub governorate_named: bool,
    /// A country-wide area (شرق سوريا، الحدود السورية العراقية, Syria itself).
    pub broad: bool,
    /// A generic area (a governorate, a district, a countryside or compass phrase, a
    /// country-wide area) rather than a place: a report at such a place may be a vaguer
    /// telling of an incident the article places precisely elsewhere.
    pub area: bool,
}

/// Resolves every place mention of a document. `paras[i]` and `mentions[i]` are the
/// analysed paragraphs and their mentions, in reading order.
pub fn resolve_places(
    gaz: &Gazetteer,
    paras: &[AnalyzedText<'_>],
    mentions: &[Mentions],
) -> Vec<Vec<ResolvedPlace>> {
    // 1. The admin context each admin-like mention stands for.
    let admin: Vec<Vec<Option<AdminContext>>> = paras
        .iter()
        .zip(mentions)
        .map(|(a, m)| m.places.iter().map(|p| admin_context(gaz, a, p)).collect())
        .collect();
    // 2. The article's dominant governorates: unambiguous mentions and admin phrases vote.
    let mut votes: HashMap<String, usize> = HashMap::new();
    for (m, adm) in mentions.iter().zip(&admin) {
        for (p, ctx) in m.places.iter().zip(adm) {
            let pcode = match ctx {
                Some(c) => c.admin1_pcode().map(str::to_owned),
                None if p.candidates.len() == 1 => gaz
                    .place(p.candidates[0].idx)
                    .admin1
                    .as_ref()
                    .map(|u| u.pcode.clone()),
                None => None,
            };
            if let Some(pc) = pcode {
                *votes.entry(pc).or_default() += 1;
            }
        }
    }
    let mut dominant: Vec<(String, usize)> = votes.into_iter().collect();
    dominant.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    dominant.truncate(2);
    // 3. Resolve in reading order.
    let mut resolved_so_far: Vec<PlaceIdx> = Vec::new();
    // One name, one place in an article: a name resolved once keeps that place (سرجة in
    // the lead and in the body are the same village).
    let mut by_key: HashMap<String, PlaceIdx> = HashMap::new();
    let mut out = Vec::with_capacity(paras.len());
    for ((a, m), adm) in paras.iter().zip(mentions).zip(&admin) {
        let mut para_out = Vec::with_capacity(m.places.len());
        for (i, p) in m.places.iter().enumerate() {
            let context_only =
                i > 0 && adm[i].is_some() && qualifies_previous(a, &m.places[i - 1], p);
            let mut ctx = PlaceContext::new();
            // Admin phrases of the same sentence, nearest first.
            let mut near: Vec<(usize, &AdminContext)> = m
                .places
                .iter()
                .zip(adm)
                .enumerate()
                .filter(|(j, (q, c))| *j != i && q.sentence == p.sentence && c.is_some())
                .filter_map(|(j, (_, c))| c.as_ref().map(|c| (j.abs_diff(i), c)))
                .collect();
            near.sort_by_key(|(d, _)| *d);
            for (_, c) in near.iter().take(3) {
                ctx = ctx.with_admin((*c).clone());
            }
            for idx in resolved_so_far.iter().rev().take(12) {
                ctx = ctx.with_resolved(*idx);
            }
            for (pc, _) in &dominant {
                ctx = ctx.with_dominant_admin1(pc.clone());
            }
            if let Some(c) = p.cue.and_then(gaz_cue) {
                ctx = ctx.with_cue(c);
            }
            if let Some(country) = country_after(a, p) {
                ctx = ctx.with_country(country);
            }
            let earlier = by_key
                .get(&p.key)
                .copied()
                .filter(|idx| p.candidates.iter().any(|c| c.idx == *idx) && adm[i].is_none());
            let mut p_owned;
            let p = match earlier {
                Some(idx) => {
                    p_owned = p.clone();
                    p_owned.candidates.retain(|c| c.idx == idx);
                    &p_owned
                }
                None => p,
            };
            let r = resolve_one(
                gaz,
                a,
                p,
                adm[i].as_ref(),
                &ctx,
                near.first().map(|(_, c)| *c),
                context_only,
            );
            if let Some(idx) = r.place {
                resolved_so_far.push(idx);
                if adm[i].is_none() {
                    by_key.entry(p.key.clone()).or_insert(idx);
                }
            }
            para_out.push(r);
        }
        out.push(para_out);
    }
    out
}

fn gaz_cue(k: PlaceCueKind) -> Option<PlaceCue> {
    Some(match k {
        PlaceCueKind::Settlement => PlaceCue::Town,
        PlaceCueKind::Neighbourhood => PlaceCue::Neighbourhood,
        PlaceCueKind::Camp => PlaceCue::Camp,
        PlaceCueKind::Facility => PlaceCue::Facility,
        PlaceCueKind::Governorate => PlaceCue::Governorate,
        PlaceCueKind::Region | PlaceCueKind::Countryside | PlaceCueKind::Border => return None,
    })
}

/// The end (absolute byte) of a mention including a trailing compass word.
fn mention_end(a: &AnalyzedText<'_>, p: &PlaceMention) -> usize {
    if p.direction.is_some()
        && let Some(t) = a.tokens.get(p.tokens.end)
    {
        return t.span.end;
    }
    p.span.end
}

/// The admin context a mention stands for, when it names a governorate, district, region
/// or countryside (درعا، ريف دمشق الغربي، محافظة دير الزور، شمال درعا).
fn admin_context(gaz: &Gazetteer, a: &AnalyzedText<'_>, p: &PlaceMention) -> Option<AdminContext> {
    let admin_like = p.candidates.iter().any(|c| {
        matches!(
            gaz.place(c.idx).level,
            PlaceLevel::Governorate
                | PlaceLevel::District
                | PlaceLevel::Region
                | PlaceLevel::Country
        ) || c.precision == Some(GeoPrecision::Region)
    }) || matches!(
        p.cue,
        Some(PlaceCueKind::Governorate | PlaceCueKind::Countryside)
    );
    if !admin_like || p.candidates.is_empty() {
        return None;
    }
    let start = match p.cue {
        Some(PlaceCueKind::Governorate | PlaceCueKind::Countryside) => a
            .tokens
            .get(p.tokens.start.wrapping_sub(1))
            .map_or(p.span.start, |t| t.span.start),
        _ => p.span.start,
    };
    let phrase = a.span_text(rasd_core::Span::new(start, mention_end(a, p)));
    gaz.admin_context_from(phrase)
}

/// Whether `p` only qualifies the place before it: `q` (admin-like) follows `prev` with at
/// most a preposition or a compass word between them.
fn qualifies_previous(a: &AnalyzedText<'_>, prev: &PlaceMention, p: &PlaceMention) -> bool {
    if prev.sentence != p.sentence || prev.tokens.end > p.tokens.start {
        return false;
    }
    // The cue (محافظة، ريف) belongs to p.
    let gap_end = if p.cue.is_some() {
        p.tokens.start.saturating_sub(1)
    } else {
        p.tokens.start
    };
    let gap = prev.tokens.end + usize::from(prev.direction.is_some())..gap_end;
    if gap.len() > 3 {
        return false;
    }
    let gap_ok = gap.clone().all(|i| {
        let k = a.key_at(i);
        matches!(k, "في" | "من" | "ب" | "،" | "," | "-" | "–" | "(" | ")")
            || rasd_gazetteer::direction_word(k).is_some()
    });
    // Something must say "in/of" (في، بريف، غرب، محافظة); a name joined by و is the next
    // item of a list (سراقب وأريحا), not a qualifier.
    let first = a.key_at(p.tokens.start - usize::from(p.cue.is_some()));
    let linked = gap
        .clone()
        .any(|i| a.key_at(i) == "في" || rasd_gazetteer::direction_word(a.key_at(i)).is_some())
        || first.starts_with('ب')
        || (p.cue.is_some() && !first.starts_with('و'))
        || (gap.is_empty()
            && p.span.start > a.tokens[p.tokens.start].span.start
            && !first.starts_with('و'));
    gap_ok && linked && !first.starts_with('و')
}

/// A nationality adjective right after the name (القائم **العراقية**).
fn country_after(a: &AnalyzedText<'_>, p: &PlaceMention) -> Option<&'static str> {
    let k = a.key_at(p.tokens.end);
    rasd_gazetteer::country_from_adjective(k)
}

fn resolve_one(
    gaz: &Gazetteer,
    a: &AnalyzedText<'_>,
    p: &PlaceMention,
    own_admin: Option<&AdminContext>,
    ctx: &PlaceContext,
    nearest_admin: Option<&AdminContext>,
    context_only: bool,
) -> ResolvedPlace {
    let end = mention_end(a, p);
    let full_name = a
        .span_text(rasd_core::Span::new(p.span.start, end))
        .trim()
        .to_owned();
    let mut names = Vec::new();
    if p.candidates.is_empty() {
        let location = gaz.unresolved_location(&p.surface, nearest_admin);
        let merge_key = nearest_admin
            .map(|c| gaz.place(c.place).id.to_string())
            .map_or_else(|| format!("name:{}", p.key), |id| format!("{id}/{}", p.key));
        return ResolvedPlace {
            location,
            names,
            place: None,
            level: None,
            merge_key,
            context_only,
            settlement: matches!(p.cue, Some(PlaceCueKind::Settlement | PlaceCueKind::Camp)),
            end,
            governorate_named: false,
            broad: false,
            area: false,
        };
    }
    // An admin phrase with a direction or countryside (ريف حلب الشرقي، شمال درعا) is the
    // area itself.
    if let Some(c) = own_admin.filter(|c| c.rural || c.direction.is_some()) {
        let location = gaz.context_location(c, &full_name);
        let unit = gaz.place(c.place);
        if !unit.name_ar.is_empty() {
            names.push(unit.name_ar.clone());
        }
        if full_name != p.surface {
            names.push(p.surface.clone());
        }
        return ResolvedPlace {
            merge_key: format!("{}#{}", unit.id, p.key),
            location,
            names,
            place: Some(c.place),
            level: Some(unit.level),
            context_only,
            settlement: false,
            end,
            governorate_named: false,
            broad: is_broad(unit),
            area: true,
        };
    }
    let Some(r) = gaz.resolve(&p.candidates, ctx) else {
        let location = gaz.unresolved_location(&p.surface, nearest_admin);
        return ResolvedPlace {
            merge_key: format!("name:{}", p.key),
            location,
            names,
            place: None,
            level: None,
            context_only,
            settlement: false,
            end,
            governorate_named: false,
            broad: false,
            area: false,
        };
    };
    let place = gaz.place(r.idx);
    let mut location = gaz.location_for(&r.candidate, &p.surface);
    if p.near {
        location.geo_precision = location.geo_precision.coarsest(GeoPrecision::Near);
    }
    if let Some(canonical) = location.canonical_name.clone() {
        names.push(canonical);
    }
    // A neighbourhood or landmark belongs to its city: ACLED codes the city.
    let mut merge_key = place.id.to_string();
    if matches!(
        place.level,
        PlaceLevel::Neighbourhood | PlaceLevel::Facility
    ) && let Some(city) = gaz.parent_city(r.idx)
    {
        let c = gaz.place(city);
        names.push(c.name_ar.clone());
        merge_key = c.id.to_string();
    }
    let settlement = matches!(
        place.level,
        PlaceLevel::PopulatedPlace | PlaceLevel::Neighbourhood | PlaceLevel::Abandoned
    ) || matches!(
        p.cue,
        Some(PlaceCueKind::Settlement | PlaceCueKind::Camp | PlaceCueKind::Neighbourhood)
    );
    ResolvedPlace {
        location,
        names,
        place: Some(r.idx),
        level: Some(place.level),
        merge_key,
        context_only,
        settlement: settlement && place.is_syrian(),
        end,
        governorate_named: place.level == PlaceLevel::PopulatedPlace
            && place.admin1.as_ref().is_some_and(|u| {
                rasd_text::match_key(&u.name_ar) == rasd_text::match_key(&place.name_ar)
            }),
        broad: is_broad(place),
        area: is_broad(place)
            || matches!(place.level, PlaceLevel::Governorate | PlaceLevel::District),
    }
}

/// Country-wide areas: Syria, its compass quarters, its borders.
fn is_broad(p: &rasd_gazetteer::Place) -> bool {
    p.level == PlaceLevel::Country
        || matches!(
            p.id.as_str(),
            "region:syria"
                | "region:north"
                | "region:northwest"
                | "region:northeast"
                | "region:east"
                | "region:south"
                | "region:west"
                | "region:central"
        )
        || p.id.as_str().starts_with("region:border-")
}
