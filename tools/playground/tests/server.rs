//! The playground's HTTP API, called in process: the page's files, a run's
//! frames and events, the step view against `Network::trace` and
//! `Network::backward`, and bad input answered with a message.

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use network::ndarray::array;
use serde_json::{Value, json};
use tower::ServiceExt;

async fn call(app: &Router, method: &str, uri: &str, body: &str) -> (StatusCode, Value) {
    let request = Request::builder()
        .method(method)
        .uri(uri)
        .body(Body::from(body.to_string()))
        .unwrap();
    let response = app.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (
        status,
        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    )
}

async fn new_run(app: &Router, settings: Value) -> (StatusCode, Value) {
    call(
        app,
        "POST",
        "/api/runs",
        &json!({ "settings": settings }).to_string(),
    )
    .await
}

#[tokio::test]
async fn the_page_and_its_scripts_are_served_from_the_binary() {
    let app = playground::router();
    for (path, kind) in [
        ("/", "text/html"),
        ("/playground.js", "text/javascript"),
        ("/style.css", "text/css"),
    ] {
        let request = Request::get(path).body(Body::empty()).unwrap();
        let response = app.clone().oneshot(request).await.unwrap();
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        assert_eq!(response.headers()["content-type"], kind);
    }
    let request = Request::get("/").body(Body::empty()).unwrap();
    let page = app
        .oneshot(request)
        .await
        .unwrap()
        .into_body()
        .collect()
        .await
        .unwrap();
    let page = String::from_utf8(page.to_bytes().to_vec()).unwrap();
    assert!(page.contains(r#"<script src="/playground.js">"#));
    assert!(!page.contains("https://"), "no CDN: the page works offline");
}

#[tokio::test]
async fn a_run_starts_with_its_settings_points_and_first_frame() {
    let app = playground::router();
    let (status, reply) = new_run(
        &app,
        json!({ "data": "circles", "examples": "100", "hidden": "3,2" }),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{reply}");
    assert_eq!(reply["settings"]["hidden"], "3,2");
    assert_eq!(reply["setup"]["sizes"], json!([2, 3, 2, 1]));
    let (train, test) = (
        reply["setup"]["train"].as_array().unwrap(),
        reply["setup"]["test"].as_array().unwrap(),
    );
    assert_eq!((train.len(), test.len()), (50, 50)); // the default 50 % split
    let frame = &reply["frame"];
    assert_eq!(frame["epoch"], 0);
    let grid = playground::snapshot::GRID;
    assert_eq!(frame["boundary"].as_array().unwrap().len(), grid * grid);
    assert_eq!(frame["weights"][1].as_array().unwrap().len(), 2); // Θ²: 2 units
}

#[tokio::test]
async fn stepping_trains_one_epoch_and_lowers_the_loss() {
    let app = playground::router();
    let (_, reply) = new_run(&app, json!({ "data": "moons", "batch": "0", "lr": "5" })).await;
    let run = reply["run"].as_u64().unwrap();
    let before = reply["frame"]["train_loss"].as_f64().unwrap();
    let mut frame = Value::Null;
    for _ in 0..20 {
        frame = call(&app, "POST", &format!("/api/runs/{run}/step"), "")
            .await
            .1;
    }
    assert_eq!(frame["epoch"], 20);
    assert!(frame["train_loss"].as_f64().unwrap() < before, "{frame}");
}

#[tokio::test]
async fn a_playing_run_streams_frames_as_server_sent_events() {
    let app = playground::router();
    let (_, reply) = new_run(&app, json!({ "speed": "3" })).await;
    let run = reply["run"].as_u64().unwrap();
    let (status, playing) = call(&app, "POST", &format!("/api/runs/{run}/play"), "").await;
    assert_eq!(
        (status, &playing["playing"]),
        (StatusCode::OK, &json!(true))
    );
    let request = Request::get(format!("/api/runs/{run}/events"))
        .body(Body::empty())
        .unwrap();
    let response = app.clone().oneshot(request).await.unwrap();
    assert_eq!(response.headers()["content-type"], "text/event-stream");
    let mut body = response.into_body();
    let mut epochs = Vec::new();
    while epochs.len() < 2 {
        let frame = body.frame().await.unwrap().unwrap();
        let text = String::from_utf8(frame.into_data().unwrap().to_vec()).unwrap();
        if let Some(data) = text.lines().find_map(|line| line.strip_prefix("data: ")) {
            assert!(text.starts_with("event: frame"), "{text}");
            let frame: Value = serde_json::from_str(data).unwrap();
            epochs.push(frame["epoch"].as_u64().unwrap());
        }
    }
    assert_eq!(epochs, vec![3, 6], "each frame trains `speed` epochs");
    // The page closing its event stream (the tab closed) ends the run.
    drop(body);
    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    let (status, gone) = call(&app, "POST", &format!("/api/runs/{run}/step"), "").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(gone["error"].as_str().unwrap().contains("reload the page"));
}

#[tokio::test]
async fn the_step_view_of_the_slides_network_is_the_textbook_backpropagation() {
    let app = playground::router();
    let (_, reply) = new_run(&app, json!({ "data": "slide" })).await;
    let run = reply["run"].as_u64().unwrap();
    let (status, view) = call(&app, "GET", &format!("/api/runs/{run}/example/0"), "").await;
    assert_eq!(status, StatusCode::OK, "{view}");
    let (x, y) = (array![[0.05, 0.10]], array![[0.01]]);
    let (loss, grads) = playground::session::slide_network()
        .backward(x.view(), y.view())
        .unwrap();
    let close = |shown: &Value, expected: f64| (shown.as_f64().unwrap() - expected).abs() < 1e-15;
    assert!(close(&view["loss"], loss));
    for (l, grad) in grads.weights.iter().enumerate() {
        for ((i, j), &g) in grad.indexed_iter() {
            assert!(
                close(&view["grad_weights"][l][i][j], g),
                "∂J/∂Θ{}[{i},{j}]",
                l + 1
            );
        }
    }
    // Notebook 08's rounded numbers: δ_p, δ_z at the output, δ_a of the hidden units, δ_x.
    let units = &view["layers"];
    let rounded = |v: &Value| format!("{:.4}", v.as_f64().unwrap());
    assert_eq!(rounded(&units[2][0]["delta_a"]), "0.7414");
    assert_eq!(rounded(&units[2][0]["delta_z"]), "0.1385");
    assert_eq!(
        [
            rounded(&units[1][0]["delta_a"]),
            rounded(&units[1][1]["delta_a"])
        ],
        ["0.0554", "0.0623"]
    );
    assert_eq!(
        [
            rounded(&units[0][0]["delta_a"]),
            rounded(&units[0][1]["delta_a"])
        ],
        ["0.0058", "0.0072"]
    );
    // δ_z = δ_a σ'(z) unit by unit, and no unit of this network is saturated.
    for unit in units[1]
        .as_array()
        .unwrap()
        .iter()
        .chain(units[2].as_array().unwrap())
    {
        let product = unit["delta_a"].as_f64().unwrap() * unit["sigma_prime"].as_f64().unwrap();
        assert!(close(&unit["delta_z"], product));
        assert_eq!(unit["saturated"], false);
    }
}

#[tokio::test]
async fn bad_settings_and_files_get_a_message_not_a_panic() {
    let app = playground::router();
    let cases = [
        (
            json!({ "lr": "NaN" }),
            "the learning rate α must be a positive number, got NaN",
        ),
        (
            json!({ "lr": "0" }),
            "the learning rate α must be a positive number, got 0",
        ),
        (
            json!({ "lr": "fast" }),
            "the learning rate α must be a number, got `fast`",
        ),
        (
            json!({ "hidden": "4,0" }),
            "hidden layer 2 has 0 units: every layer needs at least one",
        ),
        (
            json!({ "data": "swiss roll" }),
            "unknown data set `swiss roll`",
        ),
        (json!({ "colour": "red" }), "unknown setting `colour`"),
        (json!({ "data": "csv" }), "choose a CSV file first"),
    ];
    for (settings, message) in cases {
        let (status, reply) = new_run(&app, settings.clone()).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{settings}");
        assert!(
            reply["error"].as_str().unwrap().starts_with(message),
            "{settings}: {reply}"
        );
    }
    let csv = |text: &str| json!({ "settings": { "data": "csv" }, "csv": text }).to_string();
    let (status, reply) = call(&app, "POST", "/api/runs", &csv("0,0,0\n1,x,1\n")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        reply["error"],
        "the CSV file: line 2: column 2: `x` is not a number"
    );
    let (_, reply) = call(&app, "POST", "/api/runs", &csv("0,0,0,1\n1,1,1,0\n")).await;
    assert!(
        reply["error"].as_str().unwrap().contains("has 4 columns"),
        "{reply}"
    );
    let (status, reply) = call(&app, "POST", "/api/runs", &csv("0,0,0\n1,1,1\n0,1,1\n")).await;
    assert_eq!(status, StatusCode::OK, "a good file trains: {reply}");
    let (status, reply) = call(&app, "POST", "/api/runs", "not json").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        reply["error"]
            .as_str()
            .unwrap()
            .starts_with("the request is not valid JSON")
    );
    let (status, reply) = call(&app, "GET", "/api/runs/0/example/999", "").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        reply["error"]
            .as_str()
            .unwrap()
            .contains("no training example 999"),
        "{reply}"
    );
    let (status, _) = call(&app, "POST", "/api/runs/12345/play", "").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_far_too_large_step_saturates_units_and_the_step_view_marks_them() {
    let app = playground::router();
    let (_, reply) = new_run(&app, json!({ "lr": "1000", "batch": "1" })).await;
    let run = reply["run"].as_u64().unwrap();
    call(&app, "POST", &format!("/api/runs/{run}/step"), "").await;
    let (_, view) = call(&app, "GET", &format!("/api/runs/{run}/example/0"), "").await;
    let hidden_and_output: Vec<&Value> = view["layers"].as_array().unwrap()[1..]
        .iter()
        .flat_map(|units| units.as_array().unwrap())
        .collect();
    for unit in &hidden_and_output {
        let sigma_prime = unit["sigma_prime"].as_f64().unwrap();
        assert_eq!(
            unit["saturated"],
            sigma_prime < playground::snapshot::SATURATED_BELOW
        );
    }
    assert!(
        hidden_and_output
            .iter()
            .any(|unit| unit["saturated"] == true),
        "{view}"
    );
}
