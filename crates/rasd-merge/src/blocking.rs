//! Blocking: which reports are ever compared. A report is filed under place tokens × the
//! ISO week of its date (or of its document's date when undated), and searched for under
//! the weeks of the day before, the day, and the day after, and the neighbouring map
//! cells — so every pair the matcher could accept shares a block, and nothing else is
//! compared. Each block holds the events of one place in one week: the work per report is
//! bounded, and merging n reports costs O(n) block look-ups.

use std::collections::BTreeSet;

use chrono::Duration;
use rasd_store::keys::place_key;
use rasd_store::merger::iso_week;
use rasd_store::{BlockKey, BlockKeys, ReportContext};

/// Size of a map cell in degrees (~5.5 km north-south).
pub const CELL_DEG: f64 = 0.05;

/// The place tokens of a report: place id, name key(s), admin3, map cell.
fn place_tokens(ctx: &ReportContext<'_>, neighbours: bool) -> Vec<String> {
    let l = &ctx.report.location;
    let mut out = Vec::new();
    if let Some(p) = &l.place_id {
        out.push(format!("p:{p}"));
    }
    let name = place_key(&l.name);
    if !name.is_empty() {
        out.push(format!("n:{name}"));
    }
    if let Some(c) = l
        .canonical_name
        .as_deref()
        .map(place_key)
        .filter(|c| !c.is_empty() && *c != name)
    {
        out.push(format!("n:{c}"));
    }
    match (&l.admin3_pcode, &l.admin3) {
        (Some(p), _) => out.push(format!("a3:{p}")),
        (None, Some(a)) => out.push(format!("a3:{}", place_key(a))),
        _ => {}
    }
    if let (Some(lat), Some(lon)) = (l.lat, l.lon) {
        let (x, y) = (
            (lon / CELL_DEG).floor() as i64,
            (lat / CELL_DEG).floor() as i64,
        );
        if neighbours {
            for dx in -1..=1 {
                for dy in -1..=1 {
                    out.push(format!("g:{}:{}", x + dx, y + dy));
                }
            }
        } else {
            out.push(format!("g:{x}:{y}"));
        }
    }
    out
}

/// The week tokens a report is filed under, and searched in.
fn week_tokens(ctx: &ReportContext<'_>) -> (String, Vec<String>) {
    match ctx.date() {
        Some(d) => {
            let mut probe = BTreeSet::new();
            for off in -1..=1 {
                if let Some(x) = d.checked_add_signed(Duration::days(off)) {
                    probe.insert(iso_week(x));
                }
            }
            (iso_week(d), probe.into_iter().collect())
        }
        // An undated report is of the publication day or shortly before.
        None => match ctx.anchor {
            Some(a) => {
                let mut probe = vec![iso_week(a)];
                if let Some(prev) = a.checked_sub_signed(Duration::days(1)).map(iso_week)
                    && prev != probe[0]
                {
                    probe.insert(0, prev);
                }
                (iso_week(a), probe)
            }
            None => ("undated".to_owned(), vec!["undated".to_owned()]),
        },
    }
}

pub fn blocking_keys(ctx: &ReportContext<'_>) -> BlockKeys {
    let (week, probe_weeks) = week_tokens(ctx);
    let index = place_tokens(ctx, false)
        .into_iter()
        .map(|p| BlockKey(format!("{p}|{week}")))
        .collect();
    let mut probe: Vec<BlockKey> = Vec::new();
    for p in place_tokens(ctx, true) {
        for w in &probe_weeks {
            probe.push(BlockKey(format!("{p}|{w}")));
        }
    }
    probe.sort();
    probe.dedup();
    BlockKeys { index, probe }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::report;
    use chrono::NaiveDate;

    #[test]
    fn keys_cover_neighbouring_days_across_a_week_boundary() {
        let mut r = report(
            rasd_core::SubEventType::ArmedClash,
            "جاسم",
            Some("2020-12-06"),
        );
        r.location.place_id = Some(rasd_core::PlaceId::new("geonames:1"));
        let ctx = ReportContext {
            report: &r,
            document: 1,
            root_document: 1,
            anchor: None,
            duplicate_source: false,
        };
        let k = blocking_keys(&ctx);
        // 2020-12-06 is a Sunday (week 49); the day after is in week 50.
        assert!(k.index.contains(&BlockKey("p:geonames:1|2020-W49".into())));
        assert!(!k.index.iter().any(|b| b.0.ends_with("W50")));
        assert!(k.probe.contains(&BlockKey("p:geonames:1|2020-W50".into())));
        assert!(k.probe.contains(&BlockKey("n:جاسم|2020-W49".into())));
    }

    #[test]
    fn undated_reports_use_the_document_week_or_a_shared_undated_block() {
        let r = report(rasd_core::SubEventType::Other, "كناكر", None);
        let anchor = NaiveDate::from_ymd_opt(2020, 12, 8);
        let ctx = ReportContext {
            report: &r,
            document: 1,
            root_document: 1,
            anchor,
            duplicate_source: false,
        };
        assert_eq!(
            blocking_keys(&ctx).index,
            vec![BlockKey("n:كناكر|2020-W50".into())]
        );
        let ctx = ReportContext {
            anchor: None,
            ..ctx
        };
        assert_eq!(
            blocking_keys(&ctx).index,
            vec![BlockKey("n:كناكر|undated".into())]
        );
    }

    #[test]
    fn coordinates_probe_the_neighbouring_cells() {
        let mut r = report(rasd_core::SubEventType::ArmedClash, "x", Some("2020-12-08"));
        r.location.lat = Some(33.27);
        r.location.lon = Some(36.09);
        let ctx = ReportContext {
            report: &r,
            document: 1,
            root_document: 1,
            anchor: None,
            duplicate_source: false,
        };
        let k = blocking_keys(&ctx);
        assert_eq!(k.index.iter().filter(|b| b.0.starts_with("g:")).count(), 1);
        assert_eq!(k.probe.iter().filter(|b| b.0.starts_with("g:")).count(), 9);
    }
}
