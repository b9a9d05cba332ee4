//! `lab hub`: the course on a class server.
//!
//! Sets up what is missing (the notebooks' set-up, JupyterHub and its idle
//! culler, the proxy, the shared build of the notebooks' crates; see the
//! `hub` crate), then serves JupyterHub: every student logs in, gets a
//! JupyterLab with the course's kernel and their own copy of the notebooks
//! and exercises; Ctrl-C stops it and every process it started. See
//! docs/class-server.md.

use crate::venv::workspace;
use anyhow::Result;
use hub::server::{self, Options};
use hub::{Hub, Setup};
use std::path::PathBuf;

/// Arguments of `lab hub`.
#[derive(clap::Args)]
pub struct Args {
    /// Serve on this port of 127.0.0.1.
    #[arg(long, value_name = "N", default_value_t = server::DEFAULT_PORT)]
    port: u16,
    /// A JupyterHub configuration file read after the course's (authenticator,
    /// address, limits; see docs/class-server.md).
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Only set everything up, then exit (for scripts and images).
    #[arg(long, conflicts_with_all = ["port", "config"])]
    setup: bool,
    /// Fill a new student's folder (run by the hub when a server starts).
    #[arg(long, value_name = "DIR", hide = true, exclusive = true)]
    student: Option<PathBuf>,
}

/// Runs `lab hub`.
pub fn run(args: Args) -> Result<()> {
    let workspace = workspace()?;
    if let Some(folder) = args.student {
        return hub::student::prepare(&workspace, &folder);
    }
    let hub = Hub::new(workspace);
    let setup = Setup::ensure(&hub)?;
    if args.setup {
        println!(
            "hub: ready (shared build in {}); start it with `cargo lab hub`",
            setup.seed.display()
        );
        return Ok(());
    }
    let options = Options {
        port: args.port,
        config: args.config,
        api_token: None,
    };
    let command = server::command(&hub, &setup, &options)?;
    println!(
        "hub: {} — log in with any user name and the password {} (in {})",
        server::url(&options),
        server::password(&hub)?,
        hub.state.join("password").display()
    );
    server::serve(&hub, command)
}
