//! The simulated students of `tools/hub/python/load.py`, against a fake
//! kernel websocket: a kernel that restarts under a cell is waited for,
//! set up again, and the cell runs again, as a student in JupyterLab would.

use std::process::Command;

/// Runs `steps` (what the fake kernel does on each read: "restarting", a
/// status message from the server, or "reply", the answer to the last
/// request) under `load.execute(socket, "s", "let x = 1;", result)`;
/// prints the outcome, the restarts and the requests sent.
fn execute_with(steps: &[&str]) -> String {
    let workspace = workspace::Workspace::find().unwrap();
    let python = workspace.venv().join("bin/python");
    let scripts = workspace.tool("hub").join("python");
    let script = format!(
        "import asyncio, json, sys\n\
         sys.path.insert(0, {scripts:?})\n\
         import load\n\
         class Socket:\n\
         \x20   def __init__(self, steps):\n\
         \x20       self.steps, self.sent = steps, []\n\
         \x20   async def write_message(self, text):\n\
         \x20       self.sent.append(json.loads(text))\n\
         \x20   async def read_message(self):\n\
         \x20       last = self.sent[-1]\n\
         \x20       if self.steps.pop(0) == 'restarting':\n\
         \x20           return json.dumps({{'msg_type': 'status', 'parent_header': {{}}, 'content': {{'execution_state': 'restarting'}}}})\n\
         \x20       kind = last['header']['msg_type'].replace('_request', '_reply')\n\
         \x20       return json.dumps({{'msg_type': kind, 'parent_header': {{'msg_id': last['header']['msg_id']}}, 'content': {{'status': 'ok'}}}})\n\
         socket, result = Socket({steps:?}), {{}}\n\
         outcome = asyncio.run(load.execute(socket, 's', 'let x = 1;', result))\n\
         sent = [m['content'].get('code', m['header']['msg_type']) for m in socket.sent]\n\
         print(outcome, result.get('restarts', 0), sent)\n"
    );
    let output = Command::new(python)
        .args(["-c", &script])
        .output()
        .expect("the workspace's python runs (cargo lab test sets it up)");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap().trim().to_owned()
}

#[test]
fn a_cell_is_answered_once() {
    assert_eq!(execute_with(&["reply"]), "('ok', '') 0 ['let x = 1;']");
}

#[test]
fn after_a_restart_the_kernel_is_waited_for_set_up_and_the_cell_run_again() {
    assert_eq!(
        execute_with(&["restarting", "reply", "reply", "reply"]),
        "('ok', '') 1 ['let x = 1;', 'kernel_info_request', ':preserve_vars_on_panic 0', 'let x = 1;']"
    );
}
