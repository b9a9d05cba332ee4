//! The HTTP side: the page's files, a small JSON API over [`Session`] and a
//! stream of frames (server-sent events) while a run plays.
//!
//! | route                           | what                                        |
//! |---------------------------------|---------------------------------------------|
//! | `GET /`, `/*.js`, `/style.css`  | the page, compiled into the binary          |
//! | `POST /api/runs`                | a new run: `{"settings": {…}, "csv": "…"}`  |
//! | `POST /api/runs/{id}/play`      | train between frames (`/pause` stops)       |
//! | `POST /api/runs/{id}/step`      | one epoch, returns the frame                |
//! | `GET /api/runs/{id}/example/{k}`| training example k's backpropagation       |
//! | `GET /api/runs/{id}/events`     | the frames, as server-sent events           |
//!
//! Errors are `{"error": "…"}` with a 4xx status, never a panic: the page
//! shows the message. A run ends when its page stops listening to its
//! events (the tab closed), or when more than [`MAX_RUNS`] runs are open.

use crate::{Config, Error, Session};
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use futures_util::Stream;
use serde_json::{Value, json};
use std::collections::{BTreeMap, HashMap};
use std::convert::Infallible;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

/// The most runs held at a time; a new run beyond them ends the oldest.
pub const MAX_RUNS: usize = 16;

/// The time between two frames while playing: up to 60 frames per second.
pub const FRAME_INTERVAL: Duration = Duration::from_millis(16);

/// The runs of all open pages.
#[derive(Default)]
struct Runs {
    next: u64,
    open: BTreeMap<u64, Arc<Mutex<Session>>>,
}

type Shared = Arc<Mutex<Runs>>;

/// The playground's routes.
pub fn router() -> Router {
    Router::new()
        .route(
            "/",
            get(|| file("text/html", include_str!("../assets/index.html"))),
        )
        .route(
            "/style.css",
            get(|| file("text/css", include_str!("../assets/style.css"))),
        )
        .route(
            "/state.js",
            get(|| script(include_str!("../assets/state.js"))),
        )
        .route(
            "/draw.js",
            get(|| script(include_str!("../assets/draw.js"))),
        )
        .route(
            "/playground.js",
            get(|| script(include_str!("../assets/playground.js"))),
        )
        .route("/api/runs", post(create))
        .route("/api/runs/{id}/play", post(|s, p| set_playing(s, p, true)))
        .route(
            "/api/runs/{id}/pause",
            post(|s, p| set_playing(s, p, false)),
        )
        .route("/api/runs/{id}/step", post(step))
        .route("/api/runs/{id}/example/{index}", get(example))
        .route("/api/runs/{id}/events", get(events))
        .with_state(Shared::default())
}

/// Serves the playground on `listener` until the process ends.
///
/// # Errors
/// When the server stops on an I/O error.
pub async fn serve(listener: tokio::net::TcpListener) -> std::io::Result<()> {
    axum::serve(listener, router()).await
}

async fn file(content_type: &'static str, body: &'static str) -> Response {
    ([(header::CONTENT_TYPE, content_type)], body).into_response()
}

async fn script(body: &'static str) -> Response {
    file("text/javascript", body).await
}

impl IntoResponse for Error {
    fn into_response(self) -> Response {
        let status = match self {
            Error::UnknownRun(_) => StatusCode::NOT_FOUND,
            _ => StatusCode::BAD_REQUEST,
        };
        (status, Json(json!({ "error": self.to_string() }))).into_response()
    }
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic while holding the lock cannot leave a run half-changed in a
    // way that matters more than losing the page: go on with it.
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn run(runs: &Shared, id: u64) -> Result<Arc<Mutex<Session>>, Error> {
    lock(runs)
        .open
        .get(&id)
        .cloned()
        .ok_or(Error::UnknownRun(id))
}

/// `POST /api/runs`: the page's settings (the URL's pairs) and, for
/// `data=csv`, the file's text.
async fn create(State(runs): State<Shared>, body: String) -> Result<Json<Value>, Error> {
    let request: Value = serde_json::from_str(&body)
        .map_err(|e| Error::Setting(format!("the request is not valid JSON: {e}")))?;
    let settings: HashMap<String, String> = request
        .get("settings")
        .and_then(|s| serde_json::from_value(s.clone()).ok())
        .ok_or_else(|| Error::Setting("the request has no `settings` of text values".into()))?;
    let csv = request.get("csv").and_then(Value::as_str);
    let session = Session::new(Config::from_map(&settings)?, csv)?;
    let mut reply = json!({
        "settings": session.config().to_map(),
        "setup": session.setup(),
        "frame": session.frame(),
    });
    let mut runs = lock(&runs);
    let id = runs.next;
    runs.next += 1;
    runs.open.insert(id, Arc::new(Mutex::new(session)));
    while runs.open.len() > MAX_RUNS {
        runs.open.pop_first();
    }
    reply["run"] = json!(id);
    Ok(Json(reply))
}

async fn set_playing(
    State(runs): State<Shared>,
    Path(id): Path<u64>,
    playing: bool,
) -> Result<Json<Value>, Error> {
    let session = run(&runs, id)?;
    let mut session = lock(&session);
    session.set_playing(playing);
    Ok(Json(json!(session.frame())))
}

async fn step(State(runs): State<Shared>, Path(id): Path<u64>) -> Result<Json<Value>, Error> {
    let session = run(&runs, id)?;
    let frame = lock(&session).step();
    Ok(Json(json!(frame)))
}

async fn example(
    State(runs): State<Shared>,
    Path((id, index)): Path<(u64, String)>,
) -> Result<Json<Value>, Error> {
    let index = index
        .parse()
        .map_err(|_| Error::Setting(format!("`{index}` is not an example number")))?;
    let session = run(&runs, id)?;
    let view = lock(&session).step_view(index)?;
    Ok(Json(json!(view)))
}

/// Ends its run when dropped: when the page stops listening.
struct EndsRun {
    runs: Shared,
    id: u64,
}

impl Drop for EndsRun {
    fn drop(&mut self) {
        lock(&self.runs).open.remove(&self.id);
    }
}

/// `GET /api/runs/{id}/events`: a frame whenever the run has trained
/// further, at most one per [`FRAME_INTERVAL`]. The training happens here,
/// driven by the stream, so a closed tab stops it.
async fn events(
    State(runs): State<Shared>,
    Path(id): Path<u64>,
) -> Result<Sse<impl Stream<Item = Result<Event, Infallible>>>, Error> {
    let session = run(&runs, id)?;
    let mut ticks = tokio::time::interval(FRAME_INTERVAL);
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let state = (session, ticks, EndsRun { runs, id });
    let frames = futures_util::stream::unfold(state, |(session, mut ticks, ends)| async move {
        loop {
            ticks.tick().await;
            let training = Arc::clone(&session);
            let frame = tokio::task::spawn_blocking(move || lock(&training).next_frame()).await;
            match frame {
                Ok(Some(frame)) => {
                    let event = Event::default().event("frame").json_data(&frame);
                    let event = event
                        .unwrap_or_else(|e| Event::default().event("failure").data(e.to_string()));
                    return Some((Ok(event), (session, ticks, ends)));
                }
                Ok(None) => continue,
                Err(_) => return None,
            }
        }
    });
    Ok(Sse::new(frames).keep_alive(KeepAlive::new().interval(Duration::from_secs(1))))
}
