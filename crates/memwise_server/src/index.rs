//! The workspace index: the summaries of the workspace folders' files for
//! the whole-project rules, built on background threads at start (and again
//! when the configuration changes), then kept current one file at a time by
//! the main loop as documents change and files change on disk.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use crossbeam_channel::{Receiver, Sender, unbounded};
use memwise_linter::project_index::{IndexedFile, ProjectIndex};
use memwise_linter::{Resolver, RunError};

/// The files the workspace index holds, as the CLI walks them.
pub(crate) const PYTHON_FILES: [&str; 3] = ["py", "pyi", "ipynb"];

/// Reads a file that changed on disk for the index: `None` when it is not
/// one to index (not Python, or excluded by its configuration).
pub(crate) fn read(path: &Path, resolver: &Resolver) -> Option<Result<IndexedFile, RunError>> {
    let is_python = path
        .extension()
        .and_then(|ext| ext.to_str())
        .is_some_and(|ext| PYTHON_FILES.contains(&ext));
    let excluded = resolver
        .settings_for_file(path)
        .map_or(true, |settings| settings.is_force_excluded(path));
    (is_python && !excluded).then(|| IndexedFile::read(path, resolver))
}

/// What the background build reports to the main loop.
pub(crate) enum Event {
    /// The files were found: this many will be read.
    Found {
        generation: u64,
        total: usize,
        errors: Vec<RunError>,
    },
    /// One file read (or why it could not be).
    File {
        generation: u64,
        path: PathBuf,
        file: Result<IndexedFile, RunError>,
    },
    /// A file changed on disk, read again on another thread (`None`: it is
    /// not to be indexed).
    Read {
        path: PathBuf,
        file: Option<Result<IndexedFile, RunError>>,
    },
    /// Every file of a [`Indexer::read`] was read.
    ReadDone,
    /// Every file was read, or the build failed to start.
    Done {
        generation: u64,
        error: Option<String>,
    },
}

/// A build under way: its files go into `index`, which replaces the
/// server's index when it is done, so that open documents never see a
/// half-built project after a configuration change.
pub(crate) struct Build {
    pub generation: u64,
    pub index: ProjectIndex,
    pub total: usize,
    pub read: usize,
    /// The last percentage reported through `$/progress`.
    pub reported: u32,
    /// Files that changed on disk while the build read them: read again
    /// once it is done.
    pub changed: Vec<PathBuf>,
    cancelled: Arc<AtomicBool>,
}

/// Starts and follows the background builds.
pub(crate) struct Indexer {
    pub receiver: Receiver<Event>,
    sender: Sender<Event>,
    generation: u64,
    /// The build under way, if any.
    pub build: Option<Build>,
}

impl Indexer {
    pub fn new() -> Self {
        let (sender, receiver) = unbounded();
        Self {
            receiver,
            sender,
            generation: 0,
            build: None,
        }
    }

    /// Starts building the index of `roots` afresh; a build under way is
    /// cancelled and its results ignored.
    pub fn start(&mut self, roots: Vec<PathBuf>, resolver: Arc<Resolver>) {
        self.cancel();
        self.generation += 1;
        let generation = self.generation;
        let cancelled = Arc::new(AtomicBool::new(false));
        self.build = Some(Build {
            generation,
            index: ProjectIndex::default(),
            total: 0,
            read: 0,
            reported: 0,
            changed: Vec::new(),
            cancelled: Arc::clone(&cancelled),
        });
        let sender = self.sender.clone();
        let spawned = std::thread::Builder::new()
            .name("memwise-index".to_owned())
            .spawn(move || {
                let found = sender.clone();
                let each = sender.clone();
                let outcome = ProjectIndex::build(
                    &roots,
                    &resolver,
                    None,
                    &cancelled,
                    |total, errors| {
                        let _ = found.send(Event::Found {
                            generation,
                            total,
                            errors,
                        });
                    },
                    |path, file| {
                        let _ = each.send(Event::File {
                            generation,
                            path,
                            file,
                        });
                    },
                );
                let _ = sender.send(Event::Done {
                    generation,
                    error: outcome.err().map(|error| error.to_string()),
                });
            });
        if let Err(error) = spawned {
            let _ = self.sender.send(Event::Done {
                generation,
                error: Some(error.to_string()),
            });
        }
    }

    /// Reads `paths` again on another thread, each reported as
    /// [`Event::Read`], then [`Event::ReadDone`].
    pub fn read(&self, paths: Vec<PathBuf>, resolver: Arc<Resolver>) {
        let sender = self.sender.clone();
        let spawned = std::thread::Builder::new()
            .name("memwise-read".to_owned())
            .stack_size(memwise_linter::WORKER_STACK_SIZE)
            .spawn(move || {
                for path in paths {
                    let file = read(&path, &resolver);
                    let _ = sender.send(Event::Read { path, file });
                }
                let _ = sender.send(Event::ReadDone);
            });
        if spawned.is_err() {
            let _ = self.sender.send(Event::ReadDone);
        }
    }

    /// Cancels the build under way, if any.
    pub fn cancel(&mut self) {
        if let Some(build) = self.build.take() {
            build.cancelled.store(true, Ordering::Relaxed);
        }
    }

    /// The build under way that `generation` belongs to.
    pub fn current(&mut self, generation: u64) -> Option<&mut Build> {
        self.build.as_mut().filter(|b| b.generation == generation)
    }
}

impl Drop for Indexer {
    fn drop(&mut self) {
        if let Some(build) = &self.build {
            build.cancelled.store(true, Ordering::Relaxed);
        }
    }
}
