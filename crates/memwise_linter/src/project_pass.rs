//! The whole-project pass: which files the project holds besides those
//! given, and the whole-project rules run over every file's summary.

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use memwise_core::{Diagnostic, FileSummary};

use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;

use crate::cache::codec::{Codec, Writer};
use crate::cache::{Cache, KeptReaders, Summary, hash_bytes};
use crate::config::{Resolver, Settings};
use crate::excerpt::ReportSource;
use crate::per_file::fingerprint;
use crate::project::ModuleNames;
use crate::project_index::ProjectIndex;
use crate::report::{CheckResult, FileReport, RunError, io_reason};
use crate::{checker, discovery, encoding, project};

/// A checked file as the whole-project pass and the fix rounds see it.
pub(crate) struct ProjectFile {
    /// The path as given or walked.
    pub path: PathBuf,
    /// What it left for the whole-project rules (updated when a
    /// whole-project fix rewrites it).
    pub summary: FileSummary,
    /// The settings that apply to it.
    pub settings: Arc<Settings>,
    /// Whether its findings are reported: a file under the project root
    /// that was not given is only indexed.
    pub reported: bool,
    /// The [`fingerprint`] of the text its summary was made from.
    pub fingerprint: u64,
}

impl ProjectFile {
    /// The file as the project pass borrows it.
    pub(crate) fn view(&self) -> PassFile<'_> {
        PassFile {
            path: &self.path,
            summary: &self.summary,
            settings: &self.settings,
            reported: self.reported,
            fingerprint: self.fingerprint,
        }
    }
}

/// A file as the whole-project pass reads it: borrowed, so that the files
/// of a run and a document checked against a kept index are read alike.
#[derive(Clone, Copy)]
pub(crate) struct PassFile<'a> {
    pub path: &'a Path,
    pub summary: &'a FileSummary,
    pub settings: &'a Settings,
    pub reported: bool,
    pub fingerprint: u64,
}

/// The files under the project root (`--project-root`/`project-root`, as
/// the settings of the first checked path say) that were not given: they
/// are indexed for the whole-project rules, never reported.
pub(crate) fn project_root_files(
    paths: &[PathBuf],
    files: &[discovery::Stated],
    resolver: &Arc<Resolver>,
    cache: Option<&Cache>,
) -> (Vec<discovery::Stated>, Option<RunError>) {
    let first = paths
        .first()
        .map_or_else(|| PathBuf::from("."), Clone::clone);
    let settings = if first.is_dir() {
        resolver.settings_for_dir(&first)
    } else {
        resolver.settings_for_file(&first)
    };
    let Some(root) = settings.ok().and_then(|s| s.project_root.clone()) else {
        return (Vec::new(), None);
    };
    // A root that is not there would leave the whole-project rules seeing
    // only the given files, and their verdicts quietly different.
    let problem = match std::fs::metadata(&root) {
        Ok(metadata) if metadata.is_dir() => None,
        Ok(_) => Some("project-root is not a folder".to_owned()),
        Err(e) => Some(format!("project-root: {}", io_reason(&e))),
    };
    if let Some(message) = problem {
        return (Vec::new(), Some(RunError::new(&root, message)));
    }
    let id = |(path, metadata): &discovery::Stated| match metadata {
        Some(metadata) => discovery::file_id_of(path, Some(metadata)),
        None => discovery::file_id(path),
    };
    let given: std::collections::HashSet<discovery::FileId> =
        files.iter().filter_map(&id).collect();
    let (all, _) = discovery::discover_stat(&[root], resolver, cache);
    let files = all
        .into_iter()
        .filter(|f| id(f).is_none_or(|id| !given.contains(&id)))
        .collect();
    (files, None)
}

/// Runs the whole-project rules over the summaries and adds their findings,
/// after selection, per-file-ignores and noqa, to the reports. A flagged
/// file whose report kept only an excerpt, or that has no report, is read
/// again for its comments and the lines its new findings show; a new report
/// keeps the whole text when `keep_text` (fixes will rewrite it).
pub(crate) fn project_pass(result: &mut CheckResult, files: &[ProjectFile], keep_text: bool) {
    let views: Vec<PassFile<'_>> = files.iter().map(ProjectFile::view).collect();
    project_pass_on(result, &views, keep_text);
}

/// [`project_pass`] over borrowed files.
pub(crate) fn project_pass_on(result: &mut CheckResult, files: &[PassFile<'_>], keep_text: bool) {
    let found = project_findings(files, None);
    add_project_findings(result, files, &found, keep_text);
}

/// [`project_pass`] for one document, with the files of `index` standing
/// for the rest of the project (never reported).
pub(crate) fn project_pass_indexed(
    result: &mut CheckResult,
    file: PassFile<'_>,
    index: &ProjectIndex,
) {
    // Without a whole-project rule of its own, none of its findings would
    // be kept, whatever the other files enable.
    if !file.settings.summarize() {
        return;
    }
    let entry = project::Entry {
        path: file.path,
        summary: file.summary,
        settings: &file.settings.rule_settings,
        reported: file.reported,
    };
    let mut found: Vec<(usize, Diagnostic)> = index
        .check_document(&entry)
        .into_iter()
        .map(|d| (0, d))
        .collect();
    let files = [file];
    keep_enabled(&mut found, &files);
    add_project_findings(result, &files, &found, true);
}

/// What the cache holds of a file's summary besides the summary itself.
pub(crate) struct CachedSummary {
    /// The summary still encoded, when the cache served it so.
    pub encoded: Option<crate::cache::Encoded>,
    /// The hash of the encoded summary, when the cache knows it.
    pub hash: Option<u64>,
}

/// [`project_pass`] in a run that keeps a cache and fixes nothing: the
/// pass's findings are a function of each file's path, module name,
/// summary, settings and whether it is reported, so they are kept under
/// a hash of all of these, and a run whose inputs hash the same reads them
/// back instead of decoding every summary and running the pass. A run
/// whose inputs differ only in the reported files' summaries (a file given
/// to a pre-commit run over a whole project, edited) finds them from the
/// reported files and the files kept as reaching them
/// ([`project::partial::check_reported`]). A summary that does not decode
/// is made again by `recheck` (given the path and whether the file is
/// reported). Returns whether every summary was decoded (they are left
/// empty otherwise).
pub(crate) fn project_pass_cached(
    result: &mut CheckResult,
    files: &mut [ProjectFile],
    mut cached: Vec<CachedSummary>,
    cache: &Cache,
    recheck: impl Fn(&Path, bool) -> Option<FileSummary> + Sync,
) -> bool {
    let keys = project_key(files, &cached, cache);
    let kept = cache.project_result(keys.shape);
    if let Some(kept) = &kept
        && kept.key == keys.key
        // Kept findings name their file by its place in the run.
        && kept.found.iter().all(|(file, _)| *file < files.len())
    {
        let views: Vec<PassFile<'_>> = files.iter().map(ProjectFile::view).collect();
        add_project_findings(result, &views, &kept.found, false);
        #[cfg(debug_assertions)]
        test_hooks::say_pass("kept");
        return false;
    }
    let partial = kept.and_then(|kept| kept.readers).filter(|kept| {
        kept.rest == keys.rest
            && kept
                .readers
                .iter()
                .all(|&file| files.get(file).is_some_and(|f| !f.reported))
    });
    if let Some(kept) = partial {
        decode_reported(files, &mut cached, &recheck);
        let reported = files.iter().filter(|f| f.reported).map(|f| &f.summary);
        // Readers of links the last whole pass did not resolve are unknown.
        if project::Kinds::from_bits(kept.kinds).cover(project::Kinds::read_by(reported)) {
            let found = reported_findings(files, cached, &keys.modules, &kept, &recheck);
            cache.store_project_result(keys.shape, keys.key, &found, Some(&kept));
            let views: Vec<PassFile<'_>> = files.iter().map(ProjectFile::view).collect();
            add_project_findings(result, &views, &found, false);
            #[cfg(debug_assertions)]
            test_hooks::say_pass("partial");
            return false;
        }
    }
    files.par_iter_mut().zip(cached).for_each(|(file, cached)| {
        let Some(bytes) = cached.encoded else {
            return;
        };
        let decoded = bytes
            .bytes()
            .and_then(Summary::decode)
            .or_else(|| recheck(&file.path, file.reported));
        file.summary = decoded.unwrap_or_default();
        if !file.reported {
            // Indexing a file runs no rule, so it defers no finding.
            file.summary.deferred.clear();
        }
    });
    let views: Vec<PassFile<'_>> = files.iter().map(ProjectFile::view).collect();
    // Only a run that indexes files it does not report can be followed by
    // one where those stay as they are and the reported ones move.
    let partial = views.iter().any(|f| !f.reported) && views.iter().any(|f| f.reported);
    let (found, readers) = project_findings_with(&views, Some(keys.modules), partial);
    let kept = readers.map(|(readers, kinds)| {
        let mut stores: Vec<Box<str>> = views
            .iter()
            .filter(|f| !f.reported)
            .flat_map(|f| f.summary.unknown_attribute_stores.iter().cloned())
            .collect();
        stores.sort_unstable();
        stores.dedup();
        KeptReaders {
            rest: keys.rest,
            kinds: kinds.bits(),
            readers,
            stores,
        }
    });
    cache.store_project_result(keys.shape, keys.key, &found, kept.as_ref());
    add_project_findings(result, &views, &found, false);
    #[cfg(debug_assertions)]
    test_hooks::say_pass("whole");
    true
}

#[cfg(debug_assertions)]
mod test_hooks {
    /// `MEMWISE_TEST_SAY_PASS`: a cached run says on stderr how it found
    /// the whole-project findings, so that tests know which way ran.
    pub fn say_pass(how: &str) {
        if std::env::var_os("MEMWISE_TEST_SAY_PASS").is_some() {
            eprintln!("memwise test: {how} pass");
        }
    }
}

/// Decodes the reported files' summaries into `files` (their encoded
/// summaries taken out of `cached`).
fn decode_reported(
    files: &mut [ProjectFile],
    cached: &mut [CachedSummary],
    recheck: &(impl Fn(&Path, bool) -> Option<FileSummary> + Sync),
) {
    for (file, cached) in files.iter_mut().zip(cached) {
        if file.reported
            && let Some(bytes) = cached.encoded.take()
        {
            file.summary = bytes
                .bytes()
                .and_then(Summary::decode)
                .or_else(|| recheck(&file.path, true))
                .unwrap_or_default();
        }
    }
}

/// The whole-project findings in the reported files of a run whose other
/// files are as they were when `kept` was made, after selection and
/// per-file-ignores, sorted. The reported files' summaries must be
/// decoded ([`decode_reported`]); another file's is decoded only when
/// resolution reads it.
fn reported_findings(
    files: &[ProjectFile],
    cached: Vec<CachedSummary>,
    modules: &ModuleNames,
    kept: &KeptReaders,
    recheck: &(impl Fn(&Path, bool) -> Option<FileSummary> + Sync),
) -> Vec<(usize, Diagnostic)> {
    let encoded: Vec<Option<crate::cache::Encoded>> =
        cached.into_iter().map(|c| c.encoded).collect();
    if !files.iter().any(|f| f.settings.summarize()) {
        return Vec::new();
    }
    let decoded: Vec<OnceLock<FileSummary>> = files.iter().map(|_| OnceLock::new()).collect();
    let summary = |place: usize| -> &FileSummary {
        let file = &files[place];
        let Some(bytes) = &encoded[place] else {
            return &file.summary;
        };
        decoded[place].get_or_init(|| {
            let mut summary = bytes
                .bytes()
                .and_then(Summary::decode)
                .or_else(|| recheck(&file.path, file.reported))
                .unwrap_or_default();
            // Indexing a file runs no rule, so it defers no finding.
            summary.deferred.clear();
            summary
        })
    };
    let entries: Vec<project::Entry<'_>> = files
        .iter()
        .map(|file| project::Entry {
            path: &file.path,
            summary: &file.summary,
            settings: &file.settings.rule_settings,
            reported: file.reported,
        })
        .collect();
    let mut found =
        project::partial::check_reported(&entries, modules, &summary, &kept.readers, &kept.stores);
    let views: Vec<PassFile<'_>> = files.iter().map(ProjectFile::view).collect();
    keep_enabled(&mut found, &views);
    found
}

/// What the whole-project pass reads, hashed (see [`project_key`]).
struct ProjectKey {
    /// The run's shape: the working folder, which files, which are
    /// reported.
    shape: u64,
    /// The shape, and each file's module name, summary and settings.
    key: u64,
    /// The same but the reported files' summaries.
    rest: u64,
    /// The files' module names, for the pass.
    modules: ModuleNames,
}

/// What the whole-project pass reads, hashed. Module names come from the
/// files' paths and which folders hold an `__init__.py`, looked up here as
/// the pass looks them up; they are returned too, for the pass.
fn project_key(files: &[ProjectFile], cached: &[CachedSummary], cache: &Cache) -> ProjectKey {
    let cwd = std::env::current_dir().unwrap_or_default();
    // Sized for a path, a name and two hashes per file: grown by doubling,
    // each buffer was copied and faulted in again a dozen times.
    let mut shape = Writer(Vec::with_capacity(files.len() * 128));
    let mut key = Writer(Vec::with_capacity(files.len() * 64));
    let mut rest = Writer(Vec::with_capacity(files.len() * 64));
    shape.str(&cwd.to_string_lossy());
    let modules = module_names(&cwd, files, &cache.packages());
    for ((file, cached), module) in files.iter().zip(cached).zip(modules.iter()) {
        // As bytes: made lossy text first, every path was checked for UTF-8
        // and two names that are not UTF-8 could read the same.
        shape.bytes(file.path.as_os_str().as_encoded_bytes());
        shape.u8(u8::from(file.reported));
        let summary = cached.hash.unwrap_or_else(|| {
            let mut w = Writer::default();
            file.summary.encode(&mut w);
            hash_bytes(&w.0)
        });
        let settings = Cache::settings_key(&file.settings);
        key.str(module);
        key.u64(summary);
        key.u64(settings);
        rest.str(module);
        if !file.reported {
            rest.u64(summary);
        }
        rest.u64(settings);
    }
    let shape = hash_bytes(&shape.0);
    key.u64(shape);
    rest.u64(shape);
    ProjectKey {
        shape,
        key: hash_bytes(&key.0),
        rest: hash_bytes(&rest.0),
        modules,
    }
}

/// The module name of each file, as the pass names it. Whether a folder
/// holds an `__init__.py` is taken from `known` (what kept walks that hold
/// say), else asked of every file's folder at once, on all threads (one
/// `stat` per folder, a tenth of a warm pre-commit run when asked one at a
/// time); folders above them are asked as they are met.
fn module_names(
    cwd: &Path,
    files: &[ProjectFile],
    known: &HashMap<std::ffi::OsString, bool>,
) -> ModuleNames {
    let paths: Vec<PathBuf> = files
        .par_iter()
        .map(|file| crate::config::absolute(cwd, &file.path))
        .collect();
    let mut folders: Vec<&Path> = paths
        .iter()
        .filter_map(|path| path.parent())
        .filter(|folder| !known.contains_key(folder.as_os_str()))
        .collect();
    folders.sort_unstable_by(|a, b| a.as_os_str().cmp(b.as_os_str()));
    folders.dedup_by(|a, b| a.as_os_str() == b.as_os_str());
    let is_package = |folder: &Path| folder.join("__init__.py").is_file();
    let has_init: HashMap<&std::ffi::OsStr, bool> = folders
        .par_iter()
        .map(|folder| (folder.as_os_str(), is_package(folder)))
        .collect();
    let each: Vec<String> = paths
        .par_iter()
        .map(|path| {
            project::module_name_with(path, |folder| {
                let folder_name = folder.as_os_str();
                known
                    .get(folder_name)
                    .or_else(|| has_init.get(folder_name))
                    .copied()
                    .unwrap_or_else(|| is_package(folder))
            })
        })
        .collect();
    let mut names = ModuleNames::default();
    for name in &each {
        names.push(name);
    }
    names
}

/// The whole-project rules' findings over `files`, after selection and
/// per-file-ignores, by the file's place in `files`, sorted; `modules`
/// are the files' module names if already made.
fn project_findings(
    files: &[PassFile<'_>],
    modules: Option<ModuleNames>,
) -> Vec<(usize, Diagnostic)> {
    project_findings_with(files, modules, false).0
}

/// The files not reported that reach a reported one, and the kinds of
/// links whose resolution says so.
type Readers = (Vec<usize>, project::Kinds);

/// [`project_findings`], and with `readers` the files not reported whose
/// resolution reaches a reported file's module
/// ([`project::check_project_and_readers`]), with the kinds of links
/// resolved (`None` when the pass did not run).
fn project_findings_with(
    files: &[PassFile<'_>],
    modules: Option<ModuleNames>,
    readers: bool,
) -> (Vec<(usize, Diagnostic)>, Option<Readers>) {
    if !files.iter().any(|f| f.settings.summarize()) {
        return (Vec::new(), None);
    }
    let entries: Vec<project::Entry<'_>> = files
        .iter()
        .map(|file| project::Entry {
            path: file.path,
            summary: file.summary,
            settings: &file.settings.rule_settings,
            reported: file.reported,
        })
        .collect();
    let (mut found, readers) = if readers {
        let (found, readers, kinds) = project::check_project_and_readers(&entries, modules);
        (found, Some((readers, kinds)))
    } else {
        (project::check_project(&entries, modules), None)
    };
    keep_enabled(&mut found, files);
    (found, readers)
}

/// Keeps the findings that selection and per-file-ignores allow in their
/// files, sorted.
fn keep_enabled(found: &mut Vec<(usize, Diagnostic)>, files: &[PassFile<'_>]) {
    found.retain(|(file, d)| {
        let file = &files[*file];
        file.settings.rules.contains(d.rule.code)
            && !file.settings.ignored_for(file.path).contains(d.rule.code)
    });
    found.sort_by_key(|(file, d)| (*file, d.range.start(), d.rule.code));
}

/// Adds the whole-project findings `found` (from [`project_findings`]) to
/// the reports, after noqa.
fn add_project_findings(
    result: &mut CheckResult,
    files: &[PassFile<'_>],
    found: &[(usize, Diagnostic)],
    keep_text: bool,
) {
    if found.is_empty() {
        return;
    }
    let mut start = 0;
    while start < found.len() {
        let file = found[start].0;
        let end = found[start..]
            .iter()
            .position(|(f, _)| *f != file)
            .map_or(found.len(), |i| start + i);
        let diagnostics: Vec<Diagnostic> =
            found[start..end].iter().map(|(_, d)| d.clone()).collect();
        start = end;
        let path = files[file].path;
        let position = result.reports.iter().position(|r| r.path == path);
        // A file fixed clean has no report, but its fixed text (written by
        // `--fix`, only computed by `--diff`) is the one its summary has.
        let kept = position
            .and_then(|i| result.reports[i].source.full_text().map(str::to_owned))
            .or_else(|| {
                result
                    .fixes
                    .iter()
                    .find(|f| f.path == path)
                    .map(|f| f.fixed.clone())
            });
        let source = match kept {
            Some(text) => text,
            None => match std::fs::read(path)
                .map_err(|e| io_reason(&e))
                .and_then(|bytes| encoding::decode(bytes).map_err(|e| e.to_string()))
            {
                // The findings' positions come from the summary: they hold
                // only in the text the summary was made from.
                Ok(text) if fingerprint(&text) == files[file].fingerprint => text,
                Ok(_) => {
                    let warning = RunError::new(
                        path,
                        "changed on disk while memwise was checking it; its whole-project findings are left out",
                    );
                    if !result.warnings.contains(&warning) {
                        result.warnings.push(warning);
                    }
                    continue;
                }
                Err(reason) => {
                    result.errors.push(RunError::new(path, reason));
                    continue;
                }
            },
        };
        let diagnostics = checker::apply_noqa(&source, diagnostics);
        if diagnostics.is_empty() {
            continue;
        }
        let scopes = vec![Box::<str>::default(); diagnostics.len()];
        if let Some(i) = position {
            let report = &mut result.reports[i];
            report.diagnostics.extend(diagnostics);
            report.scopes.extend(scopes);
            let mut paired: Vec<(Diagnostic, Box<str>)> = report
                .diagnostics
                .drain(..)
                .zip(report.scopes.drain(..))
                .collect();
            paired.sort_by_key(|(d, _)| (d.range.start(), d.rule.code, d.range.end()));
            (report.diagnostics, report.scopes) = paired.into_iter().unzip();
            if report.source.full_text().is_none() {
                report.source = ReportSource::excerpt(&source, &report.diagnostics);
            }
        } else {
            let source = if keep_text {
                ReportSource::full(source)
            } else {
                ReportSource::excerpt(&source, &diagnostics)
            };
            result.reports.push(FileReport {
                path: path.to_path_buf(),
                source,
                diagnostics,
                scopes,
                notebook: None,
            });
        }
    }
    result.reports.sort_by(|a, b| a.path.cmp(&b.path));
}
