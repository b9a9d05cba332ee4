//! Unpacking a submission handed in as a `.zip` or `.tar.gz` archive into
//! the grader's scratch folder, with the `zip`, `tar` and `flate2` crates.
//!
//! Only folders and regular files are unpacked. An entry whose path would
//! land outside the folder (`../x`, `/etc/x`), a link entry (symbolic or
//! hard), a device, and whatever goes beyond [`LIMIT`] bytes is refused,
//! each with one line for the student's feedback; the rest is unpacked.

use std::io::Read;
use std::path::{Component, Path, PathBuf};

/// The most bytes an archive may hold, packed or unpacked.
pub const LIMIT: u64 = 16 << 20;
/// The most entries an archive may hold.
const ENTRIES: usize = 10_000;

/// The kinds of archive a submission may be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `.zip`
    Zip,
    /// `.tar.gz` or `.tgz`
    TarGz,
}

impl Kind {
    /// The kind of archive `path` is by its name, if it is one.
    pub fn of(path: &Path) -> Option<Kind> {
        let name = path.file_name()?.to_string_lossy().to_lowercase();
        if name.ends_with(".zip") {
            Some(Kind::Zip)
        } else if name.ends_with(".tar.gz") || name.ends_with(".tgz") {
            Some(Kind::TarGz)
        } else {
            None
        }
    }

    /// The archive's name without its extension: `alice.tar.gz` → `alice`.
    pub fn stem(path: &Path) -> String {
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        let lower = name.to_lowercase();
        let cut = [".tar.gz", ".tgz", ".zip"]
            .into_iter()
            .find(|e| lower.ends_with(e))
            .map_or(0, str::len);
        name[..name.len() - cut].to_string()
    }
}

/// What unpacking did: one line per refused entry.
pub type Refusals = Vec<String>;

/// Unpacks the archive `path` into the empty folder `into`: `Ok(refusals)`,
/// or `Err(why)` when it cannot be read as an archive at all (or is over
/// the limit). Both are the student's problem, not the grader's.
pub fn unpack(path: &Path, into: &Path) -> Result<Refusals, String> {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let size = std::fs::metadata(path)
        .map_err(|e| format!("{name} cannot be read: {e}"))?
        .len();
    if size > LIMIT {
        return Err(format!(
            "{name} is larger than {} MiB; not unpacked",
            LIMIT >> 20
        ));
    }
    let file = std::fs::File::open(path).map_err(|e| format!("{name} cannot be read: {e}"))?;
    let mut unpacking = Unpacking {
        into,
        written: 0,
        refusals: Vec::new(),
    };
    match Kind::of(path) {
        Some(Kind::Zip) => unzip(file, &mut unpacking),
        Some(Kind::TarGz) => untar(file, &mut unpacking),
        None => return Err(format!("{name} is not a .zip or .tar.gz archive")),
    }
    .map_err(|why| format!("{name} cannot be unpacked: {why}"))?;
    Ok(unpacking.refusals)
}

/// An archive being unpacked: where to, how much so far, what was refused.
struct Unpacking<'a> {
    into: &'a Path,
    written: u64,
    refusals: Refusals,
}

/// What an entry is, as the archive says.
enum Entry {
    Folder,
    File,
    Link,
    Other,
}

impl Unpacking<'_> {
    /// Unpacks one entry named `name` (its path in the archive) of kind `kind`,
    /// reading its bytes from `bytes`.
    fn entry(&mut self, name: &str, kind: Entry, bytes: impl Read) -> Result<(), String> {
        let refuse = |why: &str| format!("the archive's entry {name} {why}; not unpacked");
        let Some(relative) = inside(name) else {
            self.refusals
                .push(refuse("would land outside the submission"));
            return Ok(());
        };
        let target = self.into.join(relative);
        let created = |e: std::io::Error| format!("cannot write {}: {e}", target.display());
        match kind {
            Entry::Link => self.refusals.push(refuse("is a link")),
            Entry::Other => self.refusals.push(refuse("is not a regular file")),
            Entry::Folder => std::fs::create_dir_all(&target).map_err(created)?,
            Entry::File => {
                let left = LIMIT.saturating_sub(self.written);
                let mut content = Vec::new();
                bytes
                    .take(left + 1)
                    .read_to_end(&mut content)
                    .map_err(|e| e.to_string())?;
                if content.len() as u64 > left {
                    let over = format!("goes beyond the archive limit of {} MiB", LIMIT >> 20);
                    self.refusals.push(refuse(&over));
                    self.written = LIMIT;
                    return Ok(());
                }
                self.written += content.len() as u64;
                if let Some(parent) = target.parent() {
                    std::fs::create_dir_all(parent).map_err(created)?;
                }
                std::fs::write(&target, content).map_err(created)?;
            }
        }
        Ok(())
    }
}

/// `name` as a relative path with plain components only; `None` when it
/// would leave the folder it is unpacked into (`..`, a root, a drive).
fn inside(name: &str) -> Option<PathBuf> {
    let path = Path::new(name);
    let mut relative = PathBuf::new();
    for component in path.components() {
        match component {
            Component::Normal(part) => relative.push(part),
            Component::CurDir => {}
            _ => return None,
        }
    }
    (!relative.as_os_str().is_empty()).then_some(relative)
}

fn unzip(file: std::fs::File, unpacking: &mut Unpacking) -> Result<(), String> {
    let mut archive = zip::ZipArchive::new(file).map_err(|e| e.to_string())?;
    if archive.len() > ENTRIES {
        return Err(format!("it holds more than {ENTRIES} entries"));
    }
    for i in 0..archive.len() {
        let entry = archive.by_index(i).map_err(|e| e.to_string())?;
        let name = entry.name().to_string();
        let kind = if entry.is_symlink() {
            Entry::Link
        } else if entry.is_dir() {
            Entry::Folder
        } else if entry.is_file() {
            Entry::File
        } else {
            Entry::Other
        };
        unpacking.entry(&name, kind, entry)?;
    }
    Ok(())
}

fn untar(file: std::fs::File, unpacking: &mut Unpacking) -> Result<(), String> {
    let mut archive = tar::Archive::new(flate2::read::GzDecoder::new(file));
    let entries = archive.entries().map_err(|e| e.to_string())?;
    for (i, entry) in entries.enumerate() {
        if i >= ENTRIES {
            return Err(format!("it holds more than {ENTRIES} entries"));
        }
        let entry = entry.map_err(|e| e.to_string())?;
        let name = String::from_utf8_lossy(&entry.path_bytes()).into_owned();
        let kind = match entry.header().entry_type() {
            tar::EntryType::Regular | tar::EntryType::Continuous => Entry::File,
            tar::EntryType::Directory => Entry::Folder,
            tar::EntryType::Symlink | tar::EntryType::Link => Entry::Link,
            // Extended headers are read by the tar crate itself.
            tar::EntryType::XHeader | tar::EntryType::XGlobalHeader => continue,
            tar::EntryType::GNULongName | tar::EntryType::GNULongLink => continue,
            _ => Entry::Other,
        };
        unpacking.entry(&name, kind, entry)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn entry_paths_stay_inside() {
        assert_eq!(inside("a/b.rs"), Some(PathBuf::from("a/b.rs")));
        assert_eq!(inside("./a.rs"), Some(PathBuf::from("a.rs")));
        for outside in ["../a.rs", "a/../../b.rs", "/etc/passwd", "", "a/../b.rs"] {
            assert_eq!(inside(outside), None, "{outside}");
        }
    }

    #[test]
    fn a_tar_gz_with_a_link_and_a_way_out_unpacks_only_its_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("alice.tar.gz");
        let gz = flate2::write::GzEncoder::new(
            std::fs::File::create(&path).unwrap(),
            flate2::Compression::default(),
        );
        let mut builder = tar::Builder::new(gz);
        let mut header = tar::Header::new_gnu();
        header.set_size(3);
        header.set_mode(0o644);
        builder
            .append_data(&mut header, "alice/05_chain_rule.rs", &b"abc"[..])
            .unwrap();
        let mut link = tar::Header::new_gnu();
        link.set_entry_type(tar::EntryType::Symlink);
        link.set_size(0);
        builder
            .append_link(&mut link, "alice/06_gates.rs", "/etc/passwd")
            .unwrap();
        // The tar crate refuses to write `..` itself: set the raw name.
        let mut out = tar::Header::new_old();
        out.as_old_mut().name[..9].copy_from_slice(b"../evil.r");
        out.set_size(1);
        out.set_cksum();
        builder.append(&out, &b"x"[..]).unwrap();
        builder
            .into_inner()
            .unwrap()
            .finish()
            .unwrap()
            .flush()
            .unwrap();
        let into = dir.path().join("into");
        std::fs::create_dir(&into).unwrap();
        let refusals = unpack(&path, &into).unwrap();
        assert_eq!(
            std::fs::read(into.join("alice/05_chain_rule.rs")).unwrap(),
            b"abc"
        );
        assert!(!into.join("alice/06_gates.rs").exists());
        assert!(!dir.path().join("evil.r").exists());
        assert_eq!(refusals.len(), 2, "{refusals:?}");
        assert!(
            refusals[0].contains("06_gates.rs is a link"),
            "{refusals:?}"
        );
        assert!(refusals[1].contains("would land outside"), "{refusals:?}");
        assert_eq!(Kind::stem(&path), "alice");
    }
}
