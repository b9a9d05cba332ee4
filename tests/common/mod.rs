//! Helpers shared by the end-to-end tests of the course commands.

use std::path::Path;

/// Copies the folder `from` to `to`, leaving out the runner's `.progress.toml`.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_dir(&path, &target);
        } else if path.file_name().unwrap() != ".progress.toml" {
            std::fs::copy(&path, &target).unwrap();
        }
    }
}
