//! HTML main-content extraction.
//!
//! 1. Elements that are never content are dropped with everything inside them: `script`,
//!    `style`, `noscript`, `template`, `nav`, `header`, `footer`, `aside`, `form`, `iframe`,
//!    `svg`, `button`, `select`, `textarea`, `figure`; elements with `role` navigation,
//!    banner, contentinfo, complementary, search; `hidden`/`aria-hidden`; and elements whose
//!    `class`/`id` name comments, related or most-read blocks, sharing, sidebars, widgets,
//!    breadcrumbs, tags, newsletters, cookies or ads (see [`is_boilerplate_name`]).
//!    `article`, `main` and `body` are never dropped by name.
//! 2. The content root is the `<article>` with the most text, else an `itemprop=articleBody`
//!    element, else `<main>`/`role=main`, else the element whose `<p>` children hold the most
//!    text (the densest block), else `<body>`.
//! 3. The root's text is cut into paragraphs at block elements and `<br>`, whitespace
//!    collapsed; the paragraphs are joined by blank lines. That is the document's `text`.
//! 4. The title is the first `<h1>` (in the root, else anywhere), else `og:title`, else
//!    `<title>`. An `<h1>` used as the title is left out of the text (the title is separate,
//!    as for JSONL). `og:url`/canonical link, `article:published_time` and `og:site_name`
//!    fill `url`, `published` and `outlet`.
//!
//! The original HTML is not kept: `text` is the extraction, and spans index it.

use std::collections::HashMap;

use ego_tree::NodeId;
use ego_tree::iter::Edge;
use rasd_core::Origin;
use scraper::{ElementRef, Html, Node, Selector};

use super::RawDocument;
use crate::decode::Decoded;

/// Tags whose whole subtree is never content.
const DROPPED_TAGS: &[&str] = &[
    "script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form",
    "iframe", "svg", "button", "select", "textarea", "figure", "head", "title", "link", "meta",
    "object", "embed", "canvas", "video", "audio", "map", "dialog", "menu",
];

/// Tags that end a paragraph.
const BLOCK_TAGS: &[&str] = &[
    "address",
    "article",
    "blockquote",
    "body",
    "dd",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "li",
    "main",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
    "center",
    "details",
    "summary",
];

/// `role` values of non-content landmarks.
const DROPPED_ROLES: &[&str] = &[
    "navigation",
    "banner",
    "contentinfo",
    "complementary",
    "search",
    "dialog",
    "alert",
];

/// Substrings of class/id names that mark boilerplate blocks.
const BOILERPLATE_SUBSTRINGS: &[&str] = &[
    "comment",
    "related",
    "mostread",
    "most-read",
    "most_read",
    "popular",
    "share",
    "sharing",
    "social",
    "sidebar",
    "widget",
    "breadcrumb",
    "newsletter",
    "subscribe",
    "cookie",
    "consent",
    "advert",
    "sponsor",
    "recommend",
    "trending",
    "disqus",
    "respond",
    "pagination",
    "navbar",
    "read-more",
    "readmore",
    "more-news",
    "morenews",
    "also-read",
];

/// Whole class/id tokens (split on `-`, `_`, space) that mark boilerplate blocks.
const BOILERPLATE_TOKENS: &[&str] = &[
    "nav", "menu", "footer", "header", "tags", "tag", "ad", "ads", "banner", "promo", "print",
    "author", "meta", "byline", "toolbar", "pager", "hidden", "modal", "popup",
];

/// Whether a class or id value names a boilerplate block.
pub fn is_boilerplate_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    BOILERPLATE_SUBSTRINGS.iter().any(|s| lower.contains(s))
        || lower
            .split(|c: char| !c.is_ascii_alphanumeric())
            .any(|t| BOILERPLATE_TOKENS.contains(&t))
}

fn is_dropped(el: ElementRef<'_>) -> bool {
    let e = el.value();
    let name = e.name();
    if matches!(name, "article" | "main" | "body" | "html") {
        return false;
    }
    if DROPPED_TAGS.contains(&name) {
        return true;
    }
    if e.attr("hidden").is_some() || e.attr("aria-hidden") == Some("true") {
        return true;
    }
    if e.attr("role")
        .is_some_and(|r| DROPPED_ROLES.contains(&r.trim().to_ascii_lowercase().as_str()))
    {
        return true;
    }
    e.attr("class").is_some_and(is_boilerplate_name) || e.id().is_some_and(is_boilerplate_name)
}

/// Whether the element or one of its ancestors is dropped.
fn is_inside_dropped(el: ElementRef<'_>) -> bool {
    std::iter::once(el)
        .chain(el.ancestors().filter_map(ElementRef::wrap))
        .any(is_dropped)
}

fn selector(s: &str) -> Option<Selector> {
    Selector::parse(s).ok()
}

fn select_all<'a>(doc: &'a Html, s: &str) -> Vec<ElementRef<'a>> {
    selector(s)
        .map(|sel| doc.select(&sel).collect())
        .unwrap_or_default()
}

fn attr_of(doc: &Html, s: &str, attr: &str) -> Option<String> {
    select_all(doc, s)
        .into_iter()
        .find_map(|e| e.value().attr(attr))
        .map(|v| v.trim().to_owned())
        .filter(|v| !v.is_empty())
}

/// Text of an element, whitespace collapsed, skipping dropped descendants.
fn text_len(el: ElementRef<'_>) -> usize {
    let mut n = 0;
    walk(el, None, |t| n += t.trim().chars().count(), |_| {});
    n
}

/// Walks the subtree of `root` in document order, skipping dropped elements and `skip`;
/// `text` is called with text nodes, `block` with each block boundary.
fn walk(
    root: ElementRef<'_>,
    skip: Option<NodeId>,
    mut text: impl FnMut(&str),
    mut block: impl FnMut(bool),
) {
    let mut skipping: Option<NodeId> = None;
    for edge in root.traverse() {
        match edge {
            Edge::Open(node) => {
                if skipping.is_some() {
                    continue;
                }
                match node.value() {
                    Node::Text(t) => text(t),
                    Node::Element(e) => {
                        let Some(el) = ElementRef::wrap(node) else {
                            continue;
                        };
                        if node.id() != root.id() && (Some(node.id()) == skip || is_dropped(el)) {
                            skipping = Some(node.id());
                        } else if e.name() == "br" || BLOCK_TAGS.contains(&e.name()) {
                            block(true);
                        }
                    }
                    _ => {}
                }
            }
            Edge::Close(node) => {
                if skipping == Some(node.id()) {
                    skipping = None;
                } else if skipping.is_none()
                    && let Node::Element(e) = node.value()
                    && BLOCK_TAGS.contains(&e.name())
                {
                    block(false);
                }
            }
        }
    }
}

/// The content root (see the module documentation).
fn best(els: Vec<ElementRef<'_>>) -> Option<ElementRef<'_>> {
    els.into_iter()
        .filter(|e| !is_inside_dropped(*e))
        .map(|e| (text_len(e), e))
        .filter(|(n, _)| *n > 0)
        .max_by_key(|(n, _)| *n)
        .map(|(_, e)| e)
}

fn content_root(doc: &Html) -> Option<ElementRef<'_>> {
    if let Some(a) = best(select_all(doc, "article")) {
        return Some(a);
    }
    for s in ["[itemprop=articleBody]", "main", "[role=main]"] {
        if let Some(e) = best(select_all(doc, s)) {
            return Some(e);
        }
    }
    if let Some(e) = densest(doc) {
        return Some(e);
    }
    select_all(doc, "body").into_iter().next()
}

/// The element whose `<p>` children hold the most text (grandparents get half credit).
fn densest(doc: &Html) -> Option<ElementRef<'_>> {
    let mut score: HashMap<NodeId, usize> = HashMap::new();
    for p in select_all(doc, "p") {
        if is_inside_dropped(p) {
            continue;
        }
        let n = text_len(p);
        let mut parents = p.ancestors().filter_map(ElementRef::wrap);
        if let Some(parent) = parents.next() {
            *score.entry(parent.id()).or_default() += n;
            if let Some(grand) = parents.next() {
                *score.entry(grand.id()).or_default() += n / 2;
            }
        }
    }
    let (id, _) = score
        .into_iter()
        .max_by_key(|(id, n)| (*n, std::cmp::Reverse(*id)))?;
    doc.tree.get(id).and_then(ElementRef::wrap)
}

/// Collapses whitespace and trims.
fn clean_text(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The paragraphs of `root`.
fn paragraphs(root: ElementRef<'_>, skip: Option<NodeId>) -> Vec<String> {
    let out = std::cell::RefCell::new(Vec::new());
    let buf = std::cell::RefCell::new(String::new());
    let flush = || {
        let p = clean_text(&buf.borrow());
        buf.borrow_mut().clear();
        if !p.is_empty() {
            out.borrow_mut().push(p);
        }
    };
    walk(
        root,
        skip,
        |t| {
            let mut b = buf.borrow_mut();
            b.push_str(t);
        },
        |_| flush(),
    );
    flush();
    out.into_inner()
}

/// Extracts the main content of an HTML page.
pub fn parse(decoded: Decoded, id: String, origin: Origin) -> RawDocument {
    let doc = Html::parse_document(&decoded.text);
    let root = content_root(&doc);
    let h1 = root
        .and_then(|r| selector("h1").and_then(|s| r.select(&s).next()))
        .or_else(|| select_all(&doc, "h1").into_iter().next())
        .map(|h| (h.id(), clean_text(&h.text().collect::<String>())))
        .filter(|(_, t)| !t.is_empty());
    let title = h1
        .as_ref()
        .map(|(_, t)| t.clone())
        .or_else(|| attr_of(&doc, "meta[property='og:title']", "content"))
        .or_else(|| {
            select_all(&doc, "title")
                .first()
                .map(|t| clean_text(&t.text().collect::<String>()))
                .filter(|t| !t.is_empty())
        });
    let text = root
        .map(|r| paragraphs(r, h1.as_ref().map(|(id, _)| *id)))
        .unwrap_or_default();
    let mut raw = RawDocument::new(id, origin, text.join("\n\n"), decoded.encoding.name());
    raw.title = title;
    raw.url = attr_of(&doc, "link[rel=canonical]", "href")
        .or_else(|| attr_of(&doc, "meta[property='og:url']", "content"));
    raw.outlet = attr_of(&doc, "meta[property='og:site_name']", "content");
    raw.published = attr_of(&doc, "meta[property='article:published_time']", "content")
        .or_else(|| attr_of(&doc, "time[datetime]", "datetime"))
        .and_then(|t| t.parse().ok());
    raw
}

#[cfg(test)]
mod tests {
    use super::*;

    fn extract(html: &str) -> RawDocument {
        let d = crate::decode::decode(html.as_bytes()).unwrap();
        parse(d, "p.html".into(), Origin::default())
    }

    #[test]
    fn boilerplate_names() {
        let table = [
            ("comments-area", true),
            ("related-posts", true),
            ("td-social-sharing", true),
            ("site-header", true),
            ("ad", true),
            ("entry-content", false),
            ("article-body", false),
            ("thread", false),
            ("download", false),
            ("heading", false),
        ];
        for (name, want) in table {
            assert_eq!(is_boilerplate_name(name), want, "{name}");
        }
    }

    #[test]
    fn prefers_article_and_drops_widgets() {
        let html = r#"<html><head><title>خبر | موقع</title></head><body>
            <nav><a href="/">الرئيسية</a></nav>
            <article><h1>قصف على درعا</h1>
              <p>قصفت قوات النظام   مدينة درعا.</p>
              <div class="share-buttons">شارك</div>
              <p>وأدى القصف<br>إلى مقتل مدنيين.</p>
            </article>
            <aside><p>الأكثر قراءة</p></aside></body></html>"#;
        let d = extract(html);
        assert_eq!(d.title.as_deref(), Some("قصف على درعا"));
        assert_eq!(
            d.text,
            "قصفت قوات النظام مدينة درعا.\n\nوأدى القصف\n\nإلى مقتل مدنيين."
        );
    }

    #[test]
    fn densest_block_without_article_and_title_fallback() {
        let html = r#"<html><head><title>عنوان الصفحة</title></head><body>
            <div id="menu"><p>روابط</p></div>
            <div class="x"><p>الفقرة الأولى من الخبر وهي طويلة بما يكفي.</p><p>الفقرة الثانية.</p></div>
            <div class="y"><p>قصير</p></div></body></html>"#;
        let d = extract(html);
        assert_eq!(d.title.as_deref(), Some("عنوان الصفحة"));
        assert_eq!(
            d.text,
            "الفقرة الأولى من الخبر وهي طويلة بما يكفي.\n\nالفقرة الثانية."
        );
    }

    proptest::proptest! {
        #[test]
        fn never_panics_on_tag_soup(parts in proptest::collection::vec(proptest::prop_oneof![
            proptest::strategy::Just("<p>".to_owned()),
            proptest::strategy::Just("</p>".to_owned()),
            proptest::strategy::Just("<article>".to_owned()),
            proptest::strategy::Just("<div class=\"comments\">".to_owned()),
            proptest::strategy::Just("</div>".to_owned()),
            proptest::strategy::Just("<script>x()</script>".to_owned()),
            proptest::strategy::Just("<br>".to_owned()),
            proptest::strategy::Just("<h1>".to_owned()),
            "[\\p{Arabic} <>&;/\"=a-z]{0,30}",
        ], 0..40)) {
            let decoded = Decoded { text: parts.concat(), encoding: encoding_rs::UTF_8, replaced: 0 };
            let d = parse(decoded, "p.html".into(), Origin::default());
            // paragraphs are trimmed, non-empty, and joined by exactly one blank line
            proptest::prop_assert_eq!(d.text.trim(), d.text.as_str());
            for p in d.text.split("\n\n") {
                proptest::prop_assert!(d.text.is_empty() || (!p.is_empty() && p.trim() == p));
            }
        }
    }

    #[test]
    fn metadata_from_meta_tags() {
        let html = r#"<html><head>
            <meta property="og:site_name" content="عنب بلدي">
            <meta property="article:published_time" content="2024-08-11T08:04:31+03:00">
            <link rel="canonical" href="https://example.org/a/1"></head>
            <body><main><p>نص</p></main></body></html>"#;
        let d = extract(html);
        assert_eq!(d.outlet.as_deref(), Some("عنب بلدي"));
        assert_eq!(d.url.as_deref(), Some("https://example.org/a/1"));
        assert_eq!(
            d.published.unwrap().to_string(),
            "2024-08-11T08:04:31+03:00"
        );
        assert_eq!(d.text, "نص");
    }
}
