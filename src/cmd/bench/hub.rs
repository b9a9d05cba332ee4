//! `lab bench hub`: the class server's capacity, measured with simulated
//! students on loopback (see the `hub` crate's `load` module): for each
//! class size, a kernel's memory idle and after notebook 05, a student's
//! disk, the servers' start and the cells' median and 95th percentile. The
//! table is printed and written into docs/class-server.md with the memory
//! and disk for 200 students.

use crate::venv;
use anyhow::Result;
use hub::load::{self, Class};
use hub::report::{self, Row};
use hub::{Hub, Setup};

/// The class size the docs size a server for.
const CLASS: usize = 200;

/// Runs the class sizes `students`, each student reading `read` seconds on
/// average before the first cell and pausing `think` seconds between cells,
/// arriving over `arrival` seconds.
pub fn run(students: &[usize], read: f64, think: f64, arrival: f64) -> Result<()> {
    let workspace = venv::workspace()?;
    let setup = Setup::ensure(&Hub::new(workspace.clone()))?;
    let logs = workspace.target().join("hub");
    std::fs::create_dir_all(&logs)?;
    let notebook = workspace.notebooks().join(load::NOTEBOOK);
    let cells = load::code_cells(&notebook)?;
    let mut rows = Vec::new();
    for &n in students {
        let load_before = load::load_average();
        eprintln!(
            "bench hub: {n} students, {} ({cells} cells) …",
            load::NOTEBOOK
        );
        let class = Class {
            students: n,
            cells: None,
            read,
            think,
            arrival,
        };
        let log = logs.join(format!("bench-{n}.log"));
        let measured = load::simulate(&workspace, &setup, class, &log, |_, _| Ok(()))?;
        for student in &measured {
            let failures = student.cells.iter().filter(|cell| !cell.passed());
            for cell in failures {
                eprintln!(
                    "bench hub: {} cell {}: {}",
                    student.name, cell.cell, cell.message
                );
            }
            if let Some(error) = &student.error {
                eprintln!("bench hub: {}: {error}", student.name);
            }
        }
        rows.push(Row::new(&measured, cells, load_before));
    }
    let mut text = report::table(&rows);
    if let Some((memory, disk)) = report::sizing(&rows, CLASS) {
        text.push_str(&format!(
            "\n{CLASS} students all active at once, at the largest class's figures per \
             student (kernel after the notebook + server; folder): {memory:.0} GiB of \
             memory, {disk:.0} GiB of disk.\n"
        ));
    }
    println!("{text}");
    let docs = workspace.root().join("docs").join("class-server.md");
    report::write_between_markers(&docs, &text)?;
    eprintln!("bench hub: table written to {}", docs.display());
    Ok(())
}
