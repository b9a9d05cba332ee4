//! `lab playground`: serve the playground page (tools/playground) on this
//! machine and open it in the browser.

use anyhow::{Context, Result};

/// Arguments of `lab playground`.
#[derive(clap::Args)]
#[command(after_help = "Example: lab playground --port 8000 --no-browser")]
pub struct Args {
    /// The port to listen on (0: any free port; the address is printed).
    #[arg(long, default_value_t = 7878)]
    port: u16,
    /// Do not open the page in the browser; only print its address.
    #[arg(long)]
    no_browser: bool,
}

/// Runs `lab playground` until it is interrupted.
pub fn run(args: Args) -> Result<()> {
    let runtime = tokio::runtime::Runtime::new().context("cannot start the web server")?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", args.port))
            .await
            .with_context(|| format!("cannot listen on 127.0.0.1:{}", args.port))?;
        let url = format!("http://{}/", listener.local_addr()?);
        println!("playground: {url} (Ctrl-C ends it)");
        if !args.no_browser && open::that_detached(&url).is_err() {
            println!("open {url} in a browser");
        }
        playground::serve(listener)
            .await
            .context("the web server stopped")
    })
}
