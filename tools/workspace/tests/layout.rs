//! The layout says who reads what: the teaching crates in `crates/` never
//! depend on the course's tooling in `tools/` (not even for their tests),
//! and every package of the workspace lives in one of the two folders.

use serde_json::Value;
use std::path::Path;
use std::process::Command;

/// `cargo metadata` of this workspace, without its registry dependencies.
fn metadata() -> Value {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = Command::new(cargo)
        .args([
            "metadata",
            "--format-version",
            "1",
            "--no-deps",
            "--offline",
        ])
        .current_dir(&root)
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

/// The folder (`crates`, `tools` or `` for the root package) of a package's
/// manifest, relative to the workspace root.
fn group(manifest: &str, root: &str) -> String {
    let relative = Path::new(manifest).strip_prefix(root).unwrap();
    if relative.components().count() == 1 {
        return String::new();
    }
    let first = relative.components().next().unwrap();
    first.as_os_str().to_string_lossy().into_owned()
}

#[test]
fn teaching_crates_depend_on_no_tool() {
    let metadata = metadata();
    let root = metadata["workspace_root"].as_str().unwrap();
    let packages = metadata["packages"].as_array().unwrap();
    let mut teaching = 0;
    for package in packages {
        let name = package["name"].as_str().unwrap();
        let folder = group(package["manifest_path"].as_str().unwrap(), root);
        assert!(
            ["crates", "tools", ""].contains(&folder.as_str()),
            "{name} lives in {folder}/, neither crates/ nor tools/"
        );
        if folder != "crates" {
            continue;
        }
        teaching += 1;
        for dependency in package["dependencies"].as_array().unwrap() {
            let Some(path) = dependency["path"].as_str() else {
                continue;
            };
            assert_ne!(
                group(&format!("{path}/Cargo.toml"), root),
                "tools",
                "the teaching crate {name} depends on the tool {}",
                dependency["name"]
            );
        }
    }
    assert!(teaching >= 6, "only {teaching} teaching crates found");
}
