//! An exercise may use ndarray: the workspace's ndarray is built once in a
//! cache and passed to rustc, the stub fails and the solution passes, the
//! exercise file compiles on its own, and a second checker finds the build
//! up to date instead of rebuilding it.

use course::{CheckModule, Checker, Compiler, Report};
use std::path::{Path, PathBuf};
use std::time::Duration;

const STUB: &str = "use ndarray::{Array1, Array2};\n\
    /// δᵀA/m for a batch of m rows.\n\
    pub fn weight_gradient(delta: &Array2<f64>, a: &Array2<f64>) -> Array2<f64> {\n\
        todo!()\n\
    }\n\
    /// The column sums of `x`.\n\
    pub fn column_sums(x: &Array2<f64>) -> Array1<f64> {\n\
        todo!()\n\
    }\n";

const SOLUTION: &str = "use ndarray::{Array1, Array2, Axis};\n\
    /// δᵀA/m for a batch of m rows.\n\
    pub fn weight_gradient(delta: &Array2<f64>, a: &Array2<f64>) -> Array2<f64> {\n\
        delta.t().dot(a) / delta.nrows() as f64\n\
    }\n\
    /// The column sums of `x`.\n\
    pub fn column_sums(x: &Array2<f64>) -> Array1<f64> {\n\
        x.sum_axis(Axis(0))\n\
    }\n";

// δ = [[1], [3]] (2 examples, 1 unit), A = [[1, 2], [3, 4]]:
// δᵀA = [1·1 + 3·3, 1·2 + 3·4] = [10, 14], over m = 2: [5, 7].
const CHECKS: &str = "use crate::exercise::*;\nuse ndarray::array;\n\
    #[test]\nfn gradient_of_a_batch() {\n\
        let g = weight_gradient(&array![[1.0], [3.0]], &array![[1.0, 2.0], [3.0, 4.0]]);\n\
        assert_eq!(g, array![[5.0, 7.0]]);\n\
    }\n\
    #[test]\nfn sums() { assert_eq!(column_sums(&array![[1.0, 2.0], [3.0, 4.0]]), array![4.0, 6.0]); }\n";

fn workspace() -> PathBuf {
    workspace::Workspace::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .root()
        .to_path_buf()
}

/// The cache `lab` uses: `target/exercise-crates`.
fn cache() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .unwrap()
        .join("exercise-crates")
}

/// The version of `name` in a Cargo.lock.
fn locked_version(lock: &Path, name: &str) -> String {
    let text = std::fs::read_to_string(lock).unwrap();
    let at = text
        .find(&format!("name = \"{name}\"\n"))
        .unwrap_or_else(|| panic!("{name} not in {}", lock.display()));
    let line = text[at..].lines().nth(1).unwrap();
    line.strip_prefix("version = ").unwrap().to_string()
}

#[test]
fn an_exercise_using_ndarray_is_checked() {
    let checker = Checker::new(Compiler::with_workspace_crates(&workspace(), &cache()).unwrap());
    let ndarray = &checker.compiler.externs()[0];
    assert_eq!(ndarray.name, "ndarray");
    assert_eq!(
        locked_version(&cache().join("Cargo.lock"), "ndarray"),
        locked_version(&workspace().join("Cargo.lock"), "ndarray"),
        "the exercises' ndarray is the workspace's"
    );
    let scratch = Scratch::new();
    let stub = scratch.check(&checker, "stub", STUB);
    assert_eq!(stub.counts(), (0, 2), "{stub:?}");
    assert!(
        stub.first_problem()
            .unwrap()
            .contains("not yet implemented")
    );
    let solution = scratch.check(&checker, "solution", SOLUTION);
    assert!(solution.passed(), "{solution:?}");
    the_exercise_compiles_on_its_own(&checker, &scratch);

    // A shape mistake is a failing check with ndarray's panic, not a crash.
    let mistake = SOLUTION.replace("delta.t().dot(a)", "delta.dot(a)");
    let wrong = scratch.check(&checker, "wrong", &mistake);
    assert_eq!(wrong.counts(), (1, 2), "{wrong:?}");
    let problem = wrong.first_problem().unwrap();
    assert!(
        problem.starts_with("checks::gradient_of_a_batch")
            || problem.starts_with("gradient_of_a_batch"),
        "{problem}"
    );
    the_build_stays_warm(&checker);
}

/// A scratch folder holding [`CHECKS`], the exercise files and their builds.
struct Scratch {
    dir: tempfile::TempDir,
    checks: [CheckModule; 1],
}

impl Scratch {
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("checks.rs");
        std::fs::write(&path, CHECKS).unwrap();
        let checks = [CheckModule {
            module: "checks",
            path,
        }];
        Scratch { dir, checks }
    }

    /// Writes `source` as `NAME.rs` and checks it, building in `NAME/`.
    fn check(&self, checker: &Checker, name: &str, source: &str) -> Report {
        let file = self.dir.path().join(format!("{name}.rs"));
        std::fs::write(&file, source).unwrap();
        checker
            .check(
                "10_batch",
                &file,
                &self.checks,
                &self.dir.path().join(name),
                Duration::from_secs(20),
            )
            .unwrap()
    }
}

/// The exercise file (the solution checked before) compiles on its own, as
/// a library using ndarray.
fn the_exercise_compiles_on_its_own(checker: &Checker, scratch: &Scratch) {
    let alone = checker
        .compiler
        .command()
        .args(["--edition", "2024", "--crate-type", "lib", "--out-dir"])
        .arg(scratch.dir.path())
        .arg(scratch.dir.path().join("solution.rs"))
        .output()
        .unwrap();
    assert!(
        alone.status.success(),
        "{}",
        String::from_utf8_lossy(&alone.stderr)
    );
}

/// A second checker reuses the same ndarray library instead of rebuilding it.
fn the_build_stays_warm(checker: &Checker) {
    let ndarray = &checker.compiler.externs()[0];
    let modified = std::fs::metadata(&ndarray.rlib)
        .unwrap()
        .modified()
        .unwrap();
    let again = Compiler::with_workspace_crates(&workspace(), &cache()).unwrap();
    assert_eq!(again.externs(), checker.compiler.externs());
    assert_eq!(
        std::fs::metadata(&ndarray.rlib)
            .unwrap()
            .modified()
            .unwrap(),
        modified,
        "ndarray was rebuilt"
    );
}

#[test]
fn a_workspace_without_the_crate_is_a_clear_error() {
    let scratch = tempfile::tempdir().unwrap();
    std::fs::write(
        scratch.path().join("Cargo.toml"),
        "[workspace]\nmembers = []\n\n[workspace.dependencies]\nrand = \"0.9\"\n",
    )
    .unwrap();
    let error = Compiler::with_workspace_crates(scratch.path(), &scratch.path().join("cache"))
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("has no `ndarray`, which exercises may use"),
        "{error}"
    );
}
