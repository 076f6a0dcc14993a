//! The records to a Pagefind index by Pagefind's own indexing API (the
//! `pagefind` crate, the engine its command-line tool runs), in memory. The
//! site's index is written by [`super::writer`]; this indexer stays as the
//! reference the tests compare it with, and as the source of the client's
//! files (its script, worker and WebAssembly).

use std::collections::BTreeMap;

use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;

use super::job::{IndexError, Priority, SearchFile, lower_priority, run_at};
use super::{SearchRecord, filter};
use crate::site::urls::rel;

/// Indexes the records in `language` (the site's) and returns the index's
/// files, under [`rel::search_index`].
pub fn build_index(
    records: Vec<SearchRecord>,
    language: &str,
    priority: Priority,
) -> Result<Vec<SearchFile>, IndexError> {
    let mut runtime = tokio::runtime::Builder::new_current_thread();
    runtime.enable_time();
    if priority == Priority::Background {
        // Pagefind reads each record on tokio's blocking threads.
        runtime.on_thread_start(lower_priority);
    }
    let runtime = runtime.build().map_err(|e| IndexError::Threads(e.into()))?;
    // Pagefind's parallel steps run on rayon's current pool.
    run_at(priority, || runtime.block_on(index_all(records, language)))
}

async fn index_all(
    records: Vec<SearchRecord>,
    language: &str,
) -> Result<Vec<SearchFile>, IndexError> {
    // Every record is in the site's language: Pagefind would otherwise split
    // the index by each record's guessed language.
    let config = PagefindServiceConfig::builder()
        .force_language(language.to_string())
        .build();
    let mut index = PagefindIndex::new(Some(config))?;
    for r in records {
        let kinds = r.kinds().into_iter().map(String::from).collect();
        let meta = BTreeMap::from([
            ("title".to_string(), r.title),
            ("context".to_string(), r.context),
        ]);
        let mut filters = BTreeMap::from([
            (filter::KIND.to_string(), kinds),
            (filter::REGION.to_string(), vec![r.region]),
            (filter::GRADE.to_string(), vec![r.grade]),
        ]);
        if let Some(year) = r.year {
            filters.insert(filter::YEAR.to_string(), vec![year.to_string()]);
        }
        index
            .add_custom_record(
                r.url,
                r.text,
                language.to_string(),
                Some(meta),
                Some(filters),
                None,
            )
            .await?;
    }
    let files = index.get_files().await?;
    let dir = rel::search_index();
    Ok(files
        .into_iter()
        .filter(|f| !is_unused_ui(&f.filename))
        .map(|f| SearchFile {
            path: format!("{dir}{}", f.filename.to_string_lossy().replace('\\', "/")),
            bytes: f.contents,
        })
        .collect())
}

/// Pagefind's ready-made search interfaces: the search page has its own
/// script (`static/search.js`), which uses only `pagefind.js`, its worker,
/// the WebAssembly and the index.
fn is_unused_ui(file: &std::path::Path) -> bool {
    let name = file.to_string_lossy();
    [
        "pagefind-ui.",
        "pagefind-modular-ui.",
        "pagefind-component-ui.",
        "pagefind-highlight.",
    ]
    .iter()
    .any(|ui| name.starts_with(ui))
}

/// The client's own files (`pagefind.js`, its worker and WebAssembly), which
/// depend only on the Pagefind version and the language: Pagefind gives
/// them only with an index, so they are taken from that of one record.
pub fn client_files(language: &str, priority: Priority) -> Result<Vec<SearchFile>, IndexError> {
    let one = SearchRecord {
        url: "/".into(),
        title: String::new(),
        context: String::new(),
        text: "client".into(),
        kind: super::Kind::Authority,
        quoted: false,
        region: String::new(),
        grade: String::new(),
        year: None,
    };
    let files = build_index(vec![one], language, priority)?;
    let is_client = |path: &str| {
        let name = path.rsplit('/').next().unwrap_or(path);
        name == "pagefind.js" || name == "pagefind-worker.js" || name.ends_with(".pagefind")
    };
    Ok(files.into_iter().filter(|f| is_client(&f.path)).collect())
}
