//! Development aid: prints what the recognisers found in a text, sentence by sentence.
//!
//! echo "النص" | cargo run -p rasd-extract --example explain

use std::io::Read;

use rasd_extract::Lexicon;
use rasd_extract::lexicon::TokenStems;
use rasd_extract::recognize::recognize;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut text = String::new();
    std::io::stdin().read_to_string(&mut text)?;
    let lex = Lexicon::builtin()?;
    let gaz = rasd_gazetteer::Gazetteer::embedded()?;
    let a = rasd_text::analyze(&text, 0);
    let st = TokenStems::new(&a);
    let m = recognize(&a, &st, &lex, &gaz, &rasd_text::DateContext::default());
    let t = |s: rasd_core::Span| a.span_text(s).to_owned();
    for (si, s) in a.sentences.iter().enumerate() {
        println!("── sentence {si}: {}", t(s.span));
        let inside = |tok: usize| s.tokens.contains(&tok);
        for c in m.clauses.iter().filter(|c| c.sentence == si) {
            let sp = a.tokens[c.tokens.start]
                .span
                .cover(a.tokens[c.tokens.end - 1].span);
            println!("   clause: {}", t(sp));
        }
        for h in m.triggers.iter().filter(|h| inside(h.start())) {
            println!(
                "   trigger  {:<24} {:?} {:?} [{}]",
                t(h.span()),
                h.entry.sub_event_type,
                h.entry.role,
                h.rule
            );
        }
        for h in m.weapons.iter().filter(|h| inside(h.start())) {
            println!(
                "   weapon   {:<24} {:?} [{}]",
                t(h.span()),
                h.entry.class,
                h.rule
            );
        }
        for h in m.actors.iter().filter(|h| inside(h.start())) {
            println!(
                "   actor    {:<24} {} victim={} [{}]",
                t(h.span()),
                h.entry.actor,
                h.entry.victim,
                h.rule
            );
        }
        for p in m.places.iter().filter(|p| inside(p.tokens.start)) {
            let c: Vec<String> = p
                .candidates
                .iter()
                .map(|c| format!("{}:{}", gaz.place(c.idx).id, gaz.place(c.idx).name_ar))
                .collect();
            println!(
                "   place    {:<24} cue={:?} near={} dir={:?} {:?}",
                p.surface,
                p.cue,
                p.near,
                p.direction.map(|b| b.0),
                c
            );
        }
        for h in m.anaphors.iter().filter(|h| inside(h.start())) {
            println!("   anaphor  {:<24} {:?}", t(h.span()), h.entry);
        }
        for d in m
            .dates
            .iter()
            .filter(|d| s.span.start <= d.span.start && d.span.start < s.span.end)
        {
            println!("   date     {:<24} {:?} {:?}", d.raw, d.kind, d.date);
        }
        for c in m.casualties.iter().filter(|c| c.sentence == si) {
            println!(
                "   count    {:<24} {:?} {:?} shared={}",
                t(c.cue),
                c.kind,
                c.value,
                c.shared
            );
        }
        for r in m.modality.iter().filter(|r| inside(r.tokens.start)) {
            let sp = a.tokens[r.tokens.start]
                .span
                .cover(a.tokens[r.tokens.end.saturating_sub(1).max(r.tokens.start)].span);
            println!(
                "   modality {:<24} {:?} over: {}",
                t(r.cue),
                r.effect,
                t(sp)
            );
        }
    }
    Ok(())
}
